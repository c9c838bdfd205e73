//! OFPT_MULTIPART_REQUEST/REPLY: flow stats (1.3 and 1.5 layouts, the latter with OXS
//! statistics), port stats, port description; other kinds (table, group, ...) keep their
//! body bytes.

use super::header::Version;
use crate::wire::error::{len16, pad8, patch_u16, DecodeError, Reader, Result};
use crate::wire::instruction::{emit_instructions, parse_instructions, Instruction};
use crate::wire::matching::Match;
use bytes::BufMut;

/// Multipart kinds (OFPMP_*).
pub mod kind {
    /// Switch description.
    pub const DESC: u16 = 0;
    /// Individual flow statistics.
    pub const FLOW: u16 = 1;
    /// Aggregate flow statistics.
    pub const AGGREGATE: u16 = 2;
    /// Table statistics.
    pub const TABLE: u16 = 3;
    /// Port statistics.
    pub const PORT_STATS: u16 = 4;
    /// Group statistics.
    pub const GROUP: u16 = 6;
    /// Group description.
    pub const GROUP_DESC: u16 = 7;
    /// Port description.
    pub const PORT_DESC: u16 = 13;
}

/// Flow stats request body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct FlowStatsRequest {
    /// 0xff = all tables.
    pub table_id: u8,
    pub out_port: u32,
    pub out_group: u32,
    pub cookie: u64,
    pub cookie_mask: u64,
    pub matching: Match,
}

impl Default for FlowStatsRequest {
    fn default() -> Self {
        FlowStatsRequest {
            table_id: 0xff,
            out_port: 0xffff_ffff,
            out_group: 0xffff_ffff,
            cookie: 0,
            cookie_mask: 0,
            matching: Match::default(),
        }
    }
}

/// One flow in a flow stats reply.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub struct FlowStats {
    pub table_id: u8,
    /// 1.5 only.
    pub reason: u8,
    pub priority: u16,
    pub idle_timeout: u16,
    pub hard_timeout: u16,
    pub flags: u16,
    pub importance: u16,
    pub cookie: u64,
    pub duration_sec: u32,
    pub duration_nsec: u32,
    /// 1.5 OXS idle_time (sec, nsec), when present.
    pub idle_time: Option<(u32, u32)>,
    pub packet_count: u64,
    pub byte_count: u64,
    pub matching: Match,
    pub instructions: Vec<Instruction>,
}

/// Port statistics.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub struct PortStats {
    pub port_no: u32,
    pub duration_sec: u32,
    pub duration_nsec: u32,
    pub rx_packets: u64,
    pub tx_packets: u64,
    pub rx_bytes: u64,
    pub tx_bytes: u64,
    pub rx_dropped: u64,
    pub tx_dropped: u64,
    pub rx_errors: u64,
    pub tx_errors: u64,
    /// Bytes after the common counters (1.3: frame/over/crc/collisions; 1.5: properties).
    pub extra: Vec<u8>,
}

/// A port description.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub struct PortDesc {
    pub port_no: u32,
    pub hw_addr: [u8; 6],
    pub name: String,
    pub config: u32,
    pub state: u32,
    /// Remaining bytes (1.3: speeds; 1.5: properties).
    pub extra: Vec<u8>,
}

/// One table's statistics.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub struct TableStats {
    pub table_id: u8,
    pub active_count: u32,
    pub lookup_count: u64,
    pub matched_count: u64,
}

/// One group's statistics.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[allow(missing_docs)]
pub struct GroupStats {
    pub group_id: u32,
    pub ref_count: u32,
    pub packet_count: u64,
    pub byte_count: u64,
    pub duration_sec: u32,
    pub duration_nsec: u32,
    /// (packet_count, byte_count) per bucket.
    pub buckets: Vec<(u64, u64)>,
}

/// Typed multipart body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum MultipartBody {
    FlowStatsRequest(FlowStatsRequest),
    FlowStatsReply(Vec<FlowStats>),
    PortStatsRequest {
        port_no: u32,
    },
    PortStatsReply(Vec<PortStats>),
    PortDescRequest,
    PortDescReply(Vec<PortDesc>),
    TableStatsRequest,
    TableStatsReply(Vec<TableStats>),
    /// 0xfffffffc = all groups.
    GroupStatsRequest {
        group_id: u32,
    },
    GroupStatsReply(Vec<GroupStats>),
    /// Any other kind.
    Raw(Vec<u8>),
}

/// A multipart request or reply.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Multipart {
    /// OFPMP_* kind.
    pub kind: u16,
    /// OFPMPF_REQ_MORE / OFPMPF_REPLY_MORE (bit 0).
    pub flags: u16,
    /// Body.
    pub body: MultipartBody,
}

impl Multipart {
    /// True if the more-to-come flag is set.
    pub fn more(&self) -> bool {
        self.flags & 1 != 0
    }

    /// Parses a request (`reply == false`) or reply body.
    pub fn parse(r: &mut Reader<'_>, reply: bool, v: Version) -> Result<Self> {
        let kind = r.u16()?;
        let flags = r.u16()?;
        r.skip(4)?;
        let body = match (kind, reply) {
            (kind::FLOW, false) => {
                let table_id = r.u8()?;
                r.skip(3)?;
                let out_port = r.u32()?;
                let out_group = r.u32()?;
                r.skip(4)?;
                MultipartBody::FlowStatsRequest(FlowStatsRequest {
                    table_id,
                    out_port,
                    out_group,
                    cookie: r.u64()?,
                    cookie_mask: r.u64()?,
                    matching: Match::parse(r)?,
                })
            }
            (kind::FLOW, true) => {
                let mut v_ = Vec::new();
                while !r.is_empty() {
                    v_.push(parse_flow_stats(r, v)?);
                }
                MultipartBody::FlowStatsReply(v_)
            }
            (kind::PORT_STATS, false) => {
                let port_no = r.u32()?;
                r.skip(4)?;
                MultipartBody::PortStatsRequest { port_no }
            }
            (kind::PORT_STATS, true) => {
                let mut out = Vec::new();
                while !r.is_empty() {
                    out.push(parse_port_stats(r, v)?);
                }
                MultipartBody::PortStatsReply(out)
            }
            (kind::PORT_DESC, false) => {
                if v < Version::Of15 {
                    MultipartBody::PortDescRequest
                } else {
                    // 1.5: port_no + pad; we only ask for all ports.
                    r.skip(8.min(r.remaining()))?;
                    MultipartBody::PortDescRequest
                }
            }
            (kind::PORT_DESC, true) => {
                let mut out = Vec::new();
                while !r.is_empty() {
                    out.push(parse_port_desc(r, v)?);
                }
                MultipartBody::PortDescReply(out)
            }
            (kind::TABLE, false) if r.is_empty() => MultipartBody::TableStatsRequest,
            (kind::TABLE, true) => {
                let mut out = Vec::new();
                while !r.is_empty() {
                    let table_id = r.u8()?;
                    r.skip(3)?;
                    out.push(TableStats {
                        table_id,
                        active_count: r.u32()?,
                        lookup_count: r.u64()?,
                        matched_count: r.u64()?,
                    });
                }
                MultipartBody::TableStatsReply(out)
            }
            (kind::GROUP, false) => {
                let group_id = r.u32()?;
                r.skip(4)?;
                MultipartBody::GroupStatsRequest { group_id }
            }
            (kind::GROUP, true) => {
                let mut out = Vec::new();
                while !r.is_empty() {
                    let len = r.u16()? as usize;
                    let body = len
                        .checked_sub(2)
                        .ok_or(DecodeError::BadLength("group stats"))?;
                    let mut b = Reader::new(r.take(body)?);
                    b.skip(2)?;
                    let mut g = GroupStats {
                        group_id: b.u32()?,
                        ref_count: b.u32()?,
                        ..Default::default()
                    };
                    b.skip(4)?;
                    g.packet_count = b.u64()?;
                    g.byte_count = b.u64()?;
                    g.duration_sec = b.u32()?;
                    g.duration_nsec = b.u32()?;
                    while !b.is_empty() {
                        g.buckets.push((b.u64()?, b.u64()?));
                    }
                    out.push(g);
                }
                MultipartBody::GroupStatsReply(out)
            }
            _ => MultipartBody::Raw(r.rest().to_vec()),
        };
        Ok(Multipart { kind, flags, body })
    }

    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>, v: Version) {
        buf.put_u16(self.kind);
        buf.put_u16(self.flags);
        buf.put_u32(0);
        match &self.body {
            MultipartBody::FlowStatsRequest(f) => {
                buf.put_u8(f.table_id);
                buf.put_bytes(0, 3);
                buf.put_u32(f.out_port);
                buf.put_u32(f.out_group);
                buf.put_u32(0);
                buf.put_u64(f.cookie);
                buf.put_u64(f.cookie_mask);
                f.matching.emit(buf);
            }
            MultipartBody::FlowStatsReply(fs) => {
                for f in fs {
                    emit_flow_stats(f, buf, v);
                }
            }
            MultipartBody::PortStatsRequest { port_no } => {
                buf.put_u32(*port_no);
                buf.put_u32(0);
            }
            MultipartBody::PortStatsReply(ps) => {
                for p in ps {
                    emit_port_stats(p, buf, v);
                }
            }
            MultipartBody::PortDescRequest => {
                if v >= Version::Of15 {
                    buf.put_u32(0xffff_ffff);
                    buf.put_u32(0);
                }
            }
            MultipartBody::PortDescReply(ps) => {
                for p in ps {
                    emit_port_desc(p, buf, v);
                }
            }
            MultipartBody::TableStatsRequest => {}
            MultipartBody::TableStatsReply(ts) => {
                for t in ts {
                    buf.put_u8(t.table_id);
                    buf.put_bytes(0, 3);
                    buf.put_u32(t.active_count);
                    buf.put_u64(t.lookup_count);
                    buf.put_u64(t.matched_count);
                }
            }
            MultipartBody::GroupStatsRequest { group_id } => {
                buf.put_u32(*group_id);
                buf.put_u32(0);
            }
            MultipartBody::GroupStatsReply(gs) => {
                for g in gs {
                    let start = buf.len();
                    buf.put_u16(0);
                    buf.put_u16(0);
                    buf.put_u32(g.group_id);
                    buf.put_u32(g.ref_count);
                    buf.put_u32(0);
                    buf.put_u64(g.packet_count);
                    buf.put_u64(g.byte_count);
                    buf.put_u32(g.duration_sec);
                    buf.put_u32(g.duration_nsec);
                    for (p, b) in &g.buckets {
                        buf.put_u64(*p);
                        buf.put_u64(*b);
                    }
                    let len = len16(buf.len() - start);
                    patch_u16(buf, start, len);
                }
            }
            MultipartBody::Raw(b) => buf.put_slice(b),
        }
    }
}

fn parse_flow_stats(r: &mut Reader<'_>, v: Version) -> Result<FlowStats> {
    let len = r.u16()? as usize;
    let body = len
        .checked_sub(2)
        .ok_or(DecodeError::BadLength("flow stats"))?;
    let mut b = Reader::new(r.take(body)?);
    let mut f = FlowStats::default();
    if v >= Version::Of15 {
        b.skip(2)?;
        f.table_id = b.u8()?;
        f.reason = b.u8()?;
        f.priority = b.u16()?;
        f.idle_timeout = b.u16()?;
        f.hard_timeout = b.u16()?;
        f.flags = b.u16()?;
        f.importance = b.u16()?;
        f.cookie = b.u64()?;
        f.matching = Match::parse(&mut b)?;
        // ofp_stats: reserved, length, OXS TLVs, padding.
        b.skip(2)?;
        let slen = b.u16()? as usize;
        let olen = slen
            .checked_sub(4)
            .ok_or(DecodeError::BadLength("ofp_stats"))?;
        let mut o = Reader::new(b.take(olen)?);
        b.skip(slen.div_ceil(8) * 8 - slen)?;
        while !o.is_empty() {
            let _class = o.u16()?;
            let field = o.u8()? >> 1;
            let l = o.u8()? as usize;
            let mut val = Reader::new(o.take(l)?);
            match field {
                0 => {
                    f.duration_sec = val.u32()?;
                    f.duration_nsec = val.u32()?;
                }
                1 => f.idle_time = Some((val.u32()?, val.u32()?)),
                4 => f.packet_count = val.u64()?,
                5 => f.byte_count = val.u64()?,
                _ => {}
            }
        }
    } else {
        f.table_id = b.u8()?;
        b.skip(1)?;
        f.duration_sec = b.u32()?;
        f.duration_nsec = b.u32()?;
        f.priority = b.u16()?;
        f.idle_timeout = b.u16()?;
        f.hard_timeout = b.u16()?;
        f.flags = b.u16()?;
        f.importance = b.u16()?;
        b.skip(2)?;
        f.cookie = b.u64()?;
        f.packet_count = b.u64()?;
        f.byte_count = b.u64()?;
        f.matching = Match::parse(&mut b)?;
    }
    f.instructions = parse_instructions(b.rest())?;
    Ok(f)
}

fn oxs(buf: &mut Vec<u8>, field: u8, vals: &[u64], widths: &[usize]) {
    buf.put_u16(0x8002);
    buf.put_u8(field << 1);
    buf.put_u8(widths.iter().sum::<usize>() as u8);
    for (v, w) in vals.iter().zip(widths) {
        if *w == 4 {
            buf.put_u32(*v as u32);
        } else {
            buf.put_u64(*v);
        }
    }
}

fn emit_flow_stats(f: &FlowStats, buf: &mut Vec<u8>, v: Version) {
    let start = buf.len();
    buf.put_u16(0);
    if v >= Version::Of15 {
        buf.put_u16(0);
        buf.put_u8(f.table_id);
        buf.put_u8(f.reason);
        buf.put_u16(f.priority);
        buf.put_u16(f.idle_timeout);
        buf.put_u16(f.hard_timeout);
        buf.put_u16(f.flags);
        buf.put_u16(f.importance);
        buf.put_u64(f.cookie);
        f.matching.emit(buf);
        let ss = buf.len();
        buf.put_u16(0);
        buf.put_u16(0);
        oxs(
            buf,
            0,
            &[f.duration_sec as u64, f.duration_nsec as u64],
            &[4, 4],
        );
        if let Some((s, n)) = f.idle_time {
            oxs(buf, 1, &[s as u64, n as u64], &[4, 4]);
        }
        oxs(buf, 4, &[f.packet_count], &[8]);
        oxs(buf, 5, &[f.byte_count], &[8]);
        let slen = len16(buf.len() - ss);
        patch_u16(buf, ss + 2, slen);
        pad8(buf, ss);
    } else {
        buf.put_u8(f.table_id);
        buf.put_u8(0);
        buf.put_u32(f.duration_sec);
        buf.put_u32(f.duration_nsec);
        buf.put_u16(f.priority);
        buf.put_u16(f.idle_timeout);
        buf.put_u16(f.hard_timeout);
        buf.put_u16(f.flags);
        buf.put_u16(f.importance);
        buf.put_u16(0);
        buf.put_u64(f.cookie);
        buf.put_u64(f.packet_count);
        buf.put_u64(f.byte_count);
        f.matching.emit(buf);
    }
    emit_instructions(&f.instructions, buf);
    let len = len16(buf.len() - start);
    patch_u16(buf, start, len);
}

fn parse_port_stats(r: &mut Reader<'_>, v: Version) -> Result<PortStats> {
    let mut p = PortStats::default();
    if v >= Version::Of15 {
        let len = r.u16()? as usize;
        let body = len
            .checked_sub(2)
            .ok_or(DecodeError::BadLength("port stats"))?;
        let mut b = Reader::new(r.take(body)?);
        b.skip(2)?;
        p.port_no = b.u32()?;
        p.duration_sec = b.u32()?;
        p.duration_nsec = b.u32()?;
        counters(&mut b, &mut p)?;
        p.extra = b.rest().to_vec();
    } else {
        let mut b = Reader::new(r.take(112)?);
        p.port_no = b.u32()?;
        b.skip(4)?;
        counters(&mut b, &mut p)?;
        p.extra = b.take(32)?.to_vec();
        p.duration_sec = b.u32()?;
        p.duration_nsec = b.u32()?;
    }
    Ok(p)
}

fn counters(b: &mut Reader<'_>, p: &mut PortStats) -> Result<()> {
    p.rx_packets = b.u64()?;
    p.tx_packets = b.u64()?;
    p.rx_bytes = b.u64()?;
    p.tx_bytes = b.u64()?;
    p.rx_dropped = b.u64()?;
    p.tx_dropped = b.u64()?;
    p.rx_errors = b.u64()?;
    p.tx_errors = b.u64()?;
    Ok(())
}

fn emit_port_stats(p: &PortStats, buf: &mut Vec<u8>, v: Version) {
    let c = [
        p.rx_packets,
        p.tx_packets,
        p.rx_bytes,
        p.tx_bytes,
        p.rx_dropped,
        p.tx_dropped,
        p.rx_errors,
        p.tx_errors,
    ];
    if v >= Version::Of15 {
        let start = buf.len();
        buf.put_u16(0);
        buf.put_u16(0);
        buf.put_u32(p.port_no);
        buf.put_u32(p.duration_sec);
        buf.put_u32(p.duration_nsec);
        c.iter().for_each(|x| buf.put_u64(*x));
        buf.put_slice(&p.extra);
        let len = len16(buf.len() - start);
        patch_u16(buf, start, len);
    } else {
        buf.put_u32(p.port_no);
        buf.put_u32(0);
        c.iter().for_each(|x| buf.put_u64(*x));
        let mut e = p.extra.clone();
        e.resize(32, 0);
        buf.put_slice(&e);
        buf.put_u32(p.duration_sec);
        buf.put_u32(p.duration_nsec);
    }
}

fn parse_port_desc(r: &mut Reader<'_>, v: Version) -> Result<PortDesc> {
    let mut p = PortDesc::default();
    let mut b = if v >= Version::Of15 {
        let port_no = r.u32()?;
        let len = r.u16()? as usize;
        let body = len.checked_sub(6).ok_or(DecodeError::BadLength("port"))?;
        let mut b = Reader::new(r.take(body)?);
        p.port_no = port_no;
        b.skip(2)?;
        b
    } else {
        let mut b = Reader::new(r.take(64)?);
        p.port_no = b.u32()?;
        b.skip(4)?;
        b
    };
    p.hw_addr.copy_from_slice(b.take(6)?);
    b.skip(2)?;
    let name = b.take(16)?;
    let end = name.iter().position(|c| *c == 0).unwrap_or(16);
    p.name = String::from_utf8_lossy(&name[..end]).into_owned();
    p.config = b.u32()?;
    p.state = b.u32()?;
    p.extra = b.rest().to_vec();
    Ok(p)
}

fn emit_port_desc(p: &PortDesc, buf: &mut Vec<u8>, v: Version) {
    let start = buf.len();
    buf.put_u32(p.port_no);
    if v >= Version::Of15 {
        buf.put_u16(0);
        buf.put_u16(0);
    } else {
        buf.put_u32(0);
    }
    buf.put_slice(&p.hw_addr);
    buf.put_u16(0);
    let mut n = p.name.as_bytes().to_vec();
    n.resize(16, 0);
    buf.put_slice(&n);
    buf.put_u32(p.config);
    buf.put_u32(p.state);
    buf.put_slice(&p.extra);
    if v >= Version::Of15 {
        let len = len16(buf.len() - start);
        patch_u16(buf, start + 4, len);
    }
}
