//! OpenFlow messages: [`Message`] with `parse`/`emit` over whole framed messages.
//!
//! Invariants: `parse` checks that the header length equals the buffer length; a message
//! type rovn does not model is [`Message::Unknown`] and re-emits unchanged. `emit` always
//! writes a correct length.

pub mod flow_mod;
pub mod group;
pub mod header;
pub mod multipart;
pub mod nicira;
pub mod packet;
pub mod simple;

pub use flow_mod::{FlowMod, FlowModCommand};
pub use group::{Bucket, GroupMod, GroupType, MeterBand, MeterMod, Selection};
pub use header::{frame_len, Header, HeaderView, Version};
pub use multipart::{FlowStats, FlowStatsRequest, Multipart, MultipartBody, PortDesc, PortStats};
pub use nicira::{NxMessage, TlvMap};
pub use packet::{PacketIn, PacketOut};
pub use simple::{ErrorMsg, ErrorType, Features, Hello, Role, SwitchConfig};

use crate::wire::action::NX_VENDOR;
use crate::wire::error::{len16, patch_u16, DecodeError, Reader, Result};
use bytes::BufMut;

/// OFPT_* numbers (OpenFlow 1.3-1.5).
#[allow(missing_docs)]
pub mod msg_type {
    pub const HELLO: u8 = 0;
    pub const ERROR: u8 = 1;
    pub const ECHO_REQUEST: u8 = 2;
    pub const ECHO_REPLY: u8 = 3;
    pub const EXPERIMENTER: u8 = 4;
    pub const FEATURES_REQUEST: u8 = 5;
    pub const FEATURES_REPLY: u8 = 6;
    pub const GET_CONFIG_REQUEST: u8 = 7;
    pub const GET_CONFIG_REPLY: u8 = 8;
    pub const SET_CONFIG: u8 = 9;
    pub const PACKET_IN: u8 = 10;
    pub const PACKET_OUT: u8 = 13;
    pub const FLOW_MOD: u8 = 14;
    pub const GROUP_MOD: u8 = 15;
    pub const MULTIPART_REQUEST: u8 = 18;
    pub const MULTIPART_REPLY: u8 = 19;
    pub const BARRIER_REQUEST: u8 = 20;
    pub const BARRIER_REPLY: u8 = 21;
    pub const ROLE_REQUEST: u8 = 24;
    pub const ROLE_REPLY: u8 = 25;
    pub const METER_MOD: u8 = 29;
    pub const BUNDLE_CONTROL: u8 = 33;
    pub const BUNDLE_ADD_MESSAGE: u8 = 34;
}

/// Bundle control types.
pub mod bundle {
    /// OPEN_REQUEST.
    pub const OPEN_REQUEST: u16 = 0;
    /// OPEN_REPLY.
    pub const OPEN_REPLY: u16 = 1;
    /// CLOSE_REQUEST.
    pub const CLOSE_REQUEST: u16 = 2;
    /// CLOSE_REPLY.
    pub const CLOSE_REPLY: u16 = 3;
    /// COMMIT_REQUEST.
    pub const COMMIT_REQUEST: u16 = 4;
    /// COMMIT_REPLY.
    pub const COMMIT_REPLY: u16 = 5;
    /// DISCARD_REQUEST.
    pub const DISCARD_REQUEST: u16 = 6;
    /// DISCARD_REPLY.
    pub const DISCARD_REPLY: u16 = 7;
    /// Flag: atomic.
    pub const ATOMIC: u16 = 1;
    /// Flag: ordered.
    pub const ORDERED: u16 = 2;
}

/// An OpenFlow message body (the header's type is implied by the variant).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Message {
    Hello(Hello),
    Error(ErrorMsg),
    EchoRequest(Vec<u8>),
    EchoReply(Vec<u8>),
    FeaturesRequest,
    FeaturesReply(Features),
    GetConfigRequest,
    GetConfigReply(SwitchConfig),
    SetConfig(SwitchConfig),
    PacketIn(PacketIn),
    PacketOut(PacketOut),
    FlowMod(FlowMod),
    GroupMod(GroupMod),
    MeterMod(MeterMod),
    MultipartRequest(Multipart),
    MultipartReply(Multipart),
    BarrierRequest,
    BarrierReply,
    RoleRequest(Role),
    RoleReply(Role),
    BundleControl {
        bundle_id: u32,
        kind: u16,
        flags: u16,
    },
    BundleAdd {
        bundle_id: u32,
        flags: u16,
        /// The inner message's xid.
        xid: u32,
        message: Box<Message>,
    },
    Nx(NxMessage),
    /// Any other message type, body kept.
    Unknown {
        msg_type: u8,
        body: Vec<u8>,
    },
}

impl Message {
    /// The OFPT_* number.
    pub fn msg_type(&self) -> u8 {
        use msg_type::*;
        match self {
            Message::Hello(_) => HELLO,
            Message::Error(_) => ERROR,
            Message::EchoRequest(_) => ECHO_REQUEST,
            Message::EchoReply(_) => ECHO_REPLY,
            Message::FeaturesRequest => FEATURES_REQUEST,
            Message::FeaturesReply(_) => FEATURES_REPLY,
            Message::GetConfigRequest => GET_CONFIG_REQUEST,
            Message::GetConfigReply(_) => GET_CONFIG_REPLY,
            Message::SetConfig(_) => SET_CONFIG,
            Message::PacketIn(_) => PACKET_IN,
            Message::PacketOut(_) => PACKET_OUT,
            Message::FlowMod(_) => FLOW_MOD,
            Message::GroupMod(_) => GROUP_MOD,
            Message::MeterMod(_) => METER_MOD,
            Message::MultipartRequest(_) => MULTIPART_REQUEST,
            Message::MultipartReply(_) => MULTIPART_REPLY,
            Message::BarrierRequest => BARRIER_REQUEST,
            Message::BarrierReply => BARRIER_REPLY,
            Message::RoleRequest(_) => ROLE_REQUEST,
            Message::RoleReply(_) => ROLE_REPLY,
            Message::BundleControl { .. } => BUNDLE_CONTROL,
            Message::BundleAdd { .. } => BUNDLE_ADD_MESSAGE,
            Message::Nx(_) => EXPERIMENTER,
            Message::Unknown { msg_type, .. } => *msg_type,
        }
    }

    /// Parses one whole message (`buf` must be exactly the header's length).
    pub fn parse(buf: &[u8]) -> Result<(Header, Message)> {
        let h = Header::parse(buf)?;
        if h.length as usize != buf.len() {
            return Err(DecodeError::BadLength("message"));
        }
        let mut r = Reader::new(&buf[8..]);
        let v = h.version;
        use msg_type::*;
        let m = match h.msg_type {
            HELLO => Message::Hello(Hello::parse(&mut r)?),
            ERROR => Message::Error(ErrorMsg::parse(&mut r)?),
            ECHO_REQUEST => Message::EchoRequest(r.rest().to_vec()),
            ECHO_REPLY => Message::EchoReply(r.rest().to_vec()),
            FEATURES_REQUEST => Message::FeaturesRequest,
            FEATURES_REPLY => Message::FeaturesReply(Features::parse(&mut r)?),
            GET_CONFIG_REQUEST => Message::GetConfigRequest,
            GET_CONFIG_REPLY => Message::GetConfigReply(SwitchConfig::parse(&mut r)?),
            SET_CONFIG => Message::SetConfig(SwitchConfig::parse(&mut r)?),
            PACKET_IN => Message::PacketIn(PacketIn::parse(&mut r)?),
            PACKET_OUT => Message::PacketOut(PacketOut::parse(&mut r, v)?),
            FLOW_MOD => Message::FlowMod(FlowMod::parse(&mut r)?),
            GROUP_MOD => Message::GroupMod(GroupMod::parse(&mut r, v)?),
            METER_MOD => Message::MeterMod(MeterMod::parse(&mut r)?),
            MULTIPART_REQUEST => Message::MultipartRequest(Multipart::parse(&mut r, false, v)?),
            MULTIPART_REPLY => Message::MultipartReply(Multipart::parse(&mut r, true, v)?),
            BARRIER_REQUEST => Message::BarrierRequest,
            BARRIER_REPLY => Message::BarrierReply,
            ROLE_REQUEST => Message::RoleRequest(Role::parse(&mut r)?),
            ROLE_REPLY => Message::RoleReply(Role::parse(&mut r)?),
            BUNDLE_CONTROL => {
                let bundle_id = r.u32()?;
                let kind = r.u16()?;
                let flags = r.u16()?;
                Message::BundleControl {
                    bundle_id,
                    kind,
                    flags,
                }
            }
            BUNDLE_ADD_MESSAGE => {
                let bundle_id = r.u32()?;
                r.skip(2)?;
                let flags = r.u16()?;
                let inner = r.rest();
                let ih = Header::parse(inner)?;
                let ilen = ih.length as usize;
                if ilen > inner.len() {
                    return Err(DecodeError::BadLength("bundle inner message"));
                }
                let (ih, im) = Message::parse(&inner[..ilen])?;
                Message::BundleAdd {
                    bundle_id,
                    flags,
                    xid: ih.xid,
                    message: Box::new(im),
                }
            }
            EXPERIMENTER if r.remaining() >= 8 && r.rest()[..4] == NX_VENDOR.to_be_bytes() => {
                r.skip(4)?;
                let st = r.u32()?;
                Message::Nx(NxMessage::parse(st, &mut r)?)
            }
            t => Message::Unknown {
                msg_type: t,
                body: r.rest().to_vec(),
            },
        };
        Ok((h, m))
    }

    /// Emits the whole message with `version` and `xid`.
    pub fn emit(&self, version: Version, xid: u32, buf: &mut Vec<u8>) {
        let start = buf.len();
        buf.put_u8(version.wire());
        buf.put_u8(self.msg_type());
        buf.put_u16(0);
        buf.put_u32(xid);
        match self {
            Message::Hello(h) => h.emit(buf),
            Message::Error(e) => e.emit(buf),
            Message::EchoRequest(d) | Message::EchoReply(d) => buf.put_slice(d),
            Message::FeaturesRequest
            | Message::GetConfigRequest
            | Message::BarrierRequest
            | Message::BarrierReply => {}
            Message::FeaturesReply(f) => f.emit(buf),
            Message::GetConfigReply(c) | Message::SetConfig(c) => c.emit(buf),
            Message::PacketIn(p) => p.emit(buf),
            Message::PacketOut(p) => p.emit(buf, version),
            Message::FlowMod(f) => f.emit(buf),
            Message::GroupMod(g) => g.emit(buf, version),
            Message::MeterMod(m) => m.emit(buf),
            Message::MultipartRequest(m) | Message::MultipartReply(m) => m.emit(buf, version),
            Message::RoleRequest(r) | Message::RoleReply(r) => r.emit(buf),
            Message::BundleControl {
                bundle_id,
                kind,
                flags,
            } => {
                buf.put_u32(*bundle_id);
                buf.put_u16(*kind);
                buf.put_u16(*flags);
            }
            Message::BundleAdd {
                bundle_id,
                flags,
                xid,
                message,
            } => {
                buf.put_u32(*bundle_id);
                buf.put_u16(0);
                buf.put_u16(*flags);
                message.emit(version, *xid, buf);
            }
            Message::Nx(n) => {
                buf.put_u32(NX_VENDOR);
                buf.put_u32(n.subtype());
                n.emit(buf);
            }
            Message::Unknown { body, .. } => buf.put_slice(body),
        }
        let len = len16(buf.len() - start);
        patch_u16(buf, start + 2, len);
    }

    /// Emits into a fresh vector.
    pub fn to_bytes(&self, version: Version, xid: u32) -> Vec<u8> {
        let mut v = Vec::new();
        self.emit(version, xid, &mut v);
        v
    }
}
