//! The engine's incremental runs against its own recompute: a small network is changed
//! step by step at random (ports added and deleted, port group membership, ACL actions
//! and addresses changed, ACLs added and removed) through `update3` notifications to
//! the NB IDL, and after every step the flows the incremental engine wants must equal
//! what a fresh engine computes from the same replica. Sans-IO and deterministic (a
//! fixed-seed generator), so a failure replays exactly.

use std::path::Path;
use std::sync::Arc;

use northd::engine::Engine;
use ovsdb::idl::IdlCore;
use ovsdb::schema::DatabaseSchema;
use serde_json::{json, Map, Value};
use uuid::Uuid;

fn schema(file: &str) -> Arc<DatabaseSchema> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ovsdb/schemas")
        .join(file);
    Arc::new(DatabaseSchema::parse_str(&std::fs::read_to_string(p).unwrap()).unwrap())
}

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn r(u: Uuid) -> Value {
    json!(["uuid", u.to_string()])
}

struct Net {
    nb: IdlCore,
    sb: IdlCore,
    switches: Vec<Uuid>,
    pgs: Vec<Uuid>,
    ports: Vec<(Uuid, Uuid)>, // (port, switch)
    acls: Vec<(Uuid, Uuid)>,  // (acl, owner: switch or pg)
    n: usize,
}

impl Net {
    fn send(&mut self, updates: Value) {
        let id = self.nb.monitor_id().clone();
        self.nb
            .handle_update3(&json!([id, Uuid::new_v4().to_string(), updates]))
            .unwrap();
    }
    fn strings(&self, table: &str, row: Uuid, col: &str) -> Vec<String> {
        let d = self.nb.replica().get(table, &row, col).unwrap().to_json();
        match d {
            Value::String(s) => vec![s],
            Value::Array(a) if a[0] == "set" => a[1]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect(),
            _ => vec![],
        }
    }
    fn owner_table(&self, owner: Uuid) -> &'static str {
        if self.switches.contains(&owner) {
            "Logical_Switch"
        } else {
            "Port_Group"
        }
    }
}

fn setup() -> Net {
    let mut nb = IdlCore::new(schema("ovn-nb.ovsschema"));
    nb.monitor_all();
    let mut sb = IdlCore::new(schema("ovn-sb.ovsschema"));
    for t in [
        "SB_Global",
        "Datapath_Binding",
        "Port_Binding",
        "Multicast_Group",
        "Port_Group",
        "Address_Set",
        "Logical_Flow",
        "Chassis",
        "Chassis_Private",
    ] {
        sb.monitor(t, None).unwrap();
    }
    let mut t: Map<String, Value> = Map::new();
    let mut put = |table: &str, u: Uuid, row: Value| {
        t.entry(table.to_string())
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .unwrap()
            .insert(u.to_string(), json!({"initial": row}));
    };
    put(
        "NB_Global",
        Uuid::new_v4(),
        json!({"options": ["map", [["mac_prefix", "0a:00:00"],
        ["svc_monitor_mac", "0a:00:00:00:00:fe"], ["max_tunid", "16777215"]]]}),
    );
    let mut net = Net {
        nb,
        sb,
        switches: vec![],
        pgs: vec![],
        ports: vec![],
        acls: vec![],
        n: 0,
    };
    let mut pg_ports: Vec<Vec<Value>> = vec![vec![], vec![]];
    for s in 0..3 {
        let ls = Uuid::new_v4();
        let mut ports = vec![];
        for p in 0..4 {
            let u = Uuid::new_v4();
            put(
                "Logical_Switch_Port",
                u,
                json!({"name": format!("p{s}{p}"),
                "addresses": format!("00:00:00:00:0{s}:0{p} 10.0.{s}.{}", p + 1)}),
            );
            ports.push(r(u));
            pg_ports[(s + p) % 2].push(r(u));
            net.ports.push((u, ls));
        }
        let acl = Uuid::new_v4();
        put(
            "ACL",
            acl,
            json!({"direction": "from-lport", "priority": 1001,
            "match": format!("inport == \"p{s}0\" && udp"), "action": "drop"}),
        );
        net.acls.push((acl, ls));
        put(
            "Logical_Switch",
            ls,
            json!({"name": format!("ls{s}"), "ports": ["set", ports],
            "acls": ["set", [r(acl)]]}),
        );
        net.switches.push(ls);
    }
    for (i, ports) in pg_ports.into_iter().enumerate() {
        let pg = Uuid::new_v4();
        let acl = Uuid::new_v4();
        put(
            "ACL",
            acl,
            json!({"direction": "to-lport", "priority": 1002,
            "match": format!("outport == @pg{i} && ip4"), "action": "allow"}),
        );
        net.acls.push((acl, pg));
        put(
            "Port_Group",
            pg,
            json!({"name": format!("pg{i}"), "ports": ["set", ports],
            "acls": ["set", [r(acl)]]}),
        );
        net.pgs.push(pg);
    }
    net.nb
        .handle_monitor_reply(&json!([false, Uuid::nil().to_string(), Value::Object(t)]))
        .unwrap();
    net.sb
        .handle_monitor_reply(&json!([false, Uuid::nil().to_string(), {}]))
        .unwrap();
    net
}

fn step(net: &mut Net, rng: &mut Rng) -> String {
    net.n += 1;
    let n = net.n;
    match rng.next(8) {
        0 => {
            let ls = net.switches[rng.next(net.switches.len())];
            let u = Uuid::new_v4();
            let addr = if rng.next(3) == 0 {
                "unknown".to_string()
            } else {
                format!(
                    "00:00:00:00:aa:{:02x} 10.9.{}.{}",
                    n % 256,
                    n / 200,
                    n % 200 + 1
                )
            };
            net.send(json!({
                "Logical_Switch_Port": {u.to_string(): {"insert": {"name": format!("n{n}"), "addresses": addr}}},
                "Logical_Switch": {ls.to_string(): {"modify": {"ports": ["set", [r(u)]]}}},
            }));
            net.ports.push((u, ls));
            format!("add port n{n}")
        }
        1 if net.ports.len() > 2 => {
            let (p, ls) = net.ports.remove(rng.next(net.ports.len()));
            let mut up = json!({
                "Logical_Switch_Port": {p.to_string(): {"delete": null}},
                "Logical_Switch": {ls.to_string(): {"modify": {"ports": ["set", [r(p)]]}}},
            });
            for pg in net.pgs.clone() {
                let members = net
                    .nb
                    .replica()
                    .get("Port_Group", &pg, "ports")
                    .unwrap()
                    .to_json();
                if members.to_string().contains(&p.to_string()) {
                    up["Port_Group"][pg.to_string()] =
                        json!({"modify": {"ports": ["set", [r(p)]]}});
                }
            }
            net.send(up);
            format!("delete port {p}")
        }
        2 => {
            let pg = net.pgs[rng.next(net.pgs.len())];
            let (p, _) = net.ports[rng.next(net.ports.len())];
            net.send(
                json!({"Port_Group": {pg.to_string(): {"modify": {"ports": ["set", [r(p)]]}}}}),
            );
            format!("toggle {p} in port group {pg}")
        }
        3 => {
            let (a, _) = net.acls[rng.next(net.acls.len())];
            let action = [
                "allow",
                "allow-related",
                "drop",
                "reject",
                "allow-stateless",
            ][rng.next(5)];
            net.send(json!({"ACL": {a.to_string(): {"modify": {"action": action}}}}));
            format!("ACL {a} action {action}")
        }
        4 => {
            let (p, _) = net.ports[rng.next(net.ports.len())];
            let old = net.strings("Logical_Switch_Port", p, "addresses");
            let new = if old.iter().any(|a| a == "unknown") {
                format!("00:00:00:00:bb:{:02x} 10.8.0.{}", n % 256, n % 250 + 1)
            } else {
                "unknown".to_string()
            };
            let mut toggle: Vec<Value> = old.iter().map(|a| json!(a)).collect();
            toggle.push(json!(new));
            net.send(json!({"Logical_Switch_Port": {p.to_string(): {"modify": {"addresses": ["set", toggle]}}}}));
            format!("port {p} addresses -> {new}")
        }
        5 => {
            let owner = if rng.next(2) == 0 {
                net.switches[rng.next(net.switches.len())]
            } else {
                net.pgs[rng.next(net.pgs.len())]
            };
            let a = Uuid::new_v4();
            let table = net.owner_table(owner);
            net.send(json!({
                "ACL": {a.to_string(): {"insert": {"direction": "to-lport", "priority": 900 + n % 100,
                    "match": format!("ip4.src == 10.7.0.{}", n % 250 + 1), "action": "allow-related"}}},
                table: {owner.to_string(): {"modify": {"acls": ["set", [r(a)]]}}},
            }));
            net.acls.push((a, owner));
            format!("add ACL {a} to {table}")
        }
        6 if net.acls.len() > 1 => {
            let (a, owner) = net.acls.remove(rng.next(net.acls.len()));
            let table = net.owner_table(owner);
            net.send(json!({
                "ACL": {a.to_string(): {"delete": null}},
                table: {owner.to_string(): {"modify": {"acls": ["set", [r(a)]]}}},
            }));
            format!("delete ACL {a} from {table}")
        }
        _ => {
            // A port changes switch.
            let i = rng.next(net.ports.len());
            let (p, from) = net.ports[i];
            let to = net.switches[rng.next(net.switches.len())];
            if to == from {
                return "nothing".into();
            }
            net.send(json!({"Logical_Switch": {
                from.to_string(): {"modify": {"ports": ["set", [r(p)]]}},
                to.to_string(): {"modify": {"ports": ["set", [r(p)]]}},
            }}));
            net.ports[i] = (p, to);
            format!("move {p}")
        }
    }
}

fn run(engine: &mut Engine, net: &Net) {
    let mut txn = net.sb.txn();
    engine
        .run(net.nb.replica(), net.sb.replica(), &mut txn)
        .unwrap();
}

#[test]
fn incremental_runs_equal_a_recompute_after_every_step() {
    for seed in [1u64, 7, 42] {
        let mut net = setup();
        let mut rng = Rng(seed);
        let mut engine = Engine::new();
        net.nb.take_changes();
        run(&mut engine, &net);
        let mut history = Vec::new();
        for _ in 0..60 {
            history.push(step(&mut net, &mut rng));
            let changes = net.nb.take_changes();
            engine.handle_nb(net.nb.replica(), &changes);
            run(&mut engine, &net);
            let mut fresh = Engine::new();
            run(&mut fresh, &net);
            let (inc, full) = (engine.wanted_flows(), fresh.wanted_flows());
            if inc != full {
                let missing: Vec<_> = full.iter().filter(|k| !inc.contains(k)).take(5).collect();
                let extra: Vec<_> = inc.iter().filter(|k| !full.contains(k)).take(5).collect();
                panic!("seed {seed}: after {history:#?}\nmissing {missing:#?}\nextra {extra:#?}");
            }
        }
    }
}
