//! `show [SWITCH|ROUTER]`: the logical switches with their ports, then the logical
//! routers with their ports and NAT rules, as ovn-nbctl 23.03 prints them.
//!
//! Invariants: switches and routers are printed in name order (then uuid; ovn-nbctl
//! uses the IDL's hash order, so tests compare blocks as a set), ports and NAT rules in
//! the order of the owner's set (uuid order, the C IDL's order). With an argument, the
//! switch and the router of that name are printed, and neither is an error.

use ovsdb::typed::nb::{
    GatewayChassis, LogicalRouter, LogicalRouterPort, LogicalSwitch, LogicalSwitchPort, Nat,
};

use super::{find_switch, CmdResult, Command, Ctx, Spec};
use crate::nbctl::work::WorkDb;

pub fn specs() -> Vec<Spec> {
    vec![Spec {
        name: "show",
        min_args: 0,
        max_args: 1,
        options: &[],
        run: show,
    }]
}

fn show(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let (switches, routers): (Vec<LogicalSwitch>, Vec<LogicalRouter>) = match cmd.args.first() {
        Some(id) => (
            find_switch(ctx.db, id, false)?.into_iter().collect(),
            super::routers::find_router(ctx.db, id, false)?
                .into_iter()
                .collect(),
        ),
        None => {
            let mut ls = ctx.db.all::<LogicalSwitch>()?;
            ls.sort_by(|a, b| a.name.cmp(&b.name).then(a.uuid.cmp(&b.uuid)));
            let mut lr = ctx.db.all::<LogicalRouter>()?;
            lr.sort_by(|a, b| a.name.cmp(&b.name).then(a.uuid.cmp(&b.uuid)));
            (ls, lr)
        }
    };
    for ls in &switches {
        let text = switch_text(ctx.db, ls);
        ctx.out.push_str(&text);
    }
    for lr in &routers {
        let text = router_text(ctx.db, lr);
        ctx.out.push_str(&text);
    }
    Ok(())
}

fn alias(ids: &std::collections::BTreeMap<String, String>, key: &str) -> String {
    match ids.get(key).filter(|a| !a.is_empty()) {
        Some(a) => format!(" (aka {a})"),
        None => String::new(),
    }
}

fn quoted_list<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    let v: Vec<String> = items.into_iter().map(|a| format!("\"{a}\"")).collect();
    format!("[{}]", v.join(", "))
}

/// One switch's block.
pub fn switch_text(db: &WorkDb, ls: &LogicalSwitch) -> String {
    let mut s = format!(
        "switch {} ({}){}\n",
        ls.uuid,
        ls.name,
        alias(&ls.external_ids, "neutron:network_name")
    );
    for u in &ls.ports {
        let Some(p) = db.typed::<LogicalSwitchPort>(u) else {
            continue;
        };
        s.push_str(&format!(
            "    port {}{}\n",
            p.name,
            alias(&p.external_ids, "neutron:port_name")
        ));
        if !p.type_.is_empty() {
            s.push_str(&format!("        type: {}\n", p.type_));
        }
        if let Some(parent) = &p.parent_name {
            s.push_str(&format!("        parent: {parent}\n"));
        }
        if let Some(tag) = p.tag {
            s.push_str(&format!("        tag: {tag}\n"));
        }
        // A lone "router" address is not worth a line.
        let only_router = p.addresses.len() == 1 && p.addresses.contains("router");
        if !p.addresses.is_empty() && !only_router {
            s.push_str(&format!(
                "        addresses: {}\n",
                quoted_list(&p.addresses)
            ));
        }
        if let Some(rp) = p.options.get("router-port") {
            s.push_str(&format!("        router-port: {rp}\n"));
        }
    }
    s
}

/// One router's block.
pub fn router_text(db: &WorkDb, lr: &LogicalRouter) -> String {
    let mut s = format!(
        "router {} ({}){}\n",
        lr.uuid,
        lr.name,
        alias(&lr.external_ids, "neutron:router_name")
    );
    for u in &lr.ports {
        let Some(p) = db.typed::<LogicalRouterPort>(u) else {
            continue;
        };
        s.push_str(&format!("    port {}\n", p.name));
        s.push_str(&format!("        mac: \"{}\"\n", p.mac));
        if !p.networks.is_empty() {
            s.push_str(&format!("        networks: {}\n", quoted_list(&p.networks)));
        }
        if !p.gateway_chassis.is_empty() {
            let mut gcs: Vec<GatewayChassis> = p
                .gateway_chassis
                .iter()
                .filter_map(|g| db.typed::<GatewayChassis>(g))
                .collect();
            // Highest priority first, ties by name, descending.
            gcs.sort_by(|a, b| b.priority.cmp(&a.priority).then(b.name.cmp(&a.name)));
            let names: Vec<&str> = gcs.iter().map(|g| g.chassis_name.as_str()).collect();
            s.push_str(&format!("        gateway chassis: [{}]\n", names.join(" ")));
        }
    }
    for u in &lr.nat {
        let Some(n) = db.typed::<Nat>(u) else {
            continue;
        };
        s.push_str(&format!("    nat {}\n", n.uuid));
        s.push_str(&format!("        external ip: \"{}\"\n", n.external_ip));
        if !n.external_port_range.is_empty() {
            s.push_str(&format!(
                "        external port(s): \"{}\"\n",
                n.external_port_range
            ));
        }
        s.push_str(&format!("        logical ip: \"{}\"\n", n.logical_ip));
        s.push_str(&format!("        type: \"{}\"\n", n.type_.as_str()));
    }
    s
}
