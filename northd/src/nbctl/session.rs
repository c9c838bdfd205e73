//! The I/O of one invocation: connect to the NB database, replicate it with the IDL,
//! run the commands against a working copy, commit them as one transaction (retrying
//! on a verify conflict), print, and wait for `--wait`.
//!
//! Invariant: nothing is written unless every command succeeded; a transaction is sent
//! only when the working copy differs from the replica.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use ovsdb::client::{Client, ClientConfig};
use ovsdb::idl::{Idl, IdlCore, TxnError};
use ovsdb::remote::Remote;
use ovsdb::schema::DatabaseSchema;
use serde_json::Value;
use uuid::Uuid;

use super::args::{Invocation, WaitFor};
use super::work::WorkDb;
use super::{run_commands, wait, Stop};

/// The database name of the NB schema.
pub const NB_DB: &str = "OVN_Northbound";
/// How many times a transaction is rebuilt after a verify conflict.
pub const MAX_ATTEMPTS: usize = 16;

/// What the process prints and returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    /// Error messages without the program-name prefix, one per line.
    pub stderr: String,
    pub code: i32,
}

impl Outcome {
    fn error(msg: impl Into<String>) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: msg.into(),
            code: 1,
        }
    }
}

/// Connects to `db` and returns the IDL replicating `tables` (with `NB_Global`), or
/// the whole database for `None`.
pub async fn connect(db: &str, tables: Option<&BTreeSet<&str>>) -> Result<Idl, String> {
    let remote: Remote = db.parse().map_err(|e| format!("{e}"))?;
    let mut config = ClientConfig::new(remote);
    config.reconnect = false;
    config.probe_interval = None;
    let (client, events) = Client::start(config);
    client
        .wait_connected()
        .await
        .map_err(|_| format!("{db}: database connection failed"))?;
    let schema_json = client
        .get_schema(NB_DB)
        .await
        .map_err(|e| format!("{db}: {e}"))?;
    let schema = DatabaseSchema::from_json(&schema_json).map_err(|e| format!("{db}: {e}"))?;
    let mut core = IdlCore::new(Arc::new(schema));
    match tables {
        None => core.monitor_all(),
        Some(tables) => {
            for t in tables.iter().chain(&["NB_Global"]) {
                core.monitor(t, None).map_err(|e| format!("{db}: {e}"))?;
            }
        }
    }
    let mut idl = Idl::new(client, events, core);
    idl.start().await.map_err(|e| format!("{db}: {e}"))?;
    Ok(idl)
}

/// Runs the commands of an invocation; `inv.timeout` bounds it (exit code 142, as
/// ovn-nbctl's SIGALRM).
pub async fn run(inv: &Invocation) -> Outcome {
    let commands = inv.commands.clone();
    let style = inv.style.clone();
    let tables = super::tables_for(&inv.commands);
    execute(inv, tables, false, move |work| {
        run_commands(work, &commands, &style)
    })
    .await
}

/// Converges the database to `doc` (`apply`); prints the diff. With `dry_run` nothing
/// is written.
pub async fn apply(inv: &Invocation, doc: &super::apply::Document, dry_run: bool) -> Outcome {
    let tables = BTreeSet::from(super::apply::TABLES);
    execute(inv, Some(tables), dry_run, |work| {
        super::apply::converge(work, doc).map_err(Stop::Error)?;
        Ok(vec![super::apply::diff(work)])
    })
    .await
}

/// Runs `body` against a working copy of the replica and commits what it changed.
pub async fn execute(
    inv: &Invocation,
    tables: Option<BTreeSet<&str>>,
    dry_run: bool,
    body: impl FnMut(&mut WorkDb) -> Result<Vec<String>, Stop>,
) -> Outcome {
    let fut = run_inner(inv, tables, dry_run, body);
    if inv.timeout == 0 {
        return fut.await;
    }
    match tokio::time::timeout(Duration::from_secs(inv.timeout), fut).await {
        Ok(o) => o,
        Err(_) => Outcome {
            stdout: String::new(),
            stderr: format!(
                "timed out after {} seconds (terminating as with signal 14, Alarm clock)",
                inv.timeout
            ),
            code: 142,
        },
    }
}

async fn run_inner(
    inv: &Invocation,
    tables: Option<BTreeSet<&str>>,
    dry_run: bool,
    mut body: impl FnMut(&mut WorkDb) -> Result<Vec<String>, Stop>,
) -> Outcome {
    let mut idl = match connect(&inv.db, tables.as_ref()).await {
        Ok(i) => i,
        Err(e) => return Outcome::error(e),
    };
    let mut attempt = 0;
    let (outputs, target) = loop {
        attempt += 1;
        let mut work = WorkDb::from_replica(idl.core().replica());
        let mut inserted_global = false;
        if !dry_run {
            match wait::ensure_nb_global(&mut work) {
                Ok(i) => inserted_global = i,
                Err(e) => return Outcome::error(e),
            }
        }
        let outputs = match body(&mut work) {
            Ok(o) => o,
            Err(Stop::Error(e)) => return Outcome::error(e),
            Err(Stop::TryAgain) => {
                // `wait-until`: run everything again after the next change.
                if let Err(e) = idl.next_change().await {
                    return Outcome::error(format!("{}: {e}", inv.db));
                }
                attempt = 0;
                continue;
            }
        };
        if dry_run {
            break (outputs, None);
        }
        let target = match inv.wait {
            WaitFor::None => None,
            _ => match wait::bump_nb_cfg(&mut work) {
                Ok(t) => Some(t),
                Err(e) => return Outcome::error(e),
            },
        };
        let built = {
            let mut txn = idl.core().txn();
            let map = match work.write(&mut txn) {
                Ok(m) => m,
                Err(e) => return Outcome::error(e.to_string()),
            };
            if txn.is_empty() {
                None
            } else {
                txn.comment(&format!("rovn-nbctl: {}", describe(inv)));
                let (params, pending) = txn.build();
                Some((params, pending, map))
            }
        };
        let Some((params, pending, map)) = built else {
            break (outputs, None);
        };
        let Value::Array(params) = params else {
            return Outcome::error("internal error: transact params");
        };
        let seqno = idl.core().seqno();
        tracing::debug!(attempt, ops = params.len() - 1, "committing");
        let reply = match idl.client().request("transact", params).await {
            Ok(r) => r,
            Err(e) => return Outcome::error(format!("transaction error: {e}")),
        };
        match pending.handle_reply(&reply) {
            Ok(done) => {
                let real: BTreeMap<Uuid, Uuid> = map
                    .iter()
                    .filter_map(|(mine, prov)| done.real_uuid(prov).map(|r| (*mine, r)))
                    .collect();
                let outputs = outputs.into_iter().map(|o| substitute(&o, &real)).collect();
                break (outputs, target);
            }
            Err(e @ TxnError::Conflict { .. }) if attempt < MAX_ATTEMPTS => {
                tracing::debug!(attempt, error = %e, "try again");
                let _ = idl.poll_events().await;
                if idl.core().seqno() == seqno {
                    if let Err(e) = idl.next_change().await {
                        return Outcome::error(format!("{}: {e}", inv.db));
                    }
                }
            }
            Err(TxnError::Failed { .. })
                if inserted_global && attempt < MAX_ATTEMPTS && global_appeared(&mut idl).await =>
            {
                tracing::debug!(attempt, "NB_Global created concurrently; retrying");
            }
            Err(TxnError::Failed { error, .. }) => {
                return Outcome::error(format!(
                    "transaction error: {}",
                    ovsdb::format::sorted_json(&error.to_json())
                ))
            }
            Err(e) => return Outcome::error(format!("transaction error: {e}")),
        }
    };
    if let Some(target) = target {
        while !wait::reached(idl.core().replica(), inv.wait, target) {
            if let Err(e) = idl.next_change().await {
                return Outcome::error(format!("{}: {e}", inv.db));
            }
        }
    }
    let stdout = if inv.style.oneline {
        outputs.iter().map(|o| oneline(o)).collect()
    } else {
        outputs.concat()
    };
    tracing::debug!(commands = inv.commands.len(), "done");
    Outcome {
        stdout,
        stderr: String::new(),
        code: 0,
    }
}

/// One command's output on one line, as `--oneline` prints it.
fn oneline(text: &str) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    format!("{}\n", body.replace('\\', "\\\\").replace('\n', "\\n"))
}

/// After a failed commit that inserted `NB_Global`: waits briefly for the updates that
/// would show another client's `NB_Global`; true if one is there now.
async fn global_appeared(idl: &mut Idl) -> bool {
    let has = |idl: &Idl| idl.core().replica().len("NB_Global") > 0;
    let _ = idl.poll_events().await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while !has(idl) {
        match tokio::time::timeout_at(deadline, idl.next_change()).await {
            Ok(Ok(_)) => {}
            _ => return false,
        }
    }
    true
}

/// The command line, for the transaction comment the server logs.
fn describe(inv: &Invocation) -> String {
    inv.commands
        .iter()
        .map(|c| {
            let mut v = vec![c.name.clone()];
            v.extend(c.args.iter().cloned());
            v.join(" ")
        })
        .collect::<Vec<_>>()
        .join(" -- ")
}

/// Replaces the working-copy uuids of inserted rows with the uuids the server gave
/// (one pass over the text; most outputs are empty or hold no uuid).
fn substitute(text: &str, real: &BTreeMap<Uuid, Uuid>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('-') {
        // A uuid's first '-' is its 9th character.
        let start = i.saturating_sub(8);
        let candidate = rest
            .get(start..start + 36)
            .and_then(ovsdb::data::parse_uuid);
        match candidate.and_then(|u| real.get(&u)) {
            Some(r) if i >= 8 => {
                out.push_str(&rest[..start]);
                out.push_str(&r.to_string());
                rest = &rest[start + 36..];
            }
            _ => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitute_replaces_only_known_uuids() {
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        let other = Uuid::from_u128(3);
        let map = BTreeMap::from([(a, b)]);
        let text = format!("{a}\nx-y {other} ({a})\n");
        assert_eq!(substitute(&text, &map), format!("{b}\nx-y {other} ({b})\n"));
        assert_eq!(substitute("", &map), "");
        assert_eq!(substitute("a-b-c", &map), "a-b-c");
    }
}
