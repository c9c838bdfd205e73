//! `rovn-nbctl apply -f FILE [--dry-run]`: converge a declarative document in one
//! transaction. Checked with the real tools reading the result (ovn-nbctl show /
//! acl-list, ovsdb-client): converge from empty, re-apply is a no-op (empty diff and
//! the database file does not grow, so no transaction was sent), change + delete,
//! dry-run writes nothing, and bad documents fail clearly and write nothing.

mod nbctl_support;

use std::path::{Path, PathBuf};

use nbctl_support::*;

const DOC1: &str = r#"
address_sets:
  - name: web
    addresses: [10.0.0.1, 10.0.0.2]
switches:
  - name: sw0
    other_config: {subnet: 10.0.0.0/24}
  - name: sw1
ports:
  - name: p1
    switch: sw0
    addresses: ["00:00:00:00:00:01 10.0.0.1"]
    port_security: ["00:00:00:00:00:01 10.0.0.1"]
  - name: p2
    switch: sw0
    addresses: ["00:00:00:00:00:02 10.0.0.2"]
    options: {a: b}
  - name: q1
    switch: sw1
    type: localport
  - name: c1
    switch: sw0
    parent: p1
    tag: 5
port_groups:
  - name: pg1
    ports: [p1, p2]
acls:
  - switch: sw0
    direction: to-lport
    priority: 1000
    match: "ip4 && tcp.dst == 80"
    action: allow-related
  - port_group: pg1
    direction: from-lport
    priority: 100
    match: "inport == @pg1"
    action: drop
    log: true
    name: deny
    severity: alert
"#;

/// DOC1 with: sw1 (and q1) gone, p2's addresses changed, web's addresses changed,
/// the switch ACL's priority changed, pg1 down to p1.
const DOC2: &str = r#"
address_sets:
  - name: web
    addresses: [10.0.0.3]
switches:
  - name: sw0
    other_config: {subnet: 10.0.0.0/24}
ports:
  - name: p1
    switch: sw0
    addresses: ["00:00:00:00:00:01 10.0.0.1"]
    port_security: ["00:00:00:00:00:01 10.0.0.1"]
  - name: p2
    switch: sw0
    addresses: ["00:00:00:00:00:02 10.0.0.20"]
    options: {a: b}
port_groups:
  - name: pg1
    ports: [p1]
acls:
  - switch: sw0
    direction: to-lport
    priority: 1001
    match: "ip4 && tcp.dst == 80"
    action: allow-related
  - port_group: pg1
    direction: from-lport
    priority: 100
    match: "inport == @pg1"
    action: drop
    log: true
    name: deny
    severity: alert
"#;

struct Env {
    server: Server,
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            server: Server::start(Impl::Rovn, &[NB_SCHEMA]),
            dir: tempfile::Builder::new()
                .prefix("rovn-nbctl-apply-")
                .tempdir()
                .unwrap(),
        }
    }
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    fn apply(&self, path: &Path, dry_run: bool) -> Run {
        let p = path.to_str().unwrap();
        let mut args = vec!["apply", "-f", p];
        if dry_run {
            args.push("--dry-run");
        }
        nbctl(ROVN_NBCTL, &self.server.remote(), &args)
    }
    fn real(&self, args: &[&str]) -> String {
        let r = nbctl("ovn-nbctl", &self.server.remote(), args);
        assert_eq!(r.status, 0, "ovn-nbctl {args:?}: {}", r.stderr);
        normalise(&r.stdout)
    }
    fn db_size(&self) -> u64 {
        std::fs::metadata(self.server.dir.path().join("db0.db"))
            .unwrap()
            .len()
    }
}

#[test]
fn converge_reapply_change_delete_dry_run() {
    if !tools_present(&["ovn-nbctl", "ovsdb-tool", "ovsdb-client"]) {
        return;
    }
    let env = Env::new();
    let doc1 = env.file("doc1.yaml", DOC1);
    let r = env.apply(&doc1, false);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.contains("+ Logical_Switch sw0\n"), "{}", r.stdout);
    assert!(
        r.stdout.contains("+ Logical_Switch_Port q1\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("+ ACL to-lport  1000 (ip4 && tcp.dst == 80) allow-related\n"),
        "{}",
        r.stdout
    );
    assert_eq!(
        env.real(&["show"]),
        normalise(
            "switch <uuid> (sw0)\n    port c1\n        parent: p1\n    port p1\n        addresses: [\"00:00:00:00:00:01 10.0.0.1\"]\n    port p2\n        addresses: [\"00:00:00:00:00:02 10.0.0.2\"]\nswitch <uuid> (sw1)\n    port q1\n        type: localport\n"
        )
    );
    assert_eq!(
        env.real(&["acl-list", "sw0"]),
        "  to-lport  1000 (ip4 && tcp.dst == 80) allow-related\n"
    );
    assert_eq!(
        env.real(&["acl-list", "pg1"]),
        "from-lport   100 (inport == @pg1) drop log(name=deny,severity=alert)\n"
    );
    assert_eq!(
        env.real(&["get", "Address_Set", "web", "addresses"]),
        "[\"10.0.0.1\", \"10.0.0.2\"]\n"
    );
    assert_eq!(
        env.real(&["get", "Logical_Switch", "sw0", "other_config:subnet"]),
        "\"10.0.0.0/24\"\n"
    );
    assert_eq!(
        env.real(&["lsp-get-port-security", "p1"]),
        "00:00:00:00:00:01 10.0.0.1\n"
    );
    assert_eq!(env.real(&["lsp-get-options", "p2"]), "a=b\n");

    // The same document again: nothing to do, no transaction (the file does not grow).
    let size = env.db_size();
    let dump = nb_dump(&env.server.remote());
    let r = env.apply(&doc1, false);
    assert_eq!((r.status, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(env.db_size(), size);
    assert_eq!(nb_dump(&env.server.remote()), dump);

    // Dry run of a change: prints the diff, writes nothing.
    let doc2 = env.file("doc2.yml", DOC2);
    let dry = env.apply(&doc2, true);
    assert_eq!(dry.status, 0, "{}", dry.stderr);
    assert!(!dry.stdout.is_empty());
    assert_eq!(env.db_size(), size);
    assert_eq!(nb_dump(&env.server.remote()), dump);

    // Change + delete; the real diff is what the dry run promised.
    let r = env.apply(&doc2, false);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout, dry.stdout);
    for line in [
        "- Logical_Switch sw1\n",
        "- Logical_Switch_Port q1\n",
        "- ACL to-lport 1000 (ip4 && tcp.dst == 80) allow-related\n",
        "+ ACL to-lport  1001 (ip4 && tcp.dst == 80) allow-related\n",
        "~ Address_Set web: addresses [\"10.0.0.1\", \"10.0.0.2\"] -> [\"10.0.0.3\"]\n",
        "~ Logical_Switch_Port p2: addresses [\"00:00:00:00:00:02 10.0.0.2\"] -> [\"00:00:00:00:00:02 10.0.0.20\"]\n",
        "~ Port_Group pg1: ports 2 -> 1 references\n",
    ] {
        assert!(r.stdout.contains(line), "missing {line:?} in\n{}", r.stdout);
    }
    assert_eq!(env.real(&["ls-list"]).lines().count(), 1);
    assert_eq!(
        env.real(&["acl-list", "sw0"]),
        "  to-lport  1001 (ip4 && tcp.dst == 80) allow-related\n"
    );
    assert_eq!(
        env.real(&["lsp-get-addresses", "p2"]),
        "00:00:00:00:00:02 10.0.0.20\n"
    );
    assert_eq!(
        env.real(&["--bare", "--columns=ports", "list", "Port_Group"])
            .lines()
            .count(),
        1
    );
    // ACL rows of the deleted switch and the replaced ACL are gone.
    assert_eq!(
        env.real(&["--bare", "--columns=priority", "list", "ACL"]),
        normalise("100\n\n1001\n")
    );
    // And again: no-op.
    let size = env.db_size();
    let r = env.apply(&doc2, false);
    assert_eq!((r.status, r.stdout.as_str()), (0, ""));
    assert_eq!(env.db_size(), size);
}

#[test]
fn bad_documents_write_nothing() {
    if !tools_present(&["ovsdb-tool", "ovsdb-client"]) {
        return;
    }
    let env = Env::new();
    let ok = env.file("ok.yaml", "switches:\n  - name: sw0\n");
    assert_eq!(env.apply(&ok, false).status, 0);
    let size = env.db_size();
    let cases = [
        ("unknown-switch.yaml", "switches:\n  - name: sw0\nports:\n  - name: p1\n    switch: nosw\n", "port \"p1\": unknown switch \"nosw\""),
        ("bad.yaml", "switches: [name: sw0\n", "bad YAML document"),
        ("typo.yaml", "switchs:\n  - name: sw0\n", "unknown field `switchs`"),
        ("bad.json", "{\"switches\": [}", "bad JSON document"),
        ("tag.yaml", "switches:\n  - name: sw0\nports:\n  - name: c\n    switch: sw0\n    parent: p\n", "give both parent and tag"),
        ("dup.yaml", "switches:\n  - name: a\n  - name: a\n", "switch \"a\" is listed twice"),
        ("prio.yaml", "switches:\n  - name: sw0\nacls:\n  - switch: sw0\n    direction: to-lport\n    priority: 40000\n    match: ip\n    action: drop\n", "40000: priority must in range 0...32767"),
        ("pgport.yaml", "port_groups:\n  - name: pg\n    ports: [nope]\n", "port group \"pg\": unknown port \"nope\""),
        ("aclowner.yaml", "acls:\n  - switch: nosw\n    direction: to-lport\n    priority: 1\n    match: ip\n    action: drop\n", "unknown switch \"nosw\""),
    ];
    for (name, text, msg) in cases {
        let p = env.file(name, text);
        let r = env.apply(&p, false);
        assert_eq!(r.status, 1, "{name}: {r:?}");
        assert!(
            r.stderr.starts_with("rovn-nbctl: ") && r.stderr.contains(msg),
            "{name}: {}",
            r.stderr
        );
        assert_eq!(env.db_size(), size, "{name} wrote something");
    }
    let r = nbctl(
        ROVN_NBCTL,
        &env.server.remote(),
        &["apply", "-f", "/nonexistent/rovn-nbctl.yaml"],
    );
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains("/nonexistent/rovn-nbctl.yaml"),
        "{}",
        r.stderr
    );
}

/// The database `apply` builds from DOC1 is the one ovn-nbctl builds with the
/// equivalent commands (compared row by row, uuids replaced by labels).
#[test]
fn apply_builds_what_ovn_nbctl_commands_build() {
    if !tools_present(&["ovn-nbctl", "ovsdb-tool", "ovsdb-client"]) {
        return;
    }
    let env = Env::new();
    let doc1 = env.file("doc1.yaml", DOC1);
    let r = env.apply(&doc1, false);
    assert_eq!(r.status, 0, "{}", r.stderr);

    let real = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let steps: &[&[&str]] = &[
        &[
            "create",
            "Address_Set",
            "name=web",
            "addresses=\"10.0.0.1\",\"10.0.0.2\"",
        ],
        &[
            "ls-add",
            "sw0",
            "--",
            "set",
            "Logical_Switch",
            "sw0",
            "other_config:subnet=\"10.0.0.0/24\"",
        ],
        &["ls-add", "sw1"],
        &["lsp-add", "sw0", "p1"],
        &["lsp-set-addresses", "p1", "00:00:00:00:00:01 10.0.0.1"],
        &["lsp-set-port-security", "p1", "00:00:00:00:00:01 10.0.0.1"],
        &["lsp-add", "sw0", "p2"],
        &["lsp-set-addresses", "p2", "00:00:00:00:00:02 10.0.0.2"],
        &["lsp-set-options", "p2", "a=b"],
        &[
            "lsp-add",
            "sw1",
            "q1",
            "--",
            "lsp-set-type",
            "q1",
            "localport",
        ],
        &["lsp-add", "sw0", "c1", "p1", "5"],
        &["pg-add", "pg1", "p1", "p2"],
        &[
            "acl-add",
            "sw0",
            "to-lport",
            "1000",
            "ip4 && tcp.dst == 80",
            "allow-related",
        ],
        &[
            "--log",
            "--name=deny",
            "--severity=alert",
            "acl-add",
            "pg1",
            "from-lport",
            "100",
            "inport == @pg1",
            "drop",
        ],
    ];
    for s in steps {
        let r = nbctl("ovn-nbctl", &real.remote(), s);
        assert_eq!(r.status, 0, "ovn-nbctl {s:?}: {}", r.stderr);
    }
    assert_eq!(nb_dump(&env.server.remote()), nb_dump(&real.remote()));
}
