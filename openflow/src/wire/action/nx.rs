//! Nicira (NX) experimenter actions: `ofp_action_experimenter` with vendor 0x2320 and a
//! 16-bit subtype. The 10-byte prefix (type, len, vendor, subtype) is handled by
//! [`super::Action`]; this module sees only the body.
//!
//! Invariant: a subtype rovn does not model is [`NxAction::Unknown`] and keeps its
//! body bytes, so it re-emits unchanged. Padding inside the body is not kept for known
//! subtypes; it is regenerated (zeros) on emit.

use super::{emit_actions, parse_actions, Action, Subfield};
use crate::wire::error::{DecodeError, Reader, Result};
use crate::wire::oxm::{MatchField, OxmHeader};
use bytes::BufMut;

/// NX subtype numbers (NXAST_*).
#[allow(missing_docs)]
pub mod subtype {
    pub const RESUBMIT: u16 = 1;
    pub const REG_MOVE: u16 = 6;
    pub const REG_LOAD: u16 = 7;
    pub const NOTE: u16 = 8;
    pub const RESUBMIT_TABLE: u16 = 14;
    pub const OUTPUT_REG: u16 = 15;
    pub const LEARN: u16 = 16;
    pub const EXIT: u16 = 17;
    pub const DEC_TTL: u16 = 18;
    pub const FIN_TIMEOUT: u16 = 19;
    pub const CONTROLLER: u16 = 20;
    pub const DEC_TTL_CNT_IDS: u16 = 21;
    pub const STACK_PUSH: u16 = 27;
    pub const STACK_POP: u16 = 28;
    pub const SAMPLE: u16 = 29;
    pub const OUTPUT_REG2: u16 = 32;
    pub const REG_LOAD2: u16 = 33;
    pub const CONJUNCTION: u16 = 34;
    pub const CT: u16 = 35;
    pub const NAT: u16 = 36;
    pub const CONTROLLER2: u16 = 37;
    pub const CLONE: u16 = 42;
    pub const CT_CLEAR: u16 = 43;
    pub const RESUBMIT_TABLE_CT: u16 = 44;
    pub const CHECK_PKT_LARGER: u16 = 49;
}

/// `ct` flags.
pub mod ct_flags {
    /// Commit the connection.
    pub const COMMIT: u16 = 1;
    /// Force a new direction.
    pub const FORCE: u16 = 2;
}

/// `nat` flags.
pub mod nat_flags {
    /// Source NAT.
    pub const SRC: u16 = 1;
    /// Destination NAT.
    pub const DST: u16 = 2;
    /// `persistent`.
    pub const PERSISTENT: u16 = 4;
    /// `hash`.
    pub const PROTO_HASH: u16 = 8;
    /// `random`.
    pub const PROTO_RANDOM: u16 = 16;
}

/// Address range of a `nat` action.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NatAddrs {
    /// No address given.
    None,
    /// IPv4 min and optional max.
    V4(std::net::Ipv4Addr, Option<std::net::Ipv4Addr>),
    /// IPv6 min and optional max.
    V6(std::net::Ipv6Addr, Option<std::net::Ipv6Addr>),
}

/// NXAST_NAT.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nat {
    /// `nat_flags`.
    pub flags: u16,
    /// Addresses.
    pub addrs: NatAddrs,
    /// Port min and optional max.
    pub ports: Option<(u16, Option<u16>)>,
}

/// NXAST_CT.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ct {
    /// `ct_flags`.
    pub flags: u16,
    /// Zone from a register (`zone=NXM_NX_REG13[0..15]`).
    pub zone_src: Option<Subfield>,
    /// Immediate zone (when `zone_src` is `None`).
    pub zone_imm: u16,
    /// Table to recirculate to; 255 for none.
    pub recirc_table: u8,
    /// ALG port (21 = ftp, 69 = tftp), 0 for none.
    pub alg: u16,
    /// Nested actions: an optional leading NAT, then `exec(...)`.
    pub actions: Vec<Action>,
}

/// One `learn` flow_mod spec.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LearnSpec {
    /// Bits copied.
    pub n_bits: u16,
    /// Source: a subfield or immediate bytes (2 * ceil(n_bits/16) long).
    pub src: LearnSrc,
    /// Destination.
    pub dst: LearnDst,
}

/// Source of a learn spec.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LearnSrc {
    /// From the packet's field bits.
    Field(OxmHeader, u16),
    /// Immediate value bytes.
    Imm(Vec<u8>),
}

/// Destination of a learn spec.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LearnDst {
    /// Match on the field bits.
    Match(OxmHeader, u16),
    /// Load into the field bits.
    Load(OxmHeader, u16),
    /// Output to the port in the source.
    Output,
}

/// NXAST_LEARN.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct Learn {
    pub idle_timeout: u16,
    pub hard_timeout: u16,
    pub priority: u16,
    pub cookie: u64,
    pub flags: u16,
    pub table_id: u8,
    pub fin_idle_timeout: u16,
    pub fin_hard_timeout: u16,
    pub specs: Vec<LearnSpec>,
}

/// NXAST_CONTROLLER2 properties (each optional, emitted in type order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct Controller2 {
    pub max_len: Option<u16>,
    pub controller_id: Option<u16>,
    pub reason: Option<u8>,
    pub userdata: Option<Vec<u8>>,
    pub pause: bool,
    pub meter_id: Option<u32>,
}

/// A Nicira action.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum NxAction {
    /// NXAST_RESUBMIT / _TABLE / _TABLE_CT; `table` 255 = current, `in_port` 0xfff8 = unchanged.
    Resubmit {
        in_port: u16,
        table: u8,
        ct: bool,
        legacy: bool,
    },
    RegMove {
        src: Subfield,
        dst: Subfield,
    },
    RegLoad {
        dst: Subfield,
        value: u64,
    },
    RegLoad2(MatchField),
    Note(Vec<u8>),
    OutputReg {
        src: Subfield,
        max_len: u16,
    },
    OutputReg2 {
        src: Subfield,
        max_len: u16,
    },
    Learn(Learn),
    Exit,
    DecTtl,
    DecTtlCntIds(Vec<u16>),
    FinTimeout {
        idle: u16,
        hard: u16,
    },
    Controller {
        max_len: u16,
        controller_id: u16,
        reason: u8,
    },
    Controller2(Controller2),
    StackPush(Subfield),
    StackPop(Subfield),
    Sample {
        probability: u16,
        collector_set_id: u32,
        obs_domain_id: u32,
        obs_point_id: u32,
    },
    Conjunction {
        clause: u8,
        n_clauses: u8,
        id: u32,
    },
    Ct(Ct),
    Nat(Nat),
    CtClear,
    Clone(Vec<Action>),
    CheckPktLarger {
        pkt_len: u16,
        dst: Subfield,
    },
    Unknown {
        subtype: u16,
        body: Vec<u8>,
    },
}

fn legacy_subfield(ofs_nbits: u16, h: OxmHeader) -> Subfield {
    Subfield {
        field: h,
        ofs: ofs_nbits >> 6,
        n_bits: (ofs_nbits & 0x3f) + 1,
    }
}

fn ofs_nbits(s: &Subfield) -> u16 {
    (s.ofs << 6) | (s.n_bits.saturating_sub(1) & 0x3f)
}

impl NxAction {
    /// The NXAST subtype.
    pub fn subtype(&self) -> u16 {
        use subtype::*;
        match self {
            NxAction::Resubmit { legacy: true, .. } => RESUBMIT,
            NxAction::Resubmit { ct: true, .. } => RESUBMIT_TABLE_CT,
            NxAction::Resubmit { .. } => RESUBMIT_TABLE,
            NxAction::RegMove { .. } => REG_MOVE,
            NxAction::RegLoad { .. } => REG_LOAD,
            NxAction::RegLoad2(_) => REG_LOAD2,
            NxAction::Note(_) => NOTE,
            NxAction::OutputReg { .. } => OUTPUT_REG,
            NxAction::OutputReg2 { .. } => OUTPUT_REG2,
            NxAction::Learn(_) => LEARN,
            NxAction::Exit => EXIT,
            NxAction::DecTtl => DEC_TTL,
            NxAction::DecTtlCntIds(_) => DEC_TTL_CNT_IDS,
            NxAction::FinTimeout { .. } => FIN_TIMEOUT,
            NxAction::Controller { .. } => CONTROLLER,
            NxAction::Controller2(_) => CONTROLLER2,
            NxAction::StackPush(_) => STACK_PUSH,
            NxAction::StackPop(_) => STACK_POP,
            NxAction::Sample { .. } => SAMPLE,
            NxAction::Conjunction { .. } => CONJUNCTION,
            NxAction::Ct(_) => CT,
            NxAction::Nat(_) => NAT,
            NxAction::CtClear => CT_CLEAR,
            NxAction::Clone(_) => CLONE,
            NxAction::CheckPktLarger { .. } => CHECK_PKT_LARGER,
            NxAction::Unknown { subtype, .. } => *subtype,
        }
    }

    /// Parses the body of subtype `st` (bytes after the subtype field).
    pub fn parse(st: u16, body: &[u8]) -> Result<NxAction> {
        use subtype::*;
        let mut b = Reader::new(body);
        let a = match st {
            RESUBMIT | RESUBMIT_TABLE | RESUBMIT_TABLE_CT => {
                let in_port = b.u16()?;
                let table = if st == RESUBMIT { 255 } else { b.u8()? };
                NxAction::Resubmit {
                    in_port,
                    table,
                    ct: st == RESUBMIT_TABLE_CT,
                    legacy: st == RESUBMIT,
                }
            }
            REG_MOVE => {
                let n_bits = b.u16()?;
                let src_ofs = b.u16()?;
                let dst_ofs = b.u16()?;
                let src = OxmHeader::parse(&mut b)?;
                let dst = OxmHeader::parse(&mut b)?;
                NxAction::RegMove {
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
            REG_LOAD => {
                let on = b.u16()?;
                let h = OxmHeader::parse(&mut b)?;
                let value = b.u64()?;
                NxAction::RegLoad {
                    dst: legacy_subfield(on, h),
                    value,
                }
            }
            REG_LOAD2 => NxAction::RegLoad2(MatchField::parse(&mut b)?),
            NOTE => NxAction::Note(b.rest().to_vec()),
            OUTPUT_REG => {
                let on = b.u16()?;
                let h = OxmHeader::parse(&mut b)?;
                let max_len = b.u16()?;
                NxAction::OutputReg {
                    src: legacy_subfield(on, h),
                    max_len,
                }
            }
            OUTPUT_REG2 => {
                let on = b.u16()?;
                let max_len = b.u16()?;
                let h = OxmHeader::parse(&mut b)?;
                NxAction::OutputReg2 {
                    src: legacy_subfield(on, h),
                    max_len,
                }
            }
            LEARN => NxAction::Learn(parse_learn(&mut b)?),
            EXIT => NxAction::Exit,
            DEC_TTL => NxAction::DecTtl,
            DEC_TTL_CNT_IDS => {
                let n = b.u16()?;
                b.skip(4)?;
                let ids = (0..n).map(|_| b.u16()).collect::<Result<Vec<_>>>()?;
                NxAction::DecTtlCntIds(ids)
            }
            FIN_TIMEOUT => NxAction::FinTimeout {
                idle: b.u16()?,
                hard: b.u16()?,
            },
            CONTROLLER => NxAction::Controller {
                max_len: b.u16()?,
                controller_id: b.u16()?,
                reason: b.u8()?,
            },
            CONTROLLER2 => NxAction::Controller2(parse_controller2(&mut b)?),
            STACK_PUSH | STACK_POP => {
                let ofs = b.u16()?;
                let h = OxmHeader::parse(&mut b)?;
                let n_bits = b.u16()?;
                let s = Subfield {
                    field: h,
                    ofs,
                    n_bits,
                };
                if st == STACK_PUSH {
                    NxAction::StackPush(s)
                } else {
                    NxAction::StackPop(s)
                }
            }
            SAMPLE => NxAction::Sample {
                probability: b.u16()?,
                collector_set_id: b.u32()?,
                obs_domain_id: b.u32()?,
                obs_point_id: b.u32()?,
            },
            CONJUNCTION => NxAction::Conjunction {
                clause: b.u8()?,
                n_clauses: b.u8()?,
                id: b.u32()?,
            },
            CT => {
                let flags = b.u16()?;
                let zsrc = b.peek_u16()?;
                let (zone_src, zone_imm) = if zsrc == 0 && b.rest().get(2..4) == Some(&[0, 0]) {
                    b.skip(4)?;
                    (None, b.u16()?)
                } else {
                    let h = OxmHeader::parse(&mut b)?;
                    (Some(legacy_subfield(b.u16()?, h)), 0)
                };
                let recirc_table = b.u8()?;
                b.skip(3)?;
                let alg = b.u16()?;
                NxAction::Ct(Ct {
                    flags,
                    zone_src,
                    zone_imm,
                    recirc_table,
                    alg,
                    actions: parse_actions(b.rest())?,
                })
            }
            NAT => NxAction::Nat(parse_nat(&mut b)?),
            CT_CLEAR => NxAction::CtClear,
            CLONE => {
                b.skip(6)?;
                NxAction::Clone(parse_actions(b.rest())?)
            }
            CHECK_PKT_LARGER => {
                let pkt_len = b.u16()?;
                let ofs = b.u16()?;
                let h = OxmHeader::parse(&mut b)?;
                NxAction::CheckPktLarger {
                    pkt_len,
                    dst: Subfield {
                        field: h,
                        ofs,
                        n_bits: 1,
                    },
                }
            }
            _ => NxAction::Unknown {
                subtype: st,
                body: body.to_vec(),
            },
        };
        Ok(a)
    }

    /// Emits the body (after the subtype); the caller pads and patches the length.
    pub fn emit_body(&self, buf: &mut Vec<u8>) {
        match self {
            NxAction::Resubmit {
                in_port,
                table,
                legacy,
                ..
            } => {
                buf.put_u16(*in_port);
                if *legacy {
                    buf.put_bytes(0, 4);
                } else {
                    buf.put_u8(*table);
                    buf.put_bytes(0, 3);
                }
            }
            NxAction::RegMove { src, dst } => {
                buf.put_u16(src.n_bits);
                buf.put_u16(src.ofs);
                buf.put_u16(dst.ofs);
                src.field.emit(buf);
                dst.field.emit(buf);
            }
            NxAction::RegLoad { dst, value } => {
                buf.put_u16(ofs_nbits(dst));
                dst.field.emit(buf);
                buf.put_u64(*value);
            }
            NxAction::RegLoad2(f) => f.emit(buf),
            NxAction::Note(n) => buf.put_slice(n),
            NxAction::OutputReg { src, max_len } => {
                buf.put_u16(ofs_nbits(src));
                src.field.emit(buf);
                buf.put_u16(*max_len);
                buf.put_bytes(0, 6);
            }
            NxAction::OutputReg2 { src, max_len } => {
                buf.put_u16(ofs_nbits(src));
                buf.put_u16(*max_len);
                src.field.emit(buf);
            }
            NxAction::Learn(l) => emit_learn(l, buf),
            NxAction::Exit | NxAction::DecTtl | NxAction::CtClear => buf.put_bytes(0, 6),
            NxAction::DecTtlCntIds(ids) => {
                buf.put_u16(ids.len() as u16);
                buf.put_bytes(0, 4);
                for i in ids {
                    buf.put_u16(*i);
                }
            }
            NxAction::FinTimeout { idle, hard } => {
                buf.put_u16(*idle);
                buf.put_u16(*hard);
                buf.put_bytes(0, 2);
            }
            NxAction::Controller {
                max_len,
                controller_id,
                reason,
            } => {
                buf.put_u16(*max_len);
                buf.put_u16(*controller_id);
                buf.put_u8(*reason);
                buf.put_u8(0);
            }
            NxAction::Controller2(c) => emit_controller2(c, buf),
            NxAction::StackPush(s) | NxAction::StackPop(s) => {
                buf.put_u16(s.ofs);
                s.field.emit(buf);
                buf.put_u16(s.n_bits);
                buf.put_bytes(0, 6);
            }
            NxAction::Sample {
                probability,
                collector_set_id,
                obs_domain_id,
                obs_point_id,
            } => {
                buf.put_u16(*probability);
                buf.put_u32(*collector_set_id);
                buf.put_u32(*obs_domain_id);
                buf.put_u32(*obs_point_id);
            }
            NxAction::Conjunction {
                clause,
                n_clauses,
                id,
            } => {
                buf.put_u8(*clause);
                buf.put_u8(*n_clauses);
                buf.put_u32(*id);
            }
            NxAction::Ct(ct) => {
                buf.put_u16(ct.flags);
                match &ct.zone_src {
                    Some(s) => {
                        s.field.emit(buf);
                        buf.put_u16(ofs_nbits(s));
                    }
                    None => {
                        buf.put_u32(0);
                        buf.put_u16(ct.zone_imm);
                    }
                }
                buf.put_u8(ct.recirc_table);
                buf.put_bytes(0, 3);
                buf.put_u16(ct.alg);
                emit_actions(&ct.actions, buf);
            }
            NxAction::Nat(n) => emit_nat(n, buf),
            NxAction::Clone(acts) => {
                buf.put_bytes(0, 6);
                emit_actions(acts, buf);
            }
            NxAction::CheckPktLarger { pkt_len, dst } => {
                buf.put_u16(*pkt_len);
                buf.put_u16(dst.ofs);
                dst.field.emit(buf);
            }
            NxAction::Unknown { body, .. } => buf.put_slice(body),
        }
    }
}

fn parse_learn(b: &mut Reader<'_>) -> Result<Learn> {
    let mut l = Learn {
        idle_timeout: b.u16()?,
        hard_timeout: b.u16()?,
        priority: b.u16()?,
        cookie: b.u64()?,
        flags: b.u16()?,
        table_id: b.u8()?,
        fin_idle_timeout: 0,
        fin_hard_timeout: 0,
        specs: Vec::new(),
    };
    b.skip(1)?;
    l.fin_idle_timeout = b.u16()?;
    l.fin_hard_timeout = b.u16()?;
    while b.remaining() >= 2 {
        let h = b.u16()?;
        if h == 0 {
            break; // padding
        }
        let n_bits = h & 0x3ff;
        if n_bits == 0 {
            // Only an all-zero header (padding) may have no bits; it ended the loop.
            return Err(DecodeError::BadValue("learn spec with 0 bits"));
        }
        let src = if h & (1 << 13) != 0 {
            let n = 2 * (n_bits as usize).div_ceil(16);
            LearnSrc::Imm(b.take(n)?.to_vec())
        } else {
            let f = OxmHeader::parse(b)?;
            LearnSrc::Field(f, b.u16()?)
        };
        let dst = match (h >> 11) & 3 {
            0 => {
                let f = OxmHeader::parse(b)?;
                LearnDst::Match(f, b.u16()?)
            }
            1 => {
                let f = OxmHeader::parse(b)?;
                LearnDst::Load(f, b.u16()?)
            }
            2 => LearnDst::Output,
            _ => return Err(DecodeError::BadValue("learn spec")),
        };
        l.specs.push(LearnSpec { n_bits, src, dst });
    }
    if b.rest().iter().any(|x| *x != 0) {
        return Err(DecodeError::BadValue("learn padding"));
    }
    Ok(l)
}

fn emit_learn(l: &Learn, buf: &mut Vec<u8>) {
    buf.put_u16(l.idle_timeout);
    buf.put_u16(l.hard_timeout);
    buf.put_u16(l.priority);
    buf.put_u64(l.cookie);
    buf.put_u16(l.flags);
    buf.put_u8(l.table_id);
    buf.put_u8(0);
    buf.put_u16(l.fin_idle_timeout);
    buf.put_u16(l.fin_hard_timeout);
    for s in &l.specs {
        let mut h = s.n_bits & 0x3ff;
        if matches!(s.src, LearnSrc::Imm(_)) {
            h |= 1 << 13;
        }
        h |= match s.dst {
            LearnDst::Match(..) => 0,
            LearnDst::Load(..) => 1 << 11,
            LearnDst::Output => 2 << 11,
        };
        buf.put_u16(h);
        match &s.src {
            LearnSrc::Imm(v) => buf.put_slice(v),
            LearnSrc::Field(f, o) => {
                f.emit(buf);
                buf.put_u16(*o);
            }
        }
        match &s.dst {
            LearnDst::Match(f, o) | LearnDst::Load(f, o) => {
                f.emit(buf);
                buf.put_u16(*o);
            }
            LearnDst::Output => {}
        }
    }
}

fn parse_controller2(b: &mut Reader<'_>) -> Result<Controller2> {
    b.skip(6)?;
    let mut c = Controller2::default();
    while !b.is_empty() {
        let ty = b.u16()?;
        let len = b.u16()? as usize;
        let body = len
            .checked_sub(4)
            .ok_or(DecodeError::BadLength("controller2 prop"))?;
        let mut p = Reader::new(b.take(body)?);
        b.skip((len.div_ceil(8) * 8 - len).min(b.remaining()))?;
        match ty {
            0 => c.max_len = Some(p.u16()?),
            1 => c.controller_id = Some(p.u16()?),
            2 => c.reason = Some(p.u8()?),
            3 => c.userdata = Some(p.rest().to_vec()),
            4 => c.pause = true,
            5 => c.meter_id = Some(p.u32()?),
            _ => return Err(DecodeError::BadValue("controller2 property")),
        }
    }
    Ok(c)
}

fn prop(buf: &mut Vec<u8>, ty: u16, body: &[u8]) {
    let start = buf.len();
    buf.put_u16(ty);
    buf.put_u16(4 + body.len() as u16);
    buf.put_slice(body);
    crate::wire::error::pad8(buf, start);
}

fn emit_controller2(c: &Controller2, buf: &mut Vec<u8>) {
    buf.put_bytes(0, 6);
    if let Some(m) = c.max_len {
        prop(buf, 0, &[(m >> 8) as u8, m as u8, 0, 0]);
    }
    if let Some(id) = c.controller_id {
        prop(buf, 1, &[(id >> 8) as u8, id as u8, 0, 0]);
    }
    if let Some(r) = c.reason {
        prop(buf, 2, &[r]);
    }
    if let Some(u) = &c.userdata {
        prop(buf, 3, u);
    }
    if c.pause {
        prop(buf, 4, &[]);
    }
    if let Some(m) = c.meter_id {
        prop(buf, 5, &m.to_be_bytes());
    }
}

fn parse_nat(b: &mut Reader<'_>) -> Result<Nat> {
    b.skip(2)?;
    let flags = b.u16()?;
    let present = b.u16()?;
    let v4 = |b: &mut Reader<'_>| -> Result<std::net::Ipv4Addr> { Ok(b.u32()?.into()) };
    let v6 = |b: &mut Reader<'_>| -> Result<std::net::Ipv6Addr> {
        let mut a = [0u8; 16];
        a.copy_from_slice(b.take(16)?);
        Ok(a.into())
    };
    let addrs = if present & 1 != 0 {
        let min = v4(b)?;
        let max = if present & 2 != 0 { Some(v4(b)?) } else { None };
        NatAddrs::V4(min, max)
    } else if present & 4 != 0 {
        let min = v6(b)?;
        let max = if present & 8 != 0 { Some(v6(b)?) } else { None };
        NatAddrs::V6(min, max)
    } else {
        NatAddrs::None
    };
    let ports = if present & 16 != 0 {
        let min = b.u16()?;
        let max = if present & 32 != 0 {
            Some(b.u16()?)
        } else {
            None
        };
        Some((min, max))
    } else {
        None
    };
    Ok(Nat {
        flags,
        addrs,
        ports,
    })
}

fn emit_nat(n: &Nat, buf: &mut Vec<u8>) {
    buf.put_bytes(0, 2);
    buf.put_u16(n.flags);
    let mut present = 0u16;
    match &n.addrs {
        NatAddrs::V4(_, max) => present |= 1 | if max.is_some() { 2 } else { 0 },
        NatAddrs::V6(_, max) => present |= 4 | if max.is_some() { 8 } else { 0 },
        NatAddrs::None => {}
    }
    if let Some((_, max)) = n.ports {
        present |= 16 | if max.is_some() { 32 } else { 0 };
    }
    buf.put_u16(present);
    match &n.addrs {
        NatAddrs::V4(a, b) => {
            buf.put_slice(&a.octets());
            if let Some(b) = b {
                buf.put_slice(&b.octets());
            }
        }
        NatAddrs::V6(a, b) => {
            buf.put_slice(&a.octets());
            if let Some(b) = b {
                buf.put_slice(&b.octets());
            }
        }
        NatAddrs::None => {}
    }
    if let Some((a, b)) = n.ports {
        buf.put_u16(a);
        if let Some(b) = b {
            buf.put_u16(b);
        }
    }
}
