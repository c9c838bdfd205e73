//! Failures of the CNI service and the CNI error code each maps to on the wire.

use cni_shim::error::Code;
use jsonrpsee::types::ErrorObjectOwned;

/// Why a CNI request failed.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// A database is not reachable (yet): try again later.
    #[error("{db} at {remote} is not available: {why}")]
    Unavailable {
        db: &'static str,
        remote: String,
        why: String,
    },
    /// A database call failed.
    #[error("{db}: {why}")]
    Db { db: &'static str, why: String },
    /// The request names something that does not exist or cannot work (e.g. the
    /// logical switch, a static address outside the subnet).
    #[error("{0}")]
    Config(String),
    /// The pod's network namespace is gone.
    #[error("network namespace {0} does not exist")]
    NoNetns(String),
    /// Something we wait for did not happen in time (northd's address, the port going up).
    #[error("{0}")]
    Timeout(String),
    /// A netlink or ioctl operation failed.
    #[error("{0}")]
    Net(String),
    /// CHECK found the attachment different from what ADD set up.
    #[error("CHECK failed: {0}")]
    Check(String),
    /// STATUS: the plugin cannot serve ADD now.
    #[error("not ready: {0}")]
    NotReady(String),
    /// A bug or an impossible state.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    /// The CNI error code for this failure.
    pub fn code(&self) -> Code {
        match self {
            ServiceError::Unavailable { .. } | ServiceError::Timeout(_) => Code::TryAgainLater,
            ServiceError::Config(_) => Code::InvalidNetworkConfig,
            ServiceError::NoNetns(_) => Code::UnknownContainer,
            ServiceError::Net(_) => Code::Io,
            ServiceError::NotReady(_) => Code::PluginNotAvailable,
            ServiceError::Db { .. } | ServiceError::Check(_) | ServiceError::Internal(_) => {
                Code::Controller
            }
        }
    }

    /// The JSON-RPC error object: code = CNI code, message = short text, data = details.
    pub fn to_rpc(&self) -> ErrorObjectOwned {
        let msg = match self {
            ServiceError::Unavailable { .. } => "an OVN database is not available",
            ServiceError::Db { .. } => "database operation failed",
            ServiceError::Config(_) => "invalid network configuration",
            ServiceError::NoNetns(_) => "the pod's network namespace does not exist",
            ServiceError::Timeout(_) => "timed out; try again later",
            ServiceError::Net(_) => "netlink operation failed",
            ServiceError::Check(_) => "the attachment does not match what ADD set up",
            ServiceError::NotReady(_) => "rovn-controller cannot attach pods right now",
            ServiceError::Internal(_) => "internal error in rovn-controller",
        };
        ErrorObjectOwned::owned(self.code().as_u32() as i32, msg, Some(self.to_string()))
    }
}

impl From<crate::cni::netns::NetError> for ServiceError {
    fn from(e: crate::cni::netns::NetError) -> Self {
        match e {
            crate::cni::netns::NetError::NoNetns(p) => ServiceError::NoNetns(p),
            other => ServiceError::Net(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_rpc_objects() {
        let cases = [
            (
                ServiceError::Unavailable {
                    db: "OVN_Northbound",
                    remote: "unix:/x".into(),
                    why: "down".into(),
                },
                11,
            ),
            (ServiceError::Timeout("northd".into()), 11),
            (ServiceError::Config("no switch".into()), 7),
            (ServiceError::NoNetns("/var/run/netns/x".into()), 3),
            (ServiceError::Net("EEXIST".into()), 5),
            (ServiceError::NotReady("no br-int".into()), 50),
            (ServiceError::Check("mac".into()), 100),
            (
                ServiceError::Db {
                    db: "OVN_Northbound",
                    why: "constraint".into(),
                },
                100,
            ),
        ];
        for (e, code) in cases {
            assert_eq!(e.code().as_u32(), code, "{e}");
            let o = e.to_rpc();
            assert_eq!(o.code(), code as i32);
            // the details (data) carry the full text, so the runtime's log says why
            let data: String = serde_json::from_str(o.data().unwrap().get()).unwrap();
            assert_eq!(data, e.to_string());
        }
    }
}
