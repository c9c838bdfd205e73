//! Inconsistent or malformed views (as a daemon may see mid-update) give flows or warnings,
//! never a panic, and never two flows with one identity.

mod physical_common;
use controller::physical::{
    physical_flows, FdbEntry, LocalView, McastGroup, PortBinding, PortKind,
};
use openflow::table::FlowKey;
use std::collections::HashSet;

fn assert_sane(v: &LocalView) -> usize {
    let flows = physical_flows(v);
    let keys: HashSet<FlowKey> = flows.iter().map(FlowKey::of).collect();
    assert_eq!(keys.len(), flows.len(), "duplicate identity for {v:#?}");
    flows.len()
}

#[test]
fn dangling_references_and_bad_values() {
    let mut v = physical_common::three_chassis_view("hv1");
    let base = assert_sane(&v);
    // Group members that do not exist or live on another datapath.
    v.mcast_groups.push(McastGroup {
        datapath: 1,
        name: "_MC_x".into(),
        key: 32769,
        ports: vec!["nope".into(), "b2".into(), "a1".into(), "a1".into()],
        ..Default::default()
    });
    // A group of a datapath that is not local.
    v.mcast_groups.push(McastGroup {
        datapath: 9,
        name: "_MC_flood".into(),
        key: 32768,
        ports: vec!["a1".into()],
        ..Default::default()
    });
    // Ports: on a non-local datapath, patch without peer, patch to itself, patch to a
    // missing port, bad port security, a localnet without patch port, a tunnel to
    // ourselves.
    let p = |name: &str, dp: u32, key: u32, kind: PortKind| PortBinding {
        name: name.into(),
        datapath: dp,
        key,
        kind,
        ..Default::default()
    };
    v.ports.push(p("far", 9, 1, PortKind::Vif));
    v.ports.push(p("patch-none", 1, 20, PortKind::Patch));
    v.ports.push(PortBinding {
        peer: Some("patch-self".into()),
        ..p("patch-self", 1, 21, PortKind::Patch)
    });
    v.ports.push(PortBinding {
        peer: Some("missing".into()),
        ..p("patch-missing", 1, 22, PortKind::Router)
    });
    v.ports.push(p(
        "ln",
        1,
        23,
        PortKind::Localnet {
            network_name: "phys".into(),
        },
    ));
    v.ports[0].port_security = vec![
        "".into(),
        "not-a-mac 10.0.0.1".into(),
        "0a:00:00:00:01:01 10.0.0.1/40".into(),
        "0a:00:00:00:01:01 300.1.1.1".into(),
        "0a:00:00:00:01:01 10.0.0.1/0 ::/0".into(),
    ];
    v.fdb = vec![
        FdbEntry {
            datapath: 1,
            port: 1,
            mac: "zz".into(),
            ..Default::default()
        },
        FdbEntry {
            datapath: 9,
            port: 1,
            mac: "0a:00:00:00:00:01".into(),
            ..Default::default()
        },
        FdbEntry {
            datapath: 1,
            port: 1,
            mac: "0a:00:00:00:00:01".into(),
            ..Default::default()
        },
        FdbEntry {
            datapath: 1,
            port: 1,
            mac: "0a:00:00:00:00:01".into(),
            ..Default::default()
        },
    ];
    let mut own = v.tunnels[0].clone();
    own.chassis = "hv1".into();
    v.tunnels.push(own);
    let n = assert_sane(&v);
    assert!(n > base);
}

#[test]
fn empty_and_degenerate_views() {
    assert_sane(&LocalView::default());
    let mut v = physical_common::three_chassis_view("hv1");
    v.datapaths.clear();
    // Only the fixed flows remain (tables 0, 37-41, 64, 65 defaults) plus tunnel input.
    let flows = physical_flows(&v);
    assert!(flows
        .iter()
        .all(|f| f.priority == 0 || f.priority == 10 || f.priority == 150 || f.table_id == 0));
    let mut v = physical_common::three_chassis_view("hv2");
    for p in &mut v.ports {
        p.key = u32::MAX;
        p.ct_zone = Some(u16::MAX);
    }
    physical_flows(&v);
}
