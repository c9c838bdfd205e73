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

/// The properties of NXT_PACKET_IN2 in typed form (all optional except the packet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct PacketIn2 {
    pub packet: Vec<u8>,
    pub full_len: Option<u32>,
    pub buffer_id: Option<u32>,
    pub table_id: Option<u8>,
    pub cookie: Option<u64>,
    pub reason: Option<u8>,
    /// Pipeline fields at the time of the packet-in (registers, metadata, in_port...).
    pub metadata: crate::wire::matching::Match,
    /// `controller(userdata=...)` bytes.
    pub userdata: Option<Vec<u8>>,
    /// Opaque state for NXT_RESUME (`controller(pause)`).
    pub continuation: Option<Vec<u8>>,
}

fn be(v: &[u8]) -> u64 {
    v.iter().fold(0u64, |a, b| (a << 8) | *b as u64)
}

impl PacketIn2 {
    /// Reads the properties of a PACKET_IN2 (or RESUME) message.
    pub fn from_props(props: &[Property]) -> Result<Self> {
        let mut p = PacketIn2::default();
        for x in props {
            let v = &x.value;
            match x.kind {
                pin2::PACKET => p.packet = v.clone(),
                pin2::FULL_LEN => p.full_len = Some(be(v) as u32),
                pin2::BUFFER_ID => p.buffer_id = Some(be(v) as u32),
                pin2::TABLE_ID => p.table_id = v.first().copied(),
                pin2::COOKIE => p.cookie = Some(be(v.get(4..).unwrap_or(&[]))),
                pin2::REASON => p.reason = v.first().copied(),
                pin2::METADATA => {
                    let mut r = Reader::new(v);
                    while !r.is_empty() {
                        p.metadata
                            .fields
                            .push(crate::wire::oxm::MatchField::parse(&mut r)?);
                    }
                }
                pin2::USERDATA => p.userdata = Some(v.clone()),
                pin2::CONTINUATION => p.continuation = Some(v.clone()),
                _ => {}
            }
        }
        Ok(p)
    }

    /// Properties in type order, the inverse of [`PacketIn2::from_props`].
    pub fn to_props(&self) -> Vec<Property> {
        let mut v = vec![Property {
            kind: pin2::PACKET,
            value: self.packet.clone(),
        }];
        let mut put = |kind, value: Vec<u8>| v.push(Property { kind, value });
        if let Some(x) = self.full_len {
            put(pin2::FULL_LEN, x.to_be_bytes().to_vec());
        }
        if let Some(x) = self.buffer_id {
            put(pin2::BUFFER_ID, x.to_be_bytes().to_vec());
        }
        if let Some(x) = self.table_id {
            put(pin2::TABLE_ID, vec![x]);
        }
        if let Some(x) = self.cookie {
            let mut b = vec![0; 4];
            b.extend_from_slice(&x.to_be_bytes());
            put(pin2::COOKIE, b);
        }
        if let Some(x) = self.reason {
            put(pin2::REASON, vec![x]);
        }
        if !self.metadata.fields.is_empty() {
            let mut b = Vec::new();
            for f in &self.metadata.fields {
                f.emit(&mut b);
            }
            put(pin2::METADATA, b);
        }
        if let Some(x) = &self.userdata {
            put(pin2::USERDATA, x.clone());
        }
        if let Some(x) = &self.continuation {
            put(pin2::CONTINUATION, x.clone());
        }
        v
    }

    /// NXT_RESUME for a paused packet: the (possibly rewritten) packet, its metadata
    /// and the continuation, as OVS expects.
    pub fn resume(&self) -> NxMessage {
        let r = PacketIn2 {
            packet: self.packet.clone(),
            metadata: self.metadata.clone(),
            continuation: self.continuation.clone(),
            ..Default::default()
        };
        NxMessage::Resume(r.to_props())
    }
}

impl NxMessage {
    /// Typed view of a PACKET_IN2 or RESUME.
    pub fn packet_in2(&self) -> Option<Result<PacketIn2>> {
        match self {
            NxMessage::PacketIn2(p) | NxMessage::Resume(p) => Some(PacketIn2::from_props(p)),
            _ => None,
        }
    }
}
