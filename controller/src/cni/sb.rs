//! OVN_Southbound, read only: is the pod's Port_Binding up (ovn-controller bound it and
//! installed its flows)?

use ovsdb::typed::sb::PortBinding;

use super::db::{rows, Db};
use super::error::ServiceError;

/// The SB tables the service replicates.
pub const TABLES: &[&str] = &["Port_Binding"];

/// Whether `Port_Binding.up` is true for `logical_port` now.
pub async fn is_up(db: &Db, logical_port: &str) -> Result<bool, ServiceError> {
    db.read(|r| is_up_in(r, logical_port)).await
}

pub(super) fn is_up_in(r: &ovsdb::idl::Replica, logical_port: &str) -> bool {
    rows::<PortBinding>(r)
        .iter()
        .any(|pb| pb.logical_port == logical_port && pb.up == Some(true))
}
