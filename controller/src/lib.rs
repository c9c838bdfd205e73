//! rovn-controller: turns the OVN_Southbound database into OpenFlow on every node.

pub mod api;
pub mod cni;
pub mod lflow;
