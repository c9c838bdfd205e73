//! Small fixed-layout messages: hello, error, features, config, role.

use crate::wire::error::{pad8, DecodeError, Reader, Result};
use bytes::BufMut;

/// OFPT_HELLO: the versions offered in a version-bitmap element (empty = header only).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Hello {
    /// Bitmap of supported versions (bit n = version n); 0 when no element was sent.
    pub bitmap: u32,
}

impl Hello {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let mut bitmap = 0;
        while r.remaining() >= 4 {
            let ty = r.u16()?;
            let len = r.u16()? as usize;
            let body = len
                .checked_sub(4)
                .ok_or(DecodeError::BadLength("hello elem"))?;
            let mut e = Reader::new(r.take(body)?);
            if ty == 1 && e.remaining() >= 4 {
                bitmap = e.u32()?;
            }
            let pad = len.div_ceil(8) * 8 - len;
            r.skip(pad.min(r.remaining()))?;
        }
        Ok(Hello { bitmap })
    }
    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        if self.bitmap != 0 {
            buf.put_u16(1);
            buf.put_u16(8);
            buf.put_u32(self.bitmap);
        }
    }
    /// The highest version both bitmaps share.
    pub fn negotiate(ours: u32, theirs: u32, their_version: u8) -> Option<u8> {
        let theirs = if theirs == 0 {
            // No bitmap: the peer supports every version up to its header's.
            ((1u64 << (their_version.min(31) as u32 + 1)) - 1) as u32
        } else {
            theirs
        };
        let common = ours & theirs;
        (0..32u8).rev().find(|v| common & (1 << v) != 0)
    }
}

/// Error type (OFPET_*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum ErrorType {
    HelloFailed,
    BadRequest,
    BadAction,
    BadInstruction,
    BadMatch,
    FlowModFailed,
    GroupModFailed,
    PortModFailed,
    TableModFailed,
    QueueOpFailed,
    SwitchConfigFailed,
    RoleRequestFailed,
    MeterModFailed,
    TableFeaturesFailed,
    BadProperty,
    AsyncConfigFailed,
    FlowMonitorFailed,
    BundleFailed,
    Experimenter,
    Unknown(u16),
}

impl ErrorType {
    /// From the wire.
    pub fn from_wire(v: u16) -> Self {
        use ErrorType::*;
        match v {
            0 => HelloFailed,
            1 => BadRequest,
            2 => BadAction,
            3 => BadInstruction,
            4 => BadMatch,
            5 => FlowModFailed,
            6 => GroupModFailed,
            7 => PortModFailed,
            8 => TableModFailed,
            9 => QueueOpFailed,
            10 => SwitchConfigFailed,
            11 => RoleRequestFailed,
            12 => MeterModFailed,
            13 => TableFeaturesFailed,
            14 => BadProperty,
            15 => AsyncConfigFailed,
            16 => FlowMonitorFailed,
            17 => BundleFailed,
            0xffff => Experimenter,
            v => Unknown(v),
        }
    }
    /// To the wire.
    pub fn wire(self) -> u16 {
        use ErrorType::*;
        match self {
            HelloFailed => 0,
            BadRequest => 1,
            BadAction => 2,
            BadInstruction => 3,
            BadMatch => 4,
            FlowModFailed => 5,
            GroupModFailed => 6,
            PortModFailed => 7,
            TableModFailed => 8,
            QueueOpFailed => 9,
            SwitchConfigFailed => 10,
            RoleRequestFailed => 11,
            MeterModFailed => 12,
            TableFeaturesFailed => 13,
            BadProperty => 14,
            AsyncConfigFailed => 15,
            FlowMonitorFailed => 16,
            BundleFailed => 17,
            Experimenter => 0xffff,
            Unknown(v) => v,
        }
    }
}

/// OFPT_ERROR.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ErrorMsg {
    /// Error type.
    pub kind: ErrorType,
    /// Error code (meaning depends on `kind`; for experimenter errors the exp type).
    pub code: u16,
    /// Experimenter id for `kind == Experimenter`.
    pub experimenter: Option<u32>,
    /// Usually the first bytes of the request that failed.
    pub data: Vec<u8>,
}

impl ErrorMsg {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let kind = ErrorType::from_wire(r.u16()?);
        let code = r.u16()?;
        let experimenter = if kind == ErrorType::Experimenter {
            Some(r.u32()?)
        } else {
            None
        };
        Ok(ErrorMsg {
            kind,
            code,
            experimenter,
            data: r.rest().to_vec(),
        })
    }
    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        buf.put_u16(self.kind.wire());
        buf.put_u16(self.code);
        if let Some(e) = self.experimenter {
            buf.put_u32(e);
        }
        buf.put_slice(&self.data);
    }
    /// Xid of the failed request, when its header is in `data`.
    pub fn failed_xid(&self) -> Option<u32> {
        super::header::Header::parse(&self.data).ok().map(|h| h.xid)
    }
    /// The OpenFlow name of the error (`OFPBAC_BAD_OUT_PORT`), else `type/code`.
    pub fn name(&self) -> String {
        let (prefix, names): (&str, &[&str]) = match self.kind {
            ErrorType::HelloFailed => ("OFPHFC_", &["INCOMPATIBLE", "EPERM"]),
            ErrorType::BadRequest => (
                "OFPBRC_",
                &[
                    "BAD_VERSION",
                    "BAD_TYPE",
                    "BAD_MULTIPART",
                    "BAD_EXPERIMENTER",
                    "BAD_EXP_TYPE",
                    "EPERM",
                    "BAD_LEN",
                    "BUFFER_EMPTY",
                    "BUFFER_UNKNOWN",
                    "BAD_TABLE_ID",
                    "IS_SLAVE",
                    "BAD_PORT",
                    "BAD_PACKET",
                    "MULTIPART_BUFFER_OVERFLOW",
                ],
            ),
            ErrorType::BadAction => (
                "OFPBAC_",
                &[
                    "BAD_TYPE",
                    "BAD_LEN",
                    "BAD_EXPERIMENTER",
                    "BAD_EXP_TYPE",
                    "BAD_OUT_PORT",
                    "BAD_ARGUMENT",
                    "EPERM",
                    "TOO_MANY",
                    "BAD_QUEUE",
                    "BAD_OUT_GROUP",
                    "MATCH_INCONSISTENT",
                    "UNSUPPORTED_ORDER",
                    "BAD_TAG",
                    "BAD_SET_TYPE",
                    "BAD_SET_LEN",
                    "BAD_SET_ARGUMENT",
                ],
            ),
            ErrorType::BadInstruction => (
                "OFPBIC_",
                &[
                    "UNKNOWN_INST",
                    "UNSUP_INST",
                    "BAD_TABLE_ID",
                    "UNSUP_METADATA",
                    "UNSUP_METADATA_MASK",
                    "BAD_EXPERIMENTER",
                    "BAD_EXP_TYPE",
                    "BAD_LEN",
                    "EPERM",
                ],
            ),
            ErrorType::BadMatch => (
                "OFPBMC_",
                &[
                    "BAD_TYPE",
                    "BAD_LEN",
                    "BAD_TAG",
                    "BAD_DL_ADDR_MASK",
                    "BAD_NW_ADDR_MASK",
                    "BAD_WILDCARDS",
                    "BAD_FIELD",
                    "BAD_VALUE",
                    "BAD_MASK",
                    "BAD_PREREQ",
                    "DUP_FIELD",
                    "EPERM",
                ],
            ),
            ErrorType::FlowModFailed => (
                "OFPFMFC_",
                &[
                    "UNKNOWN",
                    "TABLE_FULL",
                    "BAD_TABLE_ID",
                    "OVERLAP",
                    "EPERM",
                    "BAD_TIMEOUT",
                    "BAD_COMMAND",
                    "BAD_FLAGS",
                ],
            ),
            ErrorType::GroupModFailed => (
                "OFPGMFC_",
                &[
                    "GROUP_EXISTS",
                    "INVALID_GROUP",
                    "WEIGHT_UNSUPPORTED",
                    "OUT_OF_GROUPS",
                    "OUT_OF_BUCKETS",
                    "CHAINING_UNSUPPORTED",
                    "WATCH_UNSUPPORTED",
                    "LOOP",
                    "UNKNOWN_GROUP",
                    "CHAINED_GROUP",
                    "BAD_TYPE",
                    "BAD_COMMAND",
                    "BAD_BUCKET",
                    "BAD_WATCH",
                    "EPERM",
                ],
            ),
            ErrorType::MeterModFailed => (
                "OFPMMFC_",
                &[
                    "UNKNOWN",
                    "METER_EXISTS",
                    "INVALID_METER",
                    "UNKNOWN_METER",
                    "BAD_COMMAND",
                    "BAD_FLAGS",
                    "BAD_RATE",
                    "BAD_BURST",
                    "BAD_BAND",
                    "BAD_BAND_VALUE",
                    "OUT_OF_METERS",
                    "OUT_OF_BANDS",
                ],
            ),
            ErrorType::BundleFailed => (
                "OFPBFC_",
                &[
                    "UNKNOWN",
                    "EPERM",
                    "BAD_ID",
                    "BUNDLE_EXIST",
                    "BUNDLE_CLOSED",
                    "OUT_OF_BUNDLES",
                    "BAD_TYPE",
                    "BAD_FLAGS",
                    "MSG_BAD_LEN",
                    "MSG_BAD_XID",
                    "MSG_UNSUP",
                    "MSG_CONFLICT",
                    "MSG_TOO_MANY",
                    "MSG_FAILED",
                    "TIMEOUT",
                    "BUNDLE_IN_PROGRESS",
                ],
            ),
            _ => ("", &[]),
        };
        match names.get(self.code as usize) {
            Some(n) => format!("{prefix}{n}"),
            None => match self.experimenter {
                Some(e) => format!("experimenter {e:#x} type {}", self.code),
                None => format!("{:?}/{}", self.kind, self.code),
            },
        }
    }
}

/// OFPT_FEATURES_REPLY.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub struct Features {
    pub datapath_id: u64,
    pub n_buffers: u32,
    pub n_tables: u8,
    pub auxiliary_id: u8,
    pub capabilities: u32,
}

impl Features {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let f = Features {
            datapath_id: r.u64()?,
            n_buffers: r.u32()?,
            n_tables: r.u8()?,
            auxiliary_id: r.u8()?,
            capabilities: {
                r.skip(2)?;
                r.u32()?
            },
        };
        r.skip(4)?;
        Ok(f)
    }
    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        buf.put_u64(self.datapath_id);
        buf.put_u32(self.n_buffers);
        buf.put_u8(self.n_tables);
        buf.put_u8(self.auxiliary_id);
        buf.put_u16(0);
        buf.put_u32(self.capabilities);
        buf.put_u32(0);
    }
}

/// OFPT_GET_CONFIG_REPLY / OFPT_SET_CONFIG.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SwitchConfig {
    /// OFPC_* fragment handling flags.
    pub flags: u16,
    /// Bytes of a table-miss packet sent to the controller.
    pub miss_send_len: u16,
}

impl SwitchConfig {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        Ok(SwitchConfig {
            flags: r.u16()?,
            miss_send_len: r.u16()?,
        })
    }
    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        buf.put_u16(self.flags);
        buf.put_u16(self.miss_send_len);
    }
}

/// OFPT_ROLE_REQUEST / OFPT_ROLE_REPLY.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Role {
    /// 0 nochange, 1 equal, 2 master/primary, 3 slave/secondary.
    pub role: u32,
    /// Generation id.
    pub generation_id: u64,
}

impl Role {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let role = r.u32()?;
        r.skip(4)?;
        Ok(Role {
            role,
            generation_id: r.u64()?,
        })
    }
    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        buf.put_u32(self.role);
        buf.put_u32(0);
        buf.put_u64(self.generation_id);
    }
}

/// Pads to 8 from `start` (re-exported for message bodies with properties).
pub fn pad(buf: &mut Vec<u8>, start: usize) {
    pad8(buf, start)
}
