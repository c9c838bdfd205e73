//! Golden test: for every scenario in tests/data (NB built with the real ovn-nbctl, SB
//! written by the real ovn-northd 23.03, see gen-golden.sh), compile the same NB and
//! compare the logical flows of every switch, stage by stage, as `lflow-list` text.

mod common;

use common::*;

fn check(scenario: &str) -> Vec<String> {
    let nb = load_nb(scenario);
    let text = std::fs::read_to_string(data_dir().join(scenario).join("lflows.txt")).unwrap();
    compare_lflows(scenario, &nb, &text)
}

#[test]
fn lflows_match_ovn_northd_23_03() {
    let mut problems = Vec::new();
    let scenarios = scenarios();
    assert!(scenarios.len() >= 10, "{scenarios:?}");
    for sc in &scenarios {
        problems.extend(check(sc));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The whole `lflow-list` text, in ovn-sbctl's order, equals the real one (datapath
/// uuids aside: ours are the NB switch uuids).
#[test]
fn lflow_list_text_is_identical() {
    for sc in scenarios() {
        let nb = load_nb(&sc);
        let flows = northd::lflow::all_flows(&nb);
        let text = northd::lflow::lflow_list_text(&flows, |u| (nb.switches[&u].name.clone(), u));
        let want = std::fs::read_to_string(data_dir().join(&sc).join("lflows.txt")).unwrap();
        let (got, want) = (without_uuids(&text), without_uuids(&want));
        if let Some((g, w)) = got.lines().zip(want.lines()).find(|(g, w)| g != w) {
            panic!("{sc}: first difference:\n  ours: {g}\n  real: {w}");
        }
        assert_eq!(got.lines().count(), want.lines().count(), "{sc}");
    }
}

/// What an incremental engine relies on: the flows of a switch are exactly the union
/// of its fixed flows, each port's flows and each ACL's flows, every flow tagged with
/// the object that produced it; and replacing one object's flows by a recomputation
/// of that object alone gives the full recomputation.
#[test]
fn flows_decompose_by_origin() {
    use northd::lflow::{
        acl_flows, diff, port_flows, switch_default_flows, switch_flows, switch_flows_by_origin,
        Origin, SwitchContext,
    };
    for sc in scenarios() {
        let nb = load_nb(&sc);
        for ls in nb.switches.values() {
            let full = switch_flows(&nb, ls);
            let by_origin = switch_flows_by_origin(&nb, ls);
            let cx = SwitchContext::new(&nb, ls);
            let mut parts = switch_default_flows(&cx);
            for p in &cx.ports {
                let pf = port_flows(&cx, p);
                assert!(pf.iter().all(|f| f.origin == Origin::Port(p.uuid)));
                parts.extend(pf);
            }
            for a in &cx.acls {
                let af = acl_flows(&cx, a);
                assert!(af.iter().all(|f| f.origin == Origin::Acl(a.uuid)));
                parts.extend(af);
            }
            assert_eq!(diff(&full, &parts), Default::default(), "{sc}/{}", ls.name);
            assert_eq!(
                diff(&by_origin, &full),
                Default::default(),
                "{sc}/{}",
                ls.name
            );
        }
    }
}

/// Deleting an ACL from the NB removes exactly the flows it produced (and, when it was
/// the switch's last stateful ACL, the switch's conntrack flows).
#[test]
fn deleting_an_acl_removes_its_flows() {
    use northd::lflow::{diff, switch_flows, Origin};
    let mut nb = load_nb("acl-stateless-actions");
    let ls = nb.switch_by_name("ls1").unwrap().clone();
    let before = switch_flows(&nb, &ls);
    let victim = ls.acls[0];
    let mut ls2 = ls.clone();
    ls2.acls.retain(|a| *a != victim);
    nb.switches.insert(ls2.uuid, ls2.clone());
    let after = switch_flows(&nb, &ls2);
    let d = diff(&before, &after);
    assert!(d.added.is_empty());
    assert!(!d.removed.is_empty());
    assert!(d.removed.iter().all(|f| f.origin == Origin::Acl(victim)));
}
