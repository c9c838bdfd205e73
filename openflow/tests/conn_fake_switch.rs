//! The tokio client against a scripted in-memory switch: handshake, echo answered,
//! multipart replies collected across parts, transaction errors mapped to message
//! indices, and a bundle that completes without waiting for any timer (a regression:
//! the commit used to sit in the queue until the next echo tick).

use openflow::conn::{Client, Config};
use openflow::text::parse_flow;
use openflow::wire::msg::multipart::{kind, FlowStats, MultipartBody};
use openflow::wire::msg::{bundle, ErrorMsg, ErrorType, FlowModCommand, Hello, Multipart};
use openflow::wire::{Message, Version};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

/// A switch that answers HELLO, barrier, bundle control and flow-stats requests, and
/// rejects flow_mods to table 99.
async fn fake_switch(mut s: DuplexStream) {
    let v = Version::Of15;
    s.write_all(&Message::Hello(Hello { bitmap: 0x40 }).to_bytes(v, 1))
        .await
        .unwrap();
    // The switch probes the controller once.
    s.write_all(&Message::EchoRequest(vec![9]).to_bytes(v, 1000))
        .await
        .unwrap();
    let mut buf = Vec::new();
    let mut tmp = [0u8; 4096];
    loop {
        let n = match s.read(&mut tmp).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buf.extend_from_slice(&tmp[..n]);
        while let Ok(Some(len)) = openflow::wire::msg::frame_len(&buf) {
            let frame: Vec<u8> = buf.drain(..len).collect();
            let (h, m) = Message::parse(&frame).unwrap();
            let reply = |m: Message| m.to_bytes(v, h.xid);
            let out = match m {
                Message::BarrierRequest => vec![reply(Message::BarrierReply)],
                Message::BundleControl {
                    bundle_id,
                    kind,
                    flags,
                } => {
                    vec![reply(Message::BundleControl {
                        bundle_id,
                        kind: kind + 1,
                        flags,
                    })]
                }
                Message::FlowMod(fm) if fm.table_id == 99 => {
                    vec![reply(Message::Error(ErrorMsg {
                        kind: ErrorType::FlowModFailed,
                        code: 2,
                        experimenter: None,
                        data: frame[..frame.len().min(64)].to_vec(),
                    }))]
                }
                Message::BundleAdd { message, .. } => match *message {
                    Message::FlowMod(fm) if fm.table_id == 99 => {
                        vec![reply(Message::Error(ErrorMsg {
                            kind: ErrorType::BundleFailed,
                            code: 0,
                            experimenter: None,
                            data: frame[..frame.len().min(64)].to_vec(),
                        }))]
                    }
                    _ => vec![],
                },
                Message::MultipartRequest(mp) if mp.kind == kind::FLOW => {
                    let part = |more: bool, cookie: u64| {
                        reply(Message::MultipartReply(Multipart {
                            kind: kind::FLOW,
                            flags: more as u16,
                            body: MultipartBody::FlowStatsReply(vec![FlowStats {
                                cookie,
                                priority: 1,
                                ..Default::default()
                            }]),
                        }))
                    };
                    vec![part(true, 1), part(false, 2)]
                }
                Message::EchoReply(d) => {
                    assert_eq!(
                        (h.xid, d),
                        (1000, vec![9]),
                        "echo answered with our xid and data"
                    );
                    vec![]
                }
                _ => vec![],
            };
            for o in out {
                s.write_all(&o).await.unwrap();
            }
        }
    }
}

fn config() -> Config {
    Config {
        echo_interval: Duration::from_secs(60),
        echo_timeout: Duration::from_secs(60),
        ..Config::default()
    }
}

#[tokio::test]
async fn client_against_scripted_switch() {
    let (a, b) = tokio::io::duplex(1 << 16);
    tokio::spawn(fake_switch(b));
    let (c, _u) = Client::over(a, config()).await.unwrap();
    assert_eq!(c.version(), Version::Of15);

    // Multipart reply in two parts arrives as one answer.
    let req = Message::MultipartRequest(Multipart {
        kind: kind::FLOW,
        flags: 0,
        body: MultipartBody::FlowStatsRequest(Default::default()),
    });
    let parts = c.request(req).await.unwrap();
    assert_eq!(parts.len(), 2);

    // Errors map to the message that caused them.
    let ok = parse_flow("table=1,priority=1 actions=drop").unwrap();
    let bad = parse_flow("table=99,priority=1 actions=drop").unwrap();
    let msgs = vec![
        Message::FlowMod(ok.to_flow_mod(FlowModCommand::Add)),
        Message::FlowMod(bad.to_flow_mod(FlowModCommand::Add)),
        Message::FlowMod(ok.to_flow_mod(FlowModCommand::Add)),
    ];
    let errs = c.transact(msgs.clone()).await.unwrap();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].index, Some(1));
    assert_eq!(errs[0].error.name(), "OFPFMFC_BAD_TABLE_ID");

    // A clean bundle completes promptly (timers are 60 s here).
    let good = vec![Message::FlowMod(ok.to_flow_mod(FlowModCommand::Add)); 100];
    let r = tokio::time::timeout(Duration::from_secs(5), c.bundle(7, good)).await;
    assert_eq!(
        r.expect("bundle must not wait for a timer").unwrap(),
        vec![]
    );

    // A bundle with a rejected add reports it and is discarded, not committed.
    let errs = tokio::time::timeout(Duration::from_secs(5), c.bundle(8, msgs))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].index, Some(1));
    let _ = bundle::DISCARD_REQUEST;
}

/// With `reconnect`, a switch that drops the connection is redialled (with backoff)
/// and later requests succeed on the new connection.
#[tokio::test]
async fn reconnects_after_the_switch_drops_us() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("br0.mgmt");
    let listener = tokio::net::UnixListener::bind(&path).unwrap();
    tokio::spawn(async move {
        // First connection: handshake, then hang up.
        let (mut s, _) = listener.accept().await.unwrap();
        s.write_all(&Message::Hello(Hello { bitmap: 0x40 }).to_bytes(Version::Of15, 1))
            .await
            .unwrap();
        let mut tmp = [0u8; 64];
        let _ = s.read(&mut tmp).await;
        drop(s);
        // Second connection: a full scripted switch.
        let (s, _) = listener.accept().await.unwrap();
        let (a, mut b) = tokio::io::duplex(1 << 16);
        tokio::spawn(fake_switch(a));
        let (mut r, mut w) = tokio::io::split(s);
        let (mut br, mut bw) = tokio::io::split(&mut b);
        let _ = tokio::join!(
            tokio::io::copy(&mut r, &mut bw),
            tokio::io::copy(&mut br, &mut w)
        );
    });
    let remote = format!("unix:{}", path.display());
    let (c, _u) = Client::connect_with(&remote, config(), true).await.unwrap();
    let mut ok = false;
    for _ in 0..50 {
        if let Ok(Ok(())) = tokio::time::timeout(Duration::from_millis(500), c.barrier()).await {
            ok = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ok, "barrier never succeeded after reconnect");
}
