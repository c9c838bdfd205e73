//! Derived facts about a [`LocalView`] that every physical table needs: which bindings are
//! delivered on this chassis (and through which OpenFlow port), which are reached through a
//! tunnel, and the conntrack zones to load. Computed once per [`super::physical_flows`] call.
//!
//! A binding is *local* when it has an OpenFlow port here: a VIF or other port bound to
//! this chassis with an interface, a localport with an interface, or a localnet port whose
//! patch to the provider bridge exists. It is *remote* when it is bound to another chassis
//! we have a tunnel to — unless its switch has a localnet port with a patch port here, in
//! which case it is reached through the physical network. A port that is neither (unbound, or bound where we have no tunnel)
//! gets no flows at all, as in ovn-controller. A patch port is *local* on every chassis
//! that has both its datapath and its peer's.

use super::view::{Datapath, LocalView, PortBinding, PortKind, Tunnel};
use std::collections::BTreeMap;

/// Where packets for one binding go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement<'a> {
    /// Delivered here through this OpenFlow port.
    Local(u32),
    /// Sent to another chassis through this tunnel.
    Remote(&'a Tunnel),
    /// Bound to another chassis on a switch with a localnet port usable here: sent out
    /// through that localnet port (its key), not through a tunnel.
    ViaLocalnet(u32),
    /// A patch to another local datapath: delivered by entering that datapath's ingress
    /// pipeline as this peer binding.
    Patch(&'a PortBinding),
    /// Nowhere reachable from here.
    Unreachable,
}

/// The view plus lookups.
#[derive(Debug)]
pub struct Index<'a> {
    /// The view.
    pub view: &'a LocalView,
    tunnels: BTreeMap<&'a str, &'a Tunnel>,
    by_name: BTreeMap<&'a str, &'a PortBinding>,
    /// Per datapath, the key of its localnet port that has a patch port here.
    localnet: BTreeMap<u32, u32>,
}

impl<'a> Index<'a> {
    /// Indexes `view`.
    pub fn new(view: &'a LocalView) -> Self {
        let tunnels = view
            .tunnels
            .iter()
            .filter(|t| t.chassis != view.chassis)
            .map(|t| (t.chassis.as_str(), t))
            .collect();
        let by_name = view
            .ports
            .iter()
            .filter(|p| view.datapaths.contains_key(&p.datapath))
            .map(|p| (p.name.as_str(), p))
            .collect();
        let mut localnet = BTreeMap::new();
        for p in &view.ports {
            if matches!(p.kind, PortKind::Localnet { .. })
                && p.localnet_ofport.is_some()
                && view.datapaths.contains_key(&p.datapath)
            {
                localnet.entry(p.datapath).or_insert(p.key);
            }
        }
        Index {
            view,
            tunnels,
            by_name,
            localnet,
        }
    }

    /// Bindings of local datapaths, in (datapath, key) order so output is deterministic.
    pub fn ports(&self) -> Vec<&'a PortBinding> {
        let mut v: Vec<&PortBinding> = self.by_name.values().copied().collect();
        v.sort_by_key(|p| (p.datapath, p.key, p.name.as_str()));
        v
    }

    /// The binding named `name`, if it belongs to a local datapath.
    pub fn port(&self, name: &str) -> Option<&'a PortBinding> {
        self.by_name.get(name).copied()
    }

    /// The datapath a binding belongs to.
    pub fn datapath(&self, p: &PortBinding) -> Option<&'a Datapath> {
        self.view.datapaths.get(&p.datapath)
    }

    /// Where packets for `p` go.
    pub fn placement(&self, p: &PortBinding) -> Placement<'a> {
        let here = p.chassis.as_deref() == Some(self.view.chassis.as_str());
        match &p.kind {
            PortKind::Localnet { .. } => match p.localnet_ofport {
                Some(o) => Placement::Local(o),
                None => Placement::Unreachable,
            },
            PortKind::Localport => match p.ofport {
                Some(o) => Placement::Local(o),
                None => Placement::Unreachable,
            },
            // Patch ports lead to another datapath, not to a chassis.
            PortKind::Router | PortKind::Patch => {
                match p.peer.as_deref().and_then(|n| self.port(n)) {
                    Some(peer) => Placement::Patch(peer),
                    None => Placement::Unreachable,
                }
            }
            PortKind::Vif | PortKind::Other(_) => match (&p.chassis, p.ofport) {
                (Some(_), Some(o)) if here => Placement::Local(o),
                (Some(c), _) if !here => {
                    if let Some(ln) = self.localnet.get(&p.datapath) {
                        return Placement::ViaLocalnet(*ln);
                    }
                    match self.tunnels.get(c.as_str()) {
                        Some(t) => Placement::Remote(t),
                        None => Placement::Unreachable,
                    }
                }
                _ => Placement::Unreachable,
            },
        }
    }

    /// The conntrack zone loads for a local binding, as ovn-controller orders them:
    /// port zone (`reg13`), datapath DNAT zone (`reg11`), datapath SNAT zone (`reg12`).
    pub fn zones(&self, p: &PortBinding) -> Zones {
        let dp = self.datapath(p);
        Zones {
            ct: p.ct_zone,
            dnat: dp.and_then(|d| d.dnat_zone),
            snat: dp.and_then(|d| d.snat_zone),
        }
    }
}

/// Conntrack zones of a local binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Zones {
    /// The port's own zone.
    pub ct: Option<u16>,
    /// The datapath's DNAT zone.
    pub dnat: Option<u16>,
    /// The datapath's SNAT zone.
    pub snat: Option<u16>,
}
