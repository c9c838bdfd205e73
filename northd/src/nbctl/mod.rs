//! `rovn-nbctl`: the OVN_Northbound command-line tool, a drop-in for `ovn-nbctl` 23.03
//! for the commands rovn manages (switches, ports, ACLs, port groups, the generic
//! database commands, `show`), plus a declarative `apply` of a whole document.
//!
//! How one invocation runs (as ovn-nbctl with the C IDL):
//! 1. [`args::parse`] reads the command line (global options, commands split by `--`);
//! 2. [`session`] connects, fetches the schema and replicates, with
//!    `ovsdb::idl::Idl`, the tables the commands need ([`tables_for`]; everything for
//!    the generic database commands);
//! 3. every command runs, in order, against one [`work::WorkDb`] (a working copy of the
//!    replica), reading and writing typed rows (`ovsdb::typed::nb`) and printing into
//!    its own output buffer; the first error stops everything and nothing is written;
//! 4. the changes become ONE transaction with `verify` on every column it sets; a
//!    verify conflict ("try again") re-runs the commands against the updated replica;
//! 5. outputs are printed (uuids of created rows replaced by the real ones), then
//!    `--wait=sb|hv` waits for `NB_Global.sb_cfg`/`hv_cfg` to reach the new `nb_cfg`.
//!
//! Invariants: commands are pure functions of the working copy and their arguments
//! (no I/O), so every one of them is testable without a server; an invocation whose
//! commands change nothing sends no transaction.
//!
//! One file per command family: [`switches`], [`ports`], [`acls`], [`port_groups`],
//! [`dhcp`], [`routers`], [`db`] (generic database commands), [`show`], [`apply`]; [`wait`] holds the
//! `--wait` logic and [`session`] the I/O.

pub mod acls;
pub mod apply;
pub mod args;
pub mod db;
pub mod dhcp;
pub mod port_groups;
pub mod ports;
pub mod routers;
pub mod session;
pub mod show;
pub mod switches;
pub mod value;
pub mod wait;
pub mod work;

use std::collections::BTreeSet;

use ovsdb::typed::nb::{LogicalSwitch, LogicalSwitchPort, PortGroup};
use ovsdb::typed::TypedRow;
use uuid::Uuid;

pub use args::{Command, Invocation, TableStyle, WaitFor};
pub use work::WorkDb;

/// What a command can use: the working copy, its output, the `--id` symbols.
pub struct Ctx<'a> {
    pub db: &'a mut WorkDb,
    pub out: String,
    pub symbols: &'a mut value::Symbols,
    pub style: &'a TableStyle,
    /// Set by a command (`wait-until`) whose condition does not hold yet: the whole
    /// invocation runs again once the database has changed.
    pub try_again: bool,
}

/// Why running the commands stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// A command failed with this message; nothing is written.
    Error(String),
    /// A command asked to run everything again after the next database change.
    TryAgain,
}

impl From<String> for Stop {
    fn from(e: String) -> Stop {
        Stop::Error(e)
    }
}

/// A command's error: the message ovn-nbctl prints after `ovn-nbctl: `.
pub type CmdResult = Result<(), String>;

type Run = fn(&mut Ctx<'_>, &Command) -> CmdResult;

/// A command: its name, argument count bounds, accepted options and code.
pub struct Spec {
    pub name: &'static str,
    pub min_args: usize,
    pub max_args: usize,
    pub options: &'static [&'static str],
    pub run: Run,
}

const MANY: usize = usize::MAX;

/// Every command rovn-nbctl knows.
pub fn commands() -> Vec<Spec> {
    let mut v = Vec::new();
    v.extend(switches::specs());
    v.extend(ports::specs());
    v.extend(acls::specs());
    v.extend(port_groups::specs());
    v.extend(routers::specs());
    v.extend(db::specs());
    v.extend(dhcp::specs());
    v.extend(show::specs());
    v
}

/// The tables an invocation's commands read and write, or `None` for every table (the
/// generic database commands, or a command this list does not know). ovn-nbctl also
/// replicates only what its commands need, which keeps a command on a big database
/// from downloading all of it.
pub fn tables_for(commands: &[Command]) -> Option<BTreeSet<&'static str>> {
    const LS: &str = "Logical_Switch";
    const LSP: &str = "Logical_Switch_Port";
    const LR: &str = "Logical_Router";
    const LRP: &str = "Logical_Router_Port";
    let mut out = BTreeSet::new();
    for c in commands {
        let t: &[&'static str] = match c.name.as_str() {
            "init" | "sync" => &[],
            "ls-add" | "ls-del" | "ls-list" => &[LS],
            n if n.starts_with("lsp-") && n.contains("dhcp") => &[LS, LSP, "DHCP_Options"],
            n if n.starts_with("lsp-") => &[LS, LSP],
            n if n.starts_with("dhcp-options-") => &["DHCP_Options"],
            n if n.starts_with("acl-") => &[LS, "Port_Group", "ACL"],
            n if n.starts_with("pg-") => &["Port_Group", LSP],
            "lr-add" | "lr-del" | "lr-list" => &[LR],
            n if n.starts_with("lrp-") => &[LR, LRP],
            "show" => &[LS, LSP, LR, LRP, "NAT", "Gateway_Chassis"],
            _ => return None,
        };
        out.extend(t.iter().copied());
    }
    Some(out)
}

/// Finds a command and checks its arguments and options, with ovn-nbctl's messages.
pub fn check(cmd: &Command) -> Result<Spec, String> {
    let spec = commands()
        .into_iter()
        .find(|s| s.name == cmd.name)
        .ok_or_else(|| format!("unknown command '{}'; use --help for help", cmd.name))?;
    let n = cmd.args.len();
    if n < spec.min_args {
        return Err(format!(
            "'{}' command requires at least {} arguments",
            spec.name, spec.min_args
        ));
    }
    if n > spec.max_args {
        let note = if cmd.args.iter().any(|a| a.starts_with('-')) {
            " (note that options must precede command names and follow a \"--\" argument)"
        } else {
            ""
        };
        return Err(format!(
            "'{}' command takes at most {} arguments{note}",
            spec.name, spec.max_args
        ));
    }
    for opt in cmd.options.keys() {
        if !spec.options.contains(&opt.as_str()) {
            return Err(format!("'{}' command has no '{opt}' option", spec.name));
        }
    }
    Ok(spec)
}

/// Runs `commands` in order against `db`; returns each command's output, or why it
/// stopped (after which `db` must be thrown away).
pub fn run_commands(
    db: &mut WorkDb,
    commands: &[Command],
    style: &TableStyle,
) -> Result<Vec<String>, Stop> {
    let specs: Vec<Spec> = commands.iter().map(check).collect::<Result<_, _>>()?;
    let mut symbols = value::Symbols::new();
    let mut outs = Vec::new();
    for (spec, cmd) in specs.iter().zip(commands) {
        let mut ctx = Ctx {
            db,
            out: String::new(),
            symbols: &mut symbols,
            style,
            try_again: false,
        };
        (spec.run)(&mut ctx, cmd)?;
        if ctx.try_again {
            return Err(Stop::TryAgain);
        }
        outs.push(ctx.out);
    }
    Ok(outs)
}

/// How ovn-nbctl names an id in "not found" errors.
fn id_kind(id: &str) -> &'static str {
    if ovsdb::data::parse_uuid(id).is_some() {
        "UUID"
    } else {
        "name"
    }
}

/// Rows of `T` named `id`: the row with that uuid if there is one, else the rows whose
/// `name` is `id`.
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

/// A switch by uuid or name: `Ok(None)` if absent and `!must_exist`.
pub fn find_switch(
    db: &WorkDb,
    id: &str,
    must_exist: bool,
) -> Result<Option<LogicalSwitch>, String> {
    let mut found = by_uuid_or_name::<LogicalSwitch>(db, id);
    match found.len() {
        1 => Ok(found.pop()),
        0 if must_exist => Err(format!("{id}: switch {} not found", id_kind(id))),
        0 => Ok(None),
        _ => Err(format!(
            "Multiple logical switches named '{id}'.  Use a UUID."
        )),
    }
}

/// A switch port by uuid or name (the first of several with one name, as ovn-nbctl).
pub fn find_port(
    db: &WorkDb,
    id: &str,
    must_exist: bool,
) -> Result<Option<LogicalSwitchPort>, String> {
    match by_uuid_or_name::<LogicalSwitchPort>(db, id)
        .into_iter()
        .next()
    {
        Some(p) => Ok(Some(p)),
        None if must_exist => Err(format!("{id}: port {} not found", id_kind(id))),
        None => Ok(None),
    }
}

/// A port group by uuid or name.
pub fn find_port_group(
    db: &WorkDb,
    id: &str,
    must_exist: bool,
) -> Result<Option<PortGroup>, String> {
    match by_uuid_or_name::<PortGroup>(db, id).into_iter().next() {
        Some(p) => Ok(Some(p)),
        None if must_exist => Err(format!("{id}: port group {} not found", id_kind(id))),
        None => Ok(None),
    }
}

/// The switch that holds port `port`.
pub fn switch_of_port(db: &WorkDb, port: Uuid) -> Result<Option<LogicalSwitch>, String> {
    let owners = db.find_containing(
        LogicalSwitch::TABLE,
        "ports",
        &ovsdb::data::Atom::Uuid(port),
    );
    Ok(owners.first().and_then(|u| db.typed::<LogicalSwitch>(u)))
}

/// `uuid (name)` lines sorted by name, as the `*-list` commands print them.
pub fn print_named(out: &mut String, items: impl IntoIterator<Item = (Uuid, String)>) {
    let mut v: Vec<(String, Uuid)> = items.into_iter().map(|(u, n)| (n, u)).collect();
    v.sort();
    for (n, u) in v {
        out.push_str(&format!("{u} ({n})\n"));
    }
}

/// Every set element on its own line, in order.
pub fn print_lines<'a>(out: &mut String, items: impl IntoIterator<Item = &'a String>) {
    let set: BTreeSet<&String> = items.into_iter().collect();
    for s in set {
        out.push_str(s);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    //! The command pipeline without a server: a replica fed by a monitor reply, the
    //! commands against a working copy, and the transaction that comes out.
    use std::sync::Arc;

    use ovsdb::idl::IdlCore;
    use ovsdb::schema::DatabaseSchema;
    use serde_json::{json, Value};

    use super::*;

    const SW0: &str = "11111111-1111-1111-1111-111111111111";
    const P1: &str = "22222222-2222-2222-2222-222222222222";

    fn core(initial: Value) -> IdlCore {
        let text = include_str!("../../../ovsdb/schemas/ovn-nb.ovsschema");
        let schema = DatabaseSchema::parse_str(text).unwrap();
        let mut core = IdlCore::new(Arc::new(schema));
        core.monitor_all();
        core.handle_monitor_reply(&json!([
            false,
            "00000000-0000-0000-0000-000000000000",
            initial
        ]))
        .unwrap();
        core
    }

    fn cmd(words: &[&str]) -> Vec<Command> {
        let v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        args::parse(&v, None).unwrap().commands
    }

    /// The `op` of every operation in a built transaction, after the database name.
    fn op_names(params: &Value) -> Vec<String> {
        params.as_array().unwrap()[1..]
            .iter()
            .map(|o| o["op"].as_str().unwrap().to_string())
            .collect()
    }

    /// Runs one command on a fresh working copy of `core` and returns the ops it writes.
    fn written_ops(core: &IdlCore, words: &[&str]) -> Vec<String> {
        let mut db = WorkDb::from_replica(core.replica());
        run_commands(&mut db, &cmd(words), &TableStyle::default()).unwrap();
        let mut txn = core.txn();
        db.write(&mut txn).unwrap();
        op_names(&txn.build().0)
    }

    fn with_sw0() -> IdlCore {
        core(json!({
            "Logical_Switch": {SW0: {"initial": {"name": "sw0", "ports": ["uuid", P1]}}},
            "Logical_Switch_Port": {P1: {"initial": {"name": "p1"}}}
        }))
    }

    #[test]
    fn later_commands_see_earlier_ones_and_one_txn_comes_out() {
        let core = with_sw0();
        let mut db = WorkDb::from_replica(core.replica());
        let out = run_commands(
            &mut db,
            &cmd(&[
                "ls-add",
                "sw1",
                "--",
                "lsp-add",
                "sw1",
                "q1",
                "--",
                "lsp-list",
                "sw1",
                "--",
                "lsp-get-ls",
                "p1",
            ]),
            &TableStyle::default(),
        )
        .unwrap();
        assert!(out[2].ends_with(" (q1)\n"), "{out:?}");
        assert_eq!(out[3], format!("{SW0} (sw0)\n"));
        let mut txn = core.txn();
        let map = db.write(&mut txn).unwrap();
        assert_eq!(map.len(), 2);
        let (params, _) = txn.build();
        let ops = op_names(&params);
        assert_eq!(ops, ["insert", "insert"]);
        // The switch's ports refer to the port by its named-uuid.
        let text = params.to_string();
        assert!(text.contains("[\"named-uuid\""), "{text}");
    }

    #[test]
    fn updates_are_verified_and_deletes_cascade() {
        let core = with_sw0();
        let ops = written_ops(&core, &["lsp-set-type", "p1", "localport"]);
        assert_eq!(ops, ["wait", "update"]);

        // Adding a port to an existing switch mutates its `ports`, unverified.
        let ops = written_ops(&core, &["lsp-add", "sw0", "p2"]);
        assert_eq!(ops, ["insert", "mutate"]);

        let mut db = WorkDb::from_replica(core.replica());
        run_commands(&mut db, &cmd(&["ls-del", "sw0"]), &TableStyle::default()).unwrap();
        let changes = db.changes();
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(db.rows("Logical_Switch_Port").next().is_none());
    }

    #[test]
    fn errors_stop_everything() {
        let core = with_sw0();
        let mut db = WorkDb::from_replica(core.replica());
        let e = run_commands(
            &mut db,
            &cmd(&["ls-add", "sw9", "--", "lsp-add", "nosw", "x"]),
            &TableStyle::default(),
        )
        .unwrap_err();
        assert_eq!(e, Stop::Error("nosw: switch name not found".into()));
        assert_eq!(
            check(&cmd(&["pg-del", "x"])[0]).map(|s| s.name),
            Ok("pg-del")
        );
        let e = check(&cmd(&["--if-exists", "pg-del", "x"])[0]).err();
        assert_eq!(
            e.as_deref(),
            Some("'pg-del' command has no '--if-exists' option")
        );
    }

    #[test]
    fn records_by_name_uuid_and_abbreviated_uuid() {
        let core = with_sw0();
        let mut db = WorkDb::from_replica(core.replica());
        let out = run_commands(
            &mut db,
            &cmd(&[
                "get",
                "Logical_Switch",
                "sw0",
                "name",
                "--",
                "get",
                "Logical_Switch",
                SW0,
                "name",
                "--",
                "get",
                "Logical_Switch",
                "1111",
                "name",
                "--",
                "--if-exists",
                "get",
                "Logical_Switch",
                "2222",
                "name",
            ]),
            &TableStyle::default(),
        )
        .unwrap();
        assert_eq!(out, ["sw0\n", "sw0\n", "sw0\n", ""]);
    }

    #[test]
    fn name_lookups_follow_renames_deletes_and_inserts() {
        let core = with_sw0();
        let mut db = WorkDb::from_replica(core.replica());
        let out = run_commands(
            &mut db,
            &cmd(&[
                "lsp-add",
                "sw0",
                "a",
                "--",
                "set",
                "Logical_Switch",
                "sw0",
                "name=sw9",
                "--",
                "lsp-add",
                "sw9",
                "b",
                "--",
                "ls-del",
                "sw9",
                "--",
                "ls-add",
                "sw9",
                "--",
                "--if-exists",
                "lsp-del",
                "a",
                "--",
                "lsp-add",
                "sw9",
                "a",
                "--",
                "lsp-list",
                "sw9",
            ]),
            &TableStyle::default(),
        )
        .unwrap();
        assert!(
            out[7].ends_with(" (a)\n") && out[7].lines().count() == 1,
            "{out:?}"
        );
        let e = run_commands(&mut db, &cmd(&["lsp-list", "sw0"]), &TableStyle::default());
        assert_eq!(e, Err(Stop::Error("sw0: switch name not found".into())));
    }

    #[test]
    fn rows_whose_referrers_are_not_replicated_are_never_collected() {
        // pg-* replicates Port_Group and Logical_Switch_Port but not Logical_Switch,
        // which is what keeps ports alive: deleting the group must leave p1 alone.
        let text = include_str!("../../../ovsdb/schemas/ovn-nb.ovsschema");
        let schema = DatabaseSchema::parse_str(text).unwrap();
        let mut core = IdlCore::new(Arc::new(schema));
        let tables = tables_for(&cmd(&["pg-del", "pg1"])).unwrap();
        for t in tables.iter().chain(&["NB_Global"]) {
            core.monitor(t, None).unwrap();
        }
        assert!(!core.monitors().contains_key("Logical_Switch"));
        let pg = "33333333-3333-3333-3333-333333333333";
        core.handle_monitor_reply(&json!([false, "00000000-0000-0000-0000-000000000000", {
            "Logical_Switch_Port": {P1: {"initial": {"name": "p1"}}},
            "Port_Group": {pg: {"initial": {"name": "pg1", "ports": ["uuid", P1]}}}
        }]))
        .unwrap();
        let mut db = WorkDb::from_replica(core.replica());
        run_commands(&mut db, &cmd(&["pg-del", "pg1"]), &TableStyle::default()).unwrap();
        let changes = db.changes();
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert!(db.rows("Logical_Switch_Port").next().is_some());
        assert_eq!(tables_for(&cmd(&["list", "ACL"])), None);
    }

    #[test]
    fn unchanged_copy_writes_nothing() {
        let core = with_sw0();
        let mut db = WorkDb::from_replica(core.replica());
        run_commands(
            &mut db,
            &cmd(&["--may-exist", "ls-add", "sw0", "--", "show"]),
            &TableStyle::default(),
        )
        .unwrap();
        let mut txn = core.txn();
        db.write(&mut txn).unwrap();
        assert!(txn.is_empty());
    }
}
