//! The SB content other than logical flows, as pure functions of the NB (and, for
//! tunnel keys, of the keys already in use, so they stay stable across recomputes):
//! `Datapath_Binding`, `Port_Binding`, `Multicast_Group`, `Port_Group`, `Address_Set`.
//! Values are keyed by names and NB uuids; the SB synchronisation maps them to SB rows.

mod bindings;
mod groups;
pub mod keys;

pub use bindings::{
    datapath_bindings, multicast_groups, port_bindings, DatapathBinding, MulticastGroup,
    PortBinding, MC_FLOOD, MC_FLOOD_KEY, MC_FLOOD_L2, MC_FLOOD_L2_KEY, MC_MROUTER_FLOOD_KEY,
    MC_MROUTER_STATIC_KEY, MC_STATIC_KEY, MC_UNKNOWN, MC_UNKNOWN_KEY,
};
pub use groups::{address_sets, port_groups, SbAddressSet, SbPortGroup};
