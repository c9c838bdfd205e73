//! Nicira experimenter messages (OFPT_EXPERIMENTER, vendor 0x2320, 32-bit subtype).

use crate::wire::error::{pad8, DecodeError, Reader, Result};
use bytes::BufMut;

/// NXT_* subtypes used here.
pub mod subtype {
    /// NXT_SET_PACKET_IN_FORMAT.
    pub const SET_PACKET_IN_FORMAT: u32 = 16;
    /// NXT_SET_CONTROLLER_ID.
    pub const SET_CONTROLLER_ID: u32 = 20;
    /// NXT_TLV_TABLE_MOD.
    pub const TLV_TABLE_MOD: u32 = 24;
    /// NXT_RESUME.
    pub const RESUME: u32 = 28;
    /// NXT_PACKET_IN2.
    pub const PACKET_IN2: u32 = 30;
}

/// One Geneve option → tun_metadata mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TlvMap {
    /// Geneve option class.
    pub option_class: u16,
    /// Option type.
    pub option_type: u8,
    /// Option length in bytes (multiple of 4).
    pub option_len: u8,
    /// tun_metadata index.
    pub index: u16,
}

/// NXT_PACKET_IN2 / NXT_RESUME property types.
pub mod pin2 {
    /// Packet bytes.
    pub const PACKET: u16 = 0;
    /// Original length.
    pub const FULL_LEN: u16 = 1;
    /// Buffer id.
    pub const BUFFER_ID: u16 = 2;
    /// Table id.
    pub const TABLE_ID: u16 = 3;
    /// Cookie: 4 zero bytes then the 64-bit cookie.
    pub const COOKIE: u16 = 4;
    /// Reason.
    pub const REASON: u16 = 5;
    /// Metadata (an ofp_match-like OXM list).
    pub const METADATA: u16 = 6;
    /// controller(userdata=...).
    pub const USERDATA: u16 = 7;
    /// Continuation (opaque, for NXT_RESUME).
    pub const CONTINUATION: u16 = 8;
}

/// A type-length-value property (4-byte header, padded to 8).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Property {
    /// Type.
    pub kind: u16,
    /// Value (without padding).
    pub value: Vec<u8>,
}

/// A Nicira message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NxMessage {
    /// NXT_SET_PACKET_IN_FORMAT: 0 OpenFlow, 1 NXT_PACKET_IN, 2 NXT_PACKET_IN2.
    SetPacketInFormat(u32),
    /// NXT_SET_CONTROLLER_ID.
    SetControllerId(u16),
    /// NXT_TLV_TABLE_MOD: command 0 add, 1 delete, 2 clear.
    TlvTableMod {
        /// Command.
        command: u16,
        /// Mappings.
        maps: Vec<TlvMap>,
    },
    /// NXT_PACKET_IN2 properties.
    PacketIn2(Vec<Property>),
    /// NXT_RESUME properties.
    Resume(Vec<Property>),
    /// Other subtype.
    Unknown {
        /// Subtype.
        subtype: u32,
        /// Body.
        body: Vec<u8>,
    },
}

fn parse_props(r: &mut Reader<'_>) -> Result<Vec<Property>> {
    let mut v = Vec::new();
    while !r.is_empty() {
        let kind = r.u16()?;
        let len = r.u16()? as usize;
        let body = len
            .checked_sub(4)
            .ok_or(DecodeError::BadLength("property"))?;
        let value = r.take(body)?.to_vec();
        r.skip((len.div_ceil(8) * 8 - len).min(r.remaining()))?;
        v.push(Property { kind, value });
    }
    Ok(v)
}

fn emit_props(p: &[Property], buf: &mut Vec<u8>) {
    for x in p {
        let s = buf.len();
        buf.put_u16(x.kind);
        buf.put_u16(4 + x.value.len() as u16);
        buf.put_slice(&x.value);
        pad8(buf, s);
    }
}

impl NxMessage {
    /// Subtype.
    pub fn subtype(&self) -> u32 {
        match self {
            NxMessage::SetPacketInFormat(_) => subtype::SET_PACKET_IN_FORMAT,
            NxMessage::SetControllerId(_) => subtype::SET_CONTROLLER_ID,
            NxMessage::TlvTableMod { .. } => subtype::TLV_TABLE_MOD,
            NxMessage::PacketIn2(_) => subtype::PACKET_IN2,
            NxMessage::Resume(_) => subtype::RESUME,
            NxMessage::Unknown { subtype, .. } => *subtype,
        }
    }

    /// Parses the body after the subtype.
    pub fn parse(st: u32, r: &mut Reader<'_>) -> Result<Self> {
        Ok(match st {
            subtype::SET_PACKET_IN_FORMAT => NxMessage::SetPacketInFormat(r.u32()?),
            subtype::SET_CONTROLLER_ID => {
                r.skip(6)?;
                NxMessage::SetControllerId(r.u16()?)
            }
            subtype::TLV_TABLE_MOD => {
                let command = r.u16()?;
                r.skip(6)?;
                let mut maps = Vec::new();
                while !r.is_empty() {
                    maps.push(TlvMap {
                        option_class: r.u16()?,
                        option_type: r.u8()?,
                        option_len: r.u8()?,
                        index: r.u16()?,
                    });
                    r.skip(2)?;
                }
                NxMessage::TlvTableMod { command, maps }
            }
            subtype::PACKET_IN2 => NxMessage::PacketIn2(parse_props(r)?),
            subtype::RESUME => NxMessage::Resume(parse_props(r)?),
            _ => NxMessage::Unknown {
                subtype: st,
                body: r.rest().to_vec(),
            },
        })
    }

    /// Emits the body after the subtype.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        match self {
            NxMessage::SetPacketInFormat(f) => buf.put_u32(*f),
            NxMessage::SetControllerId(id) => {
                buf.put_bytes(0, 6);
                buf.put_u16(*id);
            }
            NxMessage::TlvTableMod { command, maps } => {
                buf.put_u16(*command);
                buf.put_bytes(0, 6);
                for m in maps {
                    buf.put_u16(m.option_class);
                    buf.put_u8(m.option_type);
                    buf.put_u8(m.option_len);
                    buf.put_u16(m.index);
                    buf.put_u16(0);
                }
            }
            NxMessage::PacketIn2(p) | NxMessage::Resume(p) => emit_props(p, buf),
            NxMessage::Unknown { body, .. } => buf.put_slice(body),
        }
    }

    /// For PACKET_IN2/RESUME: the value of property `kind`.
    pub fn prop(&self, kind: u16) -> Option<&[u8]> {
        match self {
            NxMessage::PacketIn2(p) | NxMessage::Resume(p) => p
                .iter()
                .find(|x| x.kind == kind)
                .map(|x| x.value.as_slice()),
            _ => None,
        }
    }
}
