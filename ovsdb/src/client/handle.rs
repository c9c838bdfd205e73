//! [`Client`]: the handle users hold, and the RFC 7047 calls on top of `request`.
//!
//! The handle is cheap to clone; the connection lives in a driver task that stops when
//! the last handle is dropped.

use std::pin::Pin;
use std::task::{Context, Poll};

use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot, watch};

use super::config::ClientConfig;
use super::error::ClientError;
use super::session;

/// Something the server or the connection did, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientEvent {
    /// A connection was (re-)established. Monitors and locks must be set up again.
    Connected,
    /// The connection was lost; pending requests failed with `Disconnected`.
    Disconnected,
    /// A notification from the server (`update`, `update2`, `update3`, `locked`,
    /// `stolen`, ...). `echo` is answered internally and never shows up here.
    Notification {
        /// Method name.
        method: String,
        /// Its parameters.
        params: Vec<Value>,
    },
}

/// The stream of [`ClientEvent`]s of one client (unbounded; read it).
#[derive(Debug)]
pub struct Events(pub(crate) mpsc::UnboundedReceiver<ClientEvent>);

impl Events {
    /// The next event; `None` once the client has stopped.
    pub async fn recv(&mut self) -> Option<ClientEvent> {
        self.0.recv().await
    }
}

impl futures::Stream for Events {
    type Item = ClientEvent;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<ClientEvent>> {
        self.0.poll_recv(cx)
    }
}

pub(crate) type Reply = oneshot::Sender<Result<Value, ClientError>>;

pub(crate) enum Command {
    Request {
        method: String,
        params: Vec<Value>,
        reply: Reply,
    },
    Notify {
        method: String,
        params: Vec<Value>,
    },
}

/// An OVSDB client connection (with reconnect). Clone freely.
#[derive(Debug, Clone)]
pub struct Client {
    cmds: mpsc::UnboundedSender<Command>,
    connected: watch::Receiver<bool>,
}

impl Client {
    /// Starts the driver task (on the current tokio runtime) and returns at once; the
    /// first connection attempt happens in the background.
    pub fn start(config: ClientConfig) -> (Client, Events) {
        let (cmd_tx, cmd_rx) = mpsc::unbounded_channel();
        let (ev_tx, ev_rx) = mpsc::unbounded_channel();
        let (conn_tx, conn_rx) = watch::channel(false);
        tokio::spawn(session::run(config, cmd_rx, ev_tx, conn_tx));
        (
            Client {
                cmds: cmd_tx,
                connected: conn_rx,
            },
            Events(ev_rx),
        )
    }

    /// [`Client::start`], then waits for the first connection.
    pub async fn connect(config: ClientConfig) -> Result<(Client, Events), ClientError> {
        let (c, e) = Client::start(config);
        c.wait_connected().await?;
        Ok((c, e))
    }

    /// True while connected.
    pub fn is_connected(&self) -> bool {
        *self.connected.borrow()
    }

    /// Waits until connected; `Closed` if the driver stopped (e.g. reconnect disabled).
    pub async fn wait_connected(&self) -> Result<(), ClientError> {
        let mut rx = self.connected.clone();
        rx.wait_for(|c| *c)
            .await
            .map(|_| ())
            .map_err(|_| ClientError::Closed)
    }

    /// Sends a request with a fresh id and waits for its reply.
    pub async fn request(&self, method: &str, params: Vec<Value>) -> Result<Value, ClientError> {
        let (tx, rx) = oneshot::channel();
        self.cmds
            .send(Command::Request {
                method: method.to_string(),
                params,
                reply: tx,
            })
            .map_err(|_| ClientError::Closed)?;
        rx.await.map_err(|_| ClientError::Closed)?
    }

    /// Sends a notification (no reply).
    pub fn notify(&self, method: &str, params: Vec<Value>) -> Result<(), ClientError> {
        self.cmds
            .send(Command::Notify {
                method: method.to_string(),
                params,
            })
            .map_err(|_| ClientError::Closed)
    }

    /// `list_dbs`: the array of database names.
    pub async fn list_dbs(&self) -> Result<Value, ClientError> {
        self.request("list_dbs", vec![]).await
    }

    /// `get_schema`: the schema as raw JSON.
    pub async fn get_schema(&self, db: &str) -> Result<Value, ClientError> {
        self.request("get_schema", vec![json!(db)]).await
    }

    /// `transact`: the array of operation results (errors inside it are not `Err`).
    pub async fn transact(&self, db: &str, ops: Vec<Value>) -> Result<Value, ClientError> {
        let mut params = Vec::with_capacity(ops.len() + 1);
        params.push(json!(db));
        params.extend(ops);
        self.request("transact", params).await
    }

    /// `monitor`: the initial contents; updates arrive as `update` notifications.
    pub async fn monitor(
        &self,
        db: &str,
        monitor_id: Value,
        requests: Value,
    ) -> Result<Value, ClientError> {
        self.request("monitor", vec![json!(db), monitor_id, requests])
            .await
    }

    /// `monitor_cond`: updates arrive as `update2` notifications.
    pub async fn monitor_cond(
        &self,
        db: &str,
        monitor_id: Value,
        requests: Value,
    ) -> Result<Value, ClientError> {
        self.request("monitor_cond", vec![json!(db), monitor_id, requests])
            .await
    }

    /// `monitor_cond_since`: `[found, last_txn_id, updates]`; updates arrive as `update3`.
    /// `last_txn_id` is the zero UUID string to get everything.
    pub async fn monitor_cond_since(
        &self,
        db: &str,
        monitor_id: Value,
        requests: Value,
        last_txn_id: &str,
    ) -> Result<Value, ClientError> {
        self.request(
            "monitor_cond_since",
            vec![json!(db), monitor_id, requests, json!(last_txn_id)],
        )
        .await
    }

    /// `monitor_cancel`.
    pub async fn monitor_cancel(&self, monitor_id: Value) -> Result<Value, ClientError> {
        self.request("monitor_cancel", vec![monitor_id]).await
    }

    /// `lock`: `{"locked": bool}`; if false, a `locked` notification follows later.
    pub async fn lock(&self, lock: &str) -> Result<Value, ClientError> {
        self.request("lock", vec![json!(lock)]).await
    }

    /// `steal`.
    pub async fn steal(&self, lock: &str) -> Result<Value, ClientError> {
        self.request("steal", vec![json!(lock)]).await
    }

    /// `unlock`.
    pub async fn unlock(&self, lock: &str) -> Result<Value, ClientError> {
        self.request("unlock", vec![json!(lock)]).await
    }

    /// `echo`: returns the params back.
    pub async fn echo(&self, params: Vec<Value>) -> Result<Value, ClientError> {
        self.request("echo", params).await
    }
}
