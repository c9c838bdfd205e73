//! The one place that wires engine inputs to nodes: which tracked change of which IDL
//! table makes which node do what.
//!
//! | input | node work |
//! |---|---|
//! | NB `NB_Global.options` | `ipam` (mac_prefix), `sb_sync` tables (SB_Global options, `svc_monitor_mac`) |
//! | NB `NB_Global.nb_cfg` | `sb_sync` (SB_Global nb_cfg), then feedback |
//! | NB `Logical_Switch` added/removed/other_config/name | `lflow` switch recompute, `ipam`, `sb_sync` tables |
//! | NB `Logical_Switch.ports`/`acls` | `lflow` for the ports/ACLs that moved, facts of that switch |
//! | NB `Logical_Switch_Port` | `lflow` for that port, `ipam`, `sb_sync` tables |
//! | NB `ACL` | `lflow` for that ACL |
//! | NB `Port_Group` | `lflow` for ACLs that joined/left, facts of switches whose ports joined/left, `sb_sync` tables |
//! | NB `Address_Set` | `sb_sync` tables |
//! | SB `Logical_Flow` | `sb_index`; `sb_sync` re-checks the touched keys |
//! | SB `Datapath_Binding` | `sb_index` (a remap asks for a recompute), `sb_sync` tables |
//! | SB `Port_Binding`, `Multicast_Group`, `Port_Group`, `Address_Set`, `SB_Global` | `sb_sync` tables |
//! | SB `Port_Binding`, `Chassis`, `Chassis_Private`, `SB_Global` | feedback (`up`, `hv_cfg`, `sb_cfg`) |

use ovsdb::idl::{Replica, TrackedChanges};
use ovsdb::typed::{sb as t, TypedRow};

use super::Engine;

const SB_TABLES: &[&str] = &[
    t::SbGlobal::TABLE,
    t::DatapathBinding::TABLE,
    t::PortBinding::TABLE,
    t::MulticastGroup::TABLE,
    t::PortGroup::TABLE,
    t::AddressSet::TABLE,
];
const SB_FEEDBACK: &[&str] = &[
    t::SbGlobal::TABLE,
    t::PortBinding::TABLE,
    t::Chassis::TABLE,
    t::ChassisPrivate::TABLE,
];

impl Engine {
    /// NB IDL changes.
    pub fn handle_nb(&mut self, replica: &Replica, changes: &TrackedChanges) {
        if changes.is_empty() {
            return;
        }
        if self.full {
            return; // the recompute reads everything anyway
        }
        let d = self.nb.apply(replica, changes);
        let p = &mut self.pending;
        p.lflow.switches.extend(d.switches.iter().copied());
        p.lflow.switch_facts.extend(d.switch_facts.iter().copied());
        p.lflow.ports.extend(d.ports.iter().copied());
        p.lflow.acls.extend(d.acls.iter().copied());
        p.ipam |= d.ipam;
        p.options |= d.global_options;
        p.tables |= d.global_options
            || d.groups
            || !d.switches.is_empty()
            || !d.ports.is_empty()
            || !d.switch_facts.is_empty();
        p.feedback |= d.nb_cfg || !d.ports.is_empty();
        // Any NB change at all re-checks the global row (nb_cfg may ride along).
        p.any = true;
    }

    /// SB IDL changes.
    pub fn handle_sb(&mut self, replica: &Replica, changes: &TrackedChanges) {
        if changes.is_empty() {
            return;
        }
        if self.full {
            return;
        }
        if !self.index.apply(replica, changes) {
            tracing::info!("SB datapaths changed under the flow index; recompute");
            self.full = true;
            return;
        }
        let touched = self.index.take_touched();
        let p = &mut self.pending;
        p.sb_keys.extend(touched);
        if SB_TABLES.iter().any(|tb| changes.table(tb).is_some()) {
            p.tables = true;
        }
        if SB_FEEDBACK.iter().any(|tb| changes.table(tb).is_some()) {
            p.feedback = true;
        }
        p.any = true;
    }
}
