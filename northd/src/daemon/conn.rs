//! One database connection of the daemon: the async client, the IDL core it feeds,
//! and (for the SB) the `ovn_northd` lock.
//!
//! Unlike `ovsdb::idl::Idl`, this driver also sees `locked`/`stolen` notifications and
//! re-requests the lock on every new connection, because only the lock holder writes.
//! Invariants: `monitoring` is true only while the monitor of the current connection is
//! set up; `has_lock` is true only between a grant (`{"locked": true}` or `locked`) and
//! a `stolen` notification or a disconnect.

use futures::FutureExt;
use serde_json::{json, Value};

use ovsdb::client::{Client, ClientConfig, ClientError, ClientEvent, Events};
use ovsdb::idl::{IdlCore, IdlError, MONITOR_COND_SINCE, UPDATE2, UPDATE3};

#[derive(Debug, thiserror::Error)]
pub enum ConnError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Idl(#[from] IdlError),
    #[error("the client stopped")]
    Closed,
}

/// What handling events did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Handled {
    pub changed: bool,
    pub connected: bool,
    pub disconnected: bool,
    pub lock_changed: bool,
}

impl Handled {
    fn merge(&mut self, o: Handled) {
        self.changed |= o.changed;
        self.connected |= o.connected;
        self.disconnected |= o.disconnected;
        self.lock_changed |= o.lock_changed;
    }
}

pub struct Conn {
    pub name: &'static str,
    pub client: Client,
    events: Events,
    pub core: IdlCore,
    pub monitoring: bool,
    lock: Option<&'static str>,
    pub has_lock: bool,
    /// Do not ask for the lock (the daemon is paused).
    pub lock_paused: bool,
}

impl Conn {
    pub fn start(
        name: &'static str,
        config: ClientConfig,
        core: IdlCore,
        lock: Option<&'static str>,
    ) -> Conn {
        let (client, events) = Client::start(config);
        Conn {
            name,
            client,
            events,
            core,
            monitoring: false,
            lock,
            has_lock: false,
            lock_paused: false,
        }
    }

    /// True when this connection may be written to (the lock, if any, is held).
    pub fn ready(&self) -> bool {
        self.monitoring && (self.lock.is_none() || self.has_lock)
    }

    /// The next event (waits).
    pub async fn recv(&mut self) -> Option<ClientEvent> {
        self.events.recv().await
    }

    async fn monitor(&mut self) -> Result<bool, ConnError> {
        let Value::Array(params) = self.core.monitor_cond_since_params() else {
            return Err(ConnError::Closed);
        };
        let reply = self.client.request(MONITOR_COND_SINCE, params).await?;
        let changed = self.core.handle_monitor_reply(&reply)?;
        self.monitoring = true;
        Ok(changed)
    }

    /// Asks for the lock (a grant may also come later as a `locked` notification);
    /// returns whether `has_lock` changed.
    pub async fn take_lock(&mut self) -> Result<bool, ConnError> {
        let Some(lock) = self.lock else {
            return Ok(false);
        };
        if self.lock_paused || !self.monitoring {
            return Ok(false);
        }
        let reply = self.client.request("lock", vec![json!(lock)]).await?;
        let got = reply.get("locked").and_then(Value::as_bool) == Some(true);
        if got != self.has_lock {
            self.has_lock = got;
            return Ok(true);
        }
        Ok(false)
    }

    /// Gives the lock up (for `pause`); returns whether `has_lock` changed.
    pub async fn release_lock(&mut self) -> Result<bool, ConnError> {
        let Some(lock) = self.lock else {
            return Ok(false);
        };
        self.client.request("unlock", vec![json!(lock)]).await?;
        let changed = self.has_lock;
        self.has_lock = false;
        Ok(changed)
    }

    /// Handles one event.
    pub async fn handle(&mut self, ev: ClientEvent) -> Result<Handled, ConnError> {
        let mut h = Handled::default();
        match ev {
            ClientEvent::Connected => {
                tracing::info!(db = self.name, "connected");
                h.connected = true;
                h.changed = self.monitor().await?;
                h.lock_changed = self.take_lock().await?;
                if self.has_lock {
                    tracing::info!(db = self.name, lock = ?self.lock, "lock acquired");
                } else if self.lock.is_some() && !self.lock_paused {
                    tracing::info!(db = self.name, lock = ?self.lock, "lock held by another client; standing by");
                }
            }
            ClientEvent::Disconnected => {
                tracing::warn!(db = self.name, "disconnected; reconnecting");
                self.monitoring = false;
                h.disconnected = true;
                if self.has_lock {
                    self.has_lock = false;
                    h.lock_changed = true;
                }
            }
            ClientEvent::Notification { method, params } => match method.as_str() {
                UPDATE3 | UPDATE2 => {
                    let p = Value::Array(params);
                    let r = if method == UPDATE3 {
                        self.core.handle_update3(&p)
                    } else {
                        self.core.handle_update2(&p)
                    };
                    match r {
                        Ok(c) => h.changed = c,
                        Err(IdlError::WrongMonitor { .. }) => {}
                        Err(e) => {
                            tracing::warn!(db = self.name, error = %e, "update rejected; resynchronising");
                            self.core.forget_txn_id();
                            let id = self.core.monitor_id().clone();
                            let _ = self.client.monitor_cancel(id).await;
                            self.monitoring = false;
                            h.changed = self.monitor().await?;
                            h.connected = true;
                        }
                    }
                }
                "locked" if !self.has_lock => {
                    tracing::info!(db = self.name, "lock acquired");
                    self.has_lock = true;
                    h.lock_changed = true;
                }
                "stolen" if self.has_lock => {
                    tracing::warn!(db = self.name, "lock stolen; standing by");
                    self.has_lock = false;
                    h.lock_changed = true;
                }
                _ => {}
            },
        }
        Ok(h)
    }

    /// Handles the events already queued, without waiting.
    pub async fn poll(&mut self) -> Result<Handled, ConnError> {
        let mut h = Handled::default();
        while let Some(ev) = self.events.recv().now_or_never() {
            let ev = ev.ok_or(ConnError::Closed)?;
            h.merge(self.handle(ev).await?);
        }
        Ok(h)
    }

    /// Handles events until `done` holds or `timeout` passes; false on timeout or
    /// disconnect.
    pub async fn wait_until(
        &mut self,
        timeout: std::time::Duration,
        mut done: impl FnMut(&IdlCore) -> bool,
        acc: &mut Handled,
    ) -> Result<bool, ConnError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if done(&self.core) {
                return Ok(true);
            }
            let ev = tokio::select! {
                ev = self.events.recv() => ev.ok_or(ConnError::Closed)?,
                _ = tokio::time::sleep_until(deadline) => return Ok(false),
            };
            let h = self.handle(ev).await?;
            acc.merge(h);
            if h.disconnected {
                return Ok(false);
            }
        }
    }
}
