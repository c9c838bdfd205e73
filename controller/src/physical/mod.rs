//! Physical flows: the OpenFlow ovn-controller installs outside the logical pipelines
//! (classification of physical input, tunnel output, local delivery, port security tables).

pub mod view;

pub use view::{Datapath, EncapKind, LocalView, McastGroup, PortBinding, PortKind, Tunnel};
