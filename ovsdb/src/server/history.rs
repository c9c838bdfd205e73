//! Recent committed transactions with their ids, so that `monitor_cond_since` can send a
//! reconnecting client only what it missed.
//!
//! Invariants: entries are in commit order; at most `capacity` are kept; the id of the
//! newest entry is the database's "last transaction id" (all zeros before any commit).

use std::collections::VecDeque;
use std::sync::Arc;

use uuid::Uuid;

use crate::txn::Changes;

/// A bounded log of the latest commits.
#[derive(Debug)]
pub struct History {
    entries: VecDeque<(Uuid, Arc<Changes>)>,
    capacity: usize,
}

impl History {
    /// A history keeping the last `capacity` commits.
    pub fn new(capacity: usize) -> History {
        History {
            entries: VecDeque::new(),
            capacity,
        }
    }

    /// Records a commit under a fresh id, which it returns.
    pub fn push(&mut self, changes: Arc<Changes>) -> Uuid {
        let id = Uuid::new_v4();
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        if self.capacity > 0 {
            self.entries.push_back((id, changes));
        }
        id
    }

    /// The id of the newest commit, or the nil uuid.
    pub fn last_id(&self) -> Uuid {
        self.entries
            .back()
            .map(|(id, _)| *id)
            .unwrap_or(Uuid::nil())
    }

    /// The commits after `since`, oldest first; `None` if `since` is unknown (then the
    /// client needs a full resync). The current last id yields an empty list.
    pub fn since(&self, since: Uuid) -> Option<Vec<Arc<Changes>>> {
        if since == self.last_id() && !since.is_nil() {
            return Some(Vec::new());
        }
        let pos = self.entries.iter().position(|(id, _)| *id == since)?;
        Some(
            self.entries
                .iter()
                .skip(pos + 1)
                .map(|(_, c)| c.clone())
                .collect(),
        )
    }
}

/// Folds consecutive commits into one change set: per row, the oldest `old` and the
/// newest `new`; a row inserted and then deleted within the span disappears.
pub fn merge(commits: &[Arc<Changes>]) -> Changes {
    let mut out = Changes::default();
    for commit in commits {
        for (table, rows) in &commit.tables {
            let merged = out.tables.entry(table.clone()).or_default();
            for (uuid, change) in rows {
                match merged.get_mut(uuid) {
                    Some(existing) => existing.new = change.new.clone(),
                    None => {
                        merged.insert(*uuid, change.clone());
                    }
                }
            }
        }
    }
    for rows in out.tables.values_mut() {
        rows.retain(|_, c| c.old.is_some() || c.new.is_some());
    }
    out
}
