//! The driver task: connect (with [`Backoff`]), run one session at a time, repeat.
//!
//! Invariants:
//! * Request ids are JSON integers allocated here, unique for the life of the client; our
//!   own echo probes use the id `"echo"` and are never reported to users.
//! * While waiting to reconnect, requests fail at once with `NotConnected`; requests
//!   issued during a connection attempt are queued and sent if it succeeds.
//! * When a session ends, every pending request gets `Disconnected` and a
//!   `ClientEvent::Disconnected` is emitted after the `connected` flag drops.

use std::collections::HashMap;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;
use tokio_util::codec::Framed;
use tracing::{debug, info, warn};

use super::backoff::Backoff;
use super::config::ClientConfig;
use super::error::ClientError;
use super::handle::{ClientEvent, Command, Reply};
use super::probe::{Probe, ProbeAction};
use crate::jsonrpc::{Codec, Message};
use crate::remote::{self, Stream};

/// How a session ended.
enum End {
    /// All handles dropped: stop the driver.
    Shutdown,
    /// Connection lost.
    Lost,
}

struct Driver {
    config: ClientConfig,
    cmds: mpsc::UnboundedReceiver<Command>,
    events: mpsc::UnboundedSender<ClientEvent>,
    connected: watch::Sender<bool>,
    next_id: u64,
}

pub(crate) async fn run(
    config: ClientConfig,
    cmds: mpsc::UnboundedReceiver<Command>,
    events: mpsc::UnboundedSender<ClientEvent>,
    connected: watch::Sender<bool>,
) {
    let mut backoff = Backoff::new(config.backoff_min, config.backoff_max);
    let mut d = Driver {
        config,
        cmds,
        events,
        connected,
        next_id: 1,
    };
    loop {
        let delay = match remote::connect(&d.config.remote).await {
            Ok(stream) => {
                info!(remote = %d.config.remote, "connected");
                backoff.connected(Instant::now().into_std());
                d.connected.send_replace(true);
                let _ = d.events.send(ClientEvent::Connected);
                let end = d.session(stream).await;
                d.connected.send_replace(false);
                let _ = d.events.send(ClientEvent::Disconnected);
                if let End::Shutdown = end {
                    return;
                }
                backoff.disconnected(Instant::now().into_std())
            }
            Err(e) => {
                let delay = backoff.connect_failed(Instant::now().into_std());
                debug!(remote = %d.config.remote, error = %e, ?delay, "connection attempt failed");
                delay
            }
        };
        if !d.config.reconnect {
            return;
        }
        if !d.wait_disconnected(delay).await {
            return;
        }
    }
}

impl Driver {
    /// Sleeps for `delay`, failing requests that arrive meanwhile. False if all handles
    /// are gone.
    async fn wait_disconnected(&mut self, delay: Duration) -> bool {
        let until = Instant::now() + delay;
        loop {
            tokio::select! {
                _ = tokio::time::sleep_until(until) => return true,
                cmd = self.cmds.recv() => match cmd {
                    None => return false,
                    Some(Command::Request { reply, .. }) => {
                        let _ = reply.send(Err(ClientError::NotConnected));
                    }
                    Some(Command::Notify { .. }) => {}
                },
            }
        }
    }

    async fn session(&mut self, stream: Stream) -> End {
        let mut framed = Framed::new(stream, Codec::new(self.config.max_message_size));
        let mut pending: HashMap<u64, Reply> = HashMap::new();
        let mut probe = self
            .config
            .probe_interval
            .map(|i| Probe::new(i, Instant::now().into_std()));
        let end = loop {
            let deadline = probe
                .as_ref()
                .map(|p| Instant::from_std(p.deadline()))
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(86400));
            tokio::select! {
                cmd = self.cmds.recv() => {
                    let msg = match cmd {
                        None => break End::Shutdown,
                        Some(Command::Request { method, params, reply }) => {
                            let id = self.next_id;
                            self.next_id += 1;
                            pending.insert(id, reply);
                            Message::request(method, params, json!(id))
                        }
                        Some(Command::Notify { method, params }) => Message::notification(method, params),
                    };
                    if let Err(e) = framed.send(&msg).await {
                        warn!(error = %e, "send failed");
                        break End::Lost;
                    }
                }
                msg = framed.next() => {
                    let msg = match msg {
                        None => { info!("connection closed by peer"); break End::Lost; }
                        Some(Err(e)) => { warn!(error = %e, "receive failed"); break End::Lost; }
                        Some(Ok(m)) => m,
                    };
                    if let Some(p) = probe.as_mut() {
                        p.received(Instant::now().into_std());
                    }
                    if let Some(reply) = self.handle(msg, &mut pending) {
                        if let Err(e) = framed.send(&reply).await {
                            warn!(error = %e, "send failed");
                            break End::Lost;
                        }
                    }
                }
                _ = tokio::time::sleep_until(deadline), if probe.is_some() => {
                    let Some(p) = probe.as_mut() else { continue };
                    match p.poll(Instant::now().into_std()) {
                        ProbeAction::Wait => {}
                        ProbeAction::SendEcho => {
                            debug!("idle: sending echo probe");
                            if framed.send(&Message::request("echo", vec![], json!("echo"))).await.is_err() {
                                break End::Lost;
                            }
                        }
                        ProbeAction::Disconnect => {
                            warn!(remote = %self.config.remote, "no response to inactivity probe; disconnecting");
                            break End::Lost;
                        }
                    }
                }
            }
        };
        for (_, reply) in pending.drain() {
            let _ = reply.send(Err(ClientError::Disconnected));
        }
        end
    }

    /// Dispatches one incoming message; returns a reply to send, if any.
    fn handle(&mut self, msg: Message, pending: &mut HashMap<u64, Reply>) -> Option<Message> {
        match msg {
            Message::Request { method, params, id } => {
                if method == "echo" {
                    Some(Message::Response {
                        result: Value::Array(params),
                        id,
                    })
                } else {
                    warn!(%method, "server sent unexpected request");
                    Some(Message::Error {
                        error: json!("unknown method"),
                        id,
                    })
                }
            }
            Message::Notification { method, params } => {
                let _ = self
                    .events
                    .send(ClientEvent::Notification { method, params });
                None
            }
            Message::Response { result, id } => {
                self.complete(&id, Ok(result), pending);
                None
            }
            Message::Error { error, id } => {
                self.complete(&id, Err(ClientError::Rpc(error)), pending);
                None
            }
        }
    }

    fn complete(
        &self,
        id: &Value,
        result: Result<Value, ClientError>,
        pending: &mut HashMap<u64, Reply>,
    ) {
        if id == &json!("echo") {
            return;
        }
        match id.as_u64().and_then(|n| pending.remove(&n)) {
            Some(reply) => {
                let _ = reply.send(result);
            }
            None => warn!(%id, "reply to unknown request id"),
        }
    }
}
