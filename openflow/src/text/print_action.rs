//! Prints actions and instructions as `ovs-ofctl` does (`resubmit(,8)`,
//! `set_field:0x1->reg14`, `move:A[0..15]->B[]`, `ct(commit,zone=...,nat(src=...))`...).

use super::value::{dotted_hex, format_value, hex, port16_to_32, port_name};
use crate::wire::action::nx::{Ct, Learn, LearnDst, LearnSrc, Nat, NatAddrs};
use crate::wire::action::{port, Action, NxAction, Subfield};
use crate::wire::field::Field;
use crate::wire::instruction::Instruction;
use crate::wire::oxm::{be_u128, OxmHeader};

/// `NAME[]`, `NAME[3]` or `NAME[a..b]`.
pub fn format_subfield(s: &Subfield) -> String {
    let name = header_name(&s.field);
    let width = s.field.bits();
    if s.ofs == 0 && s.n_bits == width {
        format!("{name}[]")
    } else if s.n_bits == 1 {
        format!("{name}[{}]", s.ofs)
    } else {
        let end = (s.ofs as u32 + s.n_bits as u32).saturating_sub(1);
        format!("{name}[{}..{end}]", s.ofs)
    }
}

fn header_name(h: &OxmHeader) -> String {
    h.field.subfield_name()
}

fn reason_name(r: u8) -> String {
    match r {
        0 => "no_match".into(),
        1 => "action".into(),
        2 => "invalid_ttl".into(),
        3 => "action_set".into(),
        4 => "group".into(),
        5 => "packet_out".into(),
        r => r.to_string(),
    }
}

/// Formats an action list; `drop` when empty.
pub fn format_actions(actions: &[Action]) -> String {
    if actions.is_empty() {
        return "drop".into();
    }
    actions
        .iter()
        .map(format_action)
        .collect::<Vec<_>>()
        .join(",")
}

fn list(actions: &[Action]) -> String {
    actions
        .iter()
        .map(format_action)
        .collect::<Vec<_>>()
        .join(",")
}

/// Formats one action.
pub fn format_action(a: &Action) -> String {
    match a {
        Action::Output { port: p, max_len } => match *p {
            port::CONTROLLER => format!("CONTROLLER:{max_len}"),
            p if p < port::MAX => format!("output:{p}"),
            p => port_name(p),
        },
        Action::Group(g) => format!("group:{g}"),
        Action::Meter(m) => format!("meter:{m}"),
        Action::SetField(f) => format!(
            "set_field:{}->{}",
            format_value(f.field, &f.value, f.mask.as_deref()),
            f.field.name()
        ),
        Action::PushVlan(t) => format!("push_vlan:{t:#x}"),
        Action::PopVlan => "pop_vlan".into(),
        Action::DecNwTtl => "dec_ttl".into(),
        Action::CopyField { src, dst } => {
            format!("move:{}->{}", format_subfield(src), format_subfield(dst))
        }
        Action::Nx(nx) => format_nx(nx),
        Action::Unknown { kind, body } => format!("unknown_action({kind},{})", dotted_hex(body)),
    }
}

fn format_nx(a: &NxAction) -> String {
    match a {
        NxAction::Resubmit {
            in_port, table, ct, ..
        } => {
            let p = port16_to_32(*in_port);
            if *table == 255 && !ct {
                format!("resubmit:{}", port_name(p))
            } else {
                let ps = if p == port::IN_PORT {
                    String::new()
                } else {
                    port_name(p)
                };
                let ts = if *table == 255 {
                    String::new()
                } else {
                    table.to_string()
                };
                if *ct {
                    format!("resubmit({ps},{ts},ct)")
                } else {
                    format!("resubmit({ps},{ts})")
                }
            }
        }
        NxAction::RegMove { src, dst } => {
            format!("move:{}->{}", format_subfield(src), format_subfield(dst))
        }
        NxAction::RegLoad { dst, value } => {
            format!("load:{}->{}", hex(*value as u128), format_subfield(dst))
        }
        NxAction::RegLoad2(f) => format!(
            "set_field:{}->{}",
            format_value(f.field, &f.value, f.mask.as_deref()),
            f.field.name()
        ),
        NxAction::Note(n) => format!("note:{}", dotted_hex(n)),
        NxAction::OutputReg { src, max_len } | NxAction::OutputReg2 { src, max_len } => {
            if *max_len == 0xffff {
                format!("output:{}", format_subfield(src))
            } else {
                format!("output(port={},max_len={max_len})", format_subfield(src))
            }
        }
        NxAction::Learn(l) => format_learn(l),
        NxAction::Exit => "exit".into(),
        NxAction::DecTtl => "dec_ttl".into(),
        NxAction::DecTtlCntIds(ids) => format!(
            "dec_ttl({})",
            ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
        ),
        NxAction::FinTimeout { idle, hard } => {
            let mut p = Vec::new();
            if *idle != 0 {
                p.push(format!("idle_timeout={idle}"));
            }
            if *hard != 0 {
                p.push(format!("hard_timeout={hard}"));
            }
            format!("fin_timeout({})", p.join(","))
        }
        NxAction::Controller {
            max_len,
            controller_id,
            reason,
        } => format_controller(*max_len, *controller_id, *reason, None, false, None),
        NxAction::Controller2(c) => format_controller(
            c.max_len.unwrap_or(0xffff),
            c.controller_id.unwrap_or(0),
            c.reason.unwrap_or(1),
            c.userdata.as_deref(),
            c.pause,
            c.meter_id,
        ),
        NxAction::StackPush(s) => format!("push:{}", format_subfield(s)),
        NxAction::StackPop(s) => format!("pop:{}", format_subfield(s)),
        NxAction::Sample {
            probability,
            collector_set_id,
            obs_domain_id,
            obs_point_id,
        } => format!(
            "sample(probability={probability},collector_set_id={collector_set_id},obs_domain_id={obs_domain_id},obs_point_id={obs_point_id})"
        ),
        NxAction::Conjunction {
            clause,
            n_clauses,
            id,
        } => format!("conjunction({id},{}/{n_clauses})", *clause as u32 + 1),
        NxAction::Ct(ct) => format_ct(ct),
        NxAction::Nat(n) => format_nat(n),
        NxAction::CtClear => "ct_clear".into(),
        NxAction::Clone(a) => format!("clone({})", list(a)),
        NxAction::CheckPktLarger { pkt_len, dst } => {
            format!("check_pkt_larger({pkt_len})->{}", format_subfield(dst))
        }
        NxAction::Unknown { subtype, body } => {
            format!("unknown_nx_action({subtype},{})", dotted_hex(body))
        }
    }
}

fn format_controller(
    max_len: u16,
    id: u16,
    reason: u8,
    userdata: Option<&[u8]>,
    pause: bool,
    meter: Option<u32>,
) -> String {
    if reason == 1 && id == 0 && userdata.is_none() && !pause && meter.is_none() {
        return format!("CONTROLLER:{max_len}");
    }
    let mut p = Vec::new();
    if reason != 1 {
        p.push(format!("reason={}", reason_name(reason)));
    }
    if max_len != 0xffff {
        p.push(format!("max_len={max_len}"));
    }
    if id != 0 {
        p.push(format!("id={id}"));
    }
    if let Some(u) = userdata {
        p.push(format!("userdata={}", dotted_hex(u)));
    }
    if pause {
        p.push("pause".into());
    }
    if let Some(m) = meter {
        p.push(format!("meter_id={m}"));
    }
    format!("controller({})", p.join(","))
}

fn format_ct(ct: &Ct) -> String {
    let mut p = Vec::new();
    if ct.flags & 1 != 0 {
        p.push("commit".to_string());
    }
    if ct.flags & 2 != 0 {
        p.push("force".to_string());
    }
    if ct.recirc_table != 255 {
        p.push(format!("table={}", ct.recirc_table));
    }
    if let Some(z) = &ct.zone_src {
        p.push(format!("zone={}", format_subfield(z)));
    } else if ct.zone_imm != 0 {
        p.push(format!("zone={}", ct.zone_imm));
    }
    let mut acts: &[Action] = &ct.actions;
    if let Some(Action::Nx(NxAction::Nat(n))) = acts.first() {
        p.push(format_nat(n));
        acts = &acts[1..];
    }
    if !acts.is_empty() {
        p.push(format!("exec({})", list(acts)));
    }
    match ct.alg {
        0 => {}
        21 => p.push("alg=ftp".into()),
        69 => p.push("alg=tftp".into()),
        a => p.push(format!("alg={a}")),
    }
    format!("ct({})", p.join(","))
}

fn format_nat(n: &Nat) -> String {
    use crate::wire::action::nx::nat_flags::*;
    if n.flags == 0 && n.addrs == NatAddrs::None && n.ports.is_none() {
        return "nat".into();
    }
    let mut p = Vec::new();
    let dir = if n.flags & SRC != 0 {
        "src"
    } else if n.flags & DST != 0 {
        "dst"
    } else {
        ""
    };
    let mut range = String::new();
    match &n.addrs {
        NatAddrs::V4(a, b) => {
            range.push_str(&a.to_string());
            if let Some(b) = b {
                range.push_str(&format!("-{b}"));
            }
        }
        NatAddrs::V6(a, b) => {
            range.push_str(&format!("[{a}]"));
            if let Some(b) = b {
                range.push_str(&format!("-[{b}]"));
            }
        }
        NatAddrs::None => {}
    }
    if let Some((a, b)) = n.ports {
        range.push_str(&format!(":{a}"));
        if let Some(b) = b {
            range.push_str(&format!("-{b}"));
        }
    }
    if !dir.is_empty() {
        if range.is_empty() {
            p.push(dir.to_string());
        } else {
            p.push(format!("{dir}={range}"));
        }
    }
    if n.flags & PERSISTENT != 0 {
        p.push("persistent".into());
    }
    if n.flags & PROTO_HASH != 0 {
        p.push("hash".into());
    }
    if n.flags & PROTO_RANDOM != 0 {
        p.push("random".into());
    }
    format!("nat({})", p.join(","))
}

fn learn_field(h: &OxmHeader, ofs: u16, n_bits: u16) -> String {
    format_subfield(&Subfield {
        field: *h,
        ofs,
        n_bits,
    })
}

fn format_learn(l: &Learn) -> String {
    let mut p = vec![format!("table={}", l.table_id)];
    if l.idle_timeout != 0 {
        p.push(format!("idle_timeout={}", l.idle_timeout));
    }
    if l.hard_timeout != 0 {
        p.push(format!("hard_timeout={}", l.hard_timeout));
    }
    if l.fin_idle_timeout != 0 {
        p.push(format!("fin_idle_timeout={}", l.fin_idle_timeout));
    }
    if l.fin_hard_timeout != 0 {
        p.push(format!("fin_hard_timeout={}", l.fin_hard_timeout));
    }
    if l.priority != 0x8000 {
        p.push(format!("priority={}", l.priority));
    }
    if l.flags & 1 != 0 {
        p.push("send_flow_rem".into());
    }
    if l.flags & 2 != 0 {
        p.push("delete_learned".into());
    }
    if l.flags & 4 != 0 {
        p.push("write_result".into());
    }
    if l.cookie != 0 {
        p.push(format!("cookie={:#x}", l.cookie));
    }
    for s in &l.specs {
        p.push(match (&s.src, &s.dst) {
            (LearnSrc::Field(sh, so), LearnDst::Match(dh, d_o)) => {
                let src = learn_field(sh, *so, s.n_bits);
                let dst = learn_field(dh, *d_o, s.n_bits);
                if src == dst {
                    dst
                } else {
                    format!("{dst}={src}")
                }
            }
            (LearnSrc::Imm(v), LearnDst::Match(dh, d_o)) => {
                if *d_o == 0 && s.n_bits == dh.bits() && dh.field != Field::InPort {
                    let w = dh.len as usize;
                    let val = tail(v, w);
                    format!("{}={}", dh.field.name(), format_value(dh.field, &val, None))
                } else {
                    format!("{}={}", learn_field(dh, *d_o, s.n_bits), hex(be_u128(v)))
                }
            }
            (LearnSrc::Imm(v), LearnDst::Load(dh, d_o)) => {
                format!(
                    "load:{}->{}",
                    hex(be_u128(v)),
                    learn_field(dh, *d_o, s.n_bits)
                )
            }
            (LearnSrc::Field(sh, so), LearnDst::Load(dh, d_o)) => format!(
                "load:{}->{}",
                learn_field(sh, *so, s.n_bits),
                learn_field(dh, *d_o, s.n_bits)
            ),
            (LearnSrc::Field(sh, so), LearnDst::Output) => {
                format!("output:{}", learn_field(sh, *so, s.n_bits))
            }
            (LearnSrc::Imm(v), LearnDst::Output) => format!("output:{}", hex(be_u128(v))),
        });
    }
    format!("learn({})", p.join(","))
}

fn tail(v: &[u8], w: usize) -> Vec<u8> {
    let mut out = vec![0u8; w];
    let n = v.len().min(w);
    out[w - n..].copy_from_slice(&v[v.len() - n..]);
    out
}

/// Formats instructions in the order OVS prints them (`meter:`, actions,
/// `clear_actions`, `write_actions(...)`, `write_metadata:`, `goto_table:`).
pub fn format_instructions(ins: &[Instruction]) -> String {
    let mut p = Vec::new();
    for i in ins {
        match i {
            Instruction::Meter(m) => p.push(format!("meter:{m}")),
            Instruction::ApplyActions(a) if !a.is_empty() => p.push(list(a)),
            Instruction::ApplyActions(_) => {}
            Instruction::ClearActions => p.push("clear_actions".into()),
            Instruction::WriteActions(a) => p.push(format!("write_actions({})", list(a))),
            Instruction::WriteMetadata(v, m) => {
                if *m == u64::MAX {
                    p.push(format!("write_metadata:{}", hex(*v as u128)));
                } else {
                    p.push(format!(
                        "write_metadata:{}/{}",
                        hex(*v as u128),
                        hex(*m as u128)
                    ));
                }
            }
            Instruction::GotoTable(t) => p.push(format!("goto_table:{t}")),
            Instruction::Unknown { kind, body } => {
                p.push(format!("unknown_instruction({kind},{})", dotted_hex(body)))
            }
        }
    }
    if p.is_empty() {
        "drop".into()
    } else {
        p.join(",")
    }
}
