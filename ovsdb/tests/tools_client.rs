//! `rovn-ovsdb-client` against the real `ovsdb-client`: both run the same commands
//! against the same server (the real `ovsdb-server`, then `rovn-ovsdb-server`) and must
//! print the same thing, UUIDs masked and line order ignored.

mod harness;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use harness::{normalise, run, Impl, Server, NB_SCHEMA};

const ROVN: &str = env!("CARGO_BIN_EXE_rovn-ovsdb-client");

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// Runs `args` with both clients; asserts equal status, stdout and (program name
/// aside) stderr.
fn same(args: &[String]) -> String {
    let real = run("ovsdb-client", args);
    let ours = run(ROVN, args);
    assert_eq!(
        real.status, ours.status,
        "exit status of {args:?}: {real:?} vs {ours:?}"
    );
    assert_eq!(
        normalise(&real.stdout),
        normalise(&ours.stdout),
        "stdout of {args:?}:\n--- ovsdb-client\n{}\n--- rovn-ovsdb-client\n{}",
        real.stdout,
        ours.stdout
    );
    assert_eq!(
        normalise(&real.stderr.replace("ovsdb-client:", "CLIENT:")),
        normalise(&ours.stderr.replace("rovn-ovsdb-client:", "CLIENT:")),
        "stderr of {args:?}"
    );
    real.stdout
}

fn populate(remote: &str) {
    let txn = r#"["OVN_Northbound",
        {"op":"insert","table":"NB_Global","row":{"name":"global"}},
        {"op":"insert","table":"Logical_Switch","row":{"name":"sw0","external_ids":["map",[["a","b"],["x y","1"]]]}},
        {"op":"insert","table":"Address_Set","row":{"name":"as1","addresses":["set",["10.0.0.1","","true","a-b.c"]]}},
        {"op":"insert","table":"ACL","row":{"priority":100,"direction":"to-lport","match":"ip4","action":"drop","severity":"info"}}]"#;
    let out = run("ovsdb-client", &s(&["transact", remote, txn]));
    assert_eq!(out.status, 0, "{out:?}");
    assert!(!out.stdout.contains("error"), "{}", out.stdout);
}

fn commands(remote: &str) {
    let r = remote;
    let txn_ok = r#"["OVN_Northbound",{"op":"select","table":"Logical_Switch","where":[],"columns":["name","external_ids"]}]"#;
    let txn_err = r#"["OVN_Northbound",{"op":"insert","table":"Logical_Switch","row":{"name":5}}]"#;
    let query = r#"["OVN_Northbound",{"op":"insert","table":"DNS","row":{}}]"#;
    let mut printed = 0;
    for args in [
        s(&["list-dbs", r]),
        s(&["get-schema", r]),
        s(&["get-schema", r, "_Server"]),
        s(&["get-schema-version", r, "OVN_Northbound"]),
        s(&["list-tables", r]),
        s(&["--format=csv", "list-tables", r, "OVN_Northbound"]),
        s(&["list-columns", r, "OVN_Northbound", "NB_Global"]),
        s(&["list-columns", r]),
        s(&["--format=csv", "list-columns", r, "OVN_Northbound", "ACL"]),
        s(&["dump", r]),
        s(&["dump", r, "OVN_Northbound"]),
        s(&["--format=csv", "dump", r]),
        s(&[
            "--format=json",
            "dump",
            r,
            "OVN_Northbound",
            "Logical_Switch",
        ]),
        s(&[
            "--format=json",
            "dump",
            r,
            "OVN_Northbound",
            "Address_Set",
            "name",
            "addresses",
        ]),
        s(&[
            "dump",
            r,
            "OVN_Northbound",
            "Logical_Switch",
            "name",
            "external_ids",
        ]),
        s(&[
            "--no-headings",
            "dump",
            r,
            "OVN_Northbound",
            "NB_Global",
            "name",
        ]),
        s(&[
            "dump",
            r,
            "OVN_Northbound",
            "Logical_Switch",
            "nosuchcolumn",
        ]),
        s(&["transact", r, txn_ok]),
        s(&["transact", r, txn_err]),
        s(&["query", r, query]),
        s(&["dump", r, "OVN_Northbound", "DNS"]),
        s(&["list-tables", r, "OVN_Northbound", "extra"]),
        s(&["list-dbs", "unix:/nonexistent/db.sock"]),
    ] {
        if !same(&args).is_empty() {
            printed += 1;
        }
    }
    assert!(printed >= 18, "too few commands printed anything");
}

/// Starts a monitor with each client, makes changes, and compares what they printed.
fn monitors(remote: &str) {
    let sessions = [
        s(&[
            "monitor",
            remote,
            "OVN_Northbound",
            "Logical_Switch",
            "name,external_ids",
        ]),
        s(&[
            "--format=json",
            "monitor",
            remote,
            "OVN_Northbound",
            "Logical_Switch",
        ]),
        s(&[
            "--format=csv",
            "monitor",
            remote,
            "Logical_Switch",
            "name,!initial",
        ]),
    ];
    let spawn = |bin: &str, args: &[String]| -> Child {
        Command::new(bin)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn monitor")
    };
    let mut children = Vec::new();
    for args in &sessions {
        children.push((args.clone(), spawn("ovsdb-client", args), spawn(ROVN, args)));
    }
    std::thread::sleep(Duration::from_millis(700));
    for txn in [
        r#"["OVN_Northbound",{"op":"insert","table":"Logical_Switch","row":{"name":"sw1"}}]"#,
        r#"["OVN_Northbound",{"op":"update","table":"Logical_Switch","where":[["name","==","sw1"]],"row":{"name":"sw2","external_ids":["map",[["k","v"]]]}}]"#,
        r#"["OVN_Northbound",{"op":"delete","table":"Logical_Switch","where":[["name","==","sw2"]]}]"#,
    ] {
        let out = run("ovsdb-client", &s(&["transact", remote, txn]));
        assert!(!out.stdout.contains("error"), "{}", out.stdout);
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(500));
    for (args, mut real, mut ours) in children {
        let _ = real.kill();
        let _ = ours.kill();
        let real = real.wait_with_output().expect("real monitor output");
        let ours = ours.wait_with_output().expect("our monitor output");
        let real = String::from_utf8_lossy(&real.stdout).into_owned();
        let ours = String::from_utf8_lossy(&ours.stdout).into_owned();
        assert!(real.contains("sw2"), "real monitor saw nothing: {real}");
        assert_eq!(
            normalise(&real),
            normalise(&ours),
            "monitor {args:?}:\n--- ovsdb-client\n{real}\n--- rovn-ovsdb-client\n{ours}"
        );
    }
}

#[test]
fn client_matches_ovsdb_client_on_real_server() {
    let server = Server::start(Impl::Real, &[NB_SCHEMA]);
    let remote = server.remote();
    populate(&remote);
    commands(&remote);
    monitors(&remote);
}

#[test]
fn client_matches_ovsdb_client_on_rovn_server() {
    let server = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let remote = server.remote();
    populate(&remote);
    commands(&remote);
    monitors(&remote);
}

#[test]
fn timeout_ends_a_monitor_as_ovsdb_client_does() {
    let server = Server::start(Impl::Real, &[NB_SCHEMA]);
    let args = s(&[
        "--timeout=1",
        "monitor",
        &server.remote(),
        "Logical_Switch",
        "name",
    ]);
    let started = std::time::Instant::now();
    let real = run("ovsdb-client", &args);
    let ours = run(ROVN, &args);
    // ovsdb-client dies of SIGALRM; we exit with a failure status and a message.
    assert_ne!(real.status, 0);
    assert_ne!(ours.status, 0, "{ours:?}");
    assert!(ours.stderr.contains("timeout"), "{ours:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
}
