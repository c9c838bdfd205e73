//! Loading a local binding's conntrack zones into the logical registers, shared by table 0
//! (packets entering from the port) and table 40 (packets about to be delivered to it).

use super::index::Zones;
use super::ofbuild::FlowBuilder;
use crate::lflow::logical_fields::{LOG_CT_ZONE, LOG_DNAT_ZONE, LOG_SNAT_ZONE};

/// `set_field:CT->reg13,set_field:DNAT->reg11,set_field:SNAT->reg12`, each only when
/// allocated.
pub fn load_zones(mut b: FlowBuilder, z: Zones) -> FlowBuilder {
    for (field, zone) in [
        (LOG_CT_ZONE, z.ct),
        (LOG_DNAT_ZONE, z.dnat),
        (LOG_SNAT_ZONE, z.snat),
    ] {
        if let Some(zone) = zone {
            b = b.set(field, zone as u128);
        }
    }
    b
}
