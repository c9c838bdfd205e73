//! The IDL: a local replica of chosen tables and columns of one database, kept current
//! by a `monitor_cond_since` monitor, with change tracking for incremental consumers and
//! optimistic transactions built against the replica (as the Open vSwitch C/Python IDL).
//!
//! Sans-IO: `IdlCore` produces request params and consumes replies and notifications
//! (`handle_monitor_reply`, `handle_update3`, `handle_update2`); a driver owns the
//! connection and moves the JSON. Every `handle_*` applies a whole message or nothing.
//!
//! ```text
//! core.monitor("Logical_Switch", None)?;          // what to replicate
//! send("monitor_cond_since", core.monitor_cond_since_params());
//! core.handle_monitor_reply(&result)?;             // initial contents
//! core.handle_update3(&params)?;                   // each notification
//! let changes = core.take_changes();               // incremental processing
//! let mut txn = core.txn();                        // write back
//! txn.verify("Logical_Switch", ls, "ports")?;
//! txn.insert_into("Logical_Switch", ls, "ports", Datum::scalar(Atom::Uuid(lsp)))?;
//! let (params, pending) = txn.build();
//! send("transact", params) → pending.handle_reply(&result)
//! ```

mod apply;
mod core;
mod driver;
mod error;
mod monitor;
mod replica;
mod reply;
mod track;
mod txn;
mod update;

pub use self::core::{IdlCore, MONITOR_COND_CHANGE, MONITOR_COND_SINCE, UPDATE2, UPDATE3};
pub use driver::{DriverError, Idl};
pub use error::IdlError;
pub use monitor::{condition_json, conditions_json, TableMonitor, ZERO_TXN_ID};
pub use replica::Replica;
pub use reply::{error_kind, PendingTxn, TxnCommitted, TxnError};
pub use track::{TableChanges, TrackedChanges};
pub use txn::IdlTxn;
pub use update::{ColumnValues, RowUpdate, TableUpdate, TableUpdates};
