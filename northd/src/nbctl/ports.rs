//! Logical switch port commands: `lsp-add`, `lsp-del`, `lsp-list`, `lsp-get-ls`,
//! `lsp-set/get-addresses`, `lsp-set/get-port-security`, `lsp-get-up`,
//! `lsp-set/get-enabled`, `lsp-set/get-type`, `lsp-set/get-options`.
//!
//! Invariant: a port is in exactly one switch's `ports`; `lsp-add` adds the row and the
//! reference together and `lsp-del` removes both.

use std::collections::{BTreeMap, BTreeSet};

use std::net::IpAddr;

use ovsdb::typed::nb::{LogicalSwitch, LogicalSwitchPort};
use ovsdb::typed::TypedRow;

use super::{
    find_port, find_switch, print_lines, print_named, switch_of_port, CmdResult, Command, Ctx, Spec,
};

pub fn specs() -> Vec<Spec> {
    let s = |name, min_args, max_args, options, run| Spec {
        name,
        min_args,
        max_args,
        options,
        run,
    };
    vec![
        s(
            "lsp-add",
            2,
            4,
            &["--may-exist"] as &[&str],
            lsp_add as super::Run,
        ),
        s("lsp-del", 1, 1, &["--if-exists"], lsp_del),
        s("lsp-list", 1, 1, &[], lsp_list),
        s("lsp-get-ls", 1, 1, &[], lsp_get_ls),
        s("lsp-get-parent", 1, 1, &[], lsp_get_parent),
        s("lsp-get-tag", 1, 1, &[], lsp_get_tag),
        s("lsp-set-addresses", 1, super::MANY, &[], lsp_set_addresses),
        s("lsp-get-addresses", 1, 1, &[], lsp_get_addresses),
        s(
            "lsp-set-port-security",
            1,
            super::MANY,
            &[],
            lsp_set_port_security,
        ),
        s("lsp-get-port-security", 1, 1, &[], lsp_get_port_security),
        s("lsp-get-up", 1, 1, &[], lsp_get_up),
        s("lsp-set-enabled", 2, 2, &[], lsp_set_enabled),
        s("lsp-get-enabled", 1, 1, &[], lsp_get_enabled),
        s("lsp-set-type", 2, 2, &[], lsp_set_type),
        s("lsp-get-type", 1, 1, &[], lsp_get_type),
        s("lsp-set-options", 1, super::MANY, &[], lsp_set_options),
        s("lsp-get-options", 1, 1, &[], lsp_get_options),
    ]
}

/// The port types ovn-northd 23.03 knows (`ovn-nb(5)`, Logical_Switch_Port.type).
pub const PORT_TYPES: &[&str] = &[
    "",
    "router",
    "localnet",
    "localport",
    "l2gateway",
    "vtep",
    "external",
    "virtual",
    "remote",
];

fn lsp_add(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let may_exist = cmd.has("--may-exist");
    let ls = find_switch(ctx.db, &cmd.args[0], true)?.ok_or("switch not found")?;
    let name = &cmd.args[1];
    let (parent, tag) = match cmd.args.len() {
        2 => (None, None),
        3 => return Err("lsp-add with parent must also specify a tag".into()),
        _ => {
            let t = &cmd.args[3];
            let tag = t
                .parse::<i64>()
                .ok()
                .filter(|t| (0..=4095).contains(t))
                .ok_or_else(|| format!("{t}: invalid tag (must be in range 0 to 4095)"))?;
            (Some(cmd.args[2].clone()), Some(tag))
        }
    };
    if let Some(lsp) = find_port(ctx.db, name, false)? {
        if !may_exist {
            return Err(format!("{name}: a port with this name already exists"));
        }
        let owner = switch_of_port(ctx.db, lsp.uuid)?;
        match owner {
            Some(o) if o.uuid == ls.uuid => {}
            Some(o) => {
                return Err(format!(
                    "{name}: port already exists but in switch {}",
                    o.name
                ))
            }
            None => return Err(format!("{name}: port already exists but in another switch")),
        }
        match (&parent, &lsp.parent_name) {
            (Some(_), None) => {
                return Err(format!("{name}: port already exists but has no parent"))
            }
            (Some(p), Some(q)) if p != q => {
                return Err(format!(
                    "{name}: port already exists with different parent {q}"
                ))
            }
            (None, Some(q)) => {
                return Err(format!("{name}: port already exists but has parent {q}"))
            }
            _ => {}
        }
        if let Some(t) = tag {
            match lsp.tag_request {
                None => {
                    return Err(format!(
                        "{name}: port already exists but has no tag_request"
                    ))
                }
                Some(r) if r != t => {
                    return Err(format!(
                        "{name}: port already exists with different tag_request {r}"
                    ))
                }
                _ => {}
            }
        }
        return Ok(());
    }
    let lsp = LogicalSwitchPort {
        name: name.clone(),
        parent_name: parent,
        tag_request: tag,
        ..LogicalSwitchPort::default()
    };
    let uuid = ctx.db.insert(&lsp)?;
    ctx.db
        .update_ref_set(LogicalSwitch::TABLE, ls.uuid, "ports", uuid, true)
}

fn lsp_del(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let must_exist = !cmd.has("--if-exists");
    let Some(lsp) = find_port(ctx.db, &cmd.args[0], must_exist)? else {
        return Ok(());
    };
    if let Some(ls) = switch_of_port(ctx.db, lsp.uuid)? {
        ctx.db
            .update_ref_set(LogicalSwitch::TABLE, ls.uuid, "ports", lsp.uuid, false)?;
    }
    ctx.db.delete(LogicalSwitchPort::TABLE, lsp.uuid);
    Ok(())
}

fn lsp_list(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let ls = find_switch(ctx.db, &cmd.args[0], true)?.ok_or("switch not found")?;
    let ports: Vec<(uuid::Uuid, String)> = ls
        .ports
        .iter()
        .filter_map(|u| ctx.db.typed::<LogicalSwitchPort>(u))
        .map(|p| (p.uuid, p.name))
        .collect();
    print_named(&mut ctx.out, ports);
    Ok(())
}

fn port(ctx: &Ctx<'_>, id: &str) -> Result<LogicalSwitchPort, String> {
    find_port(ctx.db, id, true)?.ok_or_else(|| format!("{id}: port name not found"))
}

fn lsp_get_ls(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    match switch_of_port(ctx.db, lsp.uuid)? {
        Some(ls) => {
            ctx.out.push_str(&format!("{} ({})\n", ls.uuid, ls.name));
            Ok(())
        }
        None => Err(format!(
            "logical port {} is not part of any logical switch",
            cmd.args[0]
        )),
    }
}

/// True for the `addresses` entries ovn-nbctl accepts: a keyword, `dynamic IP...`, or
/// an entry that starts with an Ethernet address.
fn valid_address(a: &str) -> bool {
    matches!(a, "unknown" | "dynamic" | "router")
        || a.starts_with("dynamic ")
        || a.split_whitespace().next().is_some_and(is_mac)
}

fn is_mac(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() == 6
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn lsp_get_parent(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    if let Some(p) = lsp.parent_name {
        ctx.out.push_str(&format!("{p}\n"));
    }
    Ok(())
}

fn lsp_get_tag(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    if let Some(t) = lsp.tag {
        ctx.out.push_str(&format!("{t}\n"));
    }
    Ok(())
}

/// The IP addresses of an `addresses` entry that starts with a MAC (`MAC IP...`);
/// nothing for keywords and `dynamic` forms.
fn entry_ips(entry: &str) -> Vec<(IpAddr, String)> {
    let mut words = entry.split_whitespace();
    if !words.next().is_some_and(is_mac) {
        return Vec::new();
    }
    words
        .filter_map(|w| {
            let addr = w.split('/').next().unwrap_or(w);
            addr.parse::<IpAddr>().ok().map(|ip| (ip, addr.to_string()))
        })
        .collect()
}

fn is_dynamic(entry: &str) -> bool {
    entry == "dynamic" || entry.starts_with("dynamic ") || entry.ends_with(" dynamic")
}

/// ovn-nbctl refuses an address whose IP another port of the same switch already
/// uses (its `dynamic_addresses` standing for a dynamic entry).
fn check_duplicates(
    ctx: &Ctx<'_>,
    ls: &LogicalSwitch,
    lsp: &LogicalSwitchPort,
    entry: &str,
) -> CmdResult {
    let mine = entry_ips(entry);
    if mine.is_empty() {
        return Ok(());
    }
    for other in ls.ports.iter().filter(|u| **u != lsp.uuid) {
        let Some(o) = ctx.db.typed::<LogicalSwitchPort>(other) else {
            continue;
        };
        for a in &o.addresses {
            let a = match (&o.dynamic_addresses, is_dynamic(a)) {
                (Some(d), true) => d.as_str(),
                _ => a.as_str(),
            };
            let theirs = entry_ips(a);
            for (ip, text) in &mine {
                if theirs.iter().any(|(t, _)| t == ip) {
                    let family = if ip.is_ipv4() { "IPv4" } else { "IPv6" };
                    return Err(format!(
                        "Error on switch {}: duplicate {family} address '{text}' found on logical switch port '{}'",
                        ls.name, o.name
                    ));
                }
            }
        }
    }
    Ok(())
}

fn lsp_set_addresses(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut lsp = port(ctx, &cmd.args[0])?;
    let ls = switch_of_port(ctx.db, lsp.uuid)?.ok_or_else(|| {
        format!(
            "logical port {} is not part of any logical switch",
            cmd.args[0]
        )
    })?;
    for a in &cmd.args[1..] {
        if !valid_address(a) {
            return Err(format!(
                "{a}: Invalid address format. See ovn-nb(5). Hint: An Ethernet address must be listed before an IP address, together as a single argument."
            ));
        }
        check_duplicates(ctx, &ls, &lsp, a)?;
    }
    lsp.addresses = cmd.args[1..].iter().cloned().collect();
    ctx.db.put(&lsp)
}

fn lsp_get_addresses(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    print_lines(&mut ctx.out, &lsp.addresses);
    Ok(())
}

fn lsp_set_port_security(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut lsp = port(ctx, &cmd.args[0])?;
    lsp.port_security = cmd.args[1..].iter().cloned().collect::<BTreeSet<_>>();
    ctx.db.put(&lsp)
}

fn lsp_get_port_security(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    print_lines(&mut ctx.out, &lsp.port_security);
    Ok(())
}

fn lsp_get_up(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    let s = if lsp.up == Some(true) { "up" } else { "down" };
    ctx.out.push_str(s);
    ctx.out.push('\n');
    Ok(())
}

fn lsp_set_enabled(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut lsp = port(ctx, &cmd.args[0])?;
    lsp.enabled = match cmd.args[1].as_str() {
        "enabled" => Some(true),
        "disabled" => Some(false),
        other => {
            return Err(format!(
                "{other}: state must be \"enabled\" or \"disabled\""
            ))
        }
    };
    ctx.db.put(&lsp)
}

fn lsp_get_enabled(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    let s = if lsp.enabled == Some(false) {
        "disabled"
    } else {
        "enabled"
    };
    ctx.out.push_str(s);
    ctx.out.push('\n');
    Ok(())
}

fn lsp_set_type(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut lsp = port(ctx, &cmd.args[0])?;
    let t = &cmd.args[1];
    if !PORT_TYPES.contains(&t.as_str()) {
        return Err(format!(
            "Logical switch port type '{t}' is unrecognized. Not setting type."
        ));
    }
    lsp.type_ = t.clone();
    ctx.db.put(&lsp)
}

fn lsp_get_type(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    ctx.out.push_str(&lsp.type_);
    ctx.out.push('\n');
    Ok(())
}

fn lsp_set_options(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut lsp = port(ctx, &cmd.args[0])?;
    let mut options = BTreeMap::new();
    // As ovn-nbctl: an argument without '=' is ignored.
    for kv in &cmd.args[1..] {
        if let Some((k, v)) = kv.split_once('=') {
            options.insert(k.to_string(), v.to_string());
        }
    }
    lsp.options = options;
    ctx.db.put(&lsp)
}

fn lsp_get_options(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    for (k, v) in &lsp.options {
        ctx.out.push_str(&format!("{k}={v}\n"));
    }
    Ok(())
}
