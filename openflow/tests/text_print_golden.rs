//! Our printer renders decoded ovs-ofctl bytes exactly as `ovs-ofctl ofp-print` does,
//! and the reference flows real ovn-controller installed exactly as `dump-flows` does.

mod common;
use common::*;
use openflow::text::Flow;
use openflow::wire::Message;

fn check(name: &str) {
    let mut bad = Vec::new();
    let g = goldens(name);
    for rec in &g {
        let (_, m) = Message::parse(&hex_decode(&rec.hex)).unwrap();
        let Message::FlowMod(fm) = m else { panic!() };
        let ours = Flow::from_flow_mod(&fm).to_ofp_print_string();
        if ours != rec.printed {
            bad.push(format!("\n ovs: {}\nours: {ours}", rec.printed));
        }
    }
    assert!(g.len() > 50);
    assert!(
        bad.is_empty(),
        "{} of {} differ:{}",
        bad.len(),
        g.len(),
        bad.join("")
    );
}

#[test]
fn ofp_print_ovn_flows() {
    check("flow-mod-ovn.golden");
}

#[test]
fn ofp_print_extra_flows() {
    check("flow-mod-extra.golden");
}
