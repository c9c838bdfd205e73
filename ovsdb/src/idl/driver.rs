//! `Idl`: the async driver of `IdlCore` over the async OVSDB `client`.
//!
//! NOT compiled yet: this branch does not have `crate::client`. To wire it, once
//! `client` is merged: add `mod driver; pub use driver::{DriverError, Idl};` to
//! `idl/mod.rs` (tokio and futures are already dependencies of the crate then).
//!
//! The driver owns the core and the client's event stream (one task, `&mut self`):
//! - on start and after every `ClientEvent::Connected` (once per connection), it sends
//!   `monitor_cond_since` with the last transaction id it saw, so a reconnect fetches
//!   only what was missed (`found: true`) or replaces the replica (`found: false`);
//! - `update3`/`update2` notifications go to the core; one it cannot apply makes the
//!   driver forget the transaction id and monitor again from scratch (after
//!   `monitor_cancel`), so the replica never stays wrong;
//! - `transact` builds a transaction with a closure against the current replica, sends
//!   it, and on a verify conflict first applies the updates that explain the conflict
//!   and then rebuilds and retries (bounded).
//!
//! Requests are never resent across a reconnect: a `transact` cut off by a disconnect
//! is reported as `ClientError::Disconnected` (it may or may not have been committed).

use futures::FutureExt;
use serde_json::Value;

use super::{IdlCore, IdlError, IdlTxn, TxnCommitted, TxnError, UPDATE2, UPDATE3};
use crate::client::{Client, ClientError, ClientEvent, Events};

/// How many times `transact` rebuilds after a verify conflict.
pub const MAX_TXN_ATTEMPTS: usize = 8;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DriverError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Idl(#[from] IdlError),
    #[error(transparent)]
    Txn(#[from] TxnError),
    /// The client stopped (its last handle was dropped or reconnecting is off).
    #[error("the client has stopped")]
    Closed,
}

pub struct Idl {
    client: Client,
    events: Events,
    core: IdlCore,
    /// True once the monitor is set up on the current connection (the `Connected` event
    /// of that connection may still be queued: it must not monitor twice).
    monitoring: bool,
}

impl Idl {
    /// A driver for `core` (already told what to monitor) over a started client.
    pub fn new(client: Client, events: Events, core: IdlCore) -> Idl {
        Idl {
            client,
            events,
            core,
            monitoring: false,
        }
    }

    pub fn core(&self) -> &IdlCore {
        &self.core
    }
    /// For changing what is monitored or taking tracked changes.
    pub fn core_mut(&mut self) -> &mut IdlCore {
        &mut self.core
    }
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Waits for the connection and sets up the monitor; returns whether the replica
    /// changed.
    pub async fn start(&mut self) -> Result<bool, DriverError> {
        self.client.wait_connected().await?;
        if self.monitoring {
            return Ok(false);
        }
        self.monitor().await
    }

    async fn monitor(&mut self) -> Result<bool, DriverError> {
        let params = self.core.monitor_cond_since_params();
        let Value::Array(params) = params else {
            return Err(DriverError::Closed);
        };
        let reply = self
            .client
            .request(super::MONITOR_COND_SINCE, params)
            .await?;
        self.monitoring = true;
        match self.core.handle_monitor_reply(&reply) {
            Ok(changed) => Ok(changed),
            Err(e) => {
                // The reply itself cannot be applied: nothing else to fall back on.
                tracing::warn!(error = %e, "monitor reply rejected");
                Err(e.into())
            }
        }
    }

    /// Resynchronises from scratch after an update that could not be applied.
    async fn resync(&mut self) -> Result<bool, DriverError> {
        self.core.forget_txn_id();
        let id = self.core.monitor_id().clone();
        // A monitor that was never set up answers with an error; either way it is gone.
        let _ = self.client.monitor_cancel(id).await;
        self.monitoring = false;
        self.monitor().await
    }

    /// Sends `monitor_cond_change` if conditions changed since the monitor started.
    pub async fn sync_conditions(&mut self) -> Result<(), DriverError> {
        if let Some(Value::Array(params)) = self.core.monitor_cond_change_params() {
            self.client
                .request(super::MONITOR_COND_CHANGE, params)
                .await?;
        }
        Ok(())
    }

    /// Handles one client event; returns whether the replica changed.
    async fn handle(&mut self, ev: ClientEvent) -> Result<bool, DriverError> {
        match ev {
            ClientEvent::Connected if self.monitoring => Ok(false),
            ClientEvent::Connected => self.monitor().await,
            ClientEvent::Disconnected => {
                self.monitoring = false;
                tracing::info!(db = %self.core.db_name(), "disconnected; replica kept");
                Ok(false)
            }
            ClientEvent::Notification { method, params } => {
                let params = Value::Array(params);
                let r = match method.as_str() {
                    UPDATE3 => self.core.handle_update3(&params),
                    UPDATE2 => self.core.handle_update2(&params),
                    _ => return Ok(false),
                };
                match r {
                    Ok(changed) => Ok(changed),
                    Err(IdlError::WrongMonitor { .. }) => Ok(false),
                    Err(e) => {
                        tracing::warn!(error = %e, "update rejected; resynchronising");
                        self.resync().await
                    }
                }
            }
        }
    }

    /// Waits for the next client event without handling it. Cancel-safe (no event is
    /// lost when the future is dropped), so a daemon can `select!` over several IDLs and
    /// then pass the event to [`Idl::handle_event`] outside the `select!`.
    pub async fn next_event(&mut self) -> Option<ClientEvent> {
        self.events.recv().await
    }

    /// Handles one event from [`Idl::next_event`]; returns whether the replica changed.
    pub async fn handle_event(&mut self, ev: ClientEvent) -> Result<bool, DriverError> {
        self.handle(ev).await
    }

    /// Processes events until the replica changes; returns the new sequence number.
    pub async fn next_change(&mut self) -> Result<u64, DriverError> {
        loop {
            let ev = self.events.recv().await.ok_or(DriverError::Closed)?;
            if self.handle(ev).await? {
                return Ok(self.core.seqno());
            }
        }
    }

    /// Processes the events already queued, without waiting.
    pub async fn poll_events(&mut self) -> Result<bool, DriverError> {
        let mut changed = false;
        while let Some(ev) = self.events.recv().now_or_never() {
            let ev = ev.ok_or(DriverError::Closed)?;
            changed |= self.handle(ev).await?;
        }
        Ok(changed)
    }

    /// Builds a transaction with `build` against the current replica and commits it. On
    /// a verify conflict, applies the queued updates (waiting for one if none is queued)
    /// and rebuilds, up to `MAX_TXN_ATTEMPTS` times. Returns what `build` returned and
    /// the committed result (real uuids of inserted rows).
    pub async fn transact<T>(
        &mut self,
        mut build: impl FnMut(&mut IdlTxn<'_>) -> Result<T, IdlError>,
    ) -> Result<(T, TxnCommitted), DriverError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let seqno = self.core.seqno();
            let (out, params, pending) = {
                let mut txn = self.core.txn();
                let out = build(&mut txn)?;
                let (params, pending) = txn.build();
                (out, params, pending)
            };
            let Value::Array(params) = params else {
                return Err(DriverError::Closed);
            };
            let reply = self.client.request("transact", params).await?;
            match pending.handle_reply(&reply) {
                Ok(done) => return Ok((out, done)),
                Err(e) if e.is_retryable() && attempt < MAX_TXN_ATTEMPTS => {
                    tracing::debug!(attempt, "transaction conflict; retrying");
                    self.poll_events().await?;
                    if self.core.seqno() == seqno {
                        self.next_change().await?;
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}
