//! OpenFlow 1.1+ instructions.
//!
//! Invariant: instruction lengths are multiples of 8; unknown types keep their body.

use super::action::{emit_actions, parse_actions, Action};
use super::error::{len16, pad8, patch_u16, DecodeError, Reader, Result};
use bytes::BufMut;

/// An instruction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Instruction {
    /// OFPIT_GOTO_TABLE.
    GotoTable(u8),
    /// OFPIT_WRITE_METADATA: value, mask.
    WriteMetadata(u64, u64),
    /// OFPIT_WRITE_ACTIONS.
    WriteActions(Vec<Action>),
    /// OFPIT_APPLY_ACTIONS.
    ApplyActions(Vec<Action>),
    /// OFPIT_CLEAR_ACTIONS.
    ClearActions,
    /// OFPIT_METER (OpenFlow 1.3/1.4).
    Meter(u32),
    /// Anything else.
    Unknown {
        /// Instruction type.
        kind: u16,
        /// Body after the 4-byte header.
        body: Vec<u8>,
    },
}

impl Instruction {
    /// Parses one instruction.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let kind = r.u16()?;
        let len = r.u16()? as usize;
        if len < 8 || len & 7 != 0 {
            return Err(DecodeError::BadLength("instruction"));
        }
        let mut b = Reader::new(r.take(len - 4)?);
        Ok(match kind {
            1 => Instruction::GotoTable(b.u8()?),
            2 => {
                b.skip(4)?;
                Instruction::WriteMetadata(b.u64()?, b.u64()?)
            }
            3 | 4 => {
                b.skip(4)?;
                let a = parse_actions(b.rest())?;
                if kind == 3 {
                    Instruction::WriteActions(a)
                } else {
                    Instruction::ApplyActions(a)
                }
            }
            5 => Instruction::ClearActions,
            6 => Instruction::Meter(b.u32()?),
            _ => Instruction::Unknown {
                kind,
                body: b.rest().to_vec(),
            },
        })
    }

    /// Emits one instruction.
    pub fn emit(&self, buf: &mut Vec<u8>) {
        let start = buf.len();
        let kind = match self {
            Instruction::GotoTable(_) => 1,
            Instruction::WriteMetadata(..) => 2,
            Instruction::WriteActions(_) => 3,
            Instruction::ApplyActions(_) => 4,
            Instruction::ClearActions => 5,
            Instruction::Meter(_) => 6,
            Instruction::Unknown { kind, .. } => *kind,
        };
        buf.put_u16(kind);
        buf.put_u16(0);
        match self {
            Instruction::GotoTable(t) => {
                buf.put_u8(*t);
                buf.put_bytes(0, 3);
            }
            Instruction::WriteMetadata(v, m) => {
                buf.put_bytes(0, 4);
                buf.put_u64(*v);
                buf.put_u64(*m);
            }
            Instruction::WriteActions(a) | Instruction::ApplyActions(a) => {
                buf.put_bytes(0, 4);
                emit_actions(a, buf);
            }
            Instruction::ClearActions => buf.put_bytes(0, 4),
            Instruction::Meter(m) => buf.put_u32(*m),
            Instruction::Unknown { body, .. } => buf.put_slice(body),
        }
        pad8(buf, start);
        let len = len16(buf.len() - start);
        patch_u16(buf, start + 2, len);
    }
}

/// Parses instructions filling `bytes`.
pub fn parse_instructions(bytes: &[u8]) -> Result<Vec<Instruction>> {
    let mut r = Reader::new(bytes);
    let mut v = Vec::new();
    while !r.is_empty() {
        v.push(Instruction::parse(&mut r)?);
    }
    Ok(v)
}

/// Emits instructions.
pub fn emit_instructions(ins: &[Instruction], buf: &mut Vec<u8>) {
    for i in ins {
        i.emit(buf);
    }
}
