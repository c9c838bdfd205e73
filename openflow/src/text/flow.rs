//! A flow as ovs-ofctl writes it, and its two printed forms: `dump-flows` (without the
//! statistics) and `ofp-print` of a flow_mod.

use super::print_action::format_instructions;
use super::print_match::format_match;
use crate::wire::instruction::Instruction;
use crate::wire::matching::Match;
use crate::wire::msg::flow_mod::flags;
use crate::wire::msg::{FlowMod, FlowModCommand, FlowStats};

/// A flow: what a flow_mod installs and a flow-stats entry reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct Flow {
    pub cookie: u64,
    pub table_id: u8,
    pub priority: u16,
    pub idle_timeout: u16,
    pub hard_timeout: u16,
    pub importance: u16,
    /// OFPFF_* flags.
    pub flags: u16,
    pub matching: Match,
    pub instructions: Vec<Instruction>,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            cookie: 0,
            table_id: 0,
            priority: 0x8000,
            idle_timeout: 0,
            hard_timeout: 0,
            importance: 0,
            flags: 0,
            matching: Match::default(),
            instructions: Vec::new(),
        }
    }
}

impl Flow {
    /// A flow_mod carrying this flow with `command`.
    pub fn to_flow_mod(&self, command: FlowModCommand) -> FlowMod {
        FlowMod {
            cookie: self.cookie,
            cookie_mask: 0,
            table_id: self.table_id,
            command,
            idle_timeout: self.idle_timeout,
            hard_timeout: self.hard_timeout,
            priority: self.priority,
            flags: self.flags,
            importance: self.importance,
            matching: self.matching.clone(),
            instructions: self.instructions.clone(),
            ..Default::default()
        }
    }

    /// The flow a flow_mod describes.
    pub fn from_flow_mod(f: &FlowMod) -> Flow {
        Flow {
            cookie: f.cookie,
            table_id: f.table_id,
            priority: f.priority,
            idle_timeout: f.idle_timeout,
            hard_timeout: f.hard_timeout,
            importance: f.importance,
            flags: f.flags,
            matching: f.matching.clone(),
            instructions: f.instructions.clone(),
        }
    }

    /// The flow a flow-stats entry reports.
    pub fn from_stats(f: &FlowStats) -> Flow {
        Flow {
            cookie: f.cookie,
            table_id: f.table_id,
            priority: f.priority,
            idle_timeout: f.idle_timeout,
            hard_timeout: f.hard_timeout,
            importance: f.importance,
            flags: f.flags,
            matching: f.matching.clone(),
            instructions: f.instructions.clone(),
        }
    }

    /// `ovs-ofctl dump-flows` form without statistics:
    /// `cookie=0x5, table=8, priority=50,metadata=0x1 actions=resubmit(,9)`.
    pub fn to_dump_string(&self) -> String {
        let mut s = format!("cookie={:#x}, table={}, ", self.cookie, self.table_id);
        if self.cookie == 0 {
            s = format!("cookie=0x0, table={}, ", self.table_id);
        }
        if self.idle_timeout != 0 {
            s.push_str(&format!("idle_timeout={}, ", self.idle_timeout));
        }
        if self.hard_timeout != 0 {
            s.push_str(&format!("hard_timeout={}, ", self.hard_timeout));
        }
        for (f, n) in [
            (flags::RESET_COUNTS, "reset_counts "),
            (flags::NO_PKT_COUNTS, "no_packet_counts "),
            (flags::NO_BYT_COUNTS, "no_byte_counts "),
            (flags::SEND_FLOW_REM, "send_flow_rem "),
            (flags::CHECK_OVERLAP, "check_overlap "),
        ] {
            if self.flags & f != 0 {
                s.push_str(n);
            }
        }
        if self.importance != 0 {
            s.push_str(&format!("importance={}, ", self.importance));
        }
        s.push_str(&format_match(&self.matching, Some(self.priority)));
        s.push_str(" actions=");
        s.push_str(&format_instructions(&self.instructions));
        s
    }

    /// `ovs-ofctl --no-stats dump-flows` form: like [`Flow::to_dump_string`] but a zero
    /// cookie and table 0 are left out.
    pub fn to_no_stats_string(&self) -> String {
        let full = self.to_dump_string();
        let mut s = full.replacen(", table=0, ", ", ", 1);
        if self.cookie == 0 {
            s = s.strip_prefix("cookie=0x0, ").unwrap_or(&s).to_string();
        }
        if self.table_id == 0 {
            s = s.strip_prefix("table=0, ").unwrap_or(&s).to_string();
        }
        s
    }

    /// The part of `ovs-ofctl ofp-print` of an OFPT_FLOW_MOD after the command word:
    /// `table:8 priority=50,metadata=0x1 cookie:0x5 idle:30 actions=...`.
    pub fn to_ofp_print_string(&self) -> String {
        let mut s = String::new();
        if self.table_id != 0 {
            s.push_str(&format!("table:{} ", self.table_id));
        }
        let m = format_match(&self.matching, Some(self.priority));
        if !m.is_empty() {
            s.push_str(&m);
            s.push(' ');
        }
        if self.cookie != 0 {
            s.push_str(&format!("cookie:{:#x} ", self.cookie));
        }
        if self.idle_timeout != 0 {
            s.push_str(&format!("idle:{} ", self.idle_timeout));
        }
        if self.hard_timeout != 0 {
            s.push_str(&format!("hard:{} ", self.hard_timeout));
        }
        if self.importance != 0 {
            s.push_str(&format!("importance:{} ", self.importance));
        }
        for (f, n) in [
            (flags::SEND_FLOW_REM, "send_flow_rem "),
            (flags::CHECK_OVERLAP, "check_overlap "),
            (flags::RESET_COUNTS, "reset_counts "),
            (flags::NO_PKT_COUNTS, "no_packet_counts "),
            (flags::NO_BYT_COUNTS, "no_byte_counts "),
        ] {
            if self.flags & f != 0 {
                s.push_str(n);
            }
        }
        s.push_str("actions=");
        s.push_str(&format_instructions(&self.instructions));
        s
    }
}

impl std::fmt::Display for Flow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_dump_string())
    }
}
