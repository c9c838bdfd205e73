//! Parses ovs-ofctl action text into wire actions/instructions, choosing the encodings
//! Open vSwitch uses for OpenFlow 1.5 (`move` → OFPAT_COPY_FIELD, `load` → masked
//! set_field, `controller(userdata=..)` → NXAST_CONTROLLER2, NX actions name fields by
//! their NXM header).

use super::lex::{err, hex_bytes, key_value, split_top, subfield, ParseError};
use super::parse_value::parse_value;
use super::value::{parse_port, parse_uint};
use crate::wire::action::nx::{
    ct_flags, nat_flags, Controller2, Ct, Learn, LearnDst, LearnSpec, LearnSrc, Nat, NatAddrs,
};
use crate::wire::action::{port, Action, NxAction, Subfield};
use crate::wire::field::{Field, NXM0, NXM1};
use crate::wire::instruction::Instruction;
use crate::wire::oxm::{MatchField, OxmHeader};

/// Header for `field` preferring NXM (what OVS writes inside Nicira actions).
fn nx_header(field: Field) -> OxmHeader {
    if let Some(i) = field.info() {
        if let Some((c, _, n)) = &i.nxm {
            if *c == NXM0 || *c == NXM1 {
                if let Some(h) = OxmHeader::named(n) {
                    return h;
                }
            }
        }
    }
    OxmHeader::of(field)
}

/// Parses `NAME[a..b]`. `nx` selects NXM-preferred headers, otherwise OXM-preferred.
pub fn parse_subfield(s: &str, nx: bool) -> Result<Subfield, ParseError> {
    let (rest, (name, range)) = subfield(s).map_err(|_| ParseError(format!("bad subfield {s}")))?;
    if !rest.is_empty() {
        return err(format!("trailing text in subfield {s}"));
    }
    let named = OxmHeader::named(name)
        .or_else(|| Field::from_name(name).map(OxmHeader::of))
        .ok_or_else(|| ParseError(format!("unknown field {name}")))?;
    let h = if nx {
        nx_header(named.field)
    } else {
        OxmHeader::of(named.field)
    };
    let h = if named.field == Field::InPort {
        named
    } else {
        h
    };
    // Width comes from the name the user wrote (NXM_OF_IN_PORT is 16 bits).
    let width = if let Field::TunMetadata(_) = named.field {
        named.len as u16 * 8
    } else {
        named.bits()
    };
    let (ofs, n_bits) = range.unwrap_or((0, width));
    if ofs as u32 + n_bits as u32 > width as u32 {
        return err(format!("{s}: bits beyond field width {width}"));
    }
    Ok(Subfield {
        field: h,
        ofs,
        n_bits,
    })
}

fn set_field(field: Field, v: &str) -> Result<Action, ParseError> {
    if field == Field::InPort {
        let p = parse_port(v).ok_or_else(|| ParseError(format!("bad port {v}")))?;
        // NXM_OF_IN_PORT is 16 bits: OpenFlow 1.1+ reserved ports keep their low half.
        let p16 = p as u16;
        return Ok(Action::SetField(MatchField {
            field,
            value: p16.to_be_bytes().to_vec(),
            mask: None,
            wire: Some((NXM0, 0)),
        }));
    }
    let (value, mask) = parse_value(field, v)?;
    Ok(Action::SetField(MatchField {
        field,
        value,
        mask,
        wire: None,
    }))
}

fn load(value: &str, dst: &str) -> Result<Action, ParseError> {
    let d = parse_subfield(dst, false)?;
    let v = parse_uint(value).ok_or_else(|| ParseError(format!("bad load value {value}")))?;
    if d.ofs as u32 + d.n_bits as u32 > 128 {
        return err(format!(
            "load into {dst}: only the first 128 bits can be loaded"
        ));
    }
    let w = d.field.field.info().map(|i| i.width).unwrap_or(4).min(16);
    let bits = (w * 8) as u16;
    let field_mask: u128 = if d.n_bits >= 128 {
        u128::MAX
    } else {
        ((1u128 << d.n_bits) - 1) << d.ofs
    };
    let whole = d.ofs == 0 && d.n_bits == bits;
    let mf = MatchField::from_u128(
        d.field.field,
        (v << d.ofs) & field_mask,
        (!whole).then_some(field_mask),
    );
    Ok(Action::SetField(mf))
}

fn nat(args: &str) -> Result<Nat, ParseError> {
    let mut n = Nat {
        flags: 0,
        addrs: NatAddrs::None,
        ports: None,
    };
    for item in split_top(args, false) {
        let (k, v) = match item.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (item, None),
        };
        match k {
            "src" | "dst" => {
                n.flags |= if k == "src" {
                    nat_flags::SRC
                } else {
                    nat_flags::DST
                };
                if let Some(v) = v {
                    parse_nat_range(v, &mut n)?;
                }
            }
            "persistent" => n.flags |= nat_flags::PERSISTENT,
            "hash" => n.flags |= nat_flags::PROTO_HASH,
            "random" => n.flags |= nat_flags::PROTO_RANDOM,
            _ => return err(format!("bad nat argument {item}")),
        }
    }
    Ok(n)
}

fn parse_nat_range(v: &str, n: &mut Nat) -> Result<(), ParseError> {
    let (addrs, ports) = if v.starts_with('[') {
        // [a]-[b]:p-q
        let end = v
            .rfind(']')
            .ok_or_else(|| ParseError("bad nat range".into()))?;
        let (a, rest) = v.split_at(end + 1);
        (a, rest.strip_prefix(':'))
    } else {
        match v.split_once(':') {
            Some((a, p)) => (a, Some(p)),
            None => (v, None),
        }
    };
    let strip = |s: &str| s.trim_start_matches('[').trim_end_matches(']').to_string();
    let (amin, amax) = match addrs
        .split_once("]-[")
        .map(|(a, b)| (format!("{a}]"), format!("[{b}")))
    {
        Some((a, b)) => (strip(&a), Some(strip(&b))),
        None => match addrs.split_once('-') {
            Some((a, b)) if !addrs.starts_with('[') => (a.to_string(), Some(b.to_string())),
            _ => (strip(addrs), None),
        },
    };
    n.addrs = if let Ok(a) = amin.parse::<std::net::Ipv4Addr>() {
        let b = amax
            .map(|b| b.parse())
            .transpose()
            .map_err(|_| ParseError("bad nat max".into()))?;
        NatAddrs::V4(a, b)
    } else {
        let a = amin
            .parse()
            .map_err(|_| ParseError(format!("bad nat address {amin}")))?;
        let b = amax
            .map(|b| b.parse())
            .transpose()
            .map_err(|_| ParseError("bad nat max".into()))?;
        NatAddrs::V6(a, b)
    };
    if let Some(p) = ports {
        let (a, b) = match p.split_once('-') {
            Some((a, b)) => (a, Some(b)),
            None => (p, None),
        };
        let a = a.parse().map_err(|_| ParseError(format!("bad port {a}")))?;
        let b = b
            .map(|b| b.parse())
            .transpose()
            .map_err(|_| ParseError("bad port".into()))?;
        n.ports = Some((a, b));
    }
    Ok(())
}

fn ct(args: &str) -> Result<Action, ParseError> {
    let mut c = Ct {
        flags: 0,
        zone_src: None,
        zone_imm: 0,
        recirc_table: 255,
        alg: 0,
        actions: Vec::new(),
    };
    let mut nat_a = None;
    let mut exec = Vec::new();
    for item in split_top(args, false) {
        let (k, v) = key_value(item);
        match k {
            "commit" => c.flags |= ct_flags::COMMIT,
            "force" => c.flags |= ct_flags::FORCE,
            "table" => c.recirc_table = num(v)? as u8,
            "zone" => {
                if let Some(z) = parse_uint(v) {
                    c.zone_imm = z as u16;
                } else {
                    c.zone_src = Some(parse_subfield(v, true)?);
                }
            }
            "nat" => nat_a = Some(Action::Nx(NxAction::Nat(nat(v)?))),
            "exec" => exec = parse_action_list(v)?,
            "alg" => {
                c.alg = match v {
                    "ftp" => 21,
                    "tftp" => 69,
                    v => num(v)? as u16,
                }
            }
            _ => return err(format!("bad ct argument {item}")),
        }
    }
    c.actions.extend(nat_a);
    c.actions.extend(exec);
    Ok(Action::Nx(NxAction::Ct(c)))
}

fn num(s: &str) -> Result<u128, ParseError> {
    parse_uint(s).ok_or_else(|| ParseError(format!("bad number {s}")))
}

fn controller(args: &str) -> Result<Action, ParseError> {
    let mut c = Controller2::default();
    let (mut max_len, mut id, mut reason) = (0xffffu16, 0u16, 1u8);
    for item in split_top(args, false) {
        let (k, v) = key_value(item);
        match k {
            "max_len" => max_len = num(v)? as u16,
            "id" => id = num(v)? as u16,
            "reason" => {
                reason = match v {
                    "no_match" => 0,
                    "action" => 1,
                    "invalid_ttl" => 2,
                    "action_set" => 3,
                    "group" => 4,
                    "packet_out" => 5,
                    v => num(v)? as u8,
                }
            }
            "userdata" => c.userdata = Some(hex_bytes(v)?),
            "pause" => c.pause = true,
            "meter_id" => c.meter_id = Some(num(v)? as u32),
            _ => return err(format!("bad controller argument {item}")),
        }
    }
    if c.userdata.is_some() || c.pause || c.meter_id.is_some() {
        c.max_len = (max_len != 0xffff).then_some(max_len);
        c.controller_id = (id != 0).then_some(id);
        c.reason = (reason != 1).then_some(reason);
        Ok(Action::Nx(NxAction::Controller2(c)))
    } else if id == 0 && reason == 1 {
        Ok(Action::Output {
            port: port::CONTROLLER,
            max_len,
        })
    } else {
        Ok(Action::Nx(NxAction::Controller {
            max_len,
            controller_id: id,
            reason,
        }))
    }
}

fn learn(args: &str) -> Result<Action, ParseError> {
    let mut l = Learn {
        idle_timeout: 0,
        hard_timeout: 0,
        priority: 0x8000,
        cookie: 0,
        flags: 0,
        table_id: 1,
        fin_idle_timeout: 0,
        fin_hard_timeout: 0,
        specs: Vec::new(),
    };
    for item in split_top(args, false) {
        let (k, v) = key_value(item);
        match k {
            "table" => l.table_id = num(v)? as u8,
            "idle_timeout" => l.idle_timeout = num(v)? as u16,
            "hard_timeout" => l.hard_timeout = num(v)? as u16,
            "fin_idle_timeout" => l.fin_idle_timeout = num(v)? as u16,
            "fin_hard_timeout" => l.fin_hard_timeout = num(v)? as u16,
            "priority" => l.priority = num(v)? as u16,
            "cookie" => l.cookie = num(v)? as u64,
            "send_flow_rem" => l.flags |= 1,
            "delete_learned" => l.flags |= 2,
            "write_result" => l.flags |= 4,
            "load" => {
                let (src, dst) = v
                    .split_once("->")
                    .ok_or_else(|| ParseError(format!("bad learn load {v}")))?;
                let d = parse_subfield(dst, true)?;
                let src = if let Some(x) = parse_uint(src) {
                    imm(x, d.n_bits)
                } else {
                    let s = parse_subfield(src, true)?;
                    LearnSrc::Field(s.field, s.ofs)
                };
                l.specs.push(LearnSpec {
                    n_bits: d.n_bits,
                    src,
                    dst: LearnDst::Load(d.field, d.ofs),
                });
            }
            "output" => {
                let s = parse_subfield(v, true)?;
                l.specs.push(LearnSpec {
                    n_bits: s.n_bits,
                    src: LearnSrc::Field(s.field, s.ofs),
                    dst: LearnDst::Output,
                });
            }
            _ => l.specs.push(learn_match(item)?),
        }
    }
    Ok(Action::Nx(NxAction::Learn(l)))
}

fn imm(v: u128, n_bits: u16) -> LearnSrc {
    let n = 2 * (n_bits as usize).div_ceil(16);
    LearnSrc::Imm(v.to_be_bytes()[16 - n.min(16)..].to_vec())
}

fn learn_match(item: &str) -> Result<LearnSpec, ParseError> {
    let (dst, src) = match item.split_once('=') {
        Some((d, s)) => (d, Some(s)),
        None => (item, None),
    };
    if dst.contains('[') || src.is_none() {
        let d = parse_subfield(dst, true)?;
        let s = match src {
            Some(s) => match parse_uint(s) {
                Some(v) => imm(v, d.n_bits),
                None => {
                    let s = parse_subfield(s, true)?;
                    LearnSrc::Field(s.field, s.ofs)
                }
            },
            None => LearnSrc::Field(d.field, d.ofs),
        };
        return Ok(LearnSpec {
            n_bits: d.n_bits,
            src: s,
            dst: LearnDst::Match(d.field, d.ofs),
        });
    }
    let field = Field::from_name(dst).ok_or_else(|| ParseError(format!("unknown field {dst}")))?;
    let h = nx_header(field);
    let (value, _) = parse_value(field, src.unwrap_or(""))?;
    let n_bits = h.bits();
    let n = 2 * (n_bits as usize).div_ceil(16);
    let mut v = vec![0u8; n.saturating_sub(value.len())];
    v.extend_from_slice(&value[value.len().saturating_sub(n)..]);
    Ok(LearnSpec {
        n_bits,
        src: LearnSrc::Imm(v),
        dst: LearnDst::Match(h, 0),
    })
}

fn resubmit(args: &str) -> Result<Action, ParseError> {
    let parts: Vec<&str> = args.split(',').map(str::trim).collect();
    let in_port = match parts.first() {
        Some(p) if !p.is_empty() => port16(p)?,
        _ => 0xfff8,
    };
    let table = match parts.get(1) {
        Some(t) if !t.is_empty() => num(t)? as u8,
        _ => 255,
    };
    let ct = parts.get(2) == Some(&"ct");
    Ok(Action::Nx(NxAction::Resubmit {
        in_port,
        table,
        ct,
        legacy: false,
    }))
}

fn port16(p: &str) -> Result<u16, ParseError> {
    let v = parse_port(p).ok_or_else(|| ParseError(format!("bad port {p}")))?;
    Ok(v as u16)
}

/// Parses one action item.
pub fn parse_action(item: &str) -> Result<Action, ParseError> {
    let (k, v) = key_value(item);
    let nx = |a| Ok(Action::Nx(a));
    match k {
        "output" => {
            if v.contains('[')
                || v.starts_with("NXM")
                || v.starts_with("OXM")
                || v.starts_with("reg")
            {
                let s = parse_subfield(v, true)?;
                return nx(NxAction::OutputReg {
                    src: s,
                    max_len: 0xffff,
                });
            }
            if item.starts_with("output(") {
                return err("output(port=...) is not supported");
            }
            let p = parse_port(v).ok_or_else(|| ParseError(format!("bad port {v}")))?;
            Ok(Action::Output {
                port: p,
                max_len: if p == port::CONTROLLER { 0xffff } else { 0 },
            })
        }
        "CONTROLLER" | "controller" if !item.contains('(') => Ok(Action::Output {
            port: port::CONTROLLER,
            max_len: if v.is_empty() { 0xffff } else { num(v)? as u16 },
        }),
        "controller" => controller(v),
        "IN_PORT" | "LOCAL" | "NORMAL" | "FLOOD" | "ALL" | "TABLE" | "in_port" | "local"
        | "normal" | "flood" | "all" => Ok(Action::Output {
            port: parse_port(&k.to_uppercase()).unwrap_or(port::ANY),
            max_len: 0,
        }),
        "drop" => err("drop must be the only action"),
        "group" => Ok(Action::Group(num(v)? as u32)),
        "meter" => Ok(Action::Meter(num(v)? as u32)),
        "set_field" | "load" => {
            let (val, dst) = v
                .rsplit_once("->")
                .ok_or_else(|| ParseError(format!("bad {k}: {v}")))?;
            if k == "load" {
                return load(val, dst);
            }
            let f =
                Field::from_name(dst).ok_or_else(|| ParseError(format!("unknown field {dst}")))?;
            set_field(f, val)
        }
        "move" => {
            let (s, d) = v
                .split_once("->")
                .ok_or_else(|| ParseError(format!("bad move {v}")))?;
            let (s, d) = (parse_subfield(s, false)?, parse_subfield(d, false)?);
            if s.n_bits != d.n_bits {
                return err(format!("move: bit widths differ in {v}"));
            }
            Ok(Action::CopyField { src: s, dst: d })
        }
        "mod_dl_src" => set_field(Field::EthSrc, v),
        "mod_dl_dst" => set_field(Field::EthDst, v),
        "mod_nw_src" => set_field(Field::Ipv4Src, v),
        "mod_nw_dst" => set_field(Field::Ipv4Dst, v),
        "mod_nw_tos" => Ok(Action::SetField(MatchField::from_u128(
            Field::IpDscp,
            num(v)? >> 2,
            None,
        ))),
        "mod_vlan_vid" => Ok(Action::SetField(MatchField::from_u128(
            Field::VlanVid,
            num(v)? | 0x1000,
            None,
        ))),
        "push_vlan" => Ok(Action::PushVlan(num(v)? as u16)),
        "pop_vlan" | "strip_vlan" => Ok(Action::PopVlan),
        // `dec_ttl` is the plain action; `dec_ttl(ids)` NXAST_DEC_TTL_CNT_IDS, which is how
        // ovs-ofctl prints that action, also with no ids (`dec_ttl()`, what ovn-controller
        // installs). ovs-ofctl's own parser reads `dec_ttl()` as plain `dec_ttl`, losing
        // the difference (a packet with TTL 1 goes to controller 0 vs to none); this
        // parser keeps what the printed text says.
        "dec_ttl" if !item.contains('(') => Ok(Action::DecNwTtl),
        "dec_ttl" => nx(NxAction::DecTtlCntIds(
            v.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| num(x).map(|n| n as u16))
                .collect::<Result<_, _>>()?,
        )),
        "resubmit" if item.contains('(') => resubmit(v),
        "resubmit" => nx(NxAction::Resubmit {
            in_port: port16(v)?,
            table: 255,
            ct: false,
            legacy: false,
        }),
        "ct" => ct(v),
        "ct_clear" => nx(NxAction::CtClear),
        "exit" => nx(NxAction::Exit),
        "note" => {
            let mut b = hex_bytes(v)?;
            // The note fills the action to a multiple of 8: 10-byte prefix + note.
            let total = (10 + b.len()).div_ceil(8) * 8;
            b.resize(total - 10, 0);
            nx(NxAction::Note(b))
        }
        "conjunction" => {
            let (id, rest) = v
                .split_once(',')
                .ok_or_else(|| ParseError(format!("bad conjunction {v}")))?;
            let (k_, n) = rest
                .trim()
                .split_once('/')
                .ok_or_else(|| ParseError(format!("bad conjunction {v}")))?;
            let k_ = num(k_)? as u8;
            if k_ == 0 {
                return err("conjunction clause numbers start at 1");
            }
            nx(NxAction::Conjunction {
                clause: k_ - 1,
                n_clauses: num(n)? as u8,
                id: num(id.trim())? as u32,
            })
        }
        "learn" => learn(v),
        "push" => nx(NxAction::StackPush(parse_subfield(v, true)?)),
        "pop" => nx(NxAction::StackPop(parse_subfield(v, true)?)),
        "sample" => {
            let (mut p, mut c, mut d, mut o) = (0, 0, 0, 0);
            for it in split_top(v, false) {
                let (a, b) = key_value(it);
                let n = num(b)?;
                match a {
                    "probability" => p = n as u16,
                    "collector_set_id" => c = n as u32,
                    "obs_domain_id" => d = n as u32,
                    "obs_point_id" => o = n as u32,
                    _ => return err(format!("bad sample argument {it}")),
                }
            }
            nx(NxAction::Sample {
                probability: p,
                collector_set_id: c,
                obs_domain_id: d,
                obs_point_id: o,
            })
        }
        "check_pkt_larger" => {
            let (n, dst) = item
                .strip_prefix("check_pkt_larger(")
                .and_then(|x| x.split_once(")->"))
                .ok_or_else(|| ParseError(format!("bad check_pkt_larger {item}")))?;
            let d = parse_subfield(dst, true)?;
            if d.n_bits != 1 {
                return err("check_pkt_larger needs a 1-bit destination");
            }
            nx(NxAction::CheckPktLarger {
                pkt_len: num(n)? as u16,
                dst: d,
            })
        }
        "fin_timeout" => {
            let (mut idle, mut hard) = (0, 0);
            for it in split_top(v, false) {
                let (a, b) = key_value(it);
                match a {
                    "idle_timeout" => idle = num(b)? as u16,
                    "hard_timeout" => hard = num(b)? as u16,
                    _ => return err(format!("bad fin_timeout argument {it}")),
                }
            }
            nx(NxAction::FinTimeout { idle, hard })
        }
        "clone" => nx(NxAction::Clone(parse_action_list(v)?)),
        _ => {
            if let Some(p) = parse_uint(item) {
                return Ok(Action::Output {
                    port: p as u32,
                    max_len: 0,
                });
            }
            err(format!("unknown action {item}"))
        }
    }
}

/// Parses a comma-separated action list (no instructions).
pub fn parse_action_list(s: &str) -> Result<Vec<Action>, ParseError> {
    split_top(s, false).into_iter().map(parse_action).collect()
}

/// Parses the text after `actions=` into instructions, ordered as OpenFlow requires.
pub fn parse_instructions(s: &str) -> Result<Vec<Instruction>, ParseError> {
    let items = split_top(s, false);
    if items.len() == 1 && items[0] == "drop" {
        return Ok(Vec::new());
    }
    let mut meter = None;
    let mut apply = Vec::new();
    let mut clear = false;
    let mut write = None;
    let mut meta = None;
    let mut goto = None;
    for item in items {
        let (k, v) = key_value(item);
        match k {
            "meter" if apply.is_empty() => meter = Some(num(v)? as u32),
            "clear_actions" => clear = true,
            "write_actions" => write = Some(parse_action_list(v)?),
            "write_metadata" => {
                let (a, m) = match v.split_once('/') {
                    Some((a, m)) => (num(a)? as u64, num(m)? as u64),
                    None => (num(v)? as u64, u64::MAX),
                };
                meta = Some((a, m));
            }
            "goto_table" => goto = Some(num(v)? as u8),
            _ => {
                if meta.is_some() || goto.is_some() || write.is_some() || clear {
                    return err(format!(
                        "{item}: apply actions must come before other instructions"
                    ));
                }
                apply.push(parse_action(item)?)
            }
        }
    }
    let mut out = Vec::new();
    if let Some(m) = meter {
        out.push(Action::Meter(m));
    }
    let mut ins = Vec::new();
    out.extend(apply);
    if !out.is_empty() {
        ins.push(Instruction::ApplyActions(out));
    }
    if clear {
        ins.push(Instruction::ClearActions);
    }
    if let Some(w) = write {
        ins.push(Instruction::WriteActions(w));
    }
    if let Some((v, m)) = meta {
        ins.push(Instruction::WriteMetadata(v, m));
    }
    if let Some(t) = goto {
        ins.push(Instruction::GotoTable(t));
    }
    Ok(ins)
}
