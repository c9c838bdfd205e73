//! Real data for the Open_vSwitch schema: `ovs-vsctl` (without a running vswitchd,
//! `--no-wait`) configures what rovn-controller reads — the `Open_vSwitch` row's
//! `external_ids`, a bridge, a port whose interface carries `external_ids:iface-id` —
//! and our IDL reads it back as typed rows.
//!
//! Skipped, with a notice, when the Open vSwitch tools are not installed.

mod live;

use std::path::Path;
use std::process::Command;

use live::{Peer, Server};
use ovsdb::idl::IdlCore;
use ovsdb::schema::DatabaseSchema;
use ovsdb::typed::{self, vswitch};

#[test]
fn vsctl_configuration_reads_as_typed_rows() {
    if Command::new("ovs-vsctl").arg("--version").output().is_err() {
        if std::env::var_os("CI").is_some() {
            panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
        }
        eprintln!("NOTICE: ovs-vsctl absent; test skipped");
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/vswitch.ovsschema");
    let Some(server) = Server::start(&path) else {
        return;
    };
    let db = format!("--db=unix:{}", server.sock().display());
    let vsctl = |args: &[&str]| {
        let out = Command::new("ovs-vsctl")
            .arg(&db)
            .arg("--no-wait")
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    vsctl(&["init"]);
    vsctl(&[
        "set",
        "open_vswitch",
        ".",
        "external_ids:system-id=ch1",
        "external_ids:ovn-encap-type=geneve",
        "external_ids:ovn-encap-ip=192.168.0.10",
    ]);
    vsctl(&[
        "add-br",
        "br-int",
        "--",
        "set",
        "bridge",
        "br-int",
        "datapath_type=netdev",
        "fail_mode=secure",
        "protocols=OpenFlow13,OpenFlow15",
    ]);
    vsctl(&[
        "add-port",
        "br-int",
        "veth1",
        "--",
        "set",
        "interface",
        "veth1",
        "external_ids:iface-id=lsp1",
        "ofport_request=7",
    ]);

    let text = std::fs::read_to_string(&path).unwrap();
    let mut core = IdlCore::new(DatabaseSchema::parse_str(&text).unwrap().into());
    core.monitor_all();
    let mut mon = Peer::connect(&server.sock());
    let reply = mon.call("monitor_cond_since", core.monitor_cond_since_params());
    core.handle_monitor_reply(&reply).unwrap();

    let ovs: Vec<vswitch::OpenVSwitch> = typed::rows(core.replica()).map(Result::unwrap).collect();
    assert_eq!(ovs.len(), 1);
    assert_eq!(ovs[0].external_ids["system-id"], "ch1");
    assert_eq!(ovs[0].external_ids["ovn-encap-ip"], "192.168.0.10");
    let br: Vec<vswitch::Bridge> = typed::rows(core.replica()).map(Result::unwrap).collect();
    assert_eq!(br.len(), 1);
    assert!(ovs[0].bridges.contains(&br[0].uuid));
    assert_eq!(br[0].fail_mode, Some(vswitch::BridgeFailMode::Secure));
    assert_eq!(
        br[0].protocols,
        [
            vswitch::BridgeProtocols::OpenFlow13,
            vswitch::BridgeProtocols::OpenFlow15
        ]
        .into()
    );
    assert_eq!(br[0].ports.len(), 2, "br-int's own port and veth1");
    let ifaces: Vec<vswitch::Interface> = typed::rows(core.replica()).map(Result::unwrap).collect();
    let veth = ifaces.iter().find(|i| i.name == "veth1").unwrap();
    assert_eq!(veth.external_ids["iface-id"], "lsp1");
    assert_eq!(veth.ofport_request, Some(7));
    let ports: Vec<vswitch::Port> = typed::rows(core.replica()).map(Result::unwrap).collect();
    let p = ports.iter().find(|p| p.name == "veth1").unwrap();
    assert_eq!(p.interfaces, [veth.uuid].into());
}
