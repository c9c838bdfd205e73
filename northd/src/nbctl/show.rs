//! `show [SWITCH]`: the logical switches with their ports, as ovn-nbctl 23.03 prints
//! them (logical routers are not printed: rovn does not manage them yet).
//!
//! Invariant: switches are printed in name order (then uuid), ports in the order of the
//! switch's `ports` set (uuid order), the same order the C IDL gives.

use ovsdb::typed::nb::{LogicalSwitch, LogicalSwitchPort};

use super::{find_switch, CmdResult, Command, Ctx, Spec};

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
    let switches: Vec<LogicalSwitch> = match cmd.args.first() {
        Some(id) => vec![find_switch(ctx.db, id, true)?.ok_or("switch not found")?],
        None => {
            let mut v = ctx.db.all::<LogicalSwitch>()?;
            v.sort_by(|a, b| a.name.cmp(&b.name).then(a.uuid.cmp(&b.uuid)));
            v
        }
    };
    for ls in &switches {
        let text = switch_text(ctx, ls);
        ctx.out.push_str(&text);
    }
    Ok(())
}

/// One switch's block.
pub fn switch_text(ctx: &Ctx<'_>, ls: &LogicalSwitch) -> String {
    let mut s = format!("switch {} ({})", ls.uuid, ls.name);
    if let Some(a) = ls.external_ids.get("neutron:network_name") {
        s.push_str(&format!(" (aka {a})"));
    }
    s.push('\n');
    for u in &ls.ports {
        let Some(p) = ctx.db.typed::<LogicalSwitchPort>(u) else {
            continue;
        };
        s.push_str(&format!("    port {}\n", p.name));
        if let Some(a) = p
            .external_ids
            .get("neutron:port_name")
            .filter(|a| !a.is_empty())
        {
            s.push_str(&format!("        (aka {a})\n"));
        }
        if let Some(parent) = &p.parent_name {
            s.push_str(&format!("        parent: {parent}\n"));
        }
        if let Some(tag) = p.tag {
            s.push_str(&format!("        tag: {tag}\n"));
        }
        if !p.type_.is_empty() {
            s.push_str(&format!("        type: {}\n", p.type_));
        }
        if p.type_ == "router" {
            if let Some(rp) = p.options.get("router-port") {
                s.push_str(&format!("        router-port: {rp}\n"));
            }
        }
        if !p.addresses.is_empty() {
            let a: Vec<String> = p.addresses.iter().map(|a| format!("\"{a}\"")).collect();
            s.push_str(&format!("        addresses: [{}]\n", a.join(", ")));
        }
    }
    s
}
