//! Reading a `transact` reply for a transaction built by `IdlTxn`.
//!
//! RFC 7047 §4.1.3: one result per operation; if an operation fails its result is an
//! error object and the rest are absent or null; if the operations succeed but the
//! commit fails (integrity rules, indexes, `maxRows`) one more element carries the error.
//! A failed `wait` that came from `verify` means someone else changed what we read:
//! that is `TxnError::Conflict` — rebuild the transaction from the updated replica.

use std::collections::BTreeMap;

use serde_json::Value;
use uuid::Uuid;

use crate::data::parse_uuid;
use crate::error::{ErrorKind, OvsdbError};

/// Remembers the operation layout of a built transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingTxn {
    n_ops: usize,
    /// (operation index, provisional uuid) of every insert.
    inserts: Vec<(usize, Uuid)>,
    /// Operation indexes of the `wait`s that `verify` produced.
    waits: Vec<usize>,
}

/// A committed transaction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TxnCommitted {
    /// Provisional uuid → the uuid the server gave the row.
    pub inserted: BTreeMap<Uuid, Uuid>,
}

impl TxnCommitted {
    /// The real uuid of a row the transaction inserted.
    pub fn real_uuid(&self, provisional: &Uuid) -> Option<Uuid> {
        self.inserted.get(provisional).copied()
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TxnError {
    /// A verified column changed (or its row went away): retry.
    #[error("a verified value changed before the commit (operation {op}); try again")]
    Conflict { op: usize },
    /// The server rejected an operation (`op` set) or the commit (`op` None).
    #[error("transaction failed at {}: {error}", op.map_or("commit".to_string(), |o| format!("operation {o}")))]
    Failed {
        op: Option<usize>,
        error: OvsdbError,
    },
    #[error("malformed transact reply: {0}")]
    MalformedReply(String),
}

impl TxnError {
    /// True when retrying against a newer replica may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(self, TxnError::Conflict { .. })
    }
}

impl PendingTxn {
    pub(crate) fn new(n_ops: usize, inserts: Vec<(usize, Uuid)>, waits: Vec<usize>) -> PendingTxn {
        PendingTxn {
            n_ops,
            inserts,
            waits,
        }
    }

    /// The number of operations sent.
    pub fn n_ops(&self) -> usize {
        self.n_ops
    }

    /// Interprets the `result` of the `transact` response.
    pub fn handle_reply(&self, result: &Value) -> Result<TxnCommitted, TxnError> {
        let results = result
            .as_array()
            .ok_or_else(|| TxnError::MalformedReply("not an array".into()))?;
        if let Some((i, e)) = results
            .iter()
            .enumerate()
            .find_map(|(i, r)| error_of(r).map(|e| (i, e)))
        {
            let e = e.map_err(TxnError::MalformedReply)?;
            if i >= self.n_ops {
                return Err(TxnError::Failed { op: None, error: e });
            }
            if self.waits.contains(&i) && e.kind == ErrorKind::TimedOut {
                tracing::debug!(op = i, "transaction verify failed");
                return Err(TxnError::Conflict { op: i });
            }
            return Err(TxnError::Failed {
                op: Some(i),
                error: e,
            });
        }
        if results.len() < self.n_ops {
            return Err(TxnError::MalformedReply(format!(
                "{} results for {} operations",
                results.len(),
                self.n_ops
            )));
        }
        let mut inserted = BTreeMap::new();
        for (i, prov) in &self.inserts {
            let real = results
                .get(*i)
                .and_then(|r| r.get("uuid"))
                .and_then(|u| match u.as_array().map(Vec::as_slice) {
                    Some([Value::String(t), Value::String(s)]) if t == "uuid" => parse_uuid(s),
                    _ => None,
                })
                .ok_or_else(|| {
                    TxnError::MalformedReply(format!("insert result {i} has no uuid"))
                })?;
            inserted.insert(*prov, real);
        }
        Ok(TxnCommitted { inserted })
    }
}

/// `Some` when `r` is an error object; its kind must be one ovsdb-server sends.
fn error_of(r: &Value) -> Option<Result<OvsdbError, String>> {
    let name = r.get("error")?;
    let parsed = name
        .as_str()
        .and_then(error_kind)
        .map(|kind| {
            let details = r.get("details").and_then(Value::as_str).unwrap_or_default();
            OvsdbError::new(kind, details)
        })
        .ok_or_else(|| format!("unknown error {name}"));
    Some(parsed)
}

/// The `ErrorKind` whose wire name is `s`.
pub fn error_kind(s: &str) -> Option<ErrorKind> {
    const ALL: [ErrorKind; 16] = [
        ErrorKind::SyntaxError,
        ErrorKind::UnknownDatabase,
        ErrorKind::UnknownColumn,
        ErrorKind::UnknownFunction,
        ErrorKind::UnknownMutator,
        ErrorKind::ConstraintViolation,
        ErrorKind::ReferentialIntegrityViolation,
        ErrorKind::DuplicateUuidName,
        ErrorKind::DuplicateUuid,
        ErrorKind::ResourcesExhausted,
        ErrorKind::NotSupported,
        ErrorKind::TimedOut,
        ErrorKind::NotOwner,
        ErrorKind::Aborted,
        ErrorKind::DomainError,
        ErrorKind::RangeError,
    ];
    ALL.into_iter().find(|k| k.as_str() == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_kinds_round_trip() {
        for name in [
            "syntax error",
            "timed out",
            "referential integrity violation",
            "aborted",
        ] {
            assert_eq!(error_kind(name).map(ErrorKind::as_str), Some(name));
        }
        assert_eq!(error_kind("frob"), None);
    }
}
