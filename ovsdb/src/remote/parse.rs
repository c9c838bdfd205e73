//! Parsing and printing of Open vSwitch remotes.
//!
//! Invariant: `Remote::to_string()` parses back to the same `Remote`.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::str::FromStr;

use thiserror::Error;

/// An active (`unix:`, `tcp:`) or passive (`punix:`, `ptcp:`) remote.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Remote {
    /// `unix:PATH`: connect to a unix socket.
    Unix(PathBuf),
    /// `tcp:IP:PORT`: connect over TCP.
    Tcp(SocketAddr),
    /// `punix:PATH`: listen on a unix socket.
    PUnix(PathBuf),
    /// `ptcp:PORT[:IP]`: listen on TCP (IP defaults to 0.0.0.0; port 0 = any).
    PTcp(SocketAddr),
}

/// Why a remote string was refused.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RemoteError {
    /// `ssl:` / `pssl:`.
    #[error("remote \"{0}\": SSL remotes are not supported yet")]
    SslNotSupported(String),
    /// No known `method:` prefix.
    #[error("remote \"{0}\": unknown connection method (expected punix:, ptcp:, unix:, tcp:)")]
    UnknownMethod(String),
    /// Empty socket path.
    #[error("remote \"{0}\": missing socket path")]
    MissingPath(String),
    /// Bad or missing port.
    #[error("remote \"{0}\": bad port")]
    BadPort(String),
    /// Bad or missing IP address.
    #[error("remote \"{0}\": bad IP address")]
    BadAddress(String),
}

impl Remote {
    /// True for `punix:`/`ptcp:`.
    pub fn is_passive(&self) -> bool {
        matches!(self, Remote::PUnix(_) | Remote::PTcp(_))
    }
}

fn parse_port(s: &str, whole: &str) -> Result<u16, RemoteError> {
    s.parse::<u16>()
        .map_err(|_| RemoteError::BadPort(whole.to_string()))
}

fn parse_ip(s: &str, whole: &str) -> Result<IpAddr, RemoteError> {
    let s = s
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(s);
    s.parse::<IpAddr>()
        .map_err(|_| RemoteError::BadAddress(whole.to_string()))
}

/// Splits `IP:PORT` where IP may be `[v6]`.
fn split_host_port<'a>(s: &'a str, whole: &str) -> Result<(&'a str, &'a str), RemoteError> {
    if s.starts_with('[') {
        let close = s
            .find(']')
            .ok_or_else(|| RemoteError::BadAddress(whole.to_string()))?;
        let port = s[close + 1..]
            .strip_prefix(':')
            .ok_or_else(|| RemoteError::BadPort(whole.to_string()))?;
        Ok((&s[..=close], port))
    } else {
        s.rsplit_once(':')
            .ok_or_else(|| RemoteError::BadPort(whole.to_string()))
    }
}

impl FromStr for Remote {
    type Err = RemoteError;

    fn from_str(s: &str) -> Result<Remote, RemoteError> {
        let (method, rest) = s
            .split_once(':')
            .ok_or_else(|| RemoteError::UnknownMethod(s.to_string()))?;
        match method {
            "unix" | "punix" => {
                if rest.is_empty() {
                    return Err(RemoteError::MissingPath(s.to_string()));
                }
                let p = PathBuf::from(rest);
                Ok(if method == "unix" {
                    Remote::Unix(p)
                } else {
                    Remote::PUnix(p)
                })
            }
            "tcp" => {
                let (host, port) = split_host_port(rest, s)?;
                if host.is_empty() {
                    return Err(RemoteError::BadAddress(s.to_string()));
                }
                Ok(Remote::Tcp(SocketAddr::new(
                    parse_ip(host, s)?,
                    parse_port(port, s)?,
                )))
            }
            "ptcp" => {
                let (port, ip) = match rest.split_once(':') {
                    Some((port, ip)) if !ip.is_empty() => (port, parse_ip(ip, s)?),
                    Some((port, _)) => (port, IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
                    None => (rest, IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
                };
                Ok(Remote::PTcp(SocketAddr::new(ip, parse_port(port, s)?)))
            }
            "ssl" | "pssl" => Err(RemoteError::SslNotSupported(s.to_string())),
            _ => Err(RemoteError::UnknownMethod(s.to_string())),
        }
    }
}

fn fmt_ip(ip: &IpAddr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match ip {
        IpAddr::V4(a) => write!(f, "{a}"),
        IpAddr::V6(a) => write!(f, "[{a}]"),
    }
}

impl fmt::Display for Remote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Remote::Unix(p) => write!(f, "unix:{}", p.display()),
            Remote::PUnix(p) => write!(f, "punix:{}", p.display()),
            Remote::Tcp(a) => {
                write!(f, "tcp:")?;
                fmt_ip(&a.ip(), f)?;
                write!(f, ":{}", a.port())
            }
            Remote::PTcp(a) => {
                write!(f, "ptcp:{}:", a.port())?;
                fmt_ip(&a.ip(), f)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Remote, RemoteError> {
        s.parse()
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(
            p("punix:/var/run/ovn/ovnnb_db.sock"),
            Ok(Remote::PUnix("/var/run/ovn/ovnnb_db.sock".into()))
        );
        assert_eq!(p("unix:rel/x.sock"), Ok(Remote::Unix("rel/x.sock".into())));
        assert_eq!(
            p("ptcp:6641"),
            Ok(Remote::PTcp("0.0.0.0:6641".parse().unwrap()))
        );
        assert_eq!(
            p("ptcp:6641:127.0.0.1"),
            Ok(Remote::PTcp("127.0.0.1:6641".parse().unwrap()))
        );
        assert_eq!(
            p("ptcp:6642:[::1]"),
            Ok(Remote::PTcp("[::1]:6642".parse().unwrap()))
        );
        assert_eq!(
            p("ptcp:6642:::"),
            Ok(Remote::PTcp("[::]:6642".parse().unwrap()))
        );
        assert_eq!(
            p("tcp:10.0.0.1:6641"),
            Ok(Remote::Tcp("10.0.0.1:6641".parse().unwrap()))
        );
        assert_eq!(
            p("tcp:[fe80::1]:6642"),
            Ok(Remote::Tcp("[fe80::1]:6642".parse().unwrap()))
        );
    }

    #[test]
    fn refuses_bad_remotes() {
        assert!(matches!(
            p("ssl:1.2.3.4:6641"),
            Err(RemoteError::SslNotSupported(_))
        ));
        assert!(matches!(
            p("pssl:6641"),
            Err(RemoteError::SslNotSupported(_))
        ));
        assert!(matches!(
            p("udp:1.2.3.4:1"),
            Err(RemoteError::UnknownMethod(_))
        ));
        assert!(matches!(
            p("/var/run/x.sock"),
            Err(RemoteError::UnknownMethod(_))
        ));
        assert!(matches!(p("unix:"), Err(RemoteError::MissingPath(_))));
        assert!(matches!(p("tcp:1.2.3.4"), Err(RemoteError::BadPort(_))));
        assert!(matches!(
            p("tcp:1.2.3.4:99999"),
            Err(RemoteError::BadPort(_))
        ));
        assert!(matches!(p("tcp:host:1"), Err(RemoteError::BadAddress(_))));
        assert!(matches!(p("tcp::1"), Err(RemoteError::BadAddress(_))));
        assert!(matches!(p("tcp:[::1:1"), Err(RemoteError::BadAddress(_))));
        assert!(matches!(p("ptcp:x"), Err(RemoteError::BadPort(_))));
        assert!(matches!(p("ptcp:1:nope"), Err(RemoteError::BadAddress(_))));
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "punix:/a/b",
            "unix:/c",
            "ptcp:6641:0.0.0.0",
            "ptcp:1:[::1]",
            "tcp:1.2.3.4:5",
            "tcp:[::1]:6642",
        ] {
            let r = p(s).unwrap();
            assert_eq!(r.to_string(), s);
            assert_eq!(p(&r.to_string()), Ok(r));
        }
    }
}
