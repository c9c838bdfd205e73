//! Port group commands: `pg-add`, `pg-set-ports`, `pg-del`.
//!
//! Invariant: a port group's `ports` names existing switch ports (weak references);
//! ports are looked up by name or uuid, and a missing one is an error before anything
//! is written. `pg-add` does not check the name itself: the `name` index of
//! `Port_Group` makes the server refuse a duplicate, as with ovn-nbctl.

use std::collections::BTreeSet;

use ovsdb::typed::nb::PortGroup;
use ovsdb::typed::TypedRow;
use uuid::Uuid;

use super::{find_port, find_port_group, CmdResult, Command, Ctx, Spec};

pub fn specs() -> Vec<Spec> {
    vec![
        Spec {
            name: "pg-add",
            min_args: 1,
            max_args: super::MANY,
            options: &[],
            run: pg_add,
        },
        Spec {
            name: "pg-set-ports",
            min_args: 2,
            max_args: super::MANY,
            options: &[],
            run: pg_set_ports,
        },
        Spec {
            name: "pg-del",
            min_args: 1,
            max_args: 1,
            options: &[],
            run: pg_del,
        },
    ]
}

fn ports(ctx: &Ctx<'_>, names: &[String]) -> Result<BTreeSet<Uuid>, String> {
    names
        .iter()
        .map(|n| Ok(find_port(ctx.db, n, true)?.ok_or("port not found")?.uuid))
        .collect()
}

fn pg_add(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let pg = PortGroup {
        name: cmd.args[0].clone(),
        ports: ports(ctx, &cmd.args[1..])?,
        ..PortGroup::default()
    };
    ctx.db.insert(&pg)?;
    Ok(())
}

fn pg_set_ports(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut pg = find_port_group(ctx.db, &cmd.args[0], true)?.ok_or("port group not found")?;
    pg.ports = ports(ctx, &cmd.args[1..])?;
    ctx.db.put(&pg)
}

fn pg_del(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let pg = find_port_group(ctx.db, &cmd.args[0], true)?.ok_or("port group not found")?;
    ctx.db.delete(PortGroup::TABLE, pg.uuid);
    Ok(())
}
