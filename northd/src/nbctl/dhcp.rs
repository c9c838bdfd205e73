//! DHCP options commands: `dhcp-options-create`, `dhcp-options-del`,
//! `dhcp-options-list`, `dhcp-options-set-options`, `dhcp-options-get-options`, and a
//! port's `lsp-set/get-dhcpv4-options`, `lsp-set/get-dhcpv6-options`.
//!
//! Invariants: a `DHCP_Options` row is named by its uuid only (as ovn-nbctl); its
//! `cidr` is a valid IPv4 or IPv6 network; a port refers to IPv4 options from
//! `dhcpv4_options` and IPv6 options from `dhcpv6_options` only.

use std::collections::BTreeMap;
use std::net::IpAddr;

use ovsdb::typed::nb::{DhcpOptions, LogicalSwitchPort};
use ovsdb::typed::TypedRow;

use super::{find_port, CmdResult, Command, Ctx, Spec, MANY};

pub fn specs() -> Vec<Spec> {
    let s = |name, min_args, max_args, run| Spec {
        name,
        min_args,
        max_args,
        options: &[],
        run,
    };
    vec![
        s("dhcp-options-create", 1, MANY, create as super::Run),
        s("dhcp-options-del", 1, 1, del),
        s("dhcp-options-list", 0, 0, list),
        s("dhcp-options-set-options", 1, MANY, set_options),
        s("dhcp-options-get-options", 1, 1, get_options),
        s("lsp-set-dhcpv4-options", 1, 2, lsp_set_v4),
        s("lsp-get-dhcpv4-options", 1, 1, lsp_get_v4),
        s("lsp-set-dhcpv6-options", 1, 2, lsp_set_v6),
        s("lsp-get-dhcpv6-options", 1, 1, lsp_get_v6),
    ]
}

/// The address family of `ip[/plen]`, if it is one.
fn cidr_family(cidr: &str) -> Option<bool> {
    let (ip, plen) = match cidr.split_once('/') {
        Some((ip, p)) => (ip, Some(p)),
        None => (cidr, None),
    };
    let ip: IpAddr = ip.parse().ok()?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    if let Some(p) = plen {
        if !p.parse::<u8>().is_ok_and(|p| p <= max) {
            return None;
        }
    }
    Some(ip.is_ipv4())
}

/// `KEY=VALUE` words as a map (words without `=` are ignored, as ovn-nbctl does).
fn pairs(words: &[String]) -> BTreeMap<String, String> {
    words
        .iter()
        .filter_map(|w| w.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn options(ctx: &Ctx<'_>, id: &str) -> Result<DhcpOptions, String> {
    ovsdb::data::parse_uuid(id)
        .and_then(|u| ctx.db.typed::<DhcpOptions>(&u))
        .ok_or_else(|| format!("{id}: dhcp options UUID not found"))
}

fn create(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let cidr = &cmd.args[0];
    if cidr_family(cidr).is_none() {
        return Err(format!("Invalid cidr format '{cidr}'"));
    }
    let row = DhcpOptions {
        cidr: cidr.clone(),
        external_ids: pairs(&cmd.args[1..]),
        ..DhcpOptions::default()
    };
    ctx.db.insert(&row)?;
    Ok(())
}

fn del(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let row = options(ctx, &cmd.args[0])?;
    ctx.db.delete(DhcpOptions::TABLE, row.uuid);
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, _cmd: &Command) -> CmdResult {
    for row in ctx.db.all::<DhcpOptions>()? {
        ctx.out.push_str(&format!("{}\n", row.uuid));
    }
    Ok(())
}

fn set_options(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut row = options(ctx, &cmd.args[0])?;
    row.options = pairs(&cmd.args[1..]);
    ctx.db.put(&row)
}

fn get_options(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let row = options(ctx, &cmd.args[0])?;
    for (k, v) in &row.options {
        ctx.out.push_str(&format!("{k}={v}\n"));
    }
    Ok(())
}

fn port(ctx: &Ctx<'_>, id: &str) -> Result<LogicalSwitchPort, String> {
    find_port(ctx.db, id, true)?.ok_or_else(|| format!("{id}: port name not found"))
}

fn lsp_set(ctx: &mut Ctx<'_>, cmd: &Command, v4: bool) -> CmdResult {
    let mut lsp = port(ctx, &cmd.args[0])?;
    let opts = match cmd.args.get(1) {
        Some(id) => {
            let o = options(ctx, id)?;
            if cidr_family(&o.cidr) != Some(v4) {
                let fam = if v4 { "IPv4" } else { "IPv6" };
                return Err(format!("DHCP options cidr '{}' is not {fam}", o.cidr));
            }
            Some(o.uuid)
        }
        None => None,
    };
    if v4 {
        lsp.dhcpv4_options = opts;
    } else {
        lsp.dhcpv6_options = opts;
    }
    ctx.db.put(&lsp)
}

fn lsp_get(ctx: &mut Ctx<'_>, cmd: &Command, v4: bool) -> CmdResult {
    let lsp = port(ctx, &cmd.args[0])?;
    let opts = if v4 {
        lsp.dhcpv4_options
    } else {
        lsp.dhcpv6_options
    };
    if let Some(o) = opts.and_then(|u| ctx.db.typed::<DhcpOptions>(&u)) {
        ctx.out.push_str(&format!("{} ({})\n", o.uuid, o.cidr));
    }
    Ok(())
}

fn lsp_set_v4(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    lsp_set(ctx, cmd, true)
}
fn lsp_get_v4(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    lsp_get(ctx, cmd, true)
}
fn lsp_set_v6(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    lsp_set(ctx, cmd, false)
}
fn lsp_get_v6(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    lsp_get(ctx, cmd, false)
}
