//! Golden test: for every scenario in tests/data (NB built with the real ovn-nbctl, SB
//! written by the real ovn-northd 23.03, see gen-golden.sh), compile the same NB and
//! compare the logical flows of every switch, stage by stage, as `lflow-list` text.

mod common;

use common::*;
use northd::lflow::switch_flows;

fn check(scenario: &str) -> Vec<String> {
    let nb = load_nb(scenario);
    let text = std::fs::read_to_string(data_dir().join(scenario).join("lflows.txt")).unwrap();
    let want = parse_lflow_list(&text);
    let mut problems = Vec::new();
    for (dp, want_lines) in &want {
        let Some(ls) = nb.switch_by_name(dp) else {
            problems.push(format!("{scenario}: no switch {dp}"));
            continue;
        };
        let got: Vec<String> = switch_flows(&nb, ls)
            .iter()
            .map(|f| f.lflow_list_line())
            .collect();
        let (w, g) = (by_stage(want_lines), by_stage(&got));
        let stages: std::collections::BTreeSet<&String> = w.keys().chain(g.keys()).collect();
        for st in stages {
            let empty = Vec::new();
            let (ws, gs) = (w.get(st).unwrap_or(&empty), g.get(st).unwrap_or(&empty));
            if ws != gs {
                let mut msg = format!("{scenario} / {dp} / {st}:\n");
                for l in ws.iter().filter(|l| !gs.contains(l)) {
                    msg += &format!("  missing {l}\n");
                }
                for l in gs.iter().filter(|l| !ws.contains(l)) {
                    msg += &format!("  extra   {l}\n");
                }
                problems.push(msg);
            }
        }
    }
    for ls in nb.switches.values() {
        if !want.contains_key(&ls.name) {
            problems.push(format!("{scenario}: switch {} not in SB", ls.name));
        }
    }
    problems
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
