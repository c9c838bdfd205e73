//! rovn-controller: turns the OVN_Southbound database into OpenFlow on every node.

pub mod api;
pub mod binding;
pub mod bridge;
pub mod chassis;
pub mod cni;
pub mod config;
pub mod ct_zone;
pub mod daemon;
pub mod flow_sync;
pub mod lflow;
pub mod lflow_engine;
pub mod ofctrl;
pub mod ovs;
pub mod packet_in;
pub mod physical;
pub mod pinctrl;
pub mod sb;
pub mod sb_view;
pub mod tunnel;
