//! OFPT_GROUP_MOD (1.3 and 1.5 layouts) and OFPT_METER_MOD.
//!
//! OpenFlow 1.5 group mods may carry Open vSwitch's selection method for select groups:
//! the Netronome experimenter group property (`NTRT_SELECTION_METHOD`) after the
//! buckets, 40 bytes (type 0xffff, length, experimenter 0x0000154d, exp_type 1, 4 pad,
//! the method name NUL-padded to 16 bytes, a 64-bit parameter) followed by the hashed
//! fields as OXM entries whose value is the field's hash mask (all ones: rovn models
//! unmasked fields only) and zero padding to a multiple of 8.

use super::header::Version;
use crate::wire::action::{emit_actions, parse_actions, Action};
use crate::wire::error::{len16, patch_u16, DecodeError, Reader, Result};
use crate::wire::field::Field;
use crate::wire::oxm::OxmHeader;
use bytes::BufMut;

/// Netronome's experimenter id, which OVS uses for its group selection property.
const NTR_VENDOR_ID: u32 = 0x0000_154d;
/// `NTRT_SELECTION_METHOD`.
const NTRT_SELECTION_METHOD: u32 = 1;
/// `OFPGPT15_EXPERIMENTER`.
const GROUP_PROP_EXPERIMENTER: u16 = 0xffff;
/// Length of the method name field, NUL included.
const METHOD_LEN: usize = 16;

/// How a select group picks its bucket (OVS extension): `dp_hash`, or `hash` over
/// `fields`; `param` is the method's parameter (0 when absent).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Selection {
    /// Method name, at most 15 bytes (`dp_hash`, `hash`).
    pub method: String,
    /// `selection_method_param`.
    pub param: u64,
    /// Fields hashed by the `hash` method, in Open vSwitch's field order.
    pub fields: Vec<Field>,
}

/// Rank of a field in Open vSwitch's field numbering, the order in which it stores,
/// sends and prints selection fields (the crate's `Field` order differs for Ethernet).
fn ovs_rank(f: Field) -> (Field, u8) {
    match f {
        Field::EthSrc => (Field::EthDst, 0),
        Field::EthDst => (Field::EthDst, 1),
        f => (f, 0),
    }
}

impl Selection {
    /// `selection_method=dp_hash`.
    pub fn dp_hash() -> Self {
        Selection {
            method: "dp_hash".into(),
            ..Selection::default()
        }
    }

    /// `selection_method=hash` over `fields` (deduplicated, in Open vSwitch's order).
    pub fn hash(fields: impl IntoIterator<Item = Field>) -> Self {
        let mut s = Selection {
            method: "hash".into(),
            ..Selection::default()
        };
        s.fields.extend(fields);
        s.sort_fields();
        s
    }

    /// Puts the fields in Open vSwitch's order, without duplicates.
    pub fn sort_fields(&mut self) {
        self.fields.sort_by_key(|f| ovs_rank(*f));
        self.fields.dedup();
    }

    fn parse(body: &[u8]) -> Result<Self> {
        let mut r = Reader::new(body);
        r.skip(4)?; // pad
        let name = r.take(METHOD_LEN)?;
        let end = name.iter().position(|b| *b == 0).unwrap_or(METHOD_LEN);
        let method = std::str::from_utf8(&name[..end])
            .map_err(|_| DecodeError::BadValue("selection method name"))?
            .to_string();
        let param = r.u64()?;
        let mut fields = Vec::new();
        while !r.is_empty() {
            if r.rest().iter().all(|b| *b == 0) {
                break; // padding
            }
            let h = OxmHeader::parse(&mut r)?;
            let value = r.take(h.len as usize)?;
            if h.hasmask || value.iter().any(|b| *b != 0xff) {
                return Err(DecodeError::BadValue("masked selection field"));
            }
            fields.push(h.field);
        }
        Ok(Selection {
            method,
            param,
            fields,
        })
    }

    fn emit(&self, buf: &mut Vec<u8>) {
        let start = buf.len();
        buf.put_u16(GROUP_PROP_EXPERIMENTER);
        buf.put_u16(0);
        buf.put_u32(NTR_VENDOR_ID);
        buf.put_u32(NTRT_SELECTION_METHOD);
        buf.put_u32(0);
        let mut name = [0u8; METHOD_LEN];
        let n = self.method.len().min(METHOD_LEN - 1);
        name[..n].copy_from_slice(&self.method.as_bytes()[..n]);
        buf.put_slice(&name);
        buf.put_u64(self.param);
        for f in &self.fields {
            let h = OxmHeader::of(*f);
            h.emit(buf);
            buf.put_bytes(0xff, h.len as usize);
        }
        let len = len16(buf.len() - start);
        patch_u16(buf, start + 2, len);
        while !(buf.len() - start).is_multiple_of(8) {
            buf.put_u8(0);
        }
    }
}

/// Group type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum GroupType {
    All,
    Select,
    Indirect,
    FastFailover,
    Unknown(u8),
}

impl GroupType {
    /// From the wire.
    pub fn from_wire(v: u8) -> Self {
        match v {
            0 => Self::All,
            1 => Self::Select,
            2 => Self::Indirect,
            3 => Self::FastFailover,
            v => Self::Unknown(v),
        }
    }
    /// To the wire.
    pub fn wire(self) -> u8 {
        match self {
            Self::All => 0,
            Self::Select => 1,
            Self::Indirect => 2,
            Self::FastFailover => 3,
            Self::Unknown(v) => v,
        }
    }
    /// ovs-ofctl name.
    pub fn name(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Select => "select",
            Self::Indirect => "indirect",
            Self::FastFailover => "ff",
            Self::Unknown(_) => "unknown",
        }
    }
}

/// A group bucket. Properties absent in 1.5 encodings are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub struct Bucket {
    pub bucket_id: u32,
    pub weight: Option<u16>,
    pub watch_port: Option<u32>,
    pub watch_group: Option<u32>,
    pub actions: Vec<Action>,
}

/// OFPT_GROUP_MOD.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct GroupMod {
    /// 0 add, 1 modify, 2 delete (3/4 insert/remove bucket in 1.5).
    pub command: u16,
    pub group_type: GroupType,
    pub group_id: u32,
    /// 1.5 only; 0xffffffff (all) otherwise.
    pub command_bucket_id: u32,
    pub buckets: Vec<Bucket>,
    /// 1.5 only: OVS's selection method property (select groups).
    pub selection: Option<Selection>,
}

impl GroupMod {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>, v: Version) -> Result<Self> {
        let command = r.u16()?;
        let group_type = GroupType::from_wire(r.u8()?);
        r.skip(1)?;
        let group_id = r.u32()?;
        let mut g = GroupMod {
            command,
            group_type,
            group_id,
            command_bucket_id: 0xffff_ffff,
            buckets: Vec::new(),
            selection: None,
        };
        if v >= Version::Of15 {
            let blen = r.u16()? as usize;
            r.skip(2)?;
            g.command_bucket_id = r.u32()?;
            let mut br = Reader::new(r.take(blen)?);
            while !br.is_empty() {
                let len = br.u16()? as usize;
                let alen = br.u16()? as usize;
                let mut b = Bucket {
                    bucket_id: br.u32()?,
                    ..Default::default()
                };
                let rest = len.checked_sub(8).ok_or(DecodeError::BadLength("bucket"))?;
                let mut body = Reader::new(br.take(rest)?);
                b.actions = parse_actions(body.take(alen)?)?;
                while !body.is_empty() {
                    let ty = body.u16()?;
                    let plen = body.u16()?;
                    if plen != 8 {
                        return Err(DecodeError::BadLength("bucket property"));
                    }
                    match ty {
                        0 => {
                            b.weight = Some(body.u16()?);
                            body.skip(2)?;
                        }
                        1 => b.watch_port = Some(body.u32()?),
                        2 => b.watch_group = Some(body.u32()?),
                        _ => return Err(DecodeError::BadValue("bucket property")),
                    }
                }
                g.buckets.push(b);
            }
            while !r.is_empty() {
                let ty = r.u16()?;
                let len = r.u16()? as usize;
                let body_len = len
                    .checked_sub(4)
                    .ok_or(DecodeError::BadLength("group property"))?;
                let body = r.take(body_len)?;
                r.skip(len.div_ceil(8) * 8 - len)?;
                let mut pr = Reader::new(body);
                if ty == GROUP_PROP_EXPERIMENTER
                    && pr.u32()? == NTR_VENDOR_ID
                    && pr.u32()? == NTRT_SELECTION_METHOD
                {
                    g.selection = Some(Selection::parse(pr.rest())?);
                } else {
                    return Err(DecodeError::BadValue("group property"));
                }
            }
        } else {
            let mut id = 0;
            while !r.is_empty() {
                let len = r.u16()? as usize;
                let rest = len
                    .checked_sub(16)
                    .ok_or(DecodeError::BadLength("bucket"))?;
                let weight = Some(r.u16()?);
                let watch_port = Some(r.u32()?);
                let watch_group = Some(r.u32()?);
                r.skip(4)?;
                g.buckets.push(Bucket {
                    bucket_id: id,
                    weight,
                    watch_port,
                    watch_group,
                    actions: parse_actions(r.take(rest)?)?,
                });
                id += 1;
            }
        }
        Ok(g)
    }

    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>, v: Version) {
        buf.put_u16(self.command);
        buf.put_u8(self.group_type.wire());
        buf.put_u8(0);
        buf.put_u32(self.group_id);
        if v >= Version::Of15 {
            let at = buf.len();
            buf.put_u16(0);
            buf.put_u16(0);
            buf.put_u32(self.command_bucket_id);
            let start = buf.len();
            for b in &self.buckets {
                let bs = buf.len();
                buf.put_u16(0);
                buf.put_u16(0);
                buf.put_u32(b.bucket_id);
                let as_ = buf.len();
                emit_actions(&b.actions, buf);
                let alen = len16(buf.len() - as_);
                if let Some(w) = b.weight {
                    buf.put_u16(0);
                    buf.put_u16(8);
                    buf.put_u16(w);
                    buf.put_u16(0);
                }
                if let Some(p) = b.watch_port {
                    buf.put_u16(1);
                    buf.put_u16(8);
                    buf.put_u32(p);
                }
                if let Some(p) = b.watch_group {
                    buf.put_u16(2);
                    buf.put_u16(8);
                    buf.put_u32(p);
                }
                let blen = len16(buf.len() - bs);
                patch_u16(buf, bs, blen);
                patch_u16(buf, bs + 2, alen);
            }
            let total = len16(buf.len() - start);
            patch_u16(buf, at, total);
            if let Some(sel) = &self.selection {
                sel.emit(buf);
            }
        } else {
            for b in &self.buckets {
                let bs = buf.len();
                buf.put_u16(0);
                buf.put_u16(b.weight.unwrap_or(0));
                buf.put_u32(b.watch_port.unwrap_or(0xffff_ffff));
                buf.put_u32(b.watch_group.unwrap_or(0xffff_ffff));
                buf.put_u32(0);
                emit_actions(&b.actions, buf);
                let blen = len16(buf.len() - bs);
                patch_u16(buf, bs, blen);
            }
        }
    }
}

/// A meter band.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct MeterBand {
    /// 1 drop, 2 dscp_remark, 0xffff experimenter.
    pub band_type: u16,
    pub rate: u32,
    pub burst_size: u32,
    /// Bytes after rate and burst (prec_level etc.).
    pub extra: Vec<u8>,
}

/// OFPT_METER_MOD.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct MeterMod {
    pub command: u16,
    pub flags: u16,
    pub meter_id: u32,
    pub bands: Vec<MeterBand>,
}

impl MeterMod {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let mut m = MeterMod {
            command: r.u16()?,
            flags: r.u16()?,
            meter_id: r.u32()?,
            bands: Vec::new(),
        };
        while !r.is_empty() {
            let band_type = r.u16()?;
            let len = r.u16()? as usize;
            let rest = len
                .checked_sub(12)
                .ok_or(DecodeError::BadLength("meter band"))?;
            let rate = r.u32()?;
            let burst_size = r.u32()?;
            m.bands.push(MeterBand {
                band_type,
                rate,
                burst_size,
                extra: r.take(rest)?.to_vec(),
            });
        }
        Ok(m)
    }
    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        buf.put_u16(self.command);
        buf.put_u16(self.flags);
        buf.put_u32(self.meter_id);
        for b in &self.bands {
            buf.put_u16(b.band_type);
            buf.put_u16(len16(12 + b.extra.len()));
            buf.put_u32(b.rate);
            buf.put_u32(b.burst_size);
            buf.put_slice(&b.extra);
        }
    }
}
