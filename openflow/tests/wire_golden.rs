//! Bytes captured from `ovs-ofctl -O OpenFlow15 add-flows` decode into typed messages,
//! and emitting those messages reproduces the bytes exactly.

mod common;
use common::*;
use openflow::wire::{Action, Instruction, Message, NxAction};

fn check_file(name: &str) {
    let g = goldens(name);
    assert!(!g.is_empty());
    for rec in g {
        let bytes = hex_decode(&rec.hex);
        let (h, m) = Message::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", rec.input));
        let Message::FlowMod(fm) = &m else {
            panic!("not a flow_mod: {}", rec.input)
        };
        for i in &fm.instructions {
            if let Instruction::ApplyActions(a) | Instruction::WriteActions(a) = i {
                for a in a {
                    assert!(
                        !matches!(
                            a,
                            Action::Unknown { .. } | Action::Nx(NxAction::Unknown { .. })
                        ),
                        "unmodelled action in {}: {a:?}",
                        rec.input
                    );
                }
            }
        }
        let again = m.to_bytes(h.version, h.xid);
        assert_eq!(hex_encode(&again), rec.hex, "re-emit of {}", rec.input);
    }
}

#[test]
fn ovn_flow_mods_round_trip() {
    check_file("flow-mod-ovn.golden");
}

#[test]
fn extra_flow_mods_round_trip() {
    check_file("flow-mod-extra.golden");
}
