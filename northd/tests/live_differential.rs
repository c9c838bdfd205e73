//! Live differential test: when the real OVN 23.03 and Open vSwitch binaries are
//! installed, regenerate every golden scenario with them (tests/gen-golden.sh, in a
//! temporary directory, with its own ovsdb-servers and ovn-northd that it stops by pid)
//! and check that (1) the checked-in golden data is still what the real ovn-northd
//! writes, and (2) our compiler agrees with the fresh output too.
//!
//! Skipped when the binaries are missing. `ROVN_REFRESH_GOLDEN=1` copies the fresh
//! output over tests/data instead of failing on (1).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use northd::nb::snapshot_from_db;

fn have(bin: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {bin}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn regenerate_with_real_ovn_northd_and_compare() {
    let bins = [
        "ovsdb-server",
        "ovsdb-tool",
        "ovn-northd",
        "ovn-nbctl",
        "ovn-sbctl",
    ];
    if let Some(b) = bins.iter().find(|b| !have(b)) {
        if std::env::var_os("CI").is_some() {
            panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
        }
        eprintln!("skipping live differential test: {b} not installed");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gen-golden.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "gen-golden.sh failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let refresh = std::env::var_os("ROVN_REFRESH_GOLDEN").is_some();
    let mut problems = Vec::new();
    let mut fresh: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    fresh.sort();
    assert_eq!(fresh, scenarios(), "scenario list differs from tests/data");
    for sc in &fresh {
        let dir = tmp.path().join(sc);
        let text = std::fs::read_to_string(dir.join("lflows.txt")).unwrap();
        let golden_path = data_dir().join(sc).join("lflows.txt");
        let golden = std::fs::read_to_string(&golden_path).unwrap_or_default();
        if without_uuids(&text) != without_uuids(&golden) {
            if refresh {
                for f in std::fs::read_dir(&dir).unwrap() {
                    let f = f.unwrap();
                    std::fs::copy(f.path(), data_dir().join(sc).join(f.file_name())).unwrap();
                }
            } else {
                problems.push(format!(
                    "{sc}: golden lflows.txt is stale (rerun with ROVN_REFRESH_GOLDEN=1)"
                ));
            }
        }
        let nb = snapshot_from_db(&load_db(&dir.join("nb.db"))).unwrap();
        problems.extend(compare_lflows(sc, &nb, &text));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
