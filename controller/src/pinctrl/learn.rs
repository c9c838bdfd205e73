//! What pinctrl learns from packets for the daemon to write to the southbound database:
//! FDB entries (`put_fdb`, table `FDB`) and MAC bindings (`put_arp`/`put_nd`, table
//! `MAC_Binding`).
//!
//! Invariant: an entry is reported as new only when it is new or changed (port or MAC
//! moved); re-learning the same entry only refreshes its timestamp.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::Instant;

/// A learned FDB entry: `mac` was seen entering logical port `port_key` of datapath
/// `dp_key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FdbEntry {
    pub dp_key: u32,
    pub mac: [u8; 6],
    pub port_key: u32,
}

/// A learned IP-to-MAC binding on a logical (router) port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MacBinding {
    pub dp_key: u32,
    pub port_key: u32,
    pub ip: IpAddr,
    pub mac: [u8; 6],
}

/// Learned entries with the time they were last seen.
#[derive(Debug, Default)]
pub struct Learned {
    fdb: BTreeMap<(u32, [u8; 6]), (u32, Instant)>,
    bindings: BTreeMap<(u32, u32, IpAddr), ([u8; 6], Instant)>,
}

impl Learned {
    /// Records an FDB entry; `true` when it is new or moved.
    pub fn fdb(&mut self, e: FdbEntry, now: Instant) -> bool {
        let prev = self.fdb.insert((e.dp_key, e.mac), (e.port_key, now));
        !matches!(prev, Some((port, _)) if port == e.port_key)
    }

    /// Records a MAC binding; `true` when it is new or changed.
    pub fn binding(&mut self, b: MacBinding, now: Instant) -> bool {
        let prev = self
            .bindings
            .insert((b.dp_key, b.port_key, b.ip), (b.mac, now));
        !matches!(prev, Some((mac, _)) if mac == b.mac)
    }

    /// Every FDB entry, with when it was last seen.
    pub fn fdb_entries(&self) -> impl Iterator<Item = (FdbEntry, Instant)> + '_ {
        self.fdb.iter().map(|((dp_key, mac), (port_key, t))| {
            (
                FdbEntry {
                    dp_key: *dp_key,
                    mac: *mac,
                    port_key: *port_key,
                },
                *t,
            )
        })
    }

    /// Every MAC binding, with when it was last seen.
    pub fn mac_bindings(&self) -> impl Iterator<Item = (MacBinding, Instant)> + '_ {
        self.bindings
            .iter()
            .map(|((dp_key, port_key, ip), (mac, t))| {
                (
                    MacBinding {
                        dp_key: *dp_key,
                        port_key: *port_key,
                        ip: *ip,
                        mac: *mac,
                    },
                    *t,
                )
            })
    }
}
