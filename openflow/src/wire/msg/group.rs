//! OFPT_GROUP_MOD (1.3 and 1.5 layouts) and OFPT_METER_MOD.

use super::header::Version;
use crate::wire::action::{emit_actions, parse_actions, Action};
use crate::wire::error::{len16, patch_u16, DecodeError, Reader, Result};
use bytes::BufMut;

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
