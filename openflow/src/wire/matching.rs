//! `ofp_match` of OpenFlow 1.2+: type OFPMT_OXM (1), length, OXM TLVs, zero padding to
//! a multiple of 8.
//!
//! Invariant: the length field counts header and TLVs but not padding; parse consumes
//! the padding too.

use super::error::{pad8, DecodeError, Reader, Result};
use super::oxm::MatchField;
use bytes::BufMut;

/// A flow match: a list of OXM/NXM fields in wire order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Match {
    /// The fields, in the order they appear on the wire.
    pub fields: Vec<MatchField>,
}

impl Match {
    /// Length of header and fields, without padding.
    pub fn unpadded_len(&self) -> usize {
        4 + self.fields.iter().map(|f| f.buffer_len()).sum::<usize>()
    }

    /// Bytes on the wire, padding included.
    pub fn buffer_len(&self) -> usize {
        self.unpadded_len().div_ceil(8) * 8
    }

    /// Parses an `ofp_match`.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let ty = r.u16()?;
        if ty != 1 {
            return Err(DecodeError::BadValue("match type"));
        }
        let len = r.u16()? as usize;
        let body_len = len.checked_sub(4).ok_or(DecodeError::BadLength("match"))?;
        let mut body = Reader::new(r.take(body_len)?);
        let mut fields = Vec::new();
        while !body.is_empty() {
            fields.push(MatchField::parse(&mut body)?);
        }
        let pad = len.div_ceil(8) * 8 - len;
        r.skip(pad)?;
        Ok(Match { fields })
    }

    /// Emits an `ofp_match`.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        let start = buf.len();
        buf.put_u16(1);
        buf.put_u16(self.unpadded_len() as u16);
        for f in &self.fields {
            f.emit(buf);
        }
        pad8(buf, start);
    }

    /// The field entry for `field`, if present.
    pub fn get(&self, field: super::field::Field) -> Option<&MatchField> {
        self.fields.iter().find(|f| f.field == field)
    }
}
