//! rovn-controller: turns the OVN_Southbound database into OpenFlow on every node.

pub mod lflow;
pub mod ofctrl;
pub mod physical;
