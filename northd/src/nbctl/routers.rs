//! Logical router commands: `lr-add`, `lr-del`, `lr-list`, `lrp-add`, `lrp-del`,
//! `lrp-list` (the router objects `show` prints; NAT, routes and policies are managed
//! with the generic database commands for now).
//!
//! Invariant: a router port is in exactly one router's `ports`; `lrp-add` adds the row
//! and the reference together, `lrp-del` removes both, and a deleted router takes its
//! ports with it (garbage collection of the working copy, as the server's).

use std::collections::BTreeSet;
use std::net::IpAddr;

use ovsdb::data::Atom;
use ovsdb::typed::nb::{LogicalRouter, LogicalRouterPort};
use ovsdb::typed::TypedRow;
use uuid::Uuid;

use super::work::WorkDb;
use super::{print_named, CmdResult, Command, Ctx, Spec, MANY};

pub fn specs() -> Vec<Spec> {
    vec![
        Spec {
            name: "lr-add",
            min_args: 0,
            max_args: 1,
            options: &["--may-exist", "--add-duplicate"],
            run: lr_add,
        },
        Spec {
            name: "lr-del",
            min_args: 1,
            max_args: 1,
            options: &["--if-exists"],
            run: lr_del,
        },
        Spec {
            name: "lr-list",
            min_args: 0,
            max_args: 0,
            options: &[],
            run: lr_list,
        },
        Spec {
            name: "lrp-add",
            min_args: 4,
            max_args: MANY,
            options: &["--may-exist"],
            run: lrp_add,
        },
        Spec {
            name: "lrp-del",
            min_args: 1,
            max_args: 1,
            options: &["--if-exists"],
            run: lrp_del,
        },
        Spec {
            name: "lrp-list",
            min_args: 1,
            max_args: 1,
            options: &[],
            run: lrp_list,
        },
    ]
}

fn kind(id: &str) -> &'static str {
    if ovsdb::data::parse_uuid(id).is_some() {
        "UUID"
    } else {
        "name"
    }
}

fn by_uuid_or_name<T: TypedRow>(db: &WorkDb, id: &str) -> Vec<T> {
    if let Some(u) = ovsdb::data::parse_uuid(id) {
        if let Some(r) = db.typed::<T>(&u) {
            return vec![r];
        }
    }
    db.find_by_string(T::TABLE, "name", id)
        .iter()
        .filter_map(|u| db.typed::<T>(u))
        .collect()
}

/// A router by uuid or name.
pub fn find_router(
    db: &WorkDb,
    id: &str,
    must_exist: bool,
) -> Result<Option<LogicalRouter>, String> {
    let mut found = by_uuid_or_name::<LogicalRouter>(db, id);
    match found.len() {
        1 => Ok(found.pop()),
        0 if must_exist => Err(format!("{id}: router {} not found", kind(id))),
        0 => Ok(None),
        _ => Err(format!(
            "Multiple logical routers named '{id}'.  Use a UUID."
        )),
    }
}

fn find_lrp(db: &WorkDb, id: &str, must_exist: bool) -> Result<Option<LogicalRouterPort>, String> {
    match by_uuid_or_name::<LogicalRouterPort>(db, id)
        .into_iter()
        .next()
    {
        Some(p) => Ok(Some(p)),
        None if must_exist => Err(format!("{id}: port {} not found", kind(id))),
        None => Ok(None),
    }
}

fn router_of_port(db: &WorkDb, port: Uuid) -> Option<LogicalRouter> {
    let owners = db.find_containing(LogicalRouter::TABLE, "ports", &Atom::Uuid(port));
    owners.first().and_then(|u| db.typed::<LogicalRouter>(u))
}

fn lr_add(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let may_exist = cmd.has("--may-exist");
    let add_duplicate = cmd.has("--add-duplicate");
    if may_exist && add_duplicate {
        return Err("--may-exist and --add-duplicate may not be used together".into());
    }
    let name = cmd.args.first();
    match name {
        Some(name) => {
            let taken = !ctx
                .db
                .find_by_string(LogicalRouter::TABLE, "name", name)
                .is_empty();
            if !add_duplicate && taken {
                if may_exist {
                    return Ok(());
                }
                return Err(format!("{name}: a router with this name already exists"));
            }
        }
        None if may_exist => return Err("--may-exist requires specifying a name".into()),
        None if add_duplicate => return Err("--add-duplicate requires specifying a name".into()),
        None => {}
    }
    let lr = LogicalRouter {
        name: name.cloned().unwrap_or_default(),
        ..LogicalRouter::default()
    };
    ctx.db.insert(&lr)?;
    Ok(())
}

fn lr_del(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    if let Some(lr) = find_router(ctx.db, &cmd.args[0], !cmd.has("--if-exists"))? {
        ctx.db.delete(LogicalRouter::TABLE, lr.uuid);
    }
    Ok(())
}

fn lr_list(ctx: &mut Ctx<'_>, _cmd: &Command) -> CmdResult {
    let all = ctx.db.all::<LogicalRouter>()?;
    print_named(&mut ctx.out, all.into_iter().map(|r| (r.uuid, r.name)));
    Ok(())
}

fn is_mac(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() == 6
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `IP/PLEN` with a prefix length that fits the family.
fn is_network(s: &str) -> bool {
    let (ip, plen) = s.split_once('/').unwrap_or((s, ""));
    let Ok(ip) = ip.parse::<IpAddr>() else {
        return false;
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    plen.is_empty() || plen.parse::<u8>().is_ok_and(|p| p <= max)
}

fn lrp_add(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lr = find_router(ctx.db, &cmd.args[0], true)?.ok_or("router not found")?;
    let name = &cmd.args[1];
    let mac = &cmd.args[2];
    let rest = &cmd.args[3..];
    let n_networks = rest
        .iter()
        .position(|a| a.contains('='))
        .unwrap_or(rest.len());
    let (networks, settings) = rest.split_at(n_networks);
    if networks.is_empty() {
        return Err(format!("{name}: router port requires specifying a network"));
    }
    if !is_mac(mac) {
        return Err(format!("{name}: invalid mac address {mac}"));
    }
    if let Some(lrp) = find_lrp(ctx.db, name, false)? {
        if !cmd.has("--may-exist") {
            return Err(format!("{name}: a port with this name already exists"));
        }
        match router_of_port(ctx.db, lrp.uuid) {
            Some(owner) if owner.uuid == lr.uuid => {}
            Some(owner) => {
                let shown = if owner.name.is_empty() {
                    owner.uuid.to_string()
                } else {
                    owner.name
                };
                return Err(format!("{name}: port already exists but in router {shown}"));
            }
            None => return Err(format!("port {name} is not part of any logical router")),
        }
        if !lrp.mac.eq_ignore_ascii_case(mac) {
            return Err(format!("{name}: port already exists with mac {}", lrp.mac));
        }
        let want: BTreeSet<&String> = networks.iter().collect();
        if want != lrp.networks.iter().collect() {
            return Err(format!(
                "{name}: port already exists with different network"
            ));
        }
        let peer = settings.iter().find_map(|s| s.strip_prefix("peer="));
        if peer != lrp.peer.as_deref() {
            return Err(format!("{name}: port already exists with mismatching peer"));
        }
        return Ok(());
    }
    if let Some(bad) = networks.iter().find(|n| !is_network(n)) {
        return Err(format!("{name}: invalid network address: {bad}"));
    }
    let lrp = LogicalRouterPort {
        name: name.clone(),
        mac: mac.clone(),
        networks: networks.iter().cloned().collect(),
        ..LogicalRouterPort::default()
    };
    let uuid = ctx.db.insert(&lrp)?;
    let ts = super::db::table(ctx, LogicalRouterPort::TABLE)?;
    for s in settings {
        super::db::assign(ctx, &ts, uuid, s)?;
    }
    ctx.db
        .update_ref_set(LogicalRouter::TABLE, lr.uuid, "ports", uuid, true)
}

fn lrp_del(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let Some(lrp) = find_lrp(ctx.db, &cmd.args[0], !cmd.has("--if-exists"))? else {
        return Ok(());
    };
    if let Some(lr) = router_of_port(ctx.db, lrp.uuid) {
        ctx.db
            .update_ref_set(LogicalRouter::TABLE, lr.uuid, "ports", lrp.uuid, false)?;
    }
    ctx.db.delete(LogicalRouterPort::TABLE, lrp.uuid);
    Ok(())
}

fn lrp_list(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lr = find_router(ctx.db, &cmd.args[0], true)?.ok_or("router not found")?;
    let ports: Vec<(Uuid, String)> = lr
        .ports
        .iter()
        .filter_map(|u| ctx.db.typed::<LogicalRouterPort>(u))
        .map(|p| (p.uuid, p.name))
        .collect();
    print_named(&mut ctx.out, ports);
    Ok(())
}
