//! rovn-controller: turns the OVN_Southbound database into OpenFlow on every node.
//!
//! The daemon ([`daemon`]) reads its configuration ([`config`]) from the local
//! `Open_vSwitch` row, registers the chassis ([`chassis`]), creates the integration bridge
//! ([`bridge`]) and the tunnels ([`tunnel`]), claims the ports of local interfaces
//! ([`binding`]) with conntrack zones ([`ct_zone`]), builds the physical-flow input and
//! name lookups from typed snapshots of both databases ([`ovs`], [`sb`], [`sb_view`]),
//! compiles logical flows incrementally ([`lflow_engine`] over [`lflow`]), installs the
//! result ([`flow_sync`] over [`ofctrl`]), serves packet-ins ([`packet_in`] over
//! [`pinctrl`]) and answers `ovs-appctl` and the JSON-RPC API ([`api`], [`cni`]).

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
pub mod nb_cfg;
pub mod ofctrl;
pub mod ovs;
pub mod packet_in;
pub mod physical;
pub mod pinctrl;
pub mod sb;
pub mod sb_view;
pub mod tunnel;
