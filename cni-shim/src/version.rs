//! CNI spec versions this plugin speaks and what each allows.
//!
//! Results are rendered in two shapes: 0.3.x/0.4.0 (IPs carry `version`) and 1.x. CHECK
//! exists from 0.4.0 on, STATUS and GC from 1.1.0 on; asking for them with an older
//! `cniVersion` is error 1 (incompatible version), as is any version not listed here.

use crate::error::{CniError, Code};

/// Every version we accept, oldest first.
pub const SUPPORTED: &[&str] = &["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];
/// The newest version, used when a reply must name one and the input did not.
pub const LATEST: &str = "1.1.0";

/// A parsed `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u32, pub u32, pub u32);

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let mut it = s.split('.').map(|p| {
            if p.is_empty() || p.len() > 9 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        });
        let v = Version(it.next()??, it.next()??, it.next()??);
        if it.next().is_some() {
            return None;
        }
        Some(v)
    }
    /// Results in the 1.x shape (no per-IP `version`).
    pub fn is_1x(self) -> bool {
        self.0 >= 1
    }
}

/// Checks that `v` is a version we speak.
pub fn check_supported(v: &str) -> Result<Version, CniError> {
    match Version::parse(v) {
        Some(parsed) if SUPPORTED.contains(&v) => Ok(parsed),
        _ => Err(CniError::new(
            Code::IncompatibleVersion,
            format!("incompatible CNI version {v:?}"),
        )
        .with_details(format!("rovn-cni supports {}", SUPPORTED.join(", ")))),
    }
}

/// Checks that `v` allows the command introduced in `since` (e.g. CHECK since 0.4.0).
pub fn check_at_least(v: Version, since: Version, command: &str) -> Result<(), CniError> {
    if v >= since {
        Ok(())
    } else {
        Err(CniError::new(
            Code::IncompatibleVersion,
            format!(
                "config version {}.{}.{} does not allow {command}",
                v.0, v.1, v.2
            ),
        )
        .with_details(format!(
            "{command} needs cniVersion {}.{}.{} or later",
            since.0, since.1, since.2
        )))
    }
}

/// The VERSION command's reply.
pub fn version_info(requested: Option<&str>) -> serde_json::Value {
    let version = requested
        .filter(|v| SUPPORTED.contains(v))
        .unwrap_or(LATEST);
    serde_json::json!({ "cniVersion": version, "supportedVersions": SUPPORTED })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_order() {
        assert_eq!(Version::parse("1.0.0"), Some(Version(1, 0, 0)));
        assert!(Version::parse("0.4.0").unwrap() < Version::parse("1.0.0").unwrap());
        for bad in [
            "",
            "1",
            "1.0",
            "1.0.0.0",
            "a.b.c",
            "1.-1.0",
            "1.+1.0",
            "99999999999.0.0",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn supported_and_gated() {
        assert!(check_supported("1.1.0").is_ok());
        assert_eq!(
            check_supported("0.2.0").unwrap_err().code,
            Code::IncompatibleVersion
        );
        assert_eq!(
            check_supported("2.0.0").unwrap_err().code,
            Code::IncompatibleVersion
        );
        let e = check_at_least(Version(1, 0, 0), Version(1, 1, 0), "GC").unwrap_err();
        assert_eq!(e.code, Code::IncompatibleVersion);
        assert!(check_at_least(Version(0, 4, 0), Version(0, 4, 0), "CHECK").is_ok());
        assert_eq!(version_info(Some("0.4.0"))["cniVersion"], "0.4.0");
        assert_eq!(version_info(None)["cniVersion"], LATEST);
        assert_eq!(version_info(Some("7.0.0"))["supportedVersions"][4], "1.1.0");
    }
}
