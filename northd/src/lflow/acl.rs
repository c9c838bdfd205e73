//! ACL flows (ovn-northd(8), ingress table `ls_in_acl`, egress table `ls_out_acl`).
//!
//! An ACL of priority P becomes flows of priority P + 1000 in the ACL stage of its
//! direction (`from-lport`: ingress, `to-lport`: egress). On a switch without any
//! `allow-related` ACL the ACL's match is used as written. Once the switch is stateful,
//! allow ACLs split on the hints `ls_*_acl_hint` computed from conntrack state (new
//! connection: commit it; established: pass), and drop/reject ACLs split on whether the
//! connection was committed (then it is marked `ct_mark.blocked`).

use super::{FlowSink, Origin, SwitchContext};
use crate::nb::{Acl, AclAction, Direction, Severity};
use crate::pipeline::regs::{
    ACL_HINT_ALLOW, ACL_HINT_ALLOW_NEW, ACL_HINT_BLOCK, ACL_HINT_DROP, ACL_LABEL, ACL_STATELESS,
    CONNTRACK_COMMIT, CT_MARK_BLOCKED, REG0, REG_LABEL,
};
use crate::pipeline::Stage;

/// ACL priorities are offset by this much in the logical flow table, leaving room for
/// the fixed flows below and above.
pub const ACL_PRIORITY_OFFSET: u16 = 1000;

/// The `log(...)` action ACL logging adds, with a trailing space, or "".
fn log_action(acl: &Acl) -> String {
    if !acl.log {
        return String::new();
    }
    let verdict = match acl.action {
        AclAction::Allow | AclAction::AllowRelated | AclAction::AllowStateless => "allow",
        AclAction::Drop => "drop",
        AclAction::Reject => "reject",
    };
    let mut parts = Vec::new();
    if let Some(n) = &acl.name {
        parts.push(format!("name=\"{n}\""));
    }
    let sev = acl.severity.unwrap_or(Severity::Info);
    parts.push(format!("severity={}", sev.as_str()));
    parts.push(format!("verdict={verdict}"));
    if let Some(m) = &acl.meter {
        parts.push(format!("meter=\"{m}\""));
    }
    format!("log({}); ", parts.join(", "))
}

/// The reject action: reply with TCP RST / ICMP unreachable, sent back through the
/// other pipeline (from-lport: egress QoS; to-lport: ingress L2 lookup).
fn reject_action(dir: Direction) -> String {
    let next = match dir {
        Direction::FromLport => Stage::OutQosMark,
        Direction::ToLport => Stage::InL2Lkup,
    };
    format!(
        "{REG0} = 0; reject {{ /* eth.dst <-> eth.src; ip.dst <-> ip.src; is implicit. */ outport <-> inport; {}; }};",
        next.next_action()
    )
}

pub(super) fn build(cx: &SwitchContext<'_>, acl: &Acl, s: &mut FlowSink) {
    let o = Origin::Acl(acl.uuid);
    let (stage, pre_acl) = match acl.direction {
        Direction::FromLport => (Stage::InAcl, Stage::InPreAcl),
        Direction::ToLport => (Stage::OutAcl, Stage::OutPreAcl),
    };
    let prio = acl.priority.saturating_add(ACL_PRIORITY_OFFSET);
    let m = acl.match_.as_str();
    let log = log_action(acl);
    let label = if acl.label != 0 {
        format!(
            "{}; {}; {REG_LABEL} = {}; ",
            CONNTRACK_COMMIT.set(),
            ACL_LABEL.set(),
            acl.label
        )
    } else {
        String::new()
    };
    let block = format!("ct_commit {{ {CT_MARK_BLOCKED} = 1; }}; ");

    if !cx.has_stateful {
        let a = match acl.action {
            AclAction::Allow | AclAction::AllowRelated | AclAction::AllowStateless => {
                format!("{log}next;")
            }
            AclAction::Drop => format!("{log}/* drop */"),
            AclAction::Reject => format!("{log}{}", reject_action(acl.direction)),
        };
        s.add(o, stage, prio, m, a);
        return;
    }

    match acl.action {
        AclAction::AllowStateless => {
            s.add(o, stage, prio, m, format!("{log}next;"));
            s.add(
                o,
                pre_acl,
                prio,
                m,
                format!("{}; next;", ACL_STATELESS.set()),
            );
        }
        AclAction::Allow | AclAction::AllowRelated => {
            s.add(
                o,
                stage,
                prio,
                format!("{} && ({m})", ACL_HINT_ALLOW_NEW.is_set()),
                if label.is_empty() {
                    format!("{}; {log}next;", CONNTRACK_COMMIT.set())
                } else {
                    format!("{label}{log}next;")
                },
            );
            s.add(
                o,
                stage,
                prio,
                format!("{} && ({m})", ACL_HINT_ALLOW.is_set()),
                format!("{label}{log}next;"),
            );
        }
        AclAction::Drop => {
            s.add(
                o,
                stage,
                prio,
                format!("{} && ({m})", ACL_HINT_BLOCK.is_set()),
                format!("{block}{log}/* drop */"),
            );
            s.add(
                o,
                stage,
                prio,
                format!("{} && ({m})", ACL_HINT_DROP.is_set()),
                format!("{log}/* drop */"),
            );
        }
        AclAction::Reject => {
            let rej = reject_action(acl.direction);
            s.add(
                o,
                stage,
                prio,
                format!("({}) && {m}", ACL_HINT_BLOCK.is_set()),
                format!("{log}{block} {rej}"),
            );
            s.add(
                o,
                stage,
                prio,
                format!("({}) && {m}", ACL_HINT_DROP.is_set()),
                format!("{log}{rej}"),
            );
        }
    }
}
