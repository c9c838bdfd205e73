//! One OVSDB database as the CNI service uses it: an IDL replica of a few tables behind a
//! mutex, read with typed rows, written with IDL transactions, and waited on by polling.
//!
//! The IDL is owned by whichever request holds the lock, for as long as one read or one
//! transaction takes, never across a wait: `wait_for` re-locks every `POLL` so concurrent
//! ADDs waiting for northd or ovn-controller do not block each other. Connecting is lazy
//! (the first use starts the monitor), so the service starts while a database is down and
//! STATUS reports it.

use std::sync::Arc;
use std::time::Duration;

use ovsdb::client::{Client, ClientConfig};
use ovsdb::idl::{DriverError, Idl, IdlCore, IdlError, IdlTxn, Replica};
use ovsdb::remote::Remote;
use ovsdb::schema::DatabaseSchema;
use ovsdb::typed::{self, TypedRow};
use tokio::sync::Mutex;

use super::error::ServiceError;

/// How often `wait_for` looks at the replica again.
pub const POLL: Duration = Duration::from_millis(50);
/// How long connecting and fetching the schema may take per attempt.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

enum State {
    /// Not connected yet: the client runs (and reconnects) but no monitor is set up.
    Idle {
        client: Client,
        events: Option<ovsdb::client::Events>,
    },
    Ready(Box<Idl>),
}

/// A lazily monitored database.
pub struct Db {
    /// Database name (`OVN_Northbound`, `OVN_Southbound`, `Open_vSwitch`).
    pub name: &'static str,
    pub remote: Remote,
    tables: &'static [&'static str],
    state: Mutex<State>,
}

impl Db {
    /// Starts a client for `remote` (must be called inside a tokio runtime); nothing is
    /// monitored until first use.
    pub fn new(name: &'static str, remote: Remote, tables: &'static [&'static str]) -> Arc<Db> {
        let mut config = ClientConfig::new(remote.clone());
        config.backoff_min = Duration::from_millis(200);
        config.backoff_max = Duration::from_secs(2);
        let (client, events) = Client::start(config);
        Arc::new(Db {
            name,
            remote,
            tables,
            state: Mutex::new(State::Idle {
                client,
                events: Some(events),
            }),
        })
    }

    /// True while the client is connected.
    pub async fn is_connected(&self) -> bool {
        match &*self.state.lock().await {
            State::Idle { client, .. } => client.is_connected(),
            State::Ready(idl) => idl.client().is_connected(),
        }
    }

    async fn ready<'a>(&self, st: &'a mut State) -> Result<&'a mut Idl, ServiceError> {
        let unavailable = |why: String| ServiceError::Unavailable {
            db: self.name,
            remote: self.remote.to_string(),
            why,
        };
        if let State::Idle { client, events } = st {
            tokio::time::timeout(CONNECT_TIMEOUT, client.wait_connected())
                .await
                .map_err(|_| unavailable("not connected".into()))?
                .map_err(|e| unavailable(e.to_string()))?;
            let schema = tokio::time::timeout(CONNECT_TIMEOUT, client.get_schema(self.name))
                .await
                .map_err(|_| unavailable("get_schema timed out".into()))?
                .map_err(|e| unavailable(format!("get_schema: {e}")))?;
            let schema = DatabaseSchema::from_json(&schema)
                .map_err(|e| unavailable(format!("schema: {e}")))?;
            let mut core = IdlCore::new(Arc::new(schema));
            for t in self.tables {
                core.monitor(t, None)
                    .map_err(|e| unavailable(e.to_string()))?;
            }
            let events = events
                .take()
                .ok_or_else(|| ServiceError::Internal("client events taken twice".into()))?;
            *st = State::Ready(Box::new(Idl::new(client.clone(), events, core)));
        }
        let State::Ready(idl) = st else {
            return Err(ServiceError::Internal("database state".into()));
        };
        // Waits for the connection and (re-)establishes the monitor when needed; a no-op
        // while connected and monitoring.
        tokio::time::timeout(CONNECT_TIMEOUT, idl.start())
            .await
            .map_err(|_| unavailable("not connected".into()))?
            .map_err(|e| unavailable(format!("monitor: {e}")))?;
        Ok(idl)
    }

    /// Runs `f` on the current replica (after applying queued updates).
    pub async fn read<T>(&self, f: impl FnOnce(&Replica) -> T) -> Result<T, ServiceError> {
        let mut st = self.state.lock().await;
        let idl = self.ready(&mut st).await?;
        idl.poll_events().await.map_err(|e| self.err(e))?;
        Ok(f(idl.core().replica()))
    }

    /// Builds a transaction with `build` against the replica and commits it (rebuilding
    /// after verify conflicts, as the IDL driver does).
    pub async fn transact<T>(
        &self,
        build: impl FnMut(&mut IdlTxn<'_>) -> Result<T, IdlError>,
    ) -> Result<(T, ovsdb::idl::TxnCommitted), ServiceError> {
        let mut st = self.state.lock().await;
        let idl = self.ready(&mut st).await?;
        idl.poll_events().await.map_err(|e| self.err(e))?;
        idl.transact(build).await.map_err(|e| self.err(e))
    }

    /// Polls the replica until `f` yields a value or `timeout` passes (`None` then).
    pub async fn wait_for<T>(
        &self,
        timeout: Duration,
        mut f: impl FnMut(&Replica) -> Option<T>,
    ) -> Result<Option<T>, ServiceError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(v) = self.read(&mut f).await? {
                return Ok(Some(v));
            }
            if tokio::time::Instant::now() >= deadline {
                return Ok(None);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    fn err(&self, e: DriverError) -> ServiceError {
        match e {
            DriverError::Client(_) | DriverError::Closed => ServiceError::Unavailable {
                db: self.name,
                remote: self.remote.to_string(),
                why: e.to_string(),
            },
            e => ServiceError::Db {
                db: self.name,
                why: e.to_string(),
            },
        }
    }
}

/// Every row of `T` in `replica`, skipping rows that do not decode (logged).
pub fn rows<T: TypedRow>(replica: &Replica) -> Vec<T> {
    typed::rows::<T>(replica)
        .filter_map(|r| match r {
            Ok(row) => Some(row),
            Err(e) => {
                tracing::warn!(table = T::TABLE, error = %e, "row does not decode");
                None
            }
        })
        .collect()
}
