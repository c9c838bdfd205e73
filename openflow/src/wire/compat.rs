//! Re-encoding flow_mods for OpenFlow 1.3, as Open vSwitch does when it speaks 1.3:
//! `move` becomes NXAST_REG_MOVE, a masked set_field becomes NXAST_REG_LOAD2, the
//! OpenFlow 1.5 meter action becomes the 1.3 meter instruction, 64-bit `xreg` matches
//! become pairs of 32-bit NXM registers, and tcp_flags uses its NXM header.
//!
//! Invariant: for 1.4+ the message is returned unchanged.

use super::action::{Action, NxAction, Subfield};
use super::field::{Field, NXM1};
use super::instruction::Instruction;
use super::msg::{FlowMod, Version};
use super::oxm::MatchField;
use super::oxm::OxmHeader;

/// The field's NXM header when it has one (what OVS writes inside Nicira actions).
fn nxm(h: OxmHeader) -> OxmHeader {
    let name = h
        .field
        .info()
        .and_then(|i| i.nxm.as_ref().map(|n| n.2.clone()));
    match name.and_then(|n| OxmHeader::named(&n)) {
        Some(n) if h.field != Field::InPort || h.len == 2 => n,
        _ => h,
    }
}

/// A masked set_field as OVS writes it for 1.3: NXAST_REG_LOAD when the mask is one
/// contiguous run of at most 64 bits, else NXAST_REG_LOAD2.
fn masked_set_field(f: &super::oxm::MatchField) -> Action {
    let (v, m) = (f.value_u128(), f.mask_u128());
    let ofs = m.trailing_zeros();
    let run = if m == 0 {
        0
    } else {
        (m >> ofs).trailing_ones()
    };
    let contiguous = m != 0 && (m >> ofs) >> run == 0;
    if contiguous && run <= 64 && f.value.len() <= 16 {
        let h = nxm(OxmHeader::of(f.field));
        return Action::Nx(NxAction::RegLoad {
            dst: Subfield {
                field: h,
                ofs: ofs as u16,
                n_bits: run as u16,
            },
            value: (v >> ofs) as u64,
        });
    }
    Action::Nx(NxAction::RegLoad2(f.clone()))
}

fn actions(v: &[Action]) -> Vec<Action> {
    v.iter()
        .map(|a| match a {
            Action::CopyField { src, dst } => Action::Nx(NxAction::RegMove {
                src: Subfield {
                    field: nxm(src.field),
                    ..*src
                },
                dst: Subfield {
                    field: nxm(dst.field),
                    ..*dst
                },
            }),
            Action::SetField(f) if f.mask.is_some() => masked_set_field(f),
            Action::Nx(NxAction::Clone(inner)) => Action::Nx(NxAction::Clone(actions(inner))),
            Action::Nx(NxAction::Ct(ct)) => {
                let mut ct = ct.clone();
                ct.actions = actions(&ct.actions);
                Action::Nx(NxAction::Ct(ct))
            }
            a => a.clone(),
        })
        .collect()
}

fn field_13(f: &MatchField, out: &mut Vec<MatchField>) {
    match f.field {
        Field::XReg(i) => {
            let v = f.value_u128() as u64;
            let m = f.mask_u128() as u64;
            for (k, shift) in [(0u8, 32u32), (1, 0)] {
                let (rv, rm) = ((v >> shift) as u32, (m >> shift) as u32);
                if rm != 0 {
                    out.push(MatchField::from_u128(
                        Field::Reg(2 * i + k),
                        rv as u128,
                        (rm != u32::MAX).then_some(rm as u128),
                    ));
                }
            }
        }
        Field::TcpFlags => out.push(MatchField {
            wire: Some((NXM1, 34)),
            ..f.clone()
        }),
        _ => out.push(f.clone()),
    }
}

/// `fm` encoded the way a 1.3 switch expects (unchanged for later versions).
pub fn flow_mod_for(version: Version, fm: &FlowMod) -> FlowMod {
    if version != Version::Of13 {
        return fm.clone();
    }
    let mut out = fm.clone();
    out.importance = 0; // not in the 1.3 layout
    let mut fields = Vec::new();
    for f in &fm.matching.fields {
        field_13(f, &mut fields);
    }
    out.matching.fields = fields;
    let mut ins = Vec::new();
    for i in &fm.instructions {
        match i {
            Instruction::ApplyActions(a) => {
                let (meters, rest): (Vec<_>, Vec<_>) =
                    a.iter().partition(|a| matches!(a, Action::Meter(_)));
                for m in meters {
                    if let Action::Meter(id) = m {
                        ins.insert(0, Instruction::Meter(*id));
                    }
                }
                let rest: Vec<Action> = rest.into_iter().cloned().collect();
                if !rest.is_empty() {
                    ins.push(Instruction::ApplyActions(actions(&rest)));
                }
            }
            Instruction::WriteActions(a) => ins.push(Instruction::WriteActions(actions(a))),
            i => ins.push(i.clone()),
        }
    }
    out.instructions = ins;
    out
}
