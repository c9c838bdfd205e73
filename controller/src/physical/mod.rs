//! Physical flows: the OpenFlow ovn-controller 23.03 installs outside the logical
//! pipelines, for logical switches and the patch ports linking them to routers.
//! [`physical_flows`] is a pure function of a [`LocalView`]; the daemon recomputes it
//! whenever the view changes and the installer ([`crate::ofctrl`]) sends only the
//! difference.
//!
//! Tables (numbers in [`OfTable`]):
//! - 0: physical input → logical datapath/port: VIFs, localports, localnet patches,
//!   Geneve and VXLAN tunnels ([`classify`]),
//! - 37–39: after logical ingress: tunnel output to remote chassis ([`output`]),
//! - 39, 40 for multicast groups ([`mcast`]),
//! - 40, 41, 64, 65: local delivery, localnet redirection, patch ports into the peer
//!   datapath, loopback check ([`delivery`]),
//! - 71, 72: learned MAC addresses ([`fdb`]),
//! - 73–75: port security ([`port_sec`]).
//!
//! Fidelity: every table is checked flow for flow against real ovn-controller 23.03
//! captures (`tests/data/physical/`: Geneve, VXLAN, localport, localnet, port security,
//! FDB, router patch ports). Not covered (no flows generated): nested/tagged ports
//! (`parent_port`/`tag`, VLAN-tagged localnet), `chassisredirect`/`l3gateway` gateway
//! handling, `vtep`/ramp switches, multi-chassis (`additional_chassis`) ports, QoS queues,
//! MAC_Binding tables 66/67 and load-balancer hairpin tables 68–70 (those come from the
//! logical-flow side in ovn-controller).
//!
//! Invariants:
//! - Output is deterministic for a given view (ports ordered by datapath and key, group
//!   members in the group's order, remote chassis by name), so equal views give equal
//!   flow lists.
//! - No two flows share (table, priority, match): the installer keys on that identity.
//! - Register and table numbers come only from [`crate::lflow::logical_fields`].
//! - A flow made for a row (binding, group, FDB entry) carries that row's cookie, as
//!   ovn-controller does; fixed flows and tunnel input have cookie 0.
//! - Bad input (an unparsable MAC or address) is skipped with a warning, never a panic.
//!
//! [`OfTable`]: crate::lflow::logical_fields::OfTable

pub mod classify;
pub mod delivery;
pub mod fdb;
pub mod index;
pub mod mcast;
pub mod ofbuild;
pub mod output;
pub mod port_sec;
pub mod view;
mod zones;

pub use view::{
    cookie_of_uuid, Datapath, EncapKind, FdbEntry, LocalView, McastGroup, PortBinding, PortKind,
    Tunnel,
};

use openflow::text::Flow;

/// Every physical flow for `view`.
pub fn physical_flows(view: &LocalView) -> Vec<Flow> {
    let ix = index::Index::new(view);
    let mut out = Vec::new();
    classify::flows(&ix, &mut out);
    output::flows(&ix, &mut out);
    delivery::flows(&ix, &mut out);
    mcast::flows(&ix, &mut out);
    fdb::flows(&ix, &mut out);
    port_sec::flows(&ix, &mut out);
    dedup(out)
}

/// Drops repeats of an identical flow (port-security entries sharing a MAC generate the
/// same ND flow twice), keeping the first.
fn dedup(flows: Vec<Flow>) -> Vec<Flow> {
    let mut seen = std::collections::HashSet::new();
    flows
        .into_iter()
        .filter(|f| seen.insert(f.clone()))
        .collect()
}
