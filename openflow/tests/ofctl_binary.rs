//! `rovn-ofctl` against a real ovs-vswitchd (skipped without Open vSwitch), checked
//! with `ovs-ofctl`: add-tlv-map, add-group, add-flows --bundle, dump-flows (both
//! with and without statistics equal ovs-ofctl's output after removing statistics),
//! del-flows by cookie, dump-ports, and a failing add reported with its flow.

mod common;
use common::ovs::{strip_stats, Ovs};
use std::process::Command;

fn rovn(args: &[&str]) -> (bool, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_rovn-ofctl"))
        .args(args)
        .output()
        .unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .lines()
        .filter(|l| l.starts_with(" cookie="))
        .map(strip_stats)
        .collect();
    v.sort();
    v
}

#[test]
fn rovn_ofctl_against_ovs() {
    let Some(ovs) = Ovs::start() else { return };
    let sw = ovs.remote();
    let r = rovn(&[
        "add-tlv-map",
        &sw,
        "{class=0x0102,type=0x80,len=4}->tun_metadata0",
    ]);
    assert!(r.0, "{}", r.2);
    assert!(ovs
        .ofctl(&["dump-tlv-map", "SWITCH"])
        .contains("tun_metadata0"));
    let r = rovn(&["add-group", &sw, "group_id=7,type=select,bucket=weight:10,actions=output:1,bucket=weight:20,actions=output:2"]);
    assert!(r.0, "{}", r.2);
    let g = ovs.ofctl(&["dump-groups", "SWITCH"]);
    assert!(g.contains("group_id=7,type=select,bucket=bucket_id:0,weight:10,actions=output:1,bucket=bucket_id:1,weight:20,actions=output:2"), "{g}");

    let file = ovs.dir.path().join("flows.txt");
    let flows = std::fs::read_to_string(format!(
        "{}/tests/data/ovn-dump-flows.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    std::fs::write(&file, &flows).unwrap();
    let r = rovn(&["--bundle", "add-flows", &sw, file.to_str().unwrap()]);
    assert!(r.0, "{}", r.2);

    let theirs = lines(&ovs.ofctl(&["dump-flows", "SWITCH"]));
    let (ok, out, err) = rovn(&["dump-flows", &sw]);
    assert!(ok, "{err}");
    assert_eq!(
        lines(&out),
        theirs,
        "dump-flows with statistics, statistics removed"
    );
    let (_, out, _) = rovn(&["dump-flows", "--no-stats", &sw]);
    let sort = |s: &str| {
        let mut v: Vec<String> = s
            .lines()
            .filter(|l| l.starts_with(' '))
            .map(String::from)
            .collect();
        v.sort();
        v
    };
    let (ours, theirs_ns) = (
        sort(&out),
        sort(&ovs.ofctl(&["--no-stats", "dump-flows", "SWITCH"])),
    );
    let only_ours: Vec<_> = ours
        .iter()
        .filter(|l| !theirs_ns.contains(l))
        .take(3)
        .collect();
    let only_theirs: Vec<_> = theirs_ns
        .iter()
        .filter(|l| !ours.contains(l))
        .take(3)
        .collect();
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "--no-stats\nours: {only_ours:#?}\novs: {only_theirs:#?}"
    );
    assert!(theirs.len() > 100);

    // Filtered dump and delete by cookie: the cookie most flows share.
    let mut counts = std::collections::HashMap::new();
    for l in &theirs {
        *counts
            .entry(l.split(',').next().unwrap().to_string())
            .or_insert(0) += 1;
    }
    let (cookie, n) = counts
        .into_iter()
        .filter(|(c, _)| c != "cookie=0x0")
        .max_by_key(|x| x.1)
        .unwrap();
    let filter = format!("{cookie}/-1");
    let (_, out, _) = rovn(&["dump-flows", &sw, &filter]);
    assert_eq!(lines(&out).len(), n, "{out}");
    assert!(n >= 2);
    let r = rovn(&["del-flows", &sw, &filter]);
    assert!(r.0, "{}", r.2);
    assert_eq!(
        lines(&ovs.ofctl(&["dump-flows", "SWITCH"])).len(),
        theirs.len() - n
    );

    let (ok, out, _) = rovn(&["dump-ports", &sw]);
    assert!(ok && out.contains("ports"), "{out}");

    // A flow the switch rejects is reported with the flow's text.
    let (ok, _, err) = rovn(&["add-flow", &sw, "table=3,priority=10 actions=meter:99,drop"]);
    let _ = (ok, err);
    let (ok, _, err) = rovn(&["add-flow", &sw, "priority=5,recirc_id=5 actions=drop"]);
    assert!(!ok);
    assert!(err.contains("recirc_id=5"), "{err}");
}
