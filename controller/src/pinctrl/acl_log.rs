//! ACL logging: the `log(...)` controller op. The userdata payload is the verdict (u8),
//! the syslog severity (u8) and the ACL name; the record is logged in ovn-controller's
//! format, `name="NAME", verdict=V, severity=S, direction=D: <packet summary>`, where the
//! direction is `from-lport` for the ingress pipeline and `to-lport` for egress.

use std::fmt;

use crate::lflow::encode::controller::{LOG_SEVERITIES, LOG_VERDICTS};
use crate::lflow::logical_fields::Pipeline;

/// One logged packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclLogRecord {
    pub name: Option<String>,
    pub verdict: String,
    pub severity: String,
    /// `from-lport` or `to-lport`.
    pub direction: &'static str,
    /// The packet in Open vSwitch flow syntax.
    pub packet: String,
}

/// Why a log payload is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogPayloadError {
    #[error("log payload shorter than verdict and severity")]
    Short,
    #[error("unknown log verdict {0}")]
    Verdict(u8),
    #[error("unknown log severity {0}")]
    Severity(u8),
}

impl AclLogRecord {
    /// Decodes the payload (after the 8-byte controller-op header). `table_id` is the
    /// OpenFlow table the packet-in came from.
    pub fn decode(payload: &[u8], table_id: u8, packet: String) -> Result<Self, LogPayloadError> {
        let [verdict, severity, name @ ..] = payload else {
            return Err(LogPayloadError::Short);
        };
        let verdict = LOG_VERDICTS
            .get(usize::from(*verdict))
            .ok_or(LogPayloadError::Verdict(*verdict))?;
        let severity = LOG_SEVERITIES
            .iter()
            .find(|(_, v)| v == severity)
            .map(|(n, _)| *n)
            .ok_or(LogPayloadError::Severity(*severity))?;
        let direction = if table_id >= Pipeline::Egress.first_table() {
            "to-lport"
        } else {
            "from-lport"
        };
        Ok(AclLogRecord {
            name: (!name.is_empty()).then(|| String::from_utf8_lossy(name).into_owned()),
            verdict: verdict.to_string(),
            severity: severity.to_string(),
            direction,
            packet,
        })
    }

    /// Emits the record through `tracing` at a level matching its severity.
    pub fn emit(&self) {
        match self.severity.as_str() {
            "alert" | "warning" => tracing::warn!(target: "acl_log", "{self}"),
            "debug" => tracing::debug!(target: "acl_log", "{self}"),
            _ => tracing::info!(target: "acl_log", "{self}"),
        }
    }
}

impl fmt::Display for AclLogRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name.as_deref().unwrap_or("<unnamed>");
        write!(
            f,
            "name={:?}, verdict={}, severity={}, direction={}: {}",
            name, self.verdict, self.severity, self.direction, self.packet
        )
    }
}
