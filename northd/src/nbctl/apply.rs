//! `rovn-nbctl apply -f FILE [--dry-run]`: converge the NB database to a declarative
//! document in ONE transaction.
//!
//! # The document (YAML, or JSON which is read the same way)
//!
//! ```yaml
//! address_sets:                  # Address_Set rows, by name
//!   - name: web
//!     addresses: [10.0.0.1, 10.0.0.2]
//! switches:                      # Logical_Switch rows, by name
//!   - name: sw0
//!     other_config: {subnet: 10.0.0.0/24}
//!     external_ids: {owner: k8s}
//! ports:                         # Logical_Switch_Port rows, by name
//!   - name: p1
//!     switch: sw0                # required: the switch that holds the port
//!     addresses: ["00:00:00:00:00:01 10.0.0.1"]
//!     port_security: ["00:00:00:00:00:01 10.0.0.1"]
//!     type: ""                   # "", router, localnet, localport, ...
//!     options: {}
//!     enabled: true
//!     external_ids: {}
//!   - name: c1                   # a container port nested in p1, VLAN 5
//!     switch: sw0
//!     parent: p1
//!     tag: 5
//! port_groups:                   # Port_Group rows, by name; ports by port name
//!   - name: pg1
//!     ports: [p1]
//! acls:                          # ACL rows on a switch or a port group
//!   - switch: sw0                # exactly one of switch / port_group
//!     direction: to-lport
//!     priority: 1000
//!     match: "ip4 && tcp.dst == 80"
//!     action: allow-related
//!     log: false                 # optional, with name / severity / meter / label
//! ```
//!
//! Rules:
//! - each top-level key is a *kind* the document manages; a kind that is absent is not
//!   touched at all. Within a managed kind, rows not in the document are deleted (a
//!   deleted switch takes its ports and ACLs with it; a deleted port group its ACLs);
//! - rows are matched by name (ACLs by their whole content: an ACL that differs in
//!   anything is a different ACL); a missing row is created, a differing one updated;
//! - an optional column left out of an entry (`other_config`, `external_ids`,
//!   `addresses`, `options`, ...) keeps its current value on an existing row and its
//!   default on a new one; `{}` or `[]` clears it;
//! - every reference is checked before anything is written: a port's switch, a port
//!   group's ports, an ACL's switch or port group must exist (in the document or, for
//!   a kind the document does not manage, in the database); names must be unique per
//!   kind. Any error writes nothing.
//!
//! The diff (`--dry-run` prints it and writes nothing) has one line per row change:
//! `+ TABLE NAME`, `- TABLE NAME`, `~ TABLE NAME: column old -> new`. Applying a
//! document twice gives an empty diff the second time and sends no transaction.

use std::collections::{BTreeMap, BTreeSet};

use ovsdb::data::Datum;
use ovsdb::typed::nb::{Acl, AclAction, AddressSet, LogicalSwitch, LogicalSwitchPort, PortGroup};
use ovsdb::typed::TypedRow;
use serde::Deserialize;
use uuid::Uuid;

use super::acls::{acl_line, parse_action, parse_direction, parse_priority, parse_severity};
use super::ports::PORT_TYPES;
use super::value::datum_text;
use super::work::{RowChange, WorkDb};

/// The tables `apply` reads and writes.
pub const TABLES: [&str; 5] = [
    "Address_Set",
    "Logical_Switch",
    "Logical_Switch_Port",
    "Port_Group",
    "ACL",
];

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub address_sets: Option<Vec<AddressSetSpec>>,
    pub switches: Option<Vec<SwitchSpec>>,
    pub ports: Option<Vec<PortSpec>>,
    pub port_groups: Option<Vec<PortGroupSpec>>,
    pub acls: Option<Vec<AclSpec>>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AddressSetSpec {
    pub name: String,
    pub addresses: Option<BTreeSet<String>>,
    pub external_ids: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SwitchSpec {
    pub name: String,
    pub other_config: Option<BTreeMap<String, String>>,
    pub external_ids: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PortSpec {
    pub name: String,
    pub switch: String,
    pub addresses: Option<BTreeSet<String>>,
    pub port_security: Option<BTreeSet<String>>,
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub options: Option<BTreeMap<String, String>>,
    pub enabled: Option<bool>,
    /// A container port: the port it is nested in, and its VLAN tag (`tag_request`).
    pub parent: Option<String>,
    pub tag: Option<i64>,
    pub external_ids: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PortGroupSpec {
    pub name: String,
    pub ports: Option<BTreeSet<String>>,
    pub external_ids: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AclSpec {
    pub switch: Option<String>,
    pub port_group: Option<String>,
    pub direction: String,
    pub priority: i64,
    #[serde(rename = "match")]
    pub match_: String,
    pub action: String,
    #[serde(default)]
    pub log: bool,
    pub name: Option<String>,
    pub severity: Option<String>,
    pub meter: Option<String>,
    #[serde(default)]
    pub label: i64,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

/// Reads a document; `path` only names it in errors (`.json` files are read as JSON,
/// anything else as YAML).
pub fn parse_document(path: &str, text: &str) -> Result<Document, String> {
    let doc: Document = if path.ends_with(".json") {
        serde_json::from_str(text).map_err(|e| format!("{path}: bad JSON document: {e}"))?
    } else {
        serde_yaml::from_str(text).map_err(|e| format!("{path}: bad YAML document: {e}"))?
    };
    Ok(doc)
}

fn unique<'a>(kind: &str, names: impl Iterator<Item = &'a String>) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for n in names {
        if n.is_empty() {
            return Err(format!("{kind}: an entry has an empty name"));
        }
        if !seen.insert(n) {
            return Err(format!("{kind} \"{n}\" is listed twice"));
        }
    }
    Ok(())
}

/// Rows of `T` by name (the first of duplicates wins; the rest count as unmanaged
/// duplicates and are deleted when the kind is managed).
fn by_name<T: TypedRow + Clone>(
    db: &WorkDb,
    name: impl Fn(&T) -> &str,
) -> Result<BTreeMap<String, T>, String> {
    let mut m = BTreeMap::new();
    for r in db.all::<T>()? {
        m.entry(name(&r).to_string()).or_insert(r);
    }
    Ok(m)
}

/// Converges `db` to `doc`. On error `db` must be thrown away.
pub fn converge(db: &mut WorkDb, doc: &Document) -> Result<(), String> {
    check(doc)?;
    if let Some(sets) = &doc.address_sets {
        let have = by_name::<AddressSet>(db, |r| &r.name)?;
        for s in sets {
            let mut row = have.get(&s.name).cloned().unwrap_or_default();
            row.name = s.name.clone();
            if let Some(a) = &s.addresses {
                row.addresses = a.clone();
            }
            if let Some(e) = &s.external_ids {
                row.external_ids = e.clone();
            }
            upsert(db, have.get(&s.name), &row)?;
        }
        let keep: BTreeSet<&String> = sets.iter().map(|s| &s.name).collect();
        delete_others::<AddressSet>(db, |r| {
            keep.contains(&r.name) && have.get(&r.name).is_none_or(|h| h.uuid == r.uuid)
        })?;
    }
    if let Some(switches) = &doc.switches {
        let have = by_name::<LogicalSwitch>(db, |r| &r.name)?;
        for s in switches {
            let mut row = have.get(&s.name).cloned().unwrap_or_default();
            row.name = s.name.clone();
            if let Some(o) = &s.other_config {
                row.other_config = o.clone();
            }
            if let Some(e) = &s.external_ids {
                row.external_ids = e.clone();
            }
            upsert(db, have.get(&s.name), &row)?;
        }
        let keep: BTreeSet<&String> = switches.iter().map(|s| &s.name).collect();
        delete_others::<LogicalSwitch>(db, |r| {
            keep.contains(&r.name) && have.get(&r.name).is_none_or(|h| h.uuid == r.uuid)
        })?;
    }
    if let Some(ports) = &doc.ports {
        converge_ports(db, ports)?;
    }
    if let Some(groups) = &doc.port_groups {
        let have = by_name::<PortGroup>(db, |r| &r.name)?;
        let lsps = by_name::<LogicalSwitchPort>(db, |r| &r.name)?;
        for g in groups {
            let mut row = have.get(&g.name).cloned().unwrap_or_default();
            row.name = g.name.clone();
            if let Some(ports) = &g.ports {
                row.ports = ports
                    .iter()
                    .map(|p| {
                        lsps.get(p).map(|l| l.uuid).ok_or_else(|| {
                            format!("port group \"{}\": unknown port \"{p}\"", g.name)
                        })
                    })
                    .collect::<Result<_, _>>()?;
            }
            if let Some(e) = &g.external_ids {
                row.external_ids = e.clone();
            }
            upsert(db, have.get(&g.name), &row)?;
        }
        let keep: BTreeSet<&String> = groups.iter().map(|s| &s.name).collect();
        delete_others::<PortGroup>(db, |r| {
            keep.contains(&r.name) && have.get(&r.name).is_none_or(|h| h.uuid == r.uuid)
        })?;
    }
    if let Some(acls) = &doc.acls {
        converge_acls(db, acls)?;
    }
    Ok(())
}

/// Static checks of the document itself.
fn check(doc: &Document) -> Result<(), String> {
    if let Some(v) = &doc.address_sets {
        unique("address set", v.iter().map(|s| &s.name))?;
    }
    if let Some(v) = &doc.switches {
        unique("switch", v.iter().map(|s| &s.name))?;
    }
    if let Some(v) = &doc.ports {
        unique("port", v.iter().map(|s| &s.name))?;
        for p in v {
            if let Some(t) = &p.type_ {
                if !PORT_TYPES.contains(&t.as_str()) {
                    return Err(format!("port \"{}\": unknown type \"{t}\"", p.name));
                }
            }
            if p.tag.is_some_and(|t| !(0..=4095).contains(&t)) {
                return Err(format!(
                    "port \"{}\": tag must be in range 0 to 4095",
                    p.name
                ));
            }
            if p.tag.is_some() != p.parent.is_some() {
                return Err(format!(
                    "port \"{}\": give both parent and tag, or neither",
                    p.name
                ));
            }
        }
    }
    if let Some(v) = &doc.port_groups {
        unique("port group", v.iter().map(|s| &s.name))?;
    }
    if let Some(v) = &doc.acls {
        for a in v {
            acl_row(a)?;
            match (&a.switch, &a.port_group) {
                (Some(_), None) | (None, Some(_)) => {}
                _ => {
                    return Err(format!(
                        "acl \"{}\": give exactly one of \"switch\" and \"port_group\"",
                        a.match_
                    ))
                }
            }
        }
    }
    Ok(())
}

/// Inserts `row` if `old` is None, otherwise writes it over `old`.
fn upsert<T: TypedRow + Clone>(db: &mut WorkDb, old: Option<&T>, row: &T) -> Result<Uuid, String> {
    match old {
        Some(o) => {
            db.put(row)?;
            Ok(o.uuid())
        }
        None => db.insert(row),
    }
}

fn delete_others<T: TypedRow>(db: &mut WorkDb, keep: impl Fn(&T) -> bool) -> Result<(), String> {
    let doomed: Vec<Uuid> = db
        .all::<T>()?
        .iter()
        .filter(|r| !keep(r))
        .map(|r| r.uuid())
        .collect();
    for u in doomed {
        db.delete(T::TABLE, u);
    }
    Ok(())
}

fn converge_ports(db: &mut WorkDb, ports: &[PortSpec]) -> Result<(), String> {
    let switches = by_name::<LogicalSwitch>(db, |r| &r.name)?;
    for p in ports {
        if !switches.contains_key(&p.switch) {
            return Err(format!(
                "port \"{}\": unknown switch \"{}\"",
                p.name, p.switch
            ));
        }
    }
    let have = by_name::<LogicalSwitchPort>(db, |r| &r.name)?;
    // Where each existing port is now.
    let mut owner: BTreeMap<Uuid, String> = BTreeMap::new();
    for ls in switches.values() {
        for u in &ls.ports {
            owner.insert(*u, ls.name.clone());
        }
    }
    // Delete the ports the document does not list.
    let keep: BTreeSet<&String> = ports.iter().map(|p| &p.name).collect();
    let doomed: Vec<LogicalSwitchPort> = db
        .all::<LogicalSwitchPort>()?
        .into_iter()
        .filter(|r| !keep.contains(&r.name) || have.get(&r.name).map(|h| h.uuid) != Some(r.uuid))
        .collect();
    for d in doomed {
        if let Some(sw) = owner.get(&d.uuid) {
            db.update_ref_set(
                LogicalSwitch::TABLE,
                switches[sw].uuid,
                "ports",
                d.uuid,
                false,
            )?;
        }
        db.delete(LogicalSwitchPort::TABLE, d.uuid);
    }
    for p in ports {
        let old = have.get(&p.name);
        let mut row = old.cloned().unwrap_or_default();
        row.name = p.name.clone();
        if let Some(a) = &p.addresses {
            row.addresses = a.clone();
        }
        if let Some(a) = &p.port_security {
            row.port_security = a.clone();
        }
        if let Some(t) = &p.type_ {
            row.type_ = t.clone();
        }
        if let Some(o) = &p.options {
            row.options = o.clone();
        }
        if p.enabled.is_some() {
            row.enabled = p.enabled;
        }
        if p.parent.is_some() {
            row.parent_name = p.parent.clone();
        }
        if p.tag.is_some() {
            row.tag_request = p.tag;
        }
        if let Some(e) = &p.external_ids {
            row.external_ids = e.clone();
        }
        let uuid = upsert(db, old, &row)?;
        let target = &switches[&p.switch];
        let current = old.and_then(|o| owner.get(&o.uuid));
        if current != Some(&p.switch) {
            if let Some(cur) = current {
                db.update_ref_set(
                    LogicalSwitch::TABLE,
                    switches[cur].uuid,
                    "ports",
                    uuid,
                    false,
                )?;
            }
            db.update_ref_set(LogicalSwitch::TABLE, target.uuid, "ports", uuid, true)?;
        }
    }
    Ok(())
}

fn acl_row(a: &AclSpec) -> Result<Acl, String> {
    let owner = a
        .switch
        .as_deref()
        .or(a.port_group.as_deref())
        .unwrap_or("?");
    let ctx = |e: String| format!("acl on \"{owner}\" ({}): {e}", a.match_);
    let severity = a
        .severity
        .as_deref()
        .map(parse_severity)
        .transpose()
        .map_err(ctx)?;
    let action = parse_action(&a.action).map_err(ctx)?;
    if a.label != 0 && !matches!(action, AclAction::Allow | AclAction::AllowRelated) {
        return Err(ctx(
            "label can only be set with actions \"allow\" or \"allow-related\"".into(),
        ));
    }
    Ok(Acl {
        uuid: Uuid::nil(),
        name: a.name.clone(),
        priority: parse_priority(&a.priority.to_string()).map_err(ctx)?,
        direction: parse_direction(&a.direction).map_err(ctx)?,
        match_: a.match_.clone(),
        action,
        log: a.log || a.name.is_some() || severity.is_some() || a.meter.is_some(),
        severity,
        meter: a.meter.clone(),
        label: a.label,
        options: a.options.clone(),
        external_ids: BTreeMap::new(),
    })
}

/// The content that identifies an ACL (everything but its uuid and external_ids).
fn acl_key(a: &Acl) -> Acl {
    Acl {
        uuid: Uuid::nil(),
        external_ids: BTreeMap::new(),
        ..a.clone()
    }
}

fn converge_acls(db: &mut WorkDb, acls: &[AclSpec]) -> Result<(), String> {
    let switches = by_name::<LogicalSwitch>(db, |r| &r.name)?;
    let groups = by_name::<PortGroup>(db, |r| &r.name)?;
    // Desired ACLs per owner (table, uuid).
    let mut want: BTreeMap<(&str, Uuid), Vec<Acl>> = BTreeMap::new();
    for a in acls {
        let owner = match (&a.switch, &a.port_group) {
            (Some(s), _) => switches
                .get(s)
                .map(|l| (LogicalSwitch::TABLE, l.uuid))
                .ok_or_else(|| format!("acl ({}): unknown switch \"{s}\"", a.match_))?,
            (_, Some(g)) => groups
                .get(g)
                .map(|p| (PortGroup::TABLE, p.uuid))
                .ok_or_else(|| format!("acl ({}): unknown port group \"{g}\"", a.match_))?,
            _ => return Err("acl without switch or port_group".into()),
        };
        want.entry(owner).or_default().push(acl_row(a)?);
    }
    let owners: Vec<(&str, Uuid, BTreeSet<Uuid>)> = db
        .all::<LogicalSwitch>()?
        .into_iter()
        .map(|l| (LogicalSwitch::TABLE, l.uuid, l.acls))
        .chain(
            db.all::<PortGroup>()?
                .into_iter()
                .map(|p| (PortGroup::TABLE, p.uuid, p.acls)),
        )
        .collect();
    for (table, uuid, current) in owners {
        let mut desired: Vec<Acl> = want.remove(&(table, uuid)).unwrap_or_default();
        let mut new_set = BTreeSet::new();
        for u in &current {
            let Some(have) = db.typed::<Acl>(u) else {
                continue;
            };
            if let Some(i) = desired.iter().position(|d| acl_key(d) == acl_key(&have)) {
                desired.remove(i);
                new_set.insert(*u);
            }
        }
        for d in desired {
            new_set.insert(db.insert(&d)?);
        }
        if new_set != current {
            let gone: Vec<Uuid> = current.difference(&new_set).copied().collect();
            let col = "acls";
            let datum = Datum::Set(
                new_set
                    .iter()
                    .map(|u| ovsdb::data::Atom::Uuid(*u))
                    .collect(),
            );
            db.set(table, uuid, col, datum)?;
            for g in gone {
                db.delete(Acl::TABLE, g);
            }
        }
    }
    Ok(())
}

/// A row's label in the diff: its name, or for an ACL its `acl-list` line.
fn label(db: &WorkDb, table: &str, uuid: &Uuid, base: bool) -> String {
    let get = |col: &str| {
        if base {
            db.base_get(table, uuid, col).cloned()
        } else {
            db.get(table, uuid, col).cloned()
        }
    };
    if table == Acl::TABLE {
        let ts = db.schema().table(table);
        let row = if base { None } else { db.row(table, uuid) };
        if let (Some(ts), Some(r)) = (ts, row) {
            if let Ok(a) = Acl::from_row(ts, r) {
                return acl_line(&a).trim_start().to_string();
            }
        }
        let s =
            |c: &str| get(c).and_then(|d| d.as_scalar().map(|a| super::value::atom_text(a, true)));
        return format!(
            "{} {} ({}) {}",
            s("direction").unwrap_or_default(),
            s("priority").unwrap_or_default(),
            s("match").unwrap_or_default(),
            s("action").unwrap_or_default()
        );
    }
    match get("name")
        .as_ref()
        .and_then(|d| d.as_scalar().and_then(|a| a.as_str().map(str::to_string)))
    {
        Some(n) => n,
        None => uuid.to_string(),
    }
}

/// The diff of the working copy against the replica, one line per change, in a stable
/// order (deletes, inserts, updates; then table and name).
pub fn diff(db: &WorkDb) -> String {
    let mut lines: Vec<(u8, String)> = Vec::new();
    for c in db.changes() {
        match c {
            RowChange::Delete { table, uuid } => {
                if table == "NB_Global" {
                    continue;
                }
                lines.push((0, format!("- {table} {}", label(db, &table, &uuid, true))));
            }
            RowChange::Insert { table, uuid } => {
                if table == "NB_Global" {
                    continue;
                }
                lines.push((1, format!("+ {table} {}", label(db, &table, &uuid, false))));
            }
            RowChange::Update {
                table,
                uuid,
                columns,
            } => {
                let ts = db.schema().table(&table).cloned();
                let name = label(db, &table, &uuid, false);
                for col in columns {
                    let Some(c) = ts.as_ref().and_then(|t| t.column(&col)) else {
                        continue;
                    };
                    let text = if c.type_.key.ref_table.is_some() {
                        let n = |d: Option<&Datum>| d.map_or(0, Datum::len);
                        format!(
                            "{} -> {} references",
                            n(db.base_get(&table, &uuid, &col)),
                            n(db.get(&table, &uuid, &col))
                        )
                    } else {
                        let t = |d: Option<&Datum>| {
                            d.map_or_else(String::new, |d| datum_text(d, &c.type_, false))
                        };
                        format!(
                            "{} -> {}",
                            t(db.base_get(&table, &uuid, &col)),
                            t(db.get(&table, &uuid, &col))
                        )
                    };
                    lines.push((2, format!("~ {table} {name}: {col} {text}")));
                }
            }
        }
    }
    lines.sort();
    lines.into_iter().map(|(_, l)| l + "\n").collect()
}
