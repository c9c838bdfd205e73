//! OpenFlow actions (`ofp_action_*`) and the Nicira experimenter actions in [`nx`].
//!
//! Invariants: every action's length is a multiple of 8 and at least 8; a length that
//! is smaller, unaligned or runs past the list is an error. Unknown action types and
//! unknown Nicira subtypes keep their body bytes and re-emit them unchanged.

pub mod nx;

use super::error::{len16, pad8, patch_u16, DecodeError, Reader, Result};
use super::oxm::{MatchField, OxmHeader};
use bytes::BufMut;
pub use nx::NxAction;

/// Nicira's experimenter id.
pub const NX_VENDOR: u32 = 0x0000_2320;

/// Special port numbers (OpenFlow 1.1+).
pub mod port {
    /// Largest physical port.
    pub const MAX: u32 = 0xffff_ff00;
    /// Back out the input port.
    pub const IN_PORT: u32 = 0xffff_fff8;
    /// Submit to the first flow table.
    pub const TABLE: u32 = 0xffff_fff9;
    /// Normal L2/L3 processing.
    pub const NORMAL: u32 = 0xffff_fffa;
    /// Flood.
    pub const FLOOD: u32 = 0xffff_fffb;
    /// All ports but the input.
    pub const ALL: u32 = 0xffff_fffc;
    /// To the controller.
    pub const CONTROLLER: u32 = 0xffff_fffd;
    /// The local port.
    pub const LOCAL: u32 = 0xffff_fffe;
    /// Wildcard / none.
    pub const ANY: u32 = 0xffff_ffff;
}

/// A bit range of a field, as in `NXM_NX_REG0[0..15]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Subfield {
    /// The field's header (its length gives the field width).
    pub field: OxmHeader,
    /// First bit.
    pub ofs: u16,
    /// Number of bits.
    pub n_bits: u16,
}

/// An action.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Action {
    /// OFPAT_OUTPUT.
    Output {
        /// Port number.
        port: u32,
        /// Bytes to send to a controller.
        max_len: u16,
    },
    /// OFPAT_GROUP.
    Group(u32),
    /// OFPAT_SET_FIELD (masked in OpenFlow 1.5).
    SetField(MatchField),
    /// OFPAT_PUSH_VLAN with its ethertype.
    PushVlan(u16),
    /// OFPAT_POP_VLAN.
    PopVlan,
    /// OFPAT_DEC_NW_TTL.
    DecNwTtl,
    /// OFPAT_COPY_FIELD (OpenFlow 1.5), the encoding of `move:` there.
    CopyField {
        /// Source bits.
        src: Subfield,
        /// Destination bits (same width).
        dst: Subfield,
    },
    /// OFPAT_METER (OpenFlow 1.5).
    Meter(u32),
    /// A Nicira extension action.
    Nx(NxAction),
    /// Any other action: type and body after the 4-byte header.
    Unknown {
        /// Action type.
        kind: u16,
        /// Body bytes.
        body: Vec<u8>,
    },
}

impl Action {
    /// Parses one action.
    pub fn parse(r: &mut Reader<'_>) -> Result<Action> {
        let kind = r.u16()?;
        let len = r.u16()? as usize;
        if len < 8 || len & 7 != 0 {
            return Err(DecodeError::BadLength("action"));
        }
        let mut b = Reader::new(r.take(len - 4)?);
        let a = match kind {
            0 => {
                let port = b.u32()?;
                let max_len = b.u16()?;
                Action::Output { port, max_len }
            }
            17 => Action::PushVlan(b.u16()?),
            18 => Action::PopVlan,
            22 => Action::Group(b.u32()?),
            24 => Action::DecNwTtl,
            25 => Action::SetField(MatchField::parse(&mut b)?),
            28 => {
                let n_bits = b.u16()?;
                let src_ofs = b.u16()?;
                let dst_ofs = b.u16()?;
                b.skip(2)?;
                let src = OxmHeader::parse(&mut b)?;
                let dst = OxmHeader::parse(&mut b)?;
                Action::CopyField {
                    src: Subfield {
                        field: src,
                        ofs: src_ofs,
                        n_bits,
                    },
                    dst: Subfield {
                        field: dst,
                        ofs: dst_ofs,
                        n_bits,
                    },
                }
            }
            29 => Action::Meter(b.u32()?),
            0xffff if b.remaining() >= 6 && b.rest()[..4] == NX_VENDOR.to_be_bytes() => {
                b.skip(4)?;
                let subtype = b.u16()?;
                Action::Nx(NxAction::parse(subtype, b.rest())?)
            }
            _ => Action::Unknown {
                kind,
                body: b.rest().to_vec(),
            },
        };
        Ok(a)
    }

    /// Emits one action (length patched after the body, padded to 8).
    pub fn emit(&self, buf: &mut Vec<u8>) {
        let start = buf.len();
        let kind = match self {
            Action::Output { .. } => 0,
            Action::PushVlan(_) => 17,
            Action::PopVlan => 18,
            Action::Group(_) => 22,
            Action::DecNwTtl => 24,
            Action::SetField(_) => 25,
            Action::CopyField { .. } => 28,
            Action::Meter(_) => 29,
            Action::Nx(_) => 0xffff,
            Action::Unknown { kind, .. } => *kind,
        };
        buf.put_u16(kind);
        buf.put_u16(0);
        match self {
            Action::Output { port, max_len } => {
                buf.put_u32(*port);
                buf.put_u16(*max_len);
                buf.put_bytes(0, 6);
            }
            Action::PushVlan(t) => {
                buf.put_u16(*t);
                buf.put_bytes(0, 2);
            }
            Action::PopVlan | Action::DecNwTtl => buf.put_bytes(0, 4),
            Action::Group(g) | Action::Meter(g) => buf.put_u32(*g),
            Action::SetField(f) => f.emit(buf),
            Action::CopyField { src, dst } => {
                buf.put_u16(src.n_bits);
                buf.put_u16(src.ofs);
                buf.put_u16(dst.ofs);
                buf.put_bytes(0, 2);
                src.field.emit(buf);
                dst.field.emit(buf);
            }
            Action::Nx(nx) => {
                buf.put_u32(NX_VENDOR);
                buf.put_u16(nx.subtype());
                nx.emit_body(buf);
            }
            Action::Unknown { body, .. } => buf.put_slice(body),
        }
        pad8(buf, start);
        let len = len16(buf.len() - start);
        patch_u16(buf, start + 2, len);
    }
}

/// Parses a list of actions filling `bytes` exactly.
pub fn parse_actions(bytes: &[u8]) -> Result<Vec<Action>> {
    let mut r = Reader::new(bytes);
    let mut v = Vec::new();
    while !r.is_empty() {
        v.push(Action::parse(&mut r)?);
    }
    Ok(v)
}

/// Emits a list of actions.
pub fn emit_actions(actions: &[Action], buf: &mut Vec<u8>) {
    for a in actions {
        a.emit(buf);
    }
}
