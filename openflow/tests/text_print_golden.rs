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

/// When ovs-ofctl is installed, re-run it on our encoding of every golden flow and
/// compare with the stored text (keeps the stored oracle honest).
#[test]
fn live_ofp_print_of_our_bytes() {
    if !ovs_ofctl_available() {
        if std::env::var_os("CI").is_some() {
            panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
        }
        eprintln!("ovs-ofctl not installed; skipping");
        return;
    }
    for name in ["flow-mod-ovn.golden", "flow-mod-extra.golden"] {
        for rec in goldens(name).iter().step_by(3) {
            let flow = openflow::text::parse_flow(&rec.input).unwrap();
            let (h, _) = Message::parse(&hex_decode(&rec.hex)).unwrap();
            let bytes =
                Message::FlowMod(flow.to_flow_mod(openflow::wire::msg::FlowModCommand::Add))
                    .to_bytes(openflow::wire::Version::Of15, h.xid);
            let o = std::process::Command::new("ovs-ofctl")
                .args(["ofp-print", &hex_encode(&bytes)])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&o.stdout);
            let first = text.lines().next().unwrap_or("");
            assert!(first.ends_with(&rec.printed), "{first}\n{}", rec.printed);
        }
    }
}
