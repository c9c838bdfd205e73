//! OFPT_FLOW_MOD (OpenFlow 1.3-1.5 share the layout; byte 46 is `importance` in 1.4+).

use crate::wire::error::{Reader, Result};
use crate::wire::instruction::{emit_instructions, parse_instructions, Instruction};
use crate::wire::matching::Match;
use bytes::BufMut;

/// Flow-mod command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum FlowModCommand {
    Add,
    Modify,
    ModifyStrict,
    Delete,
    DeleteStrict,
    Unknown(u8),
}

impl FlowModCommand {
    /// From the wire.
    pub fn from_wire(v: u8) -> Self {
        match v {
            0 => Self::Add,
            1 => Self::Modify,
            2 => Self::ModifyStrict,
            3 => Self::Delete,
            4 => Self::DeleteStrict,
            v => Self::Unknown(v),
        }
    }
    /// To the wire.
    pub fn wire(self) -> u8 {
        match self {
            Self::Add => 0,
            Self::Modify => 1,
            Self::ModifyStrict => 2,
            Self::Delete => 3,
            Self::DeleteStrict => 4,
            Self::Unknown(v) => v,
        }
    }
}

/// Flow-mod flags (OFPFF_*).
pub mod flags {
    /// Send flow removed.
    pub const SEND_FLOW_REM: u16 = 1;
    /// Check overlap.
    pub const CHECK_OVERLAP: u16 = 2;
    /// Reset counts.
    pub const RESET_COUNTS: u16 = 4;
    /// No packet counts.
    pub const NO_PKT_COUNTS: u16 = 8;
    /// No byte counts.
    pub const NO_BYT_COUNTS: u16 = 16;
}

/// OFPT_FLOW_MOD.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub struct FlowMod {
    pub cookie: u64,
    pub cookie_mask: u64,
    pub table_id: u8,
    pub command: FlowModCommand,
    pub idle_timeout: u16,
    pub hard_timeout: u16,
    pub priority: u16,
    pub buffer_id: u32,
    pub out_port: u32,
    pub out_group: u32,
    pub flags: u16,
    pub importance: u16,
    pub matching: Match,
    pub instructions: Vec<Instruction>,
}

impl Default for FlowMod {
    fn default() -> Self {
        FlowMod {
            cookie: 0,
            cookie_mask: 0,
            table_id: 0,
            command: FlowModCommand::Add,
            idle_timeout: 0,
            hard_timeout: 0,
            priority: 0x8000,
            buffer_id: 0xffff_ffff,
            out_port: 0xffff_ffff,
            out_group: 0xffff_ffff,
            flags: 0,
            importance: 0,
            matching: Match::default(),
            instructions: Vec::new(),
        }
    }
}

impl FlowMod {
    /// Parses the body.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let mut f = FlowMod {
            cookie: r.u64()?,
            cookie_mask: r.u64()?,
            table_id: r.u8()?,
            command: FlowModCommand::from_wire(r.u8()?),
            idle_timeout: r.u16()?,
            hard_timeout: r.u16()?,
            priority: r.u16()?,
            buffer_id: r.u32()?,
            out_port: r.u32()?,
            out_group: r.u32()?,
            flags: r.u16()?,
            importance: r.u16()?,
            ..Default::default()
        };
        f.matching = Match::parse(r)?;
        f.instructions = parse_instructions(r.rest())?;
        Ok(f)
    }

    /// Emits the body.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        buf.put_u64(self.cookie);
        buf.put_u64(self.cookie_mask);
        buf.put_u8(self.table_id);
        buf.put_u8(self.command.wire());
        buf.put_u16(self.idle_timeout);
        buf.put_u16(self.hard_timeout);
        buf.put_u16(self.priority);
        buf.put_u32(self.buffer_id);
        buf.put_u32(self.out_port);
        buf.put_u32(self.out_group);
        buf.put_u16(self.flags);
        buf.put_u16(self.importance);
        self.matching.emit(buf);
        emit_instructions(&self.instructions, buf);
    }
}
