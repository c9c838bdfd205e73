//! The zero-copy views and the typed reprs agree on the same golden bytes.

mod common;
use common::*;
use openflow::wire::view::{actions, oxms};
use openflow::wire::{Action, Field, Instruction, Message, NxAction};

#[test]
fn views_agree_with_reprs() {
    for name in ["flow-mod-ovn.golden", "flow-mod-extra.golden"] {
        for rec in goldens(name) {
            let b = hex_decode(&rec.hex);
            let (_, m) = Message::parse(&b).unwrap();
            let Message::FlowMod(fm) = m else { panic!() };
            // Match entries start after header (8) + fixed flow_mod (40) + match header (4).
            let mlen = u16::from_be_bytes([b[50], b[51]]) as usize;
            let views: Vec<_> = oxms(&b[52..48 + mlen]).map(|v| v.unwrap()).collect();
            assert_eq!(views.len(), fm.matching.fields.len());
            for (v, f) in views.iter().zip(&fm.matching.fields) {
                assert_eq!(
                    Field::from_header(v.class(), v.code(), v.experimenter()),
                    f.field
                );
                assert_eq!(v.value(), &f.value[..]);
                assert_eq!(v.mask(), f.mask.as_deref());
            }
            // Apply-actions list of the first instruction.
            let ins_at = 48 + mlen.div_ceil(8) * 8;
            if let Some(Instruction::ApplyActions(acts)) = fm.instructions.first() {
                let ilen = u16::from_be_bytes([b[ins_at + 2], b[ins_at + 3]]) as usize;
                let views: Vec<_> = actions(&b[ins_at + 8..ins_at + ilen])
                    .map(|v| v.unwrap())
                    .collect();
                assert_eq!(views.len(), acts.len());
                for (v, a) in views.iter().zip(acts) {
                    match a {
                        Action::Nx(nx) => assert_eq!(v.nx_subtype(), Some(nx_subtype(nx))),
                        _ => assert_eq!(v.experimenter(), None),
                    }
                }
            }
        }
    }
}

fn nx_subtype(a: &NxAction) -> u16 {
    a.subtype()
}

#[test]
fn views_reject_bad_lengths() {
    assert!(actions(&[0, 0, 0, 4, 0, 0, 0, 0]).next().unwrap().is_err());
    assert!(actions(&[0, 0, 0, 16, 0, 0, 0, 0]).next().unwrap().is_err());
    assert!(oxms(&[0x80, 0, 4, 8, 1]).next().unwrap().is_err());
    assert!(oxms(&[0xff, 0xff, 4, 2, 1, 2]).next().unwrap().is_err());
}
