//! OVSDB locks (RFC 7047 §4.1.8–4.1.10): named, advisory, owned by sessions.
//!
//! Invariants: each lock name maps to a queue of sessions; the head of the queue is the
//! owner; a session appears at most once per queue; an empty queue is removed.

use std::collections::{BTreeMap, VecDeque};

use super::SessionId;

/// What a lock operation changed for sessions other than the caller.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LockEffects {
    /// Sessions that now own a lock (and its name): they get a `locked` notification.
    pub locked: Vec<(SessionId, String)>,
    /// Sessions that lost a lock to a `steal`: they get a `stolen` notification.
    pub stolen: Vec<(SessionId, String)>,
}

/// Every lock of the server.
#[derive(Debug, Default)]
pub struct LockTable {
    queues: BTreeMap<String, VecDeque<SessionId>>,
}

impl LockTable {
    /// True if `session` is in the queue of `name` (owning or waiting).
    pub fn is_queued(&self, name: &str, session: SessionId) -> bool {
        self.queues.get(name).is_some_and(|q| q.contains(&session))
    }

    /// True if `session` owns `name`.
    pub fn owns(&self, name: &str, session: SessionId) -> bool {
        self.queues.get(name).and_then(|q| q.front()) == Some(&session)
    }

    /// `lock`: joins the queue; returns whether the caller owns it now.
    pub fn lock(&mut self, name: &str, session: SessionId) -> bool {
        let queue = self.queues.entry(name.to_owned()).or_default();
        queue.push_back(session);
        queue.front() == Some(&session)
    }

    /// `steal`: the caller becomes owner at once; the previous owner is told it lost it
    /// and keeps waiting behind the thief, as ovsdb-server does.
    pub fn steal(&mut self, name: &str, session: SessionId) -> LockEffects {
        let queue = self.queues.entry(name.to_owned()).or_default();
        let previous = queue.front().copied();
        queue.retain(|s| *s != session);
        queue.push_front(session);
        let mut effects = LockEffects::default();
        if let Some(prev) = previous.filter(|p| *p != session) {
            effects.stolen.push((prev, name.to_owned()));
        }
        effects
    }

    /// `unlock` (or the session going away): leaves the queue; the next waiter, if the
    /// caller was the owner, now owns the lock.
    pub fn unlock(&mut self, name: &str, session: SessionId) -> LockEffects {
        let mut effects = LockEffects::default();
        let Some(queue) = self.queues.get_mut(name) else {
            return effects;
        };
        let was_owner = queue.front() == Some(&session);
        queue.retain(|s| *s != session);
        if was_owner {
            if let Some(next) = queue.front() {
                effects.locked.push((*next, name.to_owned()));
            }
        }
        if queue.is_empty() {
            self.queues.remove(name);
        }
        effects
    }

    /// Drops every lock `session` holds or waits for.
    pub fn release_all(&mut self, session: SessionId) -> LockEffects {
        let names: Vec<String> = self
            .queues
            .iter()
            .filter(|(_, q)| q.contains(&session))
            .map(|(n, _)| n.clone())
            .collect();
        let mut effects = LockEffects::default();
        for name in names {
            let e = self.unlock(&name, session);
            effects.locked.extend(e.locked);
        }
        effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_locker_waits_and_gets_the_lock_on_unlock() {
        let mut t = LockTable::default();
        assert!(t.lock("L", 1));
        assert!(!t.lock("L", 2));
        assert_eq!(t.unlock("L", 1).locked, vec![(2, "L".to_owned())]);
        assert!(t.owns("L", 2));
        assert_eq!(t.unlock("L", 2), LockEffects::default());
        assert!(!t.is_queued("L", 2));
    }

    #[test]
    fn steal_notifies_the_owner_who_then_waits() {
        let mut t = LockTable::default();
        assert!(t.lock("L", 1));
        let e = t.steal("L", 2);
        assert_eq!(e.stolen, vec![(1, "L".to_owned())]);
        assert!(t.owns("L", 2));
        assert!(t.is_queued("L", 1));
        assert_eq!(t.unlock("L", 2).locked, vec![(1, "L".to_owned())]);
    }

    #[test]
    fn waiter_leaving_changes_nothing_for_the_owner() {
        let mut t = LockTable::default();
        t.lock("L", 1);
        t.lock("L", 2);
        assert_eq!(t.release_all(2), LockEffects::default());
        assert!(t.owns("L", 1));
    }
}
