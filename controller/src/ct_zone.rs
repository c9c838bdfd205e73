//! Conntrack zones: one per local logical port and two per local datapath (DNAT, SNAT),
//! stable across restarts because they are stored where ovn-controller stores them, in
//! the integration bridge's `external_ids` as `ct-zone-<logical port>` and
//! `ct-zone-<datapath uuid>_dnat` / `_snat` = zone number.
//!
//! Invariants: zone 0 (the default zone) is never assigned; a port keeps its zone while
//! it is local; two ports never share a zone; zones of ports that left are freed (and
//! their keys removed) so they can be reused.

use std::collections::{BTreeMap, BTreeSet};

/// Prefix of the bridge `external_ids` keys.
pub const KEY_PREFIX: &str = "ct-zone-";

/// Largest zone number.
const MAX_ZONE: u16 = u16::MAX;

/// The zone assignment and what must be written back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CtZones {
    /// Logical port → zone.
    pub zones: BTreeMap<String, u16>,
}

/// What changed in an assignment, as bridge `external_ids` edits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZoneChanges {
    /// Keys to set (`ct-zone-<port>`, zone).
    pub set: BTreeMap<String, String>,
    /// Keys to remove.
    pub remove: BTreeSet<String>,
}

impl ZoneChanges {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.remove.is_empty()
    }
}

impl CtZones {
    /// The zones stored in a bridge's `external_ids` (invalid entries ignored).
    pub fn from_external_ids(ids: &BTreeMap<String, String>) -> CtZones {
        let mut zones = BTreeMap::new();
        let mut used = BTreeSet::new();
        for (k, v) in ids {
            let Some(port) = k.strip_prefix(KEY_PREFIX) else {
                continue;
            };
            match v.parse::<u16>() {
                Ok(z) if z > 0 && used.insert(z) => {
                    zones.insert(port.to_string(), z);
                }
                _ => {}
            }
        }
        CtZones { zones }
    }

    /// Makes the assignment cover exactly `ports`, keeping existing zones; returns the
    /// `external_ids` edits that persist it. A port that cannot get a zone (all 65535
    /// taken) is logged and left without one.
    pub fn assign(&mut self, ports: &BTreeSet<String>) -> ZoneChanges {
        let mut ch = ZoneChanges::default();
        let gone: Vec<String> = self
            .zones
            .keys()
            .filter(|p| !ports.contains(*p))
            .cloned()
            .collect();
        for p in gone {
            self.zones.remove(&p);
            ch.remove.insert(format!("{KEY_PREFIX}{p}"));
        }
        let mut used: BTreeSet<u16> = self.zones.values().copied().collect();
        let mut next = 1u16;
        for p in ports {
            if self.zones.contains_key(p) {
                continue;
            }
            while used.contains(&next) && next < MAX_ZONE {
                next += 1;
            }
            if used.contains(&next) {
                tracing::warn!(port = %p, "no conntrack zone left");
                continue;
            }
            used.insert(next);
            self.zones.insert(p.clone(), next);
            ch.set.insert(format!("{KEY_PREFIX}{p}"), next.to_string());
        }
        ch
    }

    /// The key of a datapath's DNAT zone.
    pub fn dnat_name(dp: &uuid::Uuid) -> String {
        format!("{dp}_dnat")
    }
    /// The key of a datapath's SNAT zone.
    pub fn snat_name(dp: &uuid::Uuid) -> String {
        format!("{dp}_snat")
    }

    pub fn get(&self, port: &str) -> Option<u16> {
        self.zones.get(port).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn zones_are_stable_unique_and_freed() {
        let mut z = CtZones::default();
        let c = z.assign(&set(&["a", "b"]));
        assert_eq!(z.get("a"), Some(1));
        assert_eq!(z.get("b"), Some(2));
        assert_eq!(c.set.len(), 2);
        // "a" leaves, "c" arrives: "b" keeps 2, "c" reuses 1.
        let c = z.assign(&set(&["b", "c"]));
        assert_eq!(c.remove, set(&["ct-zone-a"]));
        assert_eq!(z.get("b"), Some(2));
        assert_eq!(z.get("c"), Some(1));
        // Nothing changes: no edits.
        assert!(z.assign(&set(&["b", "c"])).is_empty());
    }

    #[test]
    fn restored_from_bridge_external_ids() {
        let ids: BTreeMap<String, String> = [
            ("ct-zone-a", "7"),
            ("ct-zone-b", "0"),
            ("ct-zone-c", "x"),
            ("ct-zone-d", "7"),
            ("ct-zone-1234_dnat", "9"),
            ("other", "1"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut z = CtZones::from_external_ids(&ids);
        assert_eq!(
            z.zones,
            BTreeMap::from([("a".to_string(), 7), ("1234_dnat".to_string(), 9)])
        );
        z.assign(&set(&["a", "e", "1234_dnat"]));
        assert_eq!(z.get("a"), Some(7));
        assert_eq!(z.get("e"), Some(1));
    }
}
