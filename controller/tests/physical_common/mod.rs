//! Builds a [`LocalView`] from what the real deployment shows: `ovn-sbctl list` of
//! Datapath_Binding, Port_Binding, Multicast_Group, Chassis and Encap, `ovs-vsctl list
//! Interface` and `ovn-appctl ct-zone-list` of one chassis — the same facts rovn-controller
//! reads from its databases. Also loads the chassis' real br-int physical tables.

#![allow(dead_code)]

use controller::physical::{
    cookie_of_uuid, Datapath, EncapKind, FdbEntry, LocalView, McastGroup, PortBinding, PortKind,
    Tunnel,
};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub fn data_dir(scenario: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/physical")
        .join(scenario)
}

type Record = HashMap<String, String>;

/// Records of `ovn-sbctl list` / `ovs-vsctl list` output.
pub fn records(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut cur = Record::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            cur.insert(k.trim().to_string(), v.trim().to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Splits an OVSDB set/map body at top-level commas, honouring quotes.
fn split_items(s: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut esc = false;
    for c in s.chars() {
        if esc {
            cur.push(c);
            esc = false;
            continue;
        }
        match c {
            '\\' if quoted => {
                esc = true;
            }
            '"' => quoted = !quoted,
            ',' if !quoted => {
                items.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        items.push(cur.trim().to_string());
    }
    items
}

/// A scalar: unquoted.
pub fn scalar(v: &str) -> String {
    v.trim_matches('"').to_string()
}

/// `[a, b]` (or a bare scalar) as a list; `[]` is empty.
pub fn set(v: &str) -> Vec<String> {
    match v.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
        Some(body) => split_items(body),
        None => vec![scalar(v)],
    }
}

/// `{k=v, ...}`.
pub fn map(v: &str) -> HashMap<String, String> {
    let body = v
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or("");
    split_items(body)
        .into_iter()
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.to_string(), v.to_string()))
        })
        .collect()
}

fn read(dir: &Path, f: &str) -> String {
    std::fs::read_to_string(dir.join(f))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(f).display()))
}

/// The LocalView chassis `chassis` (`ch1`/`ch2`) of `scenario` had.
pub fn load_view(scenario: &str, chassis: &str) -> LocalView {
    let dir = data_dir(scenario);
    let zones: HashMap<String, u16> = read(&dir, &format!("{chassis}-ct-zones.txt"))
        .lines()
        .filter_map(|l| {
            let (n, z) = l.rsplit_once(' ')?;
            Some((n.to_string(), z.parse().ok()?))
        })
        .collect();
    let chassis_names: HashMap<String, String> = records(&read(&dir, "sb-chassis.txt"))
        .into_iter()
        .map(|r| (r["_uuid"].clone(), scalar(&r["name"])))
        .collect();
    let mut dp_uuid = HashMap::new();
    let mut datapaths = BTreeMap::new();
    for r in records(&read(&dir, "sb-datapath-binding.txt")) {
        let key: u32 = r["tunnel_key"].parse().unwrap();
        let uuid = r["_uuid"].clone();
        datapaths.insert(
            key,
            Datapath {
                key,
                name: map(&r["external_ids"])
                    .get("name")
                    .map(|n| scalar(n))
                    .unwrap_or_default(),
                dnat_zone: zones.get(&format!("{uuid}_dnat")).copied(),
                snat_zone: zones.get(&format!("{uuid}_snat")).copied(),
            },
        );
        dp_uuid.insert(uuid, key);
    }
    let ifaces = records(&read(&dir, &format!("{chassis}-interfaces.txt")));
    let ofport_of_iface: HashMap<String, u32> = ifaces
        .iter()
        .filter_map(|r| {
            let id = map(&r["external_ids"]).get("iface-id").map(|s| scalar(s))?;
            Some((id, r["ofport"].parse().ok()?))
        })
        .collect();
    // Localnet patch ports: the br-int Port ovn-controller tagged `ovn-localnet-port`.
    let br_int_ports: Vec<String> =
        std::fs::read_to_string(dir.join(format!("{chassis}-br-int-ports.txt")))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
    let localnet_patch: HashMap<String, u32> = records(
        &std::fs::read_to_string(dir.join(format!("{chassis}-ports.txt"))).unwrap_or_default(),
    )
    .into_iter()
    .filter_map(|r| {
        let name = scalar(&r["name"]);
        let ln = map(&r["external_ids"])
            .get("ovn-localnet-port")
            .map(|s| scalar(s))?;
        if !br_int_ports.contains(&name) {
            return None;
        }
        let ofport = ifaces.iter().find(|i| scalar(&i["name"]) == name)?["ofport"]
            .parse()
            .ok()?;
        Some((ln, ofport))
    })
    .collect();
    let mut port_name = HashMap::new();
    let mut ports = Vec::new();
    for r in records(&read(&dir, "sb-port-binding.txt")) {
        let name = scalar(&r["logical_port"]);
        port_name.insert(r["_uuid"].clone(), name.clone());
        let opts = map(&r["options"]);
        let kind = PortKind::from_sb(
            &scalar(&r["type"]),
            opts.get("network_name").map(|s| scalar(s)).as_deref(),
        );
        let bound = set(&r["chassis"])
            .first()
            .and_then(|u| chassis_names.get(u))
            .cloned();
        let here = match kind {
            PortKind::Localport => true,
            _ => bound.as_deref() == Some(chassis),
        };
        ports.push(PortBinding {
            datapath: dp_uuid[&r["datapath"]],
            key: r["tunnel_key"].parse().unwrap(),
            kind,
            chassis: bound,
            ofport: if here {
                ofport_of_iface.get(&name).copied()
            } else {
                None
            },
            ct_zone: zones.get(&name).copied(),
            mac: set(&r["mac"]),
            port_security: set(&r["port_security"]),
            localnet_ofport: localnet_patch.get(&name).copied(),
            peer: opts.get("peer").map(|s| scalar(s)),
            cookie: cookie_of_uuid(&r["_uuid"]),
            name,
        });
    }
    let mcast_groups = records(&read(&dir, "sb-multicast-group.txt"))
        .into_iter()
        .map(|r| McastGroup {
            cookie: cookie_of_uuid(&r["_uuid"]),
            datapath: dp_uuid[&r["datapath"]],
            name: scalar(&r["name"]),
            key: r["tunnel_key"].parse().unwrap(),
            ports: set(&r["ports"])
                .iter()
                .filter_map(|u| port_name.get(u).cloned())
                .collect(),
        })
        .collect();
    let encap_chassis: HashMap<String, String> = records(&read(&dir, "sb-encap.txt"))
        .into_iter()
        .map(|r| (scalar(&r["ip"]), scalar(&r["chassis_name"])))
        .collect();
    let tunnels = ifaces
        .iter()
        .filter_map(|r| {
            let kind = match scalar(&r["type"]).as_str() {
                "geneve" => EncapKind::Geneve,
                "vxlan" => EncapKind::Vxlan,
                _ => return None,
            };
            let ip = scalar(map(&r["options"]).get("remote_ip")?);
            Some(Tunnel {
                chassis: encap_chassis.get(&ip)?.clone(),
                ofport: r["ofport"].parse().ok()?,
                kind,
                ip,
            })
        })
        .collect();
    let fdb = records(&std::fs::read_to_string(dir.join("sb-fdb.txt")).unwrap_or_default())
        .into_iter()
        .map(|r| FdbEntry {
            cookie: cookie_of_uuid(&r["_uuid"]),
            datapath: r["dp_key"].parse().unwrap(),
            port: r["port_key"].parse().unwrap(),
            mac: scalar(&r["mac"]),
        })
        .collect();
    LocalView {
        chassis: chassis.to_string(),
        datapaths,
        ports,
        mcast_groups,
        tunnels,
        fdb,
    }
}

/// The physical tables real ovn-controller installed, one line per flow with its cookie:
/// `cookie=0x.., table=N, priority=...`, statistics removed, sorted.
pub fn reference_flows_with_cookies(scenario: &str, chassis: &str) -> Vec<String> {
    let text = read(&data_dir(scenario), &format!("{chassis}-br-int-flows.txt"));
    let mut v: Vec<String> = text
        .lines()
        .map(|l| {
            let l = l.trim();
            let l = if l.starts_with("cookie=") {
                l.to_string()
            } else {
                format!("cookie=0x0, {l}")
            };
            let (cookie, rest) = l.split_once(", ").unwrap();
            format!("{cookie}, {}", normalise(rest))
        })
        .collect();
    v.sort();
    v
}

/// Our flows in the same form.
pub fn ours_with_cookies(flows: &[openflow::text::Flow]) -> Vec<String> {
    let mut v: Vec<String> = flows
        .iter()
        .map(|f| format!("cookie={:#x}, {}", f.cookie, normalise(&f.to_dump_string())))
        .collect();
    v.sort();
    v
}

/// The physical tables real ovn-controller installed, one normalised line per flow:
/// `table=N, priority=...`, no cookie, sorted.
pub fn reference_flows(scenario: &str, chassis: &str) -> Vec<String> {
    let text = read(&data_dir(scenario), &format!("{chassis}-br-int-flows.txt"));
    let mut v: Vec<String> = text
        .lines()
        .map(normalise)
        .filter(|l| !l.is_empty())
        .collect();
    v.sort();
    v
}

/// A dump line without the cookie, with `table=0` spelled out.
pub fn normalise(line: &str) -> String {
    // Statistics (`duration=...`, `n_packets=...`) as in a plain dump-flows.
    let kept: Vec<&str> = line
        .trim()
        .split(", ")
        .filter(|part| {
            let k = part.split('=').next().unwrap_or("");
            !["duration", "n_packets", "n_bytes", "idle_age", "hard_age"].contains(&k)
        })
        .collect();
    let joined = kept.join(", ");
    let mut l = joined.as_str();
    if l.starts_with("cookie=") {
        l = l.split_once(", ").map(|x| x.1).unwrap_or("");
    }
    if l.starts_with("priority=") {
        format!("table=0, {l}")
    } else {
        l.to_string()
    }
}

/// Our flows in the same form.
pub fn ours(flows: &[openflow::text::Flow]) -> Vec<String> {
    let mut v: Vec<String> = flows
        .iter()
        .map(|f| normalise(&f.to_dump_string()))
        .collect();
    v.sort();
    v
}

/// A hand-made view for chassis `me` of a three-chassis deployment (`hv1`, `hv2`, `hv3`,
/// Geneve tunnels on OpenFlow ports 11, 12, 13 to the others): switch `ls-a` (key 1) with
/// VIFs a1@hv1, a2@hv2, a3@hv3, a4@hv1 and an unbound port a5; switch `ls-b` (key 2) with
/// b2@hv2 and b3@hv3 only. Multicast `_MC_flood` per switch with all ports.
pub fn three_chassis_view(me: &str) -> LocalView {
    let vif = |name: &str, dp: u32, key: u32, chassis: Option<&str>, ofport: u32| PortBinding {
        name: name.into(),
        datapath: dp,
        key,
        kind: PortKind::Vif,
        chassis: chassis.map(Into::into),
        ofport: (chassis == Some(me)).then_some(ofport),
        ct_zone: (chassis == Some(me)).then_some(key as u16 + 10 * dp as u16),
        mac: vec![format!("0a:00:00:00:0{dp}:0{key}")],
        port_security: vec![],
        localnet_ofport: None,
        peer: None,
        cookie: 0,
    };
    let ports = vec![
        vif("a1", 1, 1, Some("hv1"), 1),
        vif("a2", 1, 2, Some("hv2"), 2),
        vif("a3", 1, 3, Some("hv3"), 3),
        vif("a4", 1, 4, Some("hv1"), 4),
        vif("a5", 1, 5, None, 5),
        vif("b2", 2, 1, Some("hv2"), 6),
        vif("b3", 2, 2, Some("hv3"), 7),
    ];
    let mut datapaths = BTreeMap::new();
    for (key, name) in [(1, "ls-a"), (2, "ls-b")] {
        datapaths.insert(
            key,
            Datapath {
                key,
                name: name.into(),
                dnat_zone: Some(100 + key as u16),
                snat_zone: Some(200 + key as u16),
            },
        );
    }
    let mcast_groups = vec![
        McastGroup {
            datapath: 1,
            name: "_MC_flood".into(),
            key: 32768,
            ports: vec![
                "a1".into(),
                "a2".into(),
                "a3".into(),
                "a4".into(),
                "a5".into(),
            ],
            cookie: 0xa000,
        },
        McastGroup {
            datapath: 2,
            name: "_MC_flood".into(),
            key: 32768,
            ports: vec!["b2".into(), "b3".into()],
            cookie: 0xb000,
        },
    ];
    let tunnels = [("hv1", 11), ("hv2", 12), ("hv3", 13)]
        .into_iter()
        .filter(|(c, _)| *c != me)
        .map(|(c, ofport)| Tunnel {
            chassis: c.into(),
            ofport,
            kind: EncapKind::Geneve,
            ip: format!("192.168.0.{}", ofport - 10),
        })
        .collect();
    LocalView {
        chassis: me.into(),
        datapaths,
        ports,
        mcast_groups,
        tunnels,
        fdb: vec![],
    }
}

/// The LocalView of chassis `chassis` in the shared reference deployment, built from its
/// `sb-port-binding.txt`, `sb-datapath-binding.txt`, `sb-show.txt` and
/// `chN-ovs-vsctl-show.txt`, plus `facts.txt` for what those files do not record.
pub fn load_shared_view(chassis: &str) -> LocalView {
    let dir = data_dir("shared-two-chassis");
    let facts: Vec<Vec<String>> = read(&dir, "facts.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    let fact = |kind: &str, name: &str| {
        facts
            .iter()
            .find(|f| f[0] == kind && f[1] == chassis && f[2] == name)
            .map(|f| f[3].clone())
    };
    // sb-show: chassis, their encap IP, and which bindings each one holds.
    let mut encap_ip = HashMap::new();
    let mut bound_to = HashMap::new();
    let mut current = String::new();
    for line in read(&dir, "sb-show.txt").lines() {
        let t = line.trim();
        if let Some(c) = t.strip_prefix("Chassis ") {
            current = scalar(c);
        } else if let Some(ip) = t.strip_prefix("ip: ") {
            encap_ip.insert(scalar(ip), current.clone());
        } else if let Some(p) = t.strip_prefix("Port_Binding ") {
            bound_to.insert(scalar(p), current.clone());
        }
    }
    // vsctl show: br-int's interfaces with their type and options.
    let mut ifaces: Vec<(String, String, HashMap<String, String>)> = Vec::new();
    let mut in_br_int = false;
    for line in read(&dir, &format!("{chassis}-ovs-vsctl-show.txt")).lines() {
        let t = line.trim();
        if let Some(b) = t.strip_prefix("Bridge ") {
            in_br_int = scalar(b) == "br-int";
        } else if !in_br_int {
            continue;
        } else if let Some(i) = t.strip_prefix("Interface ") {
            ifaces.push((scalar(i), String::new(), HashMap::new()));
        } else if let (Some(k), Some(last)) = (t.strip_prefix("type: "), ifaces.last_mut()) {
            last.1 = scalar(k);
        } else if let (Some(o), Some(last)) = (t.strip_prefix("options: "), ifaces.last_mut()) {
            last.2 = map(o);
        }
    }
    let mut datapaths = BTreeMap::new();
    let mut dp_uuid = HashMap::new();
    for r in records(&read(&dir, "sb-datapath-binding.txt")) {
        let key: u32 = r["tunnel_key"].parse().unwrap();
        dp_uuid.insert(r["_uuid"].clone(), key);
        datapaths.insert(
            key,
            Datapath {
                key,
                name: map(&r["external_ids"])
                    .get("name")
                    .map(|n| scalar(n))
                    .unwrap_or_default(),
                dnat_zone: fact("zone", "dnat").map(|z| z.parse().unwrap()),
                snat_zone: fact("zone", "snat").map(|z| z.parse().unwrap()),
            },
        );
    }
    let ofport_of = |iface: &str| fact("ofport", iface).map(|p| p.parse::<u32>().unwrap());
    let ports = records(&read(&dir, "sb-port-binding.txt"))
        .into_iter()
        .map(|r| {
            let name = scalar(&r["logical_port"]);
            let bound = bound_to.get(&name).cloned();
            let here = bound.as_deref() == Some(chassis);
            let iface = ifaces
                .iter()
                .find(|(i, _, _)| fact("iface-id", i).as_deref() == Some(name.as_str()));
            PortBinding {
                datapath: dp_uuid[&r["datapath"]],
                key: r["tunnel_key"].parse().unwrap(),
                kind: PortKind::from_sb(&scalar(&r["type"]), None),
                ofport: if here {
                    iface.and_then(|(i, _, _)| ofport_of(i))
                } else {
                    None
                },
                ct_zone: if here {
                    fact("zone", &name).map(|z| z.parse().unwrap())
                } else {
                    None
                },
                chassis: bound,
                mac: set(&r["mac"]),
                port_security: set(&r["port_security"]),
                localnet_ofport: None,
                peer: None,
                cookie: cookie_of_uuid(&r["_uuid"]),
                name,
            }
        })
        .collect();
    let dp = *datapaths.keys().next().unwrap();
    let mcast_groups = facts
        .iter()
        .filter(|f| f[0] == "mcast")
        .map(|f| McastGroup {
            datapath: dp,
            name: f[2].clone(),
            key: f[3].parse().unwrap(),
            ports: f[4..].to_vec(),
            cookie: 0,
        })
        .collect();
    let tunnels = ifaces
        .iter()
        .filter_map(|(name, kind, opts)| {
            let kind = match kind.as_str() {
                "geneve" => EncapKind::Geneve,
                "vxlan" => EncapKind::Vxlan,
                _ => return None,
            };
            let ip = scalar(opts.get("remote_ip")?);
            Some(Tunnel {
                chassis: encap_ip.get(&ip)?.clone(),
                ofport: ofport_of(name)?,
                kind,
                ip,
            })
        })
        .collect();
    LocalView {
        chassis: chassis.into(),
        datapaths,
        ports,
        mcast_groups,
        tunnels,
        fdb: vec![],
    }
}
