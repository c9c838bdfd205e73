//! What the caller supplies to compile a logical flow: the names that only the southbound
//! database (and this chassis' view of it) can resolve.

use std::collections::{HashMap, HashSet};

/// Resolves names used in logical flows.
pub trait Lookup {
    /// Tunnel key of a logical port or multicast group of the flow's datapath, or `None`
    /// when the name is unknown (or, by the caller's choice, not relevant on this chassis):
    /// a comparison with an unresolved port is false. For
    /// [`FlowCompiler`](crate::lflow::FlowCompiler) this names the ports *local to* (related
    /// to) this chassis: it resolves matches with [`Lookup::port_key_any`] and uses this
    /// one for port-group members; the bare [`MatchCompiler`](crate::lflow::MatchCompiler)
    /// uses it for everything.
    fn port_key(&self, name: &str) -> Option<u32>;
    /// Members of an `Address_Set` (`$name`), as the strings stored in the database.
    fn address_set(&self, name: &str) -> Option<Vec<String>>;
    /// Member port names of a `Port_Group` (`@name`).
    fn port_group(&self, name: &str) -> Option<Vec<String>>;
    /// `is_chassis_resident("port")`: whether the port is bound to this chassis.
    fn is_chassis_resident(&self, port: &str) -> bool;
    /// Tunnel key of a port or multicast group named in an *action* (`outport = "p"`).
    /// ovn-controller resolves every port of the datapath there, local or remote (only
    /// matches on a remote `inport` are dropped). Defaults to [`Lookup::port_key`].
    fn port_key_any(&self, name: &str) -> Option<u32> {
        self.port_key(name)
    }
    /// Whether `key` is the tunnel key of a port of this datapath that is local to (or
    /// related to) this chassis. [`FlowCompiler`](crate::lflow::FlowCompiler) drops, as
    /// ovn-controller does, ingress flows that match an `inport` for which this is false:
    /// such packets never enter the ingress pipeline here. Defaults to `true` (install
    /// everything, which is always safe).
    fn is_local_port_key(&self, key: u32) -> bool {
        let _ = key;
        true
    }
    /// Whether the flow's datapath is a logical router (conntrack zones in `reg11`/`reg12`)
    /// rather than a logical switch (zone in `reg13`). Defaults to a switch.
    fn is_router(&self) -> bool {
        false
    }
}

/// A [`Lookup`] backed by plain maps, for tests and simple callers.
#[derive(Debug, Clone, Default)]
pub struct MapLookup {
    pub ports: HashMap<String, u32>,
    pub address_sets: HashMap<String, Vec<String>>,
    pub port_groups: HashMap<String, Vec<String>>,
    pub resident: HashSet<String>,
    /// Ports known only for actions (bound on another chassis), see [`Lookup::port_key_any`].
    pub remote_ports: HashMap<String, u32>,
    /// The datapath is a logical router.
    pub router: bool,
}

impl MapLookup {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn port(mut self, name: &str, key: u32) -> Self {
        self.ports.insert(name.to_string(), key);
        self
    }

    pub fn address_set(mut self, name: &str, members: &[&str]) -> Self {
        self.address_sets.insert(
            name.to_string(),
            members.iter().map(|s| s.to_string()).collect(),
        );
        self
    }

    pub fn port_group(mut self, name: &str, members: &[&str]) -> Self {
        self.port_groups.insert(
            name.to_string(),
            members.iter().map(|s| s.to_string()).collect(),
        );
        self
    }

    /// A port bound elsewhere: actions may name it, matches on it are false.
    pub fn remote_port(mut self, name: &str, key: u32) -> Self {
        self.remote_ports.insert(name.to_string(), key);
        self
    }

    /// Marks the datapath as a logical router.
    pub fn router(mut self) -> Self {
        self.router = true;
        self
    }

    pub fn resident(mut self, port: &str) -> Self {
        self.resident.insert(port.to_string());
        self
    }
}

impl Lookup for MapLookup {
    fn port_key(&self, name: &str) -> Option<u32> {
        self.ports.get(name).copied()
    }

    fn address_set(&self, name: &str) -> Option<Vec<String>> {
        self.address_sets.get(name).cloned()
    }

    fn port_group(&self, name: &str) -> Option<Vec<String>> {
        self.port_groups.get(name).cloned()
    }

    fn is_chassis_resident(&self, port: &str) -> bool {
        self.resident.contains(port)
    }

    fn port_key_any(&self, name: &str) -> Option<u32> {
        self.port_key(name)
            .or_else(|| self.remote_ports.get(name).copied())
    }

    fn is_router(&self) -> bool {
        self.router
    }

    fn is_local_port_key(&self, key: u32) -> bool {
        self.ports.values().any(|k| *k == key)
    }
}
