//! ACL commands: `acl-add`, `acl-del`, `acl-list`, on a logical switch or a port group
//! (`--type=switch|port-group`; without it the name is looked up in both and must be
//! unambiguous).
//!
//! Invariants: every ACL row is referenced by exactly the switch or port group it was
//! added to; ACLs are ordered (for listing and duplicate detection) by direction
//! (`from-lport` first), priority (highest first), then match text, as ovn-nbctl does.

use std::cmp::Ordering;

use ovsdb::typed::nb::{Acl, AclAction, AclDirection, AclSeverity, LogicalSwitch, PortGroup};
use ovsdb::typed::TypedRow;
use uuid::Uuid;

use super::{find_port_group, find_switch, CmdResult, Command, Ctx, Spec};

pub fn specs() -> Vec<Spec> {
    vec![
        Spec {
            name: "acl-add",
            min_args: 5,
            max_args: 5,
            options: &[
                "--log",
                "--meter",
                "--severity",
                "--name",
                "--label",
                "--may-exist",
                "--type",
                "--apply-after-lb",
            ],
            run: acl_add,
        },
        Spec {
            name: "acl-del",
            min_args: 1,
            max_args: 4,
            options: &["--type"],
            run: acl_del,
        },
        Spec {
            name: "acl-list",
            min_args: 1,
            max_args: 1,
            options: &["--type"],
            run: acl_list,
        },
    ]
}

/// What an ACL command applies to.
#[derive(Debug, Clone)]
pub enum Entity {
    Switch(LogicalSwitch),
    PortGroup(PortGroup),
}

impl Entity {
    pub fn acls(&self) -> &std::collections::BTreeSet<Uuid> {
        match self {
            Entity::Switch(ls) => &ls.acls,
            Entity::PortGroup(pg) => &pg.acls,
        }
    }
    fn set_acls(&mut self, acls: std::collections::BTreeSet<Uuid>) {
        match self {
            Entity::Switch(ls) => ls.acls = acls,
            Entity::PortGroup(pg) => pg.acls = acls,
        }
    }
    fn put(&self, ctx: &mut Ctx<'_>) -> CmdResult {
        match self {
            Entity::Switch(ls) => ctx.db.put(ls),
            Entity::PortGroup(pg) => ctx.db.put(pg),
        }
    }
}

/// Resolves the `SWITCH|PORT_GROUP` argument with `--type`.
pub fn entity(ctx: &Ctx<'_>, cmd: &Command, id: &str) -> Result<Entity, String> {
    match cmd.value("--type") {
        Some("switch") => Ok(Entity::Switch(
            find_switch(ctx.db, id, true)?.ok_or("switch not found")?,
        )),
        Some("port-group") => Ok(Entity::PortGroup(
            find_port_group(ctx.db, id, true)?.ok_or("port group not found")?,
        )),
        Some(other) => Err(format!("Invalid value '{other}' for option --type")),
        None => {
            let pg = find_port_group(ctx.db, id, false)?;
            let ls = find_switch(ctx.db, id, false)?;
            match (pg, ls) {
                (Some(_), Some(_)) => Err(format!(
                    "Same name '{id}' exists in both port-groups and logical switches. Specify --type=port-group or switch, or use a UUID."
                )),
                (Some(pg), None) => Ok(Entity::PortGroup(pg)),
                (None, Some(ls)) => Ok(Entity::Switch(ls)),
                (None, None) => Err(format!("'{id}' is not found for port-group or switch.")),
            }
        }
    }
}

pub fn parse_direction(s: &str) -> Result<AclDirection, String> {
    match s {
        "from-lport" | "to-lport" => Ok(AclDirection::from(s)),
        _ => Err(format!(
            "{s}: direction must be \"to-lport\" or \"from-lport\""
        )),
    }
}

pub fn parse_priority(s: &str) -> Result<i64, String> {
    s.parse::<i64>()
        .ok()
        .filter(|p| (0..=32767).contains(p))
        .ok_or_else(|| format!("{s}: priority must in range 0...32767"))
}

pub fn parse_action(s: &str) -> Result<AclAction, String> {
    match s {
        "allow" | "allow-related" | "allow-stateless" | "drop" | "reject" => Ok(AclAction::from(s)),
        _ => Err(format!(
            "{s}: action must be one of \"allow\", \"allow-related\", \"allow-stateless\", \"drop\", and \"reject\""
        )),
    }
}

pub fn parse_severity(s: &str) -> Result<AclSeverity, String> {
    match s {
        "alert" | "warning" | "notice" | "info" | "debug" => Ok(AclSeverity::from(s)),
        _ => Err(format!("bad severity: {s}")),
    }
}

/// ovn-nbctl's ACL order.
pub fn acl_cmp(a: &Acl, b: &Acl) -> Ordering {
    let dir = |x: &Acl| u8::from(x.direction != AclDirection::FromLport);
    dir(a)
        .cmp(&dir(b))
        .then(b.priority.cmp(&a.priority))
        .then(a.match_.cmp(&b.match_))
}

fn acl_add(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut ent = entity(ctx, cmd, &cmd.args[0])?;
    let direction = parse_direction(&cmd.args[1])?;
    let priority = parse_priority(&cmd.args[2])?;
    let action = parse_action(&cmd.args[4])?;
    let mut acl = Acl {
        direction,
        priority,
        match_: cmd.args[3].clone(),
        action,
        ..Acl::default()
    };
    let severity = cmd.value("--severity");
    let name = cmd.value("--name");
    let meter = cmd.value("--meter");
    if cmd.has("--log") || severity.is_some() || name.is_some() || meter.is_some() {
        if let Some(s) = severity {
            acl.severity = Some(parse_severity(s)?);
        }
        acl.log = true;
    }
    acl.name = name.map(str::to_string);
    acl.meter = meter.map(str::to_string);
    if let Some(label) = cmd.value("--label") {
        if !matches!(acl.action, AclAction::Allow | AclAction::AllowRelated) {
            return Err("label can only be set with actions \"allow\" or \"allow-related\"".into());
        }
        acl.label = label
            .parse::<i64>()
            .ok()
            .filter(|l| (0..=u32::MAX as i64).contains(l))
            .ok_or_else(|| format!("{label}: label must in range 0...4294967295"))?;
    }
    if cmd.has("--apply-after-lb") {
        acl.options.insert("apply-after-lb".into(), "true".into());
    }
    let existing: Vec<Acl> = ent
        .acls()
        .iter()
        .filter_map(|u| ctx.db.typed::<Acl>(u))
        .collect();
    if existing.iter().any(|e| acl_cmp(e, &acl) == Ordering::Equal) {
        if cmd.has("--may-exist") {
            return Ok(());
        }
        return Err(format!(
            "Same ACL already existed on the ls {}.",
            cmd.args[0]
        ));
    }
    let uuid = ctx.db.insert(&acl)?;
    let mut acls = ent.acls().clone();
    acls.insert(uuid);
    ent.set_acls(acls);
    ent.put(ctx)
}

fn acl_del(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let mut ent = entity(ctx, cmd, &cmd.args[0])?;
    let acls: Vec<Acl> = ent
        .acls()
        .iter()
        .filter_map(|u| ctx.db.typed::<Acl>(u))
        .collect();
    let doomed: Vec<Uuid> = match cmd.args.len() {
        1 => acls.iter().map(|a| a.uuid).collect(),
        n => {
            let dir = parse_direction(&cmd.args[1])?;
            if n == 3 {
                return Err("cannot specify priority without match".into());
            }
            let prio = if n == 4 {
                Some(parse_priority(&cmd.args[2])?)
            } else {
                None
            };
            acls.iter()
                .filter(|a| a.direction == dir)
                .filter(|a| prio.is_none_or(|p| a.priority == p && a.match_ == cmd.args[3]))
                .map(|a| a.uuid)
                .collect()
        }
    };
    if doomed.is_empty() {
        return Ok(());
    }
    let mut left = ent.acls().clone();
    for u in &doomed {
        left.remove(u);
    }
    ent.set_acls(left);
    ent.put(ctx)?;
    for u in doomed {
        ctx.db.delete(Acl::TABLE, u);
    }
    Ok(())
}

/// One `acl-list` line (without the newline).
pub fn acl_line(acl: &Acl) -> String {
    let mut s = format!(
        "{:>10} {:>5} ({}) {}",
        acl.direction.as_str(),
        acl.priority,
        acl.match_,
        acl.action.as_str()
    );
    if acl.log {
        let mut parts = Vec::new();
        if let Some(n) = &acl.name {
            parts.push(format!("name={n}"));
        }
        if let Some(sev) = &acl.severity {
            parts.push(format!("severity={}", sev.as_str()));
        }
        if let Some(m) = &acl.meter {
            parts.push(format!("meter=\"{m}\""));
        }
        s.push_str(&format!(" log({})", parts.join(",")));
    }
    if acl.label != 0 {
        s.push_str(&format!(" label={}", acl.label));
    }
    if acl.options.get("apply-after-lb").map(String::as_str) == Some("true") {
        s.push_str(" [after-lb]");
    }
    s
}

fn acl_list(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let ent = entity(ctx, cmd, &cmd.args[0])?;
    let mut acls: Vec<Acl> = ent
        .acls()
        .iter()
        .filter_map(|u| ctx.db.typed::<Acl>(u))
        .collect();
    acls.sort_by(acl_cmp);
    for a in &acls {
        ctx.out.push_str(&acl_line(a));
        ctx.out.push('\n');
    }
    Ok(())
}
