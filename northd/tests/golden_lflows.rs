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
