//! rovn-northd: compiles the OVN_Northbound database into OVN_Southbound logical flows.
//!
//! This crate is the pure compiler: [`nb`] holds typed views of the NB rows,
//! [`pipeline`] the logical switch stages and register map, [`lflow`] the logical flows
//! and their generators, [`sb`] the other SB content (datapath and port bindings,
//! multicast groups, port groups, address sets) and [`ipam`] the allocation of `dynamic`
//! addresses. Everything here is a function of its inputs; the incremental engine and
//! the OVSDB synchronisation sit on top.

pub mod ipam;
pub mod lflow;
pub mod nb;
pub mod pipeline;
pub mod sb;
