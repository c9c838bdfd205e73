//! The tokio driver around [`ServerCore`]: listeners, one task per connection, and one
//! task that owns the core and feeds it messages and timeouts in arrival order.
//!
//! Invariants: only the core task touches the core; a connection task ends (and the core
//! hears `disconnect`) on EOF, I/O error, malformed input, an unanswered inactivity probe,
//! or an `Output::Close`.

use std::time::{Duration, Instant};

use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, oneshot};
use tokio_util::codec::Framed;
use tracing::{debug, info, warn};

use crate::jsonrpc::{Codec, Message};
use crate::remote::{Listener, Remote};

use super::core::{Output, ServerCore};
use super::SessionId;

/// Largest JSON-RPC message accepted from a client.
pub const MAX_MESSAGE_SIZE: usize = 64 * 1024 * 1024;

enum Event {
    Connected(SessionId, mpsc::UnboundedSender<Outbound>),
    Received(SessionId, Message),
    Disconnected(SessionId),
    Status(oneshot::Sender<Status>),
}

enum Outbound {
    Message(Message),
    Close,
}

/// What the server is doing, for the status call and logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Served database names.
    pub databases: Vec<String>,
    /// Open connections.
    pub sessions: usize,
    /// Active monitors over all connections.
    pub monitors: usize,
}

/// A handle to a running server.
#[derive(Clone)]
pub struct ServerHandle {
    events: mpsc::UnboundedSender<Event>,
}

impl ServerHandle {
    /// The server's current status.
    pub async fn status(&self) -> Option<Status> {
        let (tx, rx) = oneshot::channel();
        self.events.send(Event::Status(tx)).ok()?;
        rx.await.ok()
    }
}

/// Starts the core task and one accept loop per listener; returns at once.
pub fn spawn(core: ServerCore, listeners: Vec<(Remote, Listener)>) -> ServerHandle {
    let (events, rx) = mpsc::unbounded_channel();
    tokio::spawn(core_task(core, rx));
    for (remote, listener) in listeners {
        // As ovsdb-server: unix sockets are not probed, TCP connections are.
        let probe = match remote {
            Remote::PUnix(_) | Remote::Unix(_) => None,
            Remote::PTcp(_) | Remote::Tcp(_) => Some(Duration::from_secs(5)),
        };
        info!(%remote, "listening");
        tokio::spawn(accept_loop(listener, events.clone(), probe));
    }
    ServerHandle { events }
}

async fn accept_loop(
    listener: Listener,
    events: mpsc::UnboundedSender<Event>,
    probe: Option<Duration>,
) {
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                debug!(session = id, %peer, "accepted");
                tokio::spawn(connection_task(id, stream, events.clone(), probe));
            }
            Err(e) => {
                warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn connection_task<S>(
    id: SessionId,
    stream: S,
    events: mpsc::UnboundedSender<Event>,
    probe: Option<Duration>,
) where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let (tx, mut rx) = mpsc::unbounded_channel();
    if events.send(Event::Connected(id, tx)).is_err() {
        return;
    }
    debug!(session = id, "connection opened");
    let mut framed = Framed::new(stream, Codec::new(MAX_MESSAGE_SIZE));
    let mut last_rx = Instant::now();
    let mut probe_sent = false;
    let tick = probe.unwrap_or(Duration::from_secs(3600));
    loop {
        tokio::select! {
            incoming = framed.next() => match incoming {
                Some(Ok(msg)) => {
                    last_rx = Instant::now();
                    probe_sent = false;
                    if events.send(Event::Received(id, msg)).is_err() { break; }
                }
                Some(Err(e)) => {
                    warn!(session = id, error = %e, "closing connection on bad input");
                    break;
                }
                None => break,
            },
            outgoing = rx.recv() => match outgoing {
                Some(Outbound::Message(msg)) => {
                    if let Err(e) = framed.send(msg).await {
                        debug!(session = id, error = %e, "write failed");
                        break;
                    }
                }
                Some(Outbound::Close) | None => break,
            },
            _ = tokio::time::sleep(tick), if probe.is_some() => {
                let idle = last_rx.elapsed();
                if probe_sent && idle >= 2 * tick {
                    info!(session = id, "no reply to inactivity probe, disconnecting");
                    break;
                }
                if !probe_sent && idle >= tick {
                    probe_sent = true;
                    let echo = Message::request("echo", Vec::new(), Value::String("echo".into()));
                    if framed.send(echo).await.is_err() { break; }
                }
            }
        }
    }
    debug!(session = id, "connection closed");
    let _ = events.send(Event::Disconnected(id));
}

async fn core_task(mut core: ServerCore, mut events: mpsc::UnboundedReceiver<Event>) {
    let start = Instant::now();
    let now_ms = |start: Instant| start.elapsed().as_millis() as i64;
    let mut sessions: std::collections::HashMap<SessionId, mpsc::UnboundedSender<Outbound>> =
        Default::default();
    loop {
        let wake = core
            .next_timeout()
            .map(|t| start + Duration::from_millis(t.max(0) as u64));
        let event = tokio::select! {
            e = events.recv() => match e { Some(e) => Some(e), None => return },
            _ = sleep_until_opt(wake) => None,
        };
        let outputs = match event {
            None => core.handle_timeout(now_ms(start)),
            Some(Event::Connected(id, tx)) => {
                sessions.insert(id, tx);
                core.connect(id);
                Vec::new()
            }
            Some(Event::Received(id, msg)) => core.handle(id, msg, now_ms(start)),
            Some(Event::Disconnected(id)) => {
                sessions.remove(&id);
                core.disconnect(id)
            }
            Some(Event::Status(reply)) => {
                let (sessions_n, monitors) = core.stats();
                let _ = reply.send(Status {
                    databases: core.database_names(),
                    sessions: sessions_n,
                    monitors,
                });
                Vec::new()
            }
        };
        for out in outputs {
            match out {
                Output::Send(id, msg) => {
                    if let Some(tx) = sessions.get(&id) {
                        let _ = tx.send(Outbound::Message(msg));
                    }
                }
                Output::Close(id) => {
                    if let Some(tx) = sessions.get(&id) {
                        let _ = tx.send(Outbound::Close);
                    }
                }
            }
        }
    }
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}
