//! The driver of [`crate::pinctrl`]: one task owns a second OpenFlow connection to the
//! integration bridge (as ovn-controller's pinctrl thread does), asks for asynchronous
//! messages as `NXT_PACKET_IN2`, hands every packet-in to the sans-IO [`Pinctrl`], sends
//! the packet-outs it returns on the same connection and passes learned FDB entries to the
//! daemon, which writes them to the southbound `FDB` table.
//!
//! Invariants: a lost connection is retried (500 ms) and set up again; nothing here
//! writes to a database; a packet-in that cannot be handled is counted by `Pinctrl` and
//! dropped.

use std::time::{Duration, Instant};

use openflow::conn::Client;
use openflow::wire::msg::{Message, NxMessage, SwitchConfig};
use tokio::sync::mpsc;

use crate::pinctrl::{FdbEntry, PacketIn, Pinctrl, PinctrlOutput};

/// Starts the task for the switch at `remote`; learned FDB entries arrive on the
/// returned receiver. The task ends when the receiver is dropped.
pub fn start(remote: String) -> mpsc::UnboundedReceiver<FdbEntry> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(run(remote, tx));
    rx
}

async fn run(remote: String, learned: mpsc::UnboundedSender<FdbEntry>) {
    let mut pinctrl = Pinctrl::new();
    let mut logged = false;
    while !learned.is_closed() {
        match session(&remote, &mut pinctrl, &learned).await {
            Ok(()) => return,
            Err(e) => {
                if !logged {
                    tracing::info!(%remote, error = %e, "packet-in connection down; retrying");
                    logged = true;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

async fn session(
    remote: &str,
    pinctrl: &mut Pinctrl,
    learned: &mpsc::UnboundedSender<FdbEntry>,
) -> Result<(), String> {
    let (client, mut unsolicited) = Client::connect(remote).await.map_err(|e| e.to_string())?;
    // A service connection only gets asynchronous messages once it sets miss_send_len;
    // NXT_PACKET_IN2 carries the userdata and the pipeline state.
    let errs = client
        .transact(vec![
            Message::SetConfig(SwitchConfig {
                flags: 0,
                miss_send_len: u16::MAX,
            }),
            Message::Nx(NxMessage::SetPacketInFormat(2)),
        ])
        .await
        .map_err(|e| e.to_string())?;
    if !errs.is_empty() {
        return Err(format!("packet-in setup rejected: {errs:?}"));
    }
    tracing::info!(%remote, "packet-in connection up");
    loop {
        let next = tokio::select! {
            m = unsolicited.recv() => m,
            _ = learned.closed() => return Ok(()),
        };
        let Some((_, msg)) = next else {
            return Err("connection closed".into());
        };
        let Message::Nx(NxMessage::PacketIn2(props)) = msg else {
            tracing::debug!(?msg, "unsolicited message ignored");
            continue;
        };
        let pi = match PacketIn::from_packet_in2(&props) {
            Ok(pi) => pi,
            Err(e) => {
                tracing::debug!(error = %e, "undecodable packet-in");
                continue;
            }
        };
        for out in pinctrl.handle_packet_in(&pi, Instant::now()) {
            match out {
                PinctrlOutput::PacketOut(po) => {
                    let errs = client
                        .transact(vec![Message::PacketOut(po)])
                        .await
                        .map_err(|e| e.to_string())?;
                    if !errs.is_empty() {
                        tracing::debug!(?errs, "packet-out rejected");
                    }
                }
                PinctrlOutput::FdbLearned(e) => {
                    let _ = learned.send(e);
                }
                // Logged by pinctrl itself; MAC bindings are for routers (not yet).
                PinctrlOutput::Log(_) | PinctrlOutput::MacBindingLearned(_) => {}
            }
        }
    }
}
