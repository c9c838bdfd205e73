//! Open vSwitch remote syntax for switches: `unix:PATH`, `tcp:IP:PORT` (default port
//! 6653), a socket path, or a bare bridge name (`br-int` → `$OVS_RUNDIR/br-int.mgmt`).

use std::net::SocketAddr;
use std::path::PathBuf;

/// Where a switch listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    /// A unix socket path (`br-int.mgmt`).
    Unix(PathBuf),
    /// A TCP address.
    Tcp(SocketAddr),
}

impl std::str::FromStr for Remote {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(p) = s.strip_prefix("unix:") {
            return Ok(Remote::Unix(p.into()));
        }
        if let Some(a) = s.strip_prefix("tcp:") {
            let a = if a.rsplit_once(':').is_some_and(|(h, p)| {
                !h.is_empty() && p.parse::<u16>().is_ok() && !a.ends_with(']')
            }) {
                a.to_string()
            } else {
                format!("{a}:6653")
            };
            return a.parse().map(Remote::Tcp).map_err(|e| format!("{s}: {e}"));
        }
        if s.contains('/') {
            return Ok(Remote::Unix(s.into()));
        }
        // A bare bridge name, as ovs-ofctl accepts: its management socket.
        if !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            let dir = std::env::var("OVS_RUNDIR").unwrap_or_else(|_| "/var/run/openvswitch".into());
            return Ok(Remote::Unix(format!("{dir}/{s}.mgmt").into()));
        }
        Err(format!("{s}: expected unix:PATH or tcp:IP:PORT"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(
            "unix:/run/br-int.mgmt".parse(),
            Ok(Remote::Unix("/run/br-int.mgmt".into()))
        );
        assert_eq!(
            "tcp:127.0.0.1:6653".parse(),
            Ok(Remote::Tcp("127.0.0.1:6653".parse().unwrap()))
        );
        assert_eq!(
            "tcp:127.0.0.1".parse(),
            Ok(Remote::Tcp("127.0.0.1:6653".parse().unwrap()))
        );
        assert!("bo:gus".parse::<Remote>().is_err());
        assert!(
            matches!("br-int".parse::<Remote>(), Ok(Remote::Unix(p)) if p.ends_with("br-int.mgmt"))
        );
    }
}
