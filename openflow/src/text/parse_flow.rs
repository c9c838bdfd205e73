//! Parses a whole flow in ovs-ofctl syntax
//! (`cookie=0x5,table=8,priority=50,metadata=0x1 actions=resubmit(,9)`).
//!
//! Items are separated by commas or spaces; `actions=` takes the rest of the line.
//! Statistics fields printed by dump-flows (`duration`, `n_packets`...) are ignored,
//! so dump-flows output parses back.

use super::flow::Flow;
use super::lex::{err, key_value, split_top, ParseError};
use super::parse_action::parse_instructions;
use super::parse_match::MatchBuilder;
use super::value::parse_uint;
use crate::wire::msg::flow_mod::flags;

/// A parsed flow plus what only filters (del-flows, dump-flows) care about.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowSpec {
    /// The flow.
    pub flow: Flow,
    /// `cookie=V/M` mask (0 when no mask was given).
    pub cookie_mask: u64,
    /// Whether `table=` was given (filters default to all tables).
    pub table_given: bool,
}

/// Parses one flow. With `need_actions == false` (del-flows / dump-flows filters) the
/// `actions=` part may be absent.
pub fn parse_flow_spec(s: &str, need_actions: bool) -> Result<FlowSpec, ParseError> {
    let table_given = split_top(s.split("actions=").next().unwrap_or(""), true)
        .iter()
        .any(|i| i.starts_with("table=") || i.starts_with("table:"));
    let (flow, cookie_mask) = parse_flow_ext(s, need_actions)?;
    Ok(FlowSpec {
        flow,
        cookie_mask,
        table_given,
    })
}

/// Parses one flow. With `need_actions == false` the `actions=` part may be absent.
/// Returns the flow and the cookie mask (`cookie=V/M`).
pub fn parse_flow_ext(s: &str, need_actions: bool) -> Result<(Flow, u64), ParseError> {
    let s = s.trim();
    let (head, actions) = match find_actions(s) {
        Some(i) => (&s[..i], Some(&s[i + "actions=".len()..])),
        None => (s, None),
    };
    let mut f = Flow::default();
    let mut cookie_mask = 0u64;
    let mut mb = MatchBuilder::default();
    for item in split_top(head, true) {
        let (k, v) = key_value(item);
        let n = || parse_uint(v).ok_or_else(|| ParseError(format!("bad number in {item}")));
        match k {
            "cookie" => {
                let (c, m) = match v.split_once('/') {
                    Some((c, m)) => (c, Some(m)),
                    None => (v, None),
                };
                f.cookie =
                    parse_uint(c).ok_or_else(|| ParseError(format!("bad cookie {v}")))? as u64;
                if let Some(m) = m {
                    cookie_mask = if m == "-1" {
                        u64::MAX
                    } else {
                        parse_uint(m).ok_or_else(|| ParseError(format!("bad cookie mask {m}")))?
                            as u64
                    };
                }
            }
            "table" => f.table_id = n()? as u8,
            "priority" => f.priority = n()? as u16,
            "idle_timeout" => f.idle_timeout = n()? as u16,
            "hard_timeout" => f.hard_timeout = n()? as u16,
            "importance" => f.importance = n()? as u16,
            "send_flow_rem" => f.flags |= flags::SEND_FLOW_REM,
            "check_overlap" => f.flags |= flags::CHECK_OVERLAP,
            "reset_counts" => f.flags |= flags::RESET_COUNTS,
            "no_packet_counts" => f.flags |= flags::NO_PKT_COUNTS,
            "no_byte_counts" => f.flags |= flags::NO_BYT_COUNTS,
            "duration" | "n_packets" | "n_bytes" | "idle_age" | "hard_age" => {}
            k if MatchBuilder::accepts(k) => mb.add(k, v)?,
            _ => return err(format!("unknown flow item {item}")),
        }
    }
    f.matching = mb.finish()?;
    match actions {
        Some(a) => {
            f.instructions = parse_instructions(a.trim())?;
            check_action_prereqs(&f)?;
        }
        None if need_actions => return err("must specify an action"),
        None => {}
    }
    Ok((f, cookie_mask))
}

/// Parses one flow with actions.
pub fn parse_flow(s: &str) -> Result<Flow, ParseError> {
    parse_flow_ext(s, true).map(|x| x.0)
}

fn find_actions(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("actions=") {
        let at = from + i;
        let before = s[..at].chars().last();
        if before.is_none_or(|c| c == ',' || c.is_whitespace()) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Fields written or read by actions must satisfy the match's prerequisites, as
/// ovs-ofctl insists (`set_field:...->ip_dst` needs `ip`), checked before any bytes are
/// sent so the error names the action.
fn check_action_prereqs(f: &Flow) -> Result<(), ParseError> {
    use crate::wire::action::{Action, NxAction};
    use crate::wire::field::Field;
    use crate::wire::instruction::Instruction;
    let dl = f
        .matching
        .get(Field::EthType)
        .map(|m| m.value_u128() as u16);
    let proto = f.matching.get(Field::IpProto).map(|m| m.value_u128() as u8);
    fn walk(a: &[Action], out: &mut Vec<Field>) {
        for a in a {
            match a {
                Action::SetField(m) | Action::Nx(NxAction::RegLoad2(m)) => out.push(m.field),
                Action::CopyField { src, dst } | Action::Nx(NxAction::RegMove { src, dst }) => {
                    out.push(src.field.field);
                    out.push(dst.field.field);
                }
                Action::Nx(NxAction::Clone(inner)) => walk(inner, out),
                // Pushing a VLAN or MPLS header changes what follows; stop checking.
                Action::PushVlan(_) | Action::PopVlan => return,
                _ => {}
            }
        }
    }
    let mut fields = Vec::new();
    for i in &f.instructions {
        if let Instruction::ApplyActions(a) | Instruction::WriteActions(a) = i {
            walk(a, &mut fields);
        }
    }
    for field in fields {
        if !super::parse_match::prereq_ok(field, dl, proto) {
            return err(format!(
                "action on {} is invalid with the specified match (prerequisites not met)",
                field.name()
            ));
        }
    }
    Ok(())
}
