//! Concurrent rovn-nbctl invocations on the same rows: `lsp-add`s to one switch (its
//! `ports` mutated) and `set`s of one map column of one row (verified, retried on "try
//! again"). A lost update or a failed invocation fails the test.

mod nbctl_support;

use std::process::{Command, Stdio};

use nbctl_support::*;

fn concurrent(kind: Impl) {
    let server = Server::start(kind, &[NB_SCHEMA]);
    let r = nbctl(ROVN_NBCTL, &server.remote(), &["ls-add", "sw0"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    const N: usize = 12;
    let children: Vec<_> = (0..N)
        .map(|i| {
            Command::new(ROVN_NBCTL)
                .arg(format!("--db={}", server.remote()))
                .args(["lsp-add", "sw0", &format!("p{i}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn rovn-nbctl")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = nbctl(ROVN_NBCTL, &server.remote(), &["lsp-list", "sw0"]);
    assert_eq!(list.stdout.lines().count(), N, "{}", list.stdout);

    // Each adds one key to the same map: `set` writes the whole map, so only verify
    // and retry keep every key.
    let children: Vec<_> = (0..N)
        .map(|i| {
            Command::new(ROVN_NBCTL)
                .arg(format!("--db={}", server.remote()))
                .args([
                    "set",
                    "Logical_Switch",
                    "sw0",
                    &format!("external_ids:k{i}=v"),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn rovn-nbctl")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let ids = nbctl(
        ROVN_NBCTL,
        &server.remote(),
        &["get", "Logical_Switch", "sw0", "external_ids"],
    );
    assert_eq!(ids.stdout.matches("=v").count(), N, "{}", ids.stdout);
}

#[test]
fn concurrent_lsp_add_loses_nothing_on_rovn_server() {
    if !tools_present(&["ovsdb-tool"]) {
        return;
    }
    concurrent(Impl::Rovn);
}

#[test]
fn concurrent_lsp_add_loses_nothing_on_real_server() {
    if !tools_present(&["ovsdb-tool", "ovsdb-server"]) {
        return;
    }
    concurrent(Impl::Real);
}
