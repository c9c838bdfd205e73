//! CNI error results: the well-known codes of the CNI specification and the error JSON
//! (`cniVersion`, `code`, `msg`, `details`) the plugin prints on stdout when it fails.
//!
//! Codes 1-99 are reserved by the spec; everything rovn-specific uses 100 and up.

use serde::Serialize;

/// A CNI error code (spec section "Error").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// 1: incompatible CNI version
    IncompatibleVersion,
    /// 2: unsupported field in network configuration
    UnsupportedField,
    /// 3: container unknown or does not exist
    UnknownContainer,
    /// 4: invalid necessary environment variables
    InvalidEnvironment,
    /// 5: I/O failure
    Io,
    /// 6: failed to decode content
    Decode,
    /// 7: invalid network config
    InvalidNetworkConfig,
    /// 11: try again later
    TryAgainLater,
    /// 50: the plugin is not available (STATUS)
    PluginNotAvailable,
    /// 51: the plugin is not available, existing containers may be damaged (STATUS)
    PluginNotAvailableLimited,
    /// 100: the controller failed to carry out the request
    Controller,
    /// any other code, kept as received
    Unknown(u32),
}

impl Code {
    pub fn as_u32(self) -> u32 {
        match self {
            Code::IncompatibleVersion => 1,
            Code::UnsupportedField => 2,
            Code::UnknownContainer => 3,
            Code::InvalidEnvironment => 4,
            Code::Io => 5,
            Code::Decode => 6,
            Code::InvalidNetworkConfig => 7,
            Code::TryAgainLater => 11,
            Code::PluginNotAvailable => 50,
            Code::PluginNotAvailableLimited => 51,
            Code::Controller => 100,
            Code::Unknown(n) => n,
        }
    }

    pub fn from_u32(n: u32) -> Code {
        match n {
            1 => Code::IncompatibleVersion,
            2 => Code::UnsupportedField,
            3 => Code::UnknownContainer,
            4 => Code::InvalidEnvironment,
            5 => Code::Io,
            6 => Code::Decode,
            7 => Code::InvalidNetworkConfig,
            11 => Code::TryAgainLater,
            50 => Code::PluginNotAvailable,
            51 => Code::PluginNotAvailableLimited,
            100 => Code::Controller,
            n => Code::Unknown(n),
        }
    }
}

/// A failure the plugin reports to the runtime.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{msg}")]
pub struct CniError {
    pub code: Code,
    pub msg: String,
    pub details: Option<String>,
}

impl CniError {
    pub fn new(code: Code, msg: impl Into<String>) -> Self {
        CniError {
            code,
            msg: msg.into(),
            details: None,
        }
    }
    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(details.into());
        self
    }

    /// The error JSON of the spec, for `cniVersion` `version`.
    pub fn to_json(&self, version: &str) -> serde_json::Value {
        #[derive(Serialize)]
        struct Wire<'a> {
            #[serde(rename = "cniVersion")]
            cni_version: &'a str,
            code: u32,
            msg: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            details: Option<&'a str>,
        }
        serde_json::to_value(Wire {
            cni_version: version,
            code: self.code.as_u32(),
            msg: &self.msg,
            details: self.details.as_deref(),
        })
        .unwrap_or(serde_json::Value::Null)
    }
}

impl From<crate::api::ClientError> for CniError {
    fn from(e: crate::api::ClientError) -> Self {
        use crate::api::ClientError as E;
        match e {
            E::Rpc {
                code,
                message,
                data,
            } => {
                let code = u32::try_from(code)
                    .ok()
                    .filter(|c| *c > 0)
                    .map(Code::from_u32)
                    .unwrap_or(Code::Controller);
                CniError {
                    code,
                    msg: message,
                    details: data,
                }
            }
            e @ (E::Unavailable { .. } | E::Timeout(_)) => {
                CniError::new(Code::TryAgainLater, "rovn-controller is not reachable")
                    .with_details(e.to_string())
            }
            e => CniError::new(Code::Io, "talking to rovn-controller failed")
                .with_details(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for n in 0..200 {
            assert_eq!(Code::from_u32(n).as_u32(), n);
        }
    }

    #[test]
    fn error_json_per_spec() {
        let e = CniError::new(Code::InvalidEnvironment, "CNI_IFNAME is required")
            .with_details("ADD needs it");
        assert_eq!(
            e.to_json("1.1.0").to_string(),
            r#"{"cniVersion":"1.1.0","code":4,"msg":"CNI_IFNAME is required","details":"ADD needs it"}"#
        );
        let e = CniError::new(Code::Decode, "bad json");
        assert_eq!(
            e.to_json("0.4.0").to_string(),
            r#"{"cniVersion":"0.4.0","code":6,"msg":"bad json"}"#
        );
    }
}
