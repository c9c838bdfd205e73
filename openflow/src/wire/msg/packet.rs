//! OFPT_PACKET_IN and OFPT_PACKET_OUT (OpenFlow 1.3 and 1.5 layouts).

use super::header::Version;
use crate::wire::action::{emit_actions, parse_actions, Action};
use crate::wire::error::{DecodeError, Reader, Result};
use crate::wire::field::Field;
use crate::wire::matching::Match;
use crate::wire::oxm::MatchField;
use bytes::BufMut;

/// OFPT_PACKET_IN.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct PacketIn {
    pub buffer_id: u32,
    pub total_len: u16,
    pub reason: u8,
    pub table_id: u8,
    pub cookie: u64,
    pub matching: Match,
    pub data: Vec<u8>,
}

impl PacketIn {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let buffer_id = r.u32()?;
        let total_len = r.u16()?;
        let reason = r.u8()?;
        let table_id = r.u8()?;
        let cookie = r.u64()?;
        let matching = Match::parse(r)?;
        r.skip(2)?;
        Ok(PacketIn {
            buffer_id,
            total_len,
            reason,
            table_id,
            cookie,
            matching,
            data: r.rest().to_vec(),
        })
    }
    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        buf.put_u32(self.buffer_id);
        buf.put_u16(self.total_len);
        buf.put_u8(self.reason);
        buf.put_u8(self.table_id);
        buf.put_u64(self.cookie);
        self.matching.emit(buf);
        buf.put_u16(0);
        buf.put_slice(&self.data);
    }
}

/// OFPT_PACKET_OUT.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PacketOut {
    /// Buffer id or 0xffffffff.
    pub buffer_id: u32,
    /// Input port (a match field in 1.5).
    pub in_port: u32,
    /// Actions.
    pub actions: Vec<Action>,
    /// Packet bytes.
    pub data: Vec<u8>,
}

impl PacketOut {
    /// Parses the body for `version`.
    pub fn parse(r: &mut Reader<'_>, version: Version) -> Result<Self> {
        let buffer_id = r.u32()?;
        let (in_port, actions_len) = if version >= Version::Of15 {
            let alen = r.u16()?;
            r.skip(2)?;
            let m = Match::parse(r)?;
            let in_port = match m.get(Field::InPort) {
                Some(f) if f.value.len() == 4 => f.value_u128() as u32,
                _ => 0xffff_fffd,
            };
            (in_port, alen)
        } else {
            let p = r.u32()?;
            let alen = r.u16()?;
            r.skip(6)?;
            (p, alen)
        };
        let acts = r
            .take(actions_len as usize)
            .map_err(|_| DecodeError::BadLength("packet_out actions"))?;
        Ok(PacketOut {
            buffer_id,
            in_port,
            actions: parse_actions(acts)?,
            data: r.rest().to_vec(),
        })
    }
    /// Emits the body for `version`.
    pub fn emit(&self, buf: &mut Vec<u8>, version: Version) {
        let mut acts = Vec::new();
        emit_actions(&self.actions, &mut acts);
        buf.put_u32(self.buffer_id);
        if version >= Version::Of15 {
            buf.put_u16(acts.len() as u16);
            buf.put_u16(0);
            Match {
                fields: vec![MatchField::new(
                    Field::InPort,
                    self.in_port.to_be_bytes().to_vec(),
                )],
            }
            .emit(buf);
        } else {
            buf.put_u32(self.in_port);
            buf.put_u16(acts.len() as u16);
            buf.put_bytes(0, 6);
        }
        buf.put_slice(&acts);
        buf.put_slice(&self.data);
    }
}
