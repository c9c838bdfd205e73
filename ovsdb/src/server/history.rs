//! Recent committed transactions with their ids, so that `monitor_cond_since` can send a
//! reconnecting client only what it missed.
//!
//! Invariants: entries are in commit order; at most `capacity` are kept and together they
//! hold at most `atom_budget` atoms (old and new rows counted), so a history of commits
//! that touch big rows stays small; the id of the newest entry is the database's "last
//! transaction id" (all zeros before any commit).

use std::collections::VecDeque;
use std::sync::Arc;

use uuid::Uuid;

use crate::txn::Changes;

/// A bounded log of the latest commits.
#[derive(Debug)]
pub struct History {
    entries: VecDeque<(Uuid, Arc<Changes>, usize)>,
    capacity: usize,
    atom_budget: usize,
    atoms: usize,
    last_id: Uuid,
}

impl History {
    /// A history keeping at most the last `capacity` commits and `atom_budget` atoms.
    pub fn new(capacity: usize, atom_budget: usize) -> History {
        History {
            entries: VecDeque::new(),
            capacity,
            atom_budget,
            atoms: 0,
            last_id: Uuid::nil(),
        }
    }

    /// Records a commit under a fresh id, which it returns.
    pub fn push(&mut self, changes: Arc<Changes>) -> Uuid {
        let id = Uuid::new_v4();
        self.last_id = id;
        let size = atoms(&changes);
        if self.capacity == 0 || size > self.atom_budget {
            // Too big to keep: clients that missed it resync in full.
            self.entries.clear();
            self.atoms = 0;
            return id;
        }
        while self.entries.len() >= self.capacity || self.atoms + size > self.atom_budget {
            match self.entries.pop_front() {
                Some((_, _, n)) => self.atoms -= n,
                None => break,
            }
        }
        self.entries.push_back((id, changes, size));
        self.atoms += size;
        id
    }

    /// The id of the newest commit, or the nil uuid.
    pub fn last_id(&self) -> Uuid {
        self.last_id
    }

    /// The commits after `since`, oldest first; `None` if `since` is unknown (then the
    /// client needs a full resync). The current last id yields an empty list.
    pub fn since(&self, since: Uuid) -> Option<Vec<Arc<Changes>>> {
        if since == self.last_id() && !since.is_nil() {
            return Some(Vec::new());
        }
        let pos = self.entries.iter().position(|(id, _, _)| *id == since)?;
        Some(
            self.entries
                .iter()
                .skip(pos + 1)
                .map(|(_, c, _)| c.clone())
                .collect(),
        )
    }
}

/// How many atoms a change set holds, old and new rows together.
fn atoms(changes: &Changes) -> usize {
    changes
        .iter()
        .map(|(_, _, c)| {
            [&c.old, &c.new]
                .into_iter()
                .flatten()
                .map(|row| row.values().iter().map(|d| d.len().max(1)).sum::<usize>())
                .sum::<usize>()
        })
        .sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_or_evicted_ids_need_a_full_resync() {
        let mut h = History::new(2, 1000);
        assert!(h.since(Uuid::nil()).is_none());
        let a = h.push(Arc::new(Changes::default()));
        let b = h.push(Arc::new(Changes::default()));
        assert_eq!(h.since(a).map(|v| v.len()), Some(1));
        assert_eq!(h.since(b).map(|v| v.len()), Some(0));
        let c = h.push(Arc::new(Changes::default()));
        assert!(h.since(a).is_none(), "a was evicted by capacity");
        assert_eq!(h.last_id(), c);
    }
}
