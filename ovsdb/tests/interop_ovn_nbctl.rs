//! A long `ovn-nbctl` session run against the real `ovsdb-server` and against
//! `rovn-ovsdb-server`, on the real OVN_Northbound schema: every command must print the
//! same thing (UUIDs masked, row order ignored) and exit with the same status.

mod harness;

use harness::{assert_substantive, normalise, run, Impl, Server, NB_SCHEMA};

/// The session: one `ovn-nbctl` invocation per line, arguments split on `|`.
const SESSION: &[&str] = &[
    "ls-add|sw0",
    "ls-add|sw1",
    "ls-add|sw0",
    "--may-exist|ls-add|sw0",
    "ls-list",
    "lsp-add|sw0|p1",
    "lsp-add|sw0|p2",
    "lsp-add|sw1|p3",
    "lsp-add|sw0|p1",
    "lsp-set-addresses|p1|00:00:00:00:00:01 10.0.0.1",
    "lsp-set-addresses|p2|00:00:00:00:00:02 10.0.0.2|unknown",
    "lsp-set-addresses|p3|dynamic",
    "lsp-set-port-security|p1|00:00:00:00:00:01 10.0.0.1",
    "lsp-get-addresses|p2",
    "lsp-get-port-security|p1",
    "lsp-set-type|p3|localport",
    "lsp-get-type|p3",
    "lsp-set-enabled|p2|disabled",
    "lsp-get-enabled|p2",
    "lsp-list|sw0",
    "acl-add|sw0|from-lport|1000|ip4 && tcp.dst == 22|drop",
    "acl-add|sw0|to-lport|1001|ip4.src == 10.0.0.0/24|allow",
    "acl-add|sw0|from-lport|900|ip6|allow-related",
    "acl-add|sw0|to-lport|800|udp|allow-stateless",
    "acl-add|sw0|from-lport|700|icmp4|reject",
    "acl-add|sw1|to-lport|600|arp|pass",
    "--log|--severity=alert|--name=web|acl-add|sw1|from-lport|500|tcp|drop",
    "acl-add|sw0|sideways|1|ip|drop",
    "acl-list|sw0",
    "acl-list|sw1",
    "pg-add|pg1|p1|p2",
    "pg-add|pg2",
    "pg-set-ports|pg2|p3|p1",
    "acl-add|pg1|to-lport|1002|outport == @pg1 && ip4|allow-related",
    "acl-list|pg1",
    "lr-add|lr0",
    "lrp-add|lr0|lrp0|00:00:00:00:ff:01|10.0.0.254/24",
    "lrp-add|lr0|lrp1|00:00:00:00:ff:02|10.1.0.254/24|fd00::1/64",
    "lrp-list|lr0",
    "lr-list",
    "show",
    "show|sw0",
    "list|Logical_Switch",
    "list|Logical_Switch_Port",
    "list|ACL",
    "list|Port_Group",
    "list|Logical_Router_Port",
    "find|Logical_Switch_Port|name=p1",
    "find|ACL|priority>900",
    "get|Logical_Switch_Port|p1|addresses",
    "get|Logical_Switch|sw0|name",
    "set|Logical_Switch|sw0|other_config:subnet=10.0.0.0/24|external_ids:owner=test",
    "get|Logical_Switch|sw0|other_config",
    "add|Logical_Switch|sw0|external_ids|a=b",
    "remove|Logical_Switch|sw0|external_ids|owner",
    "get|Logical_Switch|sw0|external_ids",
    "set|Logical_Switch_Port|p1|tag_request=7",
    "set|Logical_Switch_Port|p1|tag_request=70000",
    "set|Logical_Switch|sw0|nosuch=1",
    "clear|Logical_Switch_Port|p1|port_security",
    "create|Address_Set|name=as1|addresses=\"10.0.0.1\",\"10.0.0.2\"",
    "list|Address_Set",
    "acl-del|sw0|from-lport|1000|ip4 && tcp.dst == 22",
    "acl-del|sw1",
    "acl-list|sw0",
    "lsp-del|p2",
    "lsp-list|sw0",
    "destroy|Address_Set|as1",
    "pg-del|pg2",
    "lrp-del|lrp1",
    "ls-del|sw1",
    "lr-del|lr0",
    "ls-list",
    "lr-list",
    "show",
    "list|Logical_Switch_Port",
    "ls-del|nosuch",
];

fn session_outputs(server: &Server) -> Vec<(String, i32, Vec<String>, Vec<String>)> {
    SESSION
        .iter()
        .map(|line| {
            let mut args = vec![format!("--db={}", server.remote()), "--timeout=20".into()];
            args.extend(line.split('|').map(str::to_owned));
            let out = run("ovn-nbctl", &args);
            (
                (*line).to_owned(),
                out.status,
                normalise(&out.stdout),
                normalise(&out.stderr.replace(&server.remote(), "REMOTE")),
            )
        })
        .collect()
}

#[test]
fn ovn_nbctl_session_matches_real_ovsdb_server() {
    let real = Server::start(Impl::Real, &[NB_SCHEMA]);
    let ours = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let expected = session_outputs(&real);
    let got = session_outputs(&ours);
    assert_substantive("ovn-nbctl", &expected, 25, 5);
    let mut mismatches = Vec::new();
    for (e, g) in expected.iter().zip(&got) {
        if e != g {
            mismatches.push(format!(
                "command `{}`:\n  real: {:?}\n  rovn: {:?}",
                e.0, e, g
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} commands differ:\n{}\nrovn log:\n{}",
        mismatches.len(),
        SESSION.len(),
        mismatches.join("\n"),
        ours.log()
    );
}
