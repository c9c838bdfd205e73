//! Multicast groups (`Multicast_Group`, e.g. `_MC_flood`): their flows in table 39
//! ([`OfTable::RemoteOutput`]) and table 40 ([`OfTable::LocalOutput`]).
//!
//! The members are walked in the group's own (southbound) order, as ovn-controller 23.03
//! walks them, and sorted into three lists:
//! - *local*: a member with its own OpenFlow port here (VIF, localnet patch). Its
//!   conntrack zone is loaded, `reg15` set to it and the packet resubmitted to table 41.
//!   These go into the table-40 flow. A localport's or patch port's zone, if it has one,
//!   is loaded there too (ovn-controller does), though they are delivered from table 39.
//! - *table 39 deliveries*: localport and patch members, delivered before any tunnel
//!   (`reg15` = member, resubmit to 41, then `reg15` = group again).
//! - *remote chassis*: each chassis hosting a member gets one copy through its tunnel
//!   (encapsulated once per encapsulation kind, chassis in name order); members reached
//!   through a localnet port get nothing here (the localnet member carries the flood).
//!
//! The table-40 flow exists when it has anything to do, and then the table-39 flow ends
//! with a resubmit to table 40; the table-39 flow exists when it delivers to a localport or
//! patch port or sends to a remote chassis.

use super::index::{Index, Placement};
use super::ofbuild::flow;
use super::output::send_to;
use super::view::{McastGroup, PortKind, Tunnel};
use crate::lflow::logical_fields::{OfTable, LOG_CT_ZONE, LOG_DATAPATH, LOG_OUTPORT};
use openflow::text::Flow;
use std::collections::BTreeMap;

/// The table-39 and table-40 flows of every group of a local datapath.
pub fn flows(ix: &Index<'_>, out: &mut Vec<Flow>) {
    let mut groups: Vec<&McastGroup> = ix
        .view
        .mcast_groups
        .iter()
        .filter(|g| ix.view.datapaths.contains_key(&g.datapath))
        .collect();
    groups.sort_by_key(|g| (g.datapath, g.key));
    for g in groups {
        group_flows(ix, g, out);
    }
}

fn group_flows(ix: &Index<'_>, g: &McastGroup, out: &mut Vec<Flow>) {
    let (key, dp) = (g.key as u128, g.datapath as u128);
    let mut local = flow(OfTable::LocalOutput, 100)
        .cookie(g.cookie)
        .matching(LOG_OUTPORT, key)
        .matching(LOG_DATAPATH, dp);
    let mut local_used = false;
    let mut early = flow(OfTable::RemoteOutput, 100)
        .cookie(g.cookie)
        .matching(LOG_OUTPORT, key)
        .matching(LOG_DATAPATH, dp);
    let mut early_used = false;
    let mut remote: BTreeMap<&str, &Tunnel> = BTreeMap::new();

    for p in g.ports.iter().filter_map(|n| ix.port(n)) {
        if p.datapath != g.datapath {
            continue;
        }
        let placement = ix.placement(p);
        if matches!(placement, Placement::Local(_) | Placement::Patch(_)) {
            if let Some(z) = p.ct_zone {
                local = local.set(LOG_CT_ZONE, z as u128);
                local_used = true;
            }
        }
        match placement {
            Placement::Patch(_) => {
                early = early
                    .set(LOG_OUTPORT, p.key as u128)
                    .resubmit(OfTable::CheckLoopback);
                early_used = true;
            }
            Placement::Local(_) if p.kind == PortKind::Localport => {
                early = early
                    .set(LOG_OUTPORT, p.key as u128)
                    .resubmit(OfTable::CheckLoopback);
                early_used = true;
            }
            Placement::Local(_) => {
                local = local
                    .set(LOG_OUTPORT, p.key as u128)
                    .resubmit(OfTable::CheckLoopback);
                local_used = true;
            }
            Placement::Remote(t) => {
                remote.insert(t.chassis.as_str(), t);
            }
            Placement::ViaLocalnet(_) | Placement::Unreachable => {}
        }
    }

    if local_used {
        out.push(local.set(LOG_OUTPORT, key).build());
    }
    if early_used || !remote.is_empty() {
        if early_used {
            early = early.set(LOG_OUTPORT, key);
        }
        let tunnels: Vec<&Tunnel> = remote.into_values().collect();
        early = send_to(early, &tunnels, g.datapath, g.key);
        if local_used {
            early = early.resubmit(OfTable::LocalOutput);
        }
        out.push(early.build());
    }
}
