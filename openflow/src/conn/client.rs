//! The tokio driver around [`Core`]: one task owns the socket and the core; callers
//! talk to it through a channel and get futures back.
//!
//! - [`Client::request`]: send one message, resolve with its reply (all parts of a
//!   multipart reply) or its error.
//! - [`Client::transact`]: send messages then a barrier; resolve with the errors the
//!   switch reported, each mapped to the index of the message that caused it.
//! - [`Client::bundle`]: the same inside an atomic, ordered bundle (open, add..., commit),
//!   so either all messages take effect or none does.
//!
//! With `reconnect`, a lost connection fails the outstanding requests with
//! [`ConnError::Disconnected`] and the task reconnects with [`Backoff`].

use super::backoff::Backoff;
use super::core::{Config, Core, Event};
use super::remote::Remote;
use crate::wire::msg::{bundle, ErrorMsg, Message, Version};
use std::collections::HashMap;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConnError {
    /// The switch answered with an OpenFlow error.
    #[error("switch error {}", .0.name())]
    Switch(ErrorMsg),
    /// The connection dropped before an answer arrived.
    #[error("disconnected: {0}")]
    Disconnected(String),
    /// Could not connect.
    #[error("connect: {0}")]
    Connect(String),
}

/// An error reported for one message of a transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct TxnError {
    /// Index of the message in the submitted list; `None` for the barrier/commit itself.
    pub index: Option<usize>,
    /// The switch's error.
    pub error: ErrorMsg,
}

/// Byte stream the driver can run on.
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send + 'static {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + 'static> Stream for T {}

enum Cmd {
    Request(Message, oneshot::Sender<Result<Vec<Message>, ConnError>>),
    Transact {
        msgs: Vec<Message>,
        bundle: Option<(u32, u16)>,
        done: oneshot::Sender<Result<Vec<TxnError>, ConnError>>,
    },
}

enum Waiter {
    Reply(
        Vec<Message>,
        oneshot::Sender<Result<Vec<Message>, ConnError>>,
    ),
    Member(u64),
    End(u64),
}

struct Group {
    /// Bundle to commit once every add was accepted (checked with a barrier first, so
    /// a rejected add never lets the rest commit).
    commit: Option<(u32, u16)>,
    members: HashMap<u32, usize>,
    errors: Vec<TxnError>,
    done: oneshot::Sender<Result<Vec<TxnError>, ConnError>>,
}

/// A connection to one switch.
#[derive(Clone)]
pub struct Client {
    tx: mpsc::UnboundedSender<Cmd>,
    version: Version,
}

/// Messages the switch sent on its own (packet-ins, port status...).
pub type Unsolicited = mpsc::UnboundedReceiver<(u32, Message)>;

async fn open(remote: &Remote) -> Result<Box<dyn StreamObj>, ConnError> {
    match remote {
        Remote::Unix(p) => tokio::net::UnixStream::connect(p)
            .await
            .map(|s| Box::new(s) as Box<dyn StreamObj>)
            .map_err(|e| ConnError::Connect(format!("{}: {e}", p.display()))),
        Remote::Tcp(a) => tokio::net::TcpStream::connect(a)
            .await
            .map(|s| {
                let _ = s.set_nodelay(true);
                Box::new(s) as Box<dyn StreamObj>
            })
            .map_err(|e| ConnError::Connect(format!("{a}: {e}"))),
    }
}

/// Object-safe stream.
pub trait StreamObj: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> StreamObj for T {}

impl Client {
    /// Connects to `remote` (`unix:PATH` or `tcp:IP:PORT`) and completes the handshake.
    pub async fn connect(remote: &str) -> Result<(Client, Unsolicited), ConnError> {
        Self::connect_with(remote, Config::default(), false).await
    }

    /// Like [`Client::connect`], with tunables and optional automatic reconnection.
    pub async fn connect_with(
        remote: &str,
        config: Config,
        reconnect: bool,
    ) -> Result<(Client, Unsolicited), ConnError> {
        let r: Remote = remote.parse().map_err(ConnError::Connect)?;
        let stream = open(&r).await?;
        let redial = reconnect.then_some(r);
        Self::start(stream, config, redial).await
    }

    /// Runs the protocol over an already-open stream (tests use an in-memory duplex).
    pub async fn over<S: Stream>(
        stream: S,
        config: Config,
    ) -> Result<(Client, Unsolicited), ConnError> {
        Self::start(Box::new(stream), config, None).await
    }

    async fn start(
        stream: Box<dyn StreamObj>,
        config: Config,
        redial: Option<Remote>,
    ) -> Result<(Client, Unsolicited), ConnError> {
        let (tx, rx) = mpsc::unbounded_channel();
        let (utx, urx) = mpsc::unbounded_channel();
        let (ready_tx, ready_rx) = oneshot::channel();
        tokio::spawn(run(stream, config, redial, rx, utx, ready_tx));
        let version = ready_rx
            .await
            .map_err(|_| ConnError::Disconnected("driver ended".into()))??;
        Ok((Client { tx, version }, urx))
    }

    /// The negotiated OpenFlow version.
    pub fn version(&self) -> Version {
        self.version
    }

    /// Sends `msg` and waits for its reply (every part of a multipart reply).
    pub async fn request(&self, msg: Message) -> Result<Vec<Message>, ConnError> {
        let (done, rx) = oneshot::channel();
        self.tx
            .send(Cmd::Request(msg, done))
            .map_err(|_| ConnError::Disconnected("driver ended".into()))?;
        rx.await
            .map_err(|_| ConnError::Disconnected("driver ended".into()))?
    }

    /// Sends `msgs` followed by a barrier; returns the errors they caused.
    pub async fn transact(&self, msgs: Vec<Message>) -> Result<Vec<TxnError>, ConnError> {
        self.group(msgs, None).await
    }

    async fn group(
        &self,
        msgs: Vec<Message>,
        bundle: Option<(u32, u16)>,
    ) -> Result<Vec<TxnError>, ConnError> {
        let (done, rx) = oneshot::channel();
        self.tx
            .send(Cmd::Transact { msgs, bundle, done })
            .map_err(|_| ConnError::Disconnected("driver ended".into()))?;
        rx.await
            .map_err(|_| ConnError::Disconnected("driver ended".into()))?
    }

    /// Applies `msgs` atomically in bundle `bundle_id`; on any error nothing is applied
    /// and the errors (mapped to message indices) are returned.
    pub async fn bundle(
        &self,
        bundle_id: u32,
        msgs: Vec<Message>,
    ) -> Result<Vec<TxnError>, ConnError> {
        let flags = bundle::ATOMIC | bundle::ORDERED;
        let ctl = |kind| Message::BundleControl {
            bundle_id,
            kind,
            flags,
        };
        let t = std::time::Instant::now();
        self.request(ctl(bundle::OPEN_REQUEST)).await?;
        tracing::debug!(elapsed = ?t.elapsed(), "bundle opened");
        let errors = self.group(msgs, Some((bundle_id, flags))).await?;
        tracing::debug!(elapsed = ?t.elapsed(), "bundle committed");
        if !errors.is_empty() {
            let _ = self.request(ctl(bundle::DISCARD_REQUEST)).await;
        }
        Ok(errors)
    }

    /// Makes the switch's flows equal `desired` atomically: plans the minimal flow_mods
    /// against `table` (what we believe is installed), applies them in one bundle, and
    /// on success records `desired` as installed. On errors nothing changed, on the
    /// switch or in `table`.
    pub async fn sync_flows(
        &self,
        table: &mut crate::table::FlowTable,
        desired: &[crate::text::Flow],
        bundle_id: u32,
    ) -> Result<Vec<TxnError>, ConnError> {
        let mods: Vec<Message> = table
            .plan(desired)
            .into_iter()
            .map(Message::FlowMod)
            .collect();
        if mods.is_empty() {
            return Ok(Vec::new());
        }
        let errors = self.bundle(bundle_id, mods).await?;
        if errors.is_empty() {
            table.commit(desired);
        }
        Ok(errors)
    }

    /// Reads every flow the switch has (flow-stats request over all tables).
    pub async fn dump_flows(&self) -> Result<Vec<crate::text::Flow>, ConnError> {
        use crate::wire::msg::multipart::{kind, FlowStatsRequest, MultipartBody};
        use crate::wire::msg::Multipart;
        let req = Message::MultipartRequest(Multipart {
            kind: kind::FLOW,
            flags: 0,
            body: MultipartBody::FlowStatsRequest(FlowStatsRequest::default()),
        });
        let mut out = Vec::new();
        for part in self.request(req).await? {
            if let Message::MultipartReply(Multipart {
                body: MultipartBody::FlowStatsReply(fs),
                ..
            }) = part
            {
                out.extend(fs.iter().map(crate::text::Flow::from_stats));
            }
        }
        Ok(out)
    }

    /// Sends a barrier and waits for its reply.
    pub async fn barrier(&self) -> Result<(), ConnError> {
        self.request(Message::BarrierRequest).await.map(|_| ())
    }
}

struct Task {
    core: Core,
    waiters: HashMap<u32, Waiter>,
    groups: HashMap<u64, Group>,
    next_group: u64,
    unsolicited: mpsc::UnboundedSender<(u32, Message)>,
    ready: Option<oneshot::Sender<Result<Version, ConnError>>>,
}

impl Task {
    fn command(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Request(m, done) => {
                let xid = self.core.send(&m);
                self.waiters.insert(xid, Waiter::Reply(Vec::new(), done));
            }
            Cmd::Transact { msgs, bundle, done } => {
                let g = self.next_group;
                self.next_group += 1;
                let mut members = HashMap::new();
                for (i, m) in msgs.into_iter().enumerate() {
                    let xid = match bundle {
                        Some((bundle_id, flags)) => {
                            let xid = self.core.reserve_xid();
                            let add = Message::BundleAdd {
                                bundle_id,
                                flags,
                                xid,
                                message: Box::new(m),
                            };
                            self.core.send_with_xid(&add, xid);
                            xid
                        }
                        None => self.core.send(&m),
                    };
                    members.insert(xid, i);
                    self.waiters.insert(xid, Waiter::Member(g));
                }
                let xid = self.core.send(&Message::BarrierRequest);
                self.waiters.insert(xid, Waiter::End(g));
                self.groups.insert(
                    g,
                    Group {
                        commit: bundle,
                        members,
                        errors: Vec::new(),
                        done,
                    },
                );
            }
        }
    }

    fn event(&mut self, ev: Event) -> Option<String> {
        match ev {
            Event::Connected(v) => {
                if let Some(r) = self.ready.take() {
                    let _ = r.send(Ok(v));
                }
            }
            Event::Reply(xid, m) => match self.waiters.remove(&xid) {
                Some(Waiter::Reply(mut parts, done)) => {
                    let more = matches!(&m, Message::MultipartReply(mp) if mp.more());
                    parts.push(m);
                    if more {
                        self.waiters.insert(xid, Waiter::Reply(parts, done));
                    } else {
                        let _ = done.send(Ok(parts));
                    }
                }
                Some(Waiter::End(g)) => self.finish_group(g),
                Some(w @ Waiter::Member(_)) => {
                    self.waiters.insert(xid, w);
                }
                None => {
                    let _ = self.unsolicited.send((xid, m));
                }
            },
            Event::Error(xid, e) => match self.waiters.remove(&xid) {
                Some(Waiter::Reply(_, done)) => {
                    let _ = done.send(Err(ConnError::Switch(e)));
                }
                Some(Waiter::Member(g)) => {
                    self.waiters.insert(xid, Waiter::Member(g));
                    self.group_error(g, Some(xid), e);
                }
                Some(Waiter::End(g)) => {
                    self.group_error(g, None, e);
                    self.finish_group(g);
                }
                None => {
                    // Errors for bundle members can carry the inner xid only in data.
                    let inner = e.failed_xid();
                    let g = inner.and_then(|x| match self.waiters.get(&x) {
                        Some(Waiter::Member(g)) => Some(*g),
                        _ => None,
                    });
                    match g {
                        Some(g) => self.group_error(g, inner, e),
                        None => tracing::warn!(xid, error = %e.name(), "unmatched OpenFlow error"),
                    }
                }
            },
            Event::Unsolicited(xid, m) => {
                let _ = self.unsolicited.send((xid, m));
            }
            Event::Disconnected(why) => return Some(why),
        }
        None
    }

    fn group_error(&mut self, g: u64, xid: Option<u32>, e: ErrorMsg) {
        if let Some(grp) = self.groups.get_mut(&g) {
            let index = xid
                .and_then(|x| grp.members.get(&x).copied())
                .or_else(|| e.failed_xid().and_then(|x| grp.members.get(&x).copied()));
            grp.errors.push(TxnError { index, error: e });
        }
    }

    fn finish_group(&mut self, g: u64) {
        if let Some(grp) = self.groups.get_mut(&g) {
            if grp.errors.is_empty() {
                if let Some((bundle_id, flags)) = grp.commit.take() {
                    tracing::debug!("bundle adds accepted; committing");
                    let commit = Message::BundleControl {
                        bundle_id,
                        kind: bundle::COMMIT_REQUEST,
                        flags,
                    };
                    let xid = self.core.send(&commit);
                    self.waiters.insert(xid, Waiter::End(g));
                    return;
                }
            }
        }
        if let Some(grp) = self.groups.remove(&g) {
            for x in grp.members.keys() {
                self.waiters.remove(x);
            }
            let _ = grp.done.send(Ok(grp.errors));
        }
    }

    fn fail_all(&mut self, why: &str) {
        for (_, w) in self.waiters.drain() {
            if let Waiter::Reply(_, done) = w {
                let _ = done.send(Err(ConnError::Disconnected(why.into())));
            }
        }
        for (_, g) in self.groups.drain() {
            let _ = g.done.send(Err(ConnError::Disconnected(why.into())));
        }
        if let Some(r) = self.ready.take() {
            let _ = r.send(Err(ConnError::Disconnected(why.into())));
        }
    }
}

async fn session(
    stream: Box<dyn StreamObj>,
    task: &mut Task,
    rx: &mut mpsc::UnboundedReceiver<Cmd>,
) -> Option<String> {
    let (mut rd, mut wr) = tokio::io::split(stream);
    // Writing happens in its own task so a large batch never stops us from reading:
    // a switch whose replies are not read may close the connection.
    let (wtx, mut wrx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (werr_tx, mut werr_rx) = oneshot::channel::<String>();
    let writer = tokio::spawn(async move {
        while let Some(mut buf) = wrx.recv().await {
            while let Ok(more) = wrx.try_recv() {
                buf.extend_from_slice(&more);
            }
            if let Err(e) = wr.write_all(&buf).await {
                let _ = werr_tx.send(format!("write: {e}"));
                return;
            }
        }
    });
    let mut buf = vec![0u8; 64 * 1024];
    let result = loop {
        // Events may queue more output (a bundle commit after its barrier), so handle
        // events first and flush after.
        let mut dead = None;
        while let Some(ev) = task.core.poll_event() {
            if let Some(why) = task.event(ev) {
                dead = Some(why);
                break;
            }
        }
        if dead.is_some() {
            break dead;
        }
        let mut out = Vec::new();
        while let Some(b) = task.core.poll_transmit() {
            out.extend_from_slice(&b);
        }
        if !out.is_empty() && wtx.send(out).is_err() {
            break Some("writer ended".to_string());
        }
        let deadline = task
            .core
            .poll_timeout()
            .map(Instant::from_std)
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
        tokio::select! {
            r = rd.read(&mut buf) => match r {
                Ok(0) | Err(_) => task.core.handle_close(),
                Ok(n) => task.core.handle_input(&buf[..n], std::time::Instant::now()),
            },
            cmd = rx.recv() => match cmd {
                Some(c) => {
                    task.command(c);
                    // Take whatever else is queued so large batches go out together.
                    while let Ok(c) = rx.try_recv() {
                        task.command(c);
                    }
                }
                None => break None,
            },
            e = &mut werr_rx => {
                if let Ok(e) = e {
                    break Some(e);
                }
            }
            _ = tokio::time::sleep_until(deadline) => task.core.handle_timeout(std::time::Instant::now()),
        }
    };
    drop(wtx);
    if result.is_some() {
        writer.abort();
    } else {
        let _ = writer.await;
    }
    result
}

async fn run(
    mut stream: Box<dyn StreamObj>,
    config: Config,
    redial: Option<Remote>,
    mut rx: mpsc::UnboundedReceiver<Cmd>,
    unsolicited: mpsc::UnboundedSender<(u32, Message)>,
    ready: oneshot::Sender<Result<Version, ConnError>>,
) {
    let mut task = Task {
        core: Core::new(config.clone(), std::time::Instant::now()),
        waiters: HashMap::new(),
        groups: HashMap::new(),
        next_group: 0,
        unsolicited,
        ready: Some(ready),
    };
    let mut backoff = Backoff::new(Duration::from_millis(100), Duration::from_secs(8));
    loop {
        let why = session(stream, &mut task, &mut rx).await;
        let Some(why) = why else { return };
        tracing::info!(reason = %why, "OpenFlow connection lost");
        task.fail_all(&why);
        let Some(remote) = &redial else { return };
        loop {
            tokio::time::sleep(backoff.next_delay()).await;
            match open(remote).await {
                Ok(s) => {
                    stream = s;
                    break;
                }
                Err(e) => tracing::debug!(error = %e, "reconnect failed"),
            }
        }
        backoff.reset();
        task.core = Core::new(config.clone(), std::time::Instant::now());
    }
}
