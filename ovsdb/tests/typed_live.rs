//! Typed rows round-tripped through a real ovsdb-server on the vendored NB, SB and
//! Open_vSwitch schemas: insert with `typed::insert` (sent by `ovsdb-client transact`),
//! `select` the row back and read it as the typed struct; it must equal what was
//! inserted (with provisional uuids replaced by the server's). The IDL replica's copy,
//! read with `typed::get`, must be equal too; `typed::update` then changes only what
//! differs.
//!
//! Skipped, with a notice, when the Open vSwitch tools are not installed.

mod live;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::path::Path;
use std::sync::Arc;

use live::{Peer, Server};
use ovsdb::data::{Atom, Datum, NoNames};
use ovsdb::db::Row;
use ovsdb::idl::{IdlCore, IdlTxn, TxnCommitted};
use ovsdb::schema::DatabaseSchema;
use ovsdb::typed::{self, nb, sb, vswitch, TypedRow};
use serde_json::json;
use uuid::Uuid;

struct Db {
    server: Server,
    schema: Arc<DatabaseSchema>,
    core: IdlCore,
    mon: Peer,
}

fn open(file: &str) -> Option<Db> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(file);
    let server = Server::start(&path)?;
    let text = std::fs::read_to_string(&path).unwrap();
    let schema = Arc::new(DatabaseSchema::parse_str(&text).unwrap());
    let mut core = IdlCore::new(schema.clone());
    core.monitor_all();
    let mut mon = Peer::connect(&server.sock());
    let reply = mon.call("monitor_cond_since", core.monitor_cond_since_params());
    core.handle_monitor_reply(&reply).unwrap();
    Some(Db {
        server,
        schema,
        core,
        mon,
    })
}

impl Db {
    /// Builds a transaction with `f`, commits it, and waits for its update.
    fn commit(&mut self, f: impl FnOnce(&mut IdlTxn<'_>)) -> TxnCommitted {
        let mut txn = self.core.txn();
        f(&mut txn);
        let (params, pending) = txn.build();
        let reply = self.server.transact(&params);
        let done = pending
            .handle_reply(&reply)
            .unwrap_or_else(|e| panic!("{e}: {reply}"));
        let n = self.mon.next_notification();
        self.core.handle_update3(&n["params"]).unwrap();
        done
    }

    /// The row as `select` returns it, read as `T`.
    fn select<T: TypedRow>(&self, uuid: Uuid) -> T {
        let ts = self.schema.table(T::TABLE).unwrap();
        let res = self
            .server
            .transact(&json!([self.schema.name, {"op": "select",
            "table": T::TABLE, "where": [["_uuid", "==", ["uuid", uuid.to_string()]]]}]));
        let rows = res[0]["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 1, "{res}");
        let mut row = Row::new_default(ts, uuid, Uuid::nil());
        for (name, v) in rows[0].as_object().unwrap() {
            if name.starts_with('_') {
                continue;
            }
            let i = ts.column_index(name).unwrap();
            row.set(
                i,
                Datum::from_json(&ts.columns[i].type_, v, &mut NoNames).unwrap(),
            );
        }
        T::from_row(ts, &row).unwrap()
    }

    /// `row` as the server must hold it: provisional uuids replaced by real ones.
    fn expected<T: TypedRow>(&self, row: &T, done: &TxnCommitted, uuid: Uuid) -> T {
        let ts = self.schema.table(T::TABLE).unwrap();
        let fix = |a: &Atom| match a {
            Atom::Uuid(u) => Atom::Uuid(done.real_uuid(u).unwrap_or(*u)),
            other => other.clone(),
        };
        let mut r = Row::new_default(ts, uuid, Uuid::nil());
        for (name, d) in row.to_values() {
            let d = match d {
                Datum::Set(s) => Datum::Set(s.iter().map(fix).collect()),
                Datum::Map(m) => Datum::Map(m.iter().map(|(k, v)| (fix(k), fix(v))).collect()),
            };
            r.set(ts.column_index(name).unwrap(), d);
        }
        T::from_row(ts, &r).unwrap()
    }

    /// Select and replica both hold `row` (inserted as `prov`).
    fn check<T: TypedRow + PartialEq + Debug>(
        &self,
        row: &T,
        done: &TxnCommitted,
        prov: Uuid,
    ) -> T {
        let real = done.real_uuid(&prov).unwrap();
        let want = self.expected(row, done, real);
        assert_eq!(self.select::<T>(real), want);
        let replica: T = typed::get(self.core.replica(), &real).unwrap().unwrap();
        assert_eq!(replica, want);
        want
    }
}

fn strings(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}
fn smap(v: &[(&str, &str)]) -> BTreeMap<String, String> {
    v.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn nb_rows_round_trip() {
    let Some(mut db) = open("ovn-nb.ovsschema") else {
        return;
    };
    let mut lsp = nb::LogicalSwitchPort {
        name: "lsp0".into(),
        addresses: strings(&["00:00:00:00:00:01 10.0.0.1"]),
        port_security: strings(&["00:00:00:00:00:01 10.0.0.1"]),
        tag_request: Some(0),
        enabled: Some(true),
        options: smap(&[("requested-chassis", "ch1")]),
        external_ids: smap(&[("k8s", "pod")]),
        ..Default::default()
    };
    let acl = nb::Acl {
        name: Some("a1".into()),
        priority: 1001,
        direction: "from-lport".into(),
        match_: "ip4 && tcp.dst == 80".into(),
        action: "allow-related".into(),
        log: true,
        severity: Some("info".into()),
        ..Default::default()
    };
    let mut ls = nb::LogicalSwitch {
        name: "ls0".into(),
        other_config: smap(&[("subnet", "10.0.0.0/24")]),
        ..Default::default()
    };
    let nbg = nb::NbGlobal {
        name: "global".into(),
        nb_cfg: 3,
        options: smap(&[("northd_probe_interval", "5000")]),
        ..Default::default()
    };
    let (mut p_lsp, mut p_acl, mut p_ls, mut p_nbg) = Default::default();
    let done = db.commit(|txn| {
        p_lsp = typed::insert(txn, &lsp).unwrap();
        p_acl = typed::insert(txn, &acl).unwrap();
        ls.ports = BTreeSet::from([p_lsp]);
        ls.acls = BTreeSet::from([p_acl]);
        p_ls = typed::insert(txn, &ls).unwrap();
        p_nbg = typed::insert(txn, &nbg).unwrap();
    });
    let lsp_now = db.check(&lsp, &done, p_lsp);
    db.check(&acl, &done, p_acl);
    let ls_now = db.check(&ls, &done, p_ls);
    db.check(&nbg, &done, p_nbg);
    assert_eq!(
        typed::rows::<nb::LogicalSwitch>(db.core.replica()).count(),
        1
    );
    assert!(ls_now.ports.contains(&lsp_now.uuid));

    // Update: only changed columns are written.
    lsp = lsp_now.clone();
    lsp.tag_request = None;
    lsp.external_ids.insert("more".into(), "x".into());
    lsp.addresses = strings(&["dynamic"]);
    let mut txn = db.core.txn();
    typed::update(&mut txn, &lsp_now, &lsp).unwrap();
    let (params, _) = txn.build();
    assert_eq!(params[1]["row"].as_object().unwrap().len(), 3, "{params}");
    db.commit(|txn| typed::update(txn, &lsp_now, &lsp).unwrap());
    assert_eq!(db.select::<nb::LogicalSwitchPort>(lsp.uuid), lsp);
    let replica: nb::LogicalSwitchPort = typed::get(db.core.replica(), &lsp.uuid).unwrap().unwrap();
    assert_eq!(replica, lsp);
    // A row of another table does not read as this one.
    let ts = db.schema.table("ACL").unwrap();
    let row = db.core.replica().rows("ACL").next().unwrap();
    assert!(nb::LogicalSwitch::from_row(ts, row).is_err());
}

#[test]
fn sb_rows_round_trip() {
    let Some(mut db) = open("ovn-sb.ovsschema") else {
        return;
    };
    let encap = sb::Encap {
        type_: "geneve".into(),
        ip: "192.168.0.10".into(),
        chassis_name: "ch1".into(),
        options: smap(&[("csum", "true")]),
        ..Default::default()
    };
    let mut chassis = sb::Chassis {
        name: "ch1".into(),
        hostname: "node1".into(),
        other_config: smap(&[("ovn-bridge-mappings", "")]),
        ..Default::default()
    };
    let dp = sb::DatapathBinding {
        tunnel_key: 7,
        external_ids: smap(&[("name", "ls0")]),
        ..Default::default()
    };
    let mut pb = sb::PortBinding {
        logical_port: "lsp0".into(),
        tunnel_key: 2,
        mac: strings(&["00:00:00:00:00:01 10.0.0.1"]),
        ..Default::default()
    };
    let (mut p_e, mut p_c, mut p_dp, mut p_pb) = Default::default();
    let done = db.commit(|txn| {
        p_e = typed::insert(txn, &encap).unwrap();
        chassis.encaps = BTreeSet::from([p_e]);
        p_c = typed::insert(txn, &chassis).unwrap();
        p_dp = typed::insert(txn, &dp).unwrap();
        pb.datapath = p_dp;
        pb.chassis = Some(p_c);
        p_pb = typed::insert(txn, &pb).unwrap();
    });
    db.check(&encap, &done, p_e);
    db.check(&chassis, &done, p_c);
    db.check(&dp, &done, p_dp);
    let pb_now = db.check(&pb, &done, p_pb);
    assert_eq!(pb_now.chassis, done.real_uuid(&p_c));
}

#[test]
fn vswitch_rows_round_trip() {
    let Some(mut db) = open("vswitch.ovsschema") else {
        return;
    };
    let iface = vswitch::Interface {
        name: "br-int".into(),
        type_: "internal".into(),
        ofport_request: Some(1),
        external_ids: smap(&[("iface-id", "lsp0")]),
        ..Default::default()
    };
    let mut port = vswitch::Port {
        name: "br-int".into(),
        ..Default::default()
    };
    let mut bridge = vswitch::Bridge {
        name: "br-int".into(),
        datapath_type: "netdev".into(),
        fail_mode: Some("secure".into()),
        other_config: smap(&[("disable-in-band", "true")]),
        ..Default::default()
    };
    let mut ovs = vswitch::OpenVSwitch {
        external_ids: smap(&[("system-id", "ch1"), ("ovn-encap-type", "geneve")]),
        ..Default::default()
    };
    let (mut p_i, mut p_p, mut p_b, mut p_o) = Default::default();
    let done = db.commit(|txn| {
        p_i = typed::insert(txn, &iface).unwrap();
        port.interfaces = BTreeSet::from([p_i]);
        p_p = typed::insert(txn, &port).unwrap();
        bridge.ports = BTreeSet::from([p_p]);
        p_b = typed::insert(txn, &bridge).unwrap();
        ovs.bridges = BTreeSet::from([p_b]);
        p_o = typed::insert(txn, &ovs).unwrap();
    });
    db.check(&iface, &done, p_i);
    db.check(&port, &done, p_p);
    db.check(&bridge, &done, p_b);
    db.check(&ovs, &done, p_o);
}
