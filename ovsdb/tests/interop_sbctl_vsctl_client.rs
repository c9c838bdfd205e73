//! `ovn-sbctl`, `ovs-vsctl` and `ovsdb-client` sessions run against the real
//! `ovsdb-server` and against `rovn-ovsdb-server` on the real schemas: every command must
//! print the same thing (UUIDs masked, row order ignored) and exit with the same status.

mod harness;

use harness::{
    assert_substantive, normalise, run, Impl, Server, NB_SCHEMA, SB_SCHEMA, VSWITCH_SCHEMA,
};

type Outputs = Vec<(String, i32, Vec<String>, Vec<String>)>;

fn session(server: &Server, tool: &str, prefix: &[String], lines: &[&str]) -> Outputs {
    lines
        .iter()
        .map(|line| {
            let mut args = prefix.to_vec();
            args.extend(
                line.split('|')
                    .map(|a| a.replace("REMOTE", &server.remote())),
            );
            let out = run(tool, &args);
            (
                (*line).to_owned(),
                out.status,
                normalise(&out.stdout),
                normalise(&out.stderr.replace(&server.remote(), "REMOTE")),
            )
        })
        .collect()
}

fn compare(what: &str, expected: &Outputs, got: &Outputs, ours: &Server) {
    let mismatches: Vec<String> = expected
        .iter()
        .zip(got)
        .filter(|(e, g)| e != g)
        .map(|(e, g)| format!("`{}`:\n  real: {:?}\n  rovn: {:?}", e.0, e, g))
        .collect();
    assert!(
        mismatches.is_empty(),
        "{what}: {} commands differ:\n{}\nrovn log:\n{}",
        mismatches.len(),
        mismatches.join("\n"),
        ours.log()
    );
}

const SBCTL: &[&str] = &[
    "chassis-add|ch1|geneve|192.168.0.1",
    "chassis-add|ch2|geneve|192.168.0.2",
    "chassis-add|ch1|geneve|192.168.0.1",
    "--may-exist|chassis-add|ch1|geneve|192.168.0.1",
    "show",
    "list|Chassis",
    "list|Encap",
    "create|Datapath_Binding|tunnel_key=1|external_ids:name=sw0",
    "list|Datapath_Binding",
    "find|Encap|ip=192.168.0.2",
    "set|Chassis|ch1|external_ids:foo=bar",
    "get|Chassis|ch1|external_ids",
    "lflow-list",
    "chassis-del|ch2",
    "show",
    "list|Encap",
];

#[test]
fn ovn_sbctl_session_matches_real_ovsdb_server() {
    let real = Server::start(Impl::Real, &[SB_SCHEMA]);
    let ours = Server::start(Impl::Rovn, &[SB_SCHEMA]);
    let pre = |s: &Server| vec![format!("--db={}", s.remote()), "--timeout=20".to_owned()];
    let expected = session(&real, "ovn-sbctl", &pre(&real), SBCTL);
    let got = session(&ours, "ovn-sbctl", &pre(&ours), SBCTL);
    assert_substantive("ovn-sbctl", &expected, 6, 1);
    compare("ovn-sbctl", &expected, &got, &ours);
}

const VSCTL: &[&str] = &[
    "init",
    "add-br|br0",
    "add-br|br0",
    "add-port|br0|p1",
    "add-port|br0|p2|--|set|Interface|p2|type=internal|external_ids:iface-id=lsp2",
    "add-bond|br0|bond0|p3|p4",
    "set|Open_vSwitch|.|external_ids:system-id=ch1|external_ids:ovn-encap-ip=10.0.0.1",
    "get|Open_vSwitch|.|external_ids",
    "list-br",
    "list-ports|br0",
    "list-ifaces|br0",
    "show",
    "find|Interface|external_ids:iface-id=lsp2",
    "set|Bridge|br0|datapath_type=netdev|fail_mode=secure",
    "get|Bridge|br0|datapath_type|fail_mode",
    "set|Bridge|br0|fail_mode=bogus",
    "del-port|br0|p1",
    "--if-exists|del-port|br0|p1",
    "del-port|br0|p1",
    "add-br|br1|--|set|Bridge|br1|other-config:hwaddr=00:11:22:33:44:55",
    "list|Bridge",
    "del-br|br1",
    "list-br",
    "list|Port",
];

#[test]
fn ovs_vsctl_session_matches_real_ovsdb_server() {
    let real = Server::start(Impl::Real, &[VSWITCH_SCHEMA]);
    let ours = Server::start(Impl::Rovn, &[VSWITCH_SCHEMA]);
    let pre = |s: &Server| {
        vec![
            format!("--db={}", s.remote()),
            "--no-wait".to_owned(),
            "--timeout=20".to_owned(),
        ]
    };
    let expected = session(&real, "ovs-vsctl", &pre(&real), VSCTL);
    let got = session(&ours, "ovs-vsctl", &pre(&ours), VSCTL);
    assert_substantive("ovs-vsctl", &expected, 8, 2);
    compare("ovs-vsctl", &expected, &got, &ours);
}

const CLIENT: &[&str] = &[
    "list-dbs|REMOTE",
    "get-schema-version|REMOTE|OVN_Northbound",
    "list-tables|REMOTE|OVN_Northbound",
    "list-columns|REMOTE|OVN_Northbound|ACL",
    "transact|REMOTE|[\"OVN_Northbound\",{\"op\":\"insert\",\"table\":\"Logical_Switch\",\"row\":{\"name\":\"a\"},\"uuid-name\":\"x\"},{\"op\":\"insert\",\"table\":\"Logical_Switch_Port\",\"row\":{\"name\":\"pa\",\"addresses\":[\"set\",[\"00:00:00:00:00:0a\"]]},\"uuid-name\":\"p\"},{\"op\":\"mutate\",\"table\":\"Logical_Switch\",\"where\":[[\"_uuid\",\"==\",[\"named-uuid\",\"x\"]]],\"mutations\":[[\"ports\",\"insert\",[\"named-uuid\",\"p\"]]]}]",
    "transact|REMOTE|[\"OVN_Northbound\",{\"op\":\"insert\",\"table\":\"Logical_Switch_Port\",\"row\":{\"name\":\"orphan\"}}]",
    "transact|REMOTE|[\"OVN_Northbound\",{\"op\":\"select\",\"table\":\"Logical_Switch\",\"where\":[[\"name\",\"==\",\"a\"]],\"columns\":[\"name\",\"ports\"]}]",
    "transact|REMOTE|[\"OVN_Northbound\",{\"op\":\"update\",\"table\":\"Logical_Switch\",\"where\":[],\"row\":{\"nosuch\":1}}]",
    "transact|REMOTE|[\"OVN_Northbound\",{\"op\":\"insert\",\"table\":\"ACL\",\"row\":{\"action\":\"bogus\",\"direction\":\"to-lport\",\"match\":\"1\",\"priority\":1}}]",
    "transact|REMOTE|[\"OVN_Northbound\",{\"op\":\"insert\",\"table\":\"Logical_Switch\",\"row\":{\"ports\":[\"uuid\",\"00000000-0000-0000-0000-000000000001\"]}}]",
    "transact|REMOTE|[\"OVN_Northbound\",{\"op\":\"wait\",\"table\":\"Logical_Switch\",\"where\":[],\"columns\":[\"name\"],\"until\":\"==\",\"rows\":[],\"timeout\":0}]",
    "transact|REMOTE|[\"OVN_Northbound\",{\"op\":\"comment\",\"comment\":\"hi\"},{\"op\":\"abort\"}]",
    "transact|REMOTE|[\"Nope\"]",
    "dump|REMOTE|OVN_Northbound|Logical_Switch",
    "dump|REMOTE|OVN_Northbound|Logical_Switch_Port|name|addresses",
    "--format=json|dump|REMOTE|OVN_Northbound|Logical_Switch_Port|name",
    "--format=csv|dump|REMOTE|OVN_Northbound|Logical_Switch|name",
    "--timeout=1|monitor|REMOTE|OVN_Northbound|Logical_Switch|name",
    "--timeout=1|monitor-cond|REMOTE|OVN_Northbound|[[\"name\",\"==\",\"a\"]]|Logical_Switch|name",
];

#[test]
fn ovsdb_client_session_matches_real_ovsdb_server() {
    let real = Server::start(Impl::Real, &[NB_SCHEMA]);
    let ours = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let expected = session(&real, "ovsdb-client", &[], CLIENT);
    let got = session(&ours, "ovsdb-client", &[], CLIENT);
    assert_substantive("ovsdb-client", &expected, 12, 1);
    compare("ovsdb-client", &expected, &got, &ours);
}
