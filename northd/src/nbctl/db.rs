//! The generic database commands of every `*-ctl` tool, on any NB table: `list`,
//! `find`, `get`, `set`, `add`, `remove`, `clear`, `create`, `destroy`.
//!
//! Tables are named case-insensitively (or by a unique prefix); a record is a uuid or,
//! in a table with a `name` column, a name; columns are named exactly or by a unique
//! prefix. Values use the syntax of [`super::value`].
//!
//! Output: `list`/`find` print `--format=list` records (a `%-20s: value` line per
//! column, a blank line between records), or a table (`table`, `csv`, `json`) through
//! `ovsdb::format`; `_uuid` comes first, then the columns in name order, or the
//! `--columns` given.
//!
//! Invariant: these commands change rows only through the working copy, so a `create`
//! followed by `set ... @id` in the same invocation refers to the row being created.

use std::sync::Arc;

use ovsdb::data::Datum;
use ovsdb::db::Row;
use ovsdb::format::{Cell, Format, Printer, Table};
use ovsdb::schema::{ColumnSchema, TableSchema, Type, UUID_COLUMN};
use uuid::Uuid;

use super::value::{atom_text, datum_text, parse_atom, parse_datum, parse_elements};
use super::{CmdResult, Command, Ctx, Spec, MANY};

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
            "list",
            1,
            MANY,
            &["--if-exists", "--columns"] as &[&str],
            list as super::Run,
        ),
        s("find", 1, MANY, &["--columns"], find),
        s("get", 2, MANY, &["--if-exists", "--id"], get),
        s("set", 3, MANY, &["--if-exists"], set),
        s("add", 4, MANY, &["--if-exists"], add),
        s("remove", 4, MANY, &["--if-exists"], remove),
        s("clear", 3, MANY, &["--if-exists"], clear),
        s("create", 2, MANY, &["--id"], create),
        s("destroy", 1, MANY, &["--if-exists", "--all"], destroy),
        s("wait-until", 2, MANY, &[], wait_until),
    ]
}

/// A table by case-insensitive name or unique prefix.
pub fn table(ctx: &Ctx<'_>, name: &str) -> Result<Arc<TableSchema>, String> {
    let schema = ctx.db.schema();
    if let Some(t) = schema
        .tables
        .values()
        .find(|t| t.name.eq_ignore_ascii_case(name))
    {
        return Ok(t.clone());
    }
    let lower = name.to_ascii_lowercase();
    let hits: Vec<&Arc<TableSchema>> = schema
        .tables
        .values()
        .filter(|t| t.name.to_ascii_lowercase().starts_with(&lower))
        .collect();
    match hits.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!("unknown table \"{name}\"")),
        _ => Err(format!("multiple table names match \"{name}\"")),
    }
}

/// A column by exact name or unique prefix (including `_uuid`).
fn column<'t>(ts: &'t TableSchema, name: &str) -> Result<&'t ColumnSchema, String> {
    if let Some(c) = ts.column(name) {
        return Ok(c);
    }
    let hits: Vec<&ColumnSchema> = ts
        .columns
        .iter()
        .filter(|c| c.name.starts_with(name))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "{} does not contain a column whose name matches \"{name}\"",
            ts.name
        )),
        _ => Err(format!(
            "{} contains more than one column whose name matches \"{name}\"",
            ts.name
        )),
    }
}

/// A record by uuid or by its `name` column.
pub fn record(
    ctx: &Ctx<'_>,
    ts: &TableSchema,
    id: &str,
    must_exist: bool,
) -> Result<Option<Uuid>, String> {
    if let Some(u) = ctx.symbols.get(id) {
        if ctx.db.row(&ts.name, u).is_some() {
            return Ok(Some(*u));
        }
    }
    if let Some(u) = ovsdb::data::parse_uuid(id) {
        if ctx.db.row(&ts.name, &u).is_some() {
            return Ok(Some(u));
        }
    }
    let single_row = ts.name == "NB_Global" && id == ".";
    let named: Vec<Uuid> = match ts.column("name") {
        _ if single_row => ctx.db.rows(&ts.name).map(Row::uuid).collect(),
        Some(c)
            if c.type_.key.atomic == ovsdb::schema::AtomicType::String
                && c.type_.value.is_none() =>
        {
            ctx.db
                .rows(&ts.name)
                .filter(|r| {
                    r.get_by_name(ts, "name")
                        .is_some_and(|d| d.keys().any(|a| a.as_str() == Some(id)))
                })
                .map(Row::uuid)
                .collect()
        }
        _ => Vec::new(),
    };
    // Then an abbreviated uuid (at least 4 hex digits), as ovs-vsctl.
    let named = if named.is_empty()
        && id.len() >= 4
        && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
    {
        let lower = id.to_ascii_lowercase();
        ctx.db
            .rows(&ts.name)
            .map(Row::uuid)
            .filter(|u| u.to_string().starts_with(&lower))
            .collect()
    } else {
        named
    };
    match named.as_slice() {
        [one] => Ok(Some(*one)),
        [] if must_exist => Err(format!("no row \"{id}\" in table {}", ts.name)),
        [] => Ok(None),
        _ => Err(format!("multiple rows in {} match \"{id}\"", ts.name)),
    }
}

/// Splits `COLUMN[:KEY]` from the text before `=` (or the whole argument).
fn column_key(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once(':') {
        Some((c, k)) => (c, Some(k)),
        None => (arg, None),
    }
}

/// Splits `COLUMN[:KEY]=VALUE`, where KEY may be a quoted string.
fn assignment(arg: &str) -> Result<(&str, Option<&str>, &str), String> {
    let col_end = arg
        .find([':', '='])
        .ok_or_else(|| format!("{arg}: missing '=' in argument"))?;
    let col = &arg[..col_end];
    if arg[col_end..].starts_with('=') {
        return Ok((col, None, &arg[col_end + 1..]));
    }
    let rest = &arg[col_end + 1..];
    let key_end = if rest.starts_with('"') {
        let mut de = serde_json::Deserializer::from_str(rest).into_iter::<serde_json::Value>();
        match de.next() {
            Some(Ok(_)) => de.byte_offset(),
            _ => return Err(format!("{arg}: missing quote at end of quoted string")),
        }
    } else {
        let mut escaped = false;
        rest.char_indices()
            .find(|(_, c)| {
                let hit = !escaped && *c == '=';
                escaped = !escaped && *c == '\\';
                hit
            })
            .map_or(rest.len(), |(i, _)| i)
    };
    if !rest[key_end..].starts_with('=') {
        return Err(format!("{arg}: missing '=' in argument"));
    }
    Ok((col, Some(&rest[..key_end]), &rest[key_end + 1..]))
}

fn key_type(c: &ColumnSchema, key: &str) -> Result<(), String> {
    if c.type_.is_map() {
        Ok(())
    } else {
        Err(format!(
            "cannot specify key to get for non-map column {} (key {key})",
            c.name
        ))
    }
}

fn value_type(c: &ColumnSchema) -> Result<ovsdb::schema::BaseType, String> {
    c.type_
        .value
        .clone()
        .ok_or_else(|| format!("column {} is not a map", c.name))
}

fn cell_text(ctx: &Ctx<'_>, d: &Datum, t: &Type) -> String {
    datum_text(d, t, ctx.style.bare_data)
}

/// Prints rows of `ts` with the chosen columns, in the invocation's table style.
fn print_rows(
    ctx: &mut Ctx<'_>,
    ts: &TableSchema,
    rows: &[Row],
    columns: Option<&str>,
) -> CmdResult {
    let cols: Vec<ColumnSchema> = match columns {
        Some(list) => list
            .split(',')
            .map(|c| column(ts, c.trim()).cloned())
            .collect::<Result<_, _>>()?,
        None => {
            let mut v: Vec<ColumnSchema> = ts.user_columns().map(|(_, c)| c.clone()).collect();
            v.sort_by(|a, b| a.name.cmp(&b.name));
            v.insert(0, ts.columns[UUID_COLUMN].clone());
            v
        }
    };
    let value = |r: &Row, c: &ColumnSchema| -> Datum {
        r.get_by_name(ts, &c.name)
            .cloned()
            .unwrap_or_else(|| Datum::default_for(&c.type_))
    };
    if ctx.style.format == "list" {
        for (i, r) in rows.iter().enumerate() {
            if i > 0 {
                ctx.out.push('\n');
            }
            for c in &cols {
                let text = cell_text(ctx, &value(r, c), &c.type_);
                if ctx.style.headings {
                    ctx.out.push_str(&format!("{:<20}: {text}\n", c.name));
                } else {
                    ctx.out.push_str(&format!("{text}\n"));
                }
            }
        }
        return Ok(());
    }
    let format = match ctx.style.format.as_str() {
        "table" => Format::Table,
        "csv" => Format::Csv,
        "json" => Format::Json,
        other => return Err(format!("{other}: table format not supported")),
    };
    let table = Table {
        caption: None,
        headings: cols.iter().map(|c| c.name.clone()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                cols.iter()
                    .map(|c| {
                        let d = value(r, c);
                        Cell {
                            json: d.to_json(),
                            text: cell_text(ctx, &d, &c.type_),
                        }
                    })
                    .collect()
            })
            .collect(),
    };
    let mut printer = Printer::new(format, ctx.style.headings);
    let text = printer.render(&table);
    ctx.out.push_str(&text);
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let ts = table(ctx, &cmd.args[0])?;
    let rows: Vec<Row> = if cmd.args.len() > 1 {
        let mut v = Vec::new();
        for id in &cmd.args[1..] {
            if let Some(u) = record(ctx, &ts, id, !cmd.has("--if-exists"))? {
                v.extend(ctx.db.row(&ts.name, &u).cloned());
            }
        }
        v
    } else {
        ctx.db.rows(&ts.name).cloned().collect()
    };
    print_rows(ctx, &ts, &rows, cmd.value("--columns"))
}

/// The relational operators of `find` and `wait-until`, longest first.
const OPERATORS: &[&str] = &[
    "{!=}", "{<=}", "{>=}", "{=}", "{<}", "{>}", "!=", "<=", ">=", "=", "<", ">",
];

/// Splits `COLUMN[:KEY]OP VALUE`.
pub fn condition(cond: &str) -> Result<(&str, Option<&str>, &'static str, &str), String> {
    let col_end = cond
        .find([':', '=', '!', '<', '>', '{'])
        .ok_or_else(|| format!("{cond}: missing operator in condition"))?;
    let col = &cond[..col_end];
    let (key, rest) = if let Some(rest) = cond[col_end..].strip_prefix(':') {
        let key_end = if rest.starts_with('"') {
            let mut de = serde_json::Deserializer::from_str(rest).into_iter::<serde_json::Value>();
            match de.next() {
                Some(Ok(_)) => de.byte_offset(),
                _ => return Err(format!("{cond}: missing quote at end of quoted string")),
            }
        } else {
            let mut escaped = false;
            rest.char_indices()
                .find(|(_, c)| {
                    let hit = !escaped && matches!(c, '=' | '!' | '<' | '>' | '{');
                    escaped = !escaped && *c == '\\';
                    hit
                })
                .map_or(rest.len(), |(i, _)| i)
        };
        (Some(&rest[..key_end]), &rest[key_end..])
    } else {
        (None, &cond[col_end..])
    };
    let op = OPERATORS
        .iter()
        .find(|o| rest.starts_with(**o))
        .ok_or_else(|| format!("{cond}: missing operator in condition"))?;
    Ok((col, key, op, &rest[op.len()..]))
}

/// Compares `have` with `want` by `op`, as the ovs `*-ctl` tools do.
fn compare(have: &Datum, op: &str, want: &Datum) -> bool {
    use std::cmp::Ordering::*;
    match op {
        "=" | "{=}" => have == want,
        "!=" | "{!=}" => have != want,
        "<" => have.cmp(want) == Less,
        ">" => have.cmp(want) == Greater,
        "<=" => have.cmp(want) != Greater,
        ">=" => have.cmp(want) != Less,
        "{<}" => want.includes(have) && have != want,
        "{>}" => have.includes(want) && have != want,
        "{<=}" => want.includes(have),
        "{>=}" => have.includes(want),
        _ => false,
    }
}

/// True when `row` satisfies one `find`/`wait-until` condition.
pub fn matches(ctx: &Ctx<'_>, ts: &TableSchema, row: &Row, cond: &str) -> Result<bool, String> {
    let (col, key, op, rhs) = condition(cond)?;
    let c = column(ts, col)?;
    let have = row
        .get_by_name(ts, &c.name)
        .cloned()
        .unwrap_or_else(|| Datum::default_for(&c.type_));
    match key {
        Some(k) => {
            key_type(c, k)?;
            let k = parse_atom(k, &c.type_.key, ctx.symbols)?;
            let v = parse_atom(rhs, &value_type(c)?, ctx.symbols)?;
            // A missing key satisfies no condition.
            Ok(match &have {
                Datum::Map(m) => m
                    .get(&k)
                    .is_some_and(|h| compare(&Datum::scalar(h.clone()), op, &Datum::scalar(v))),
                Datum::Set(_) => false,
            })
        }
        None => {
            let want = if op.starts_with('{') {
                parse_elements(rhs, &c.type_, ctx.symbols)?
            } else {
                parse_datum(rhs, &c.type_, ctx.symbols)?
            };
            Ok(compare(&have, op, &want))
        }
    }
}

fn find(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let ts = table(ctx, &cmd.args[0])?;
    let mut rows = Vec::new();
    for r in ctx.db.rows(&ts.name) {
        let mut ok = true;
        for cond in &cmd.args[1..] {
            if !matches(ctx, &ts, r, cond)? {
                ok = false;
                break;
            }
        }
        if ok {
            rows.push(r.clone());
        }
    }
    print_rows(ctx, &ts, &rows, cmd.value("--columns"))
}

fn get(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let ts = table(ctx, &cmd.args[0])?;
    let must_exist = !cmd.has("--if-exists");
    let Some(uuid) = record(ctx, &ts, &cmd.args[1], must_exist)? else {
        return Ok(());
    };
    if let Some(id) = cmd.value("--id") {
        if !id.starts_with('@') {
            return Err("row id \"".to_string() + id + "\" does not begin with \"@\"");
        }
        ctx.symbols.insert(id.to_string(), uuid);
    }
    let row = ctx.db.row(&ts.name, &uuid).cloned().ok_or("row vanished")?;
    for arg in &cmd.args[2..] {
        let (col, key) = column_key(arg);
        let c = column(&ts, col)?;
        let d = row
            .get_by_name(&ts, &c.name)
            .cloned()
            .unwrap_or_else(|| Datum::default_for(&c.type_));
        match key {
            Some(k) => {
                key_type(c, k)?;
                let ka = parse_atom(k, &c.type_.key, ctx.symbols)?;
                match &d {
                    Datum::Map(m) => match m.get(&ka) {
                        Some(v) => {
                            let t = atom_text(v, false);
                            ctx.out.push_str(&format!("{t}\n"));
                        }
                        None if must_exist => {
                            return Err(format!(
                                "no key \"{k}\" in {} record \"{}\" column {}",
                                ts.name, cmd.args[1], c.name
                            ))
                        }
                        // ovn-nbctl prints an empty line for a missing key.
                        None => ctx.out.push('\n'),
                    },
                    Datum::Set(_) => return Err(format!("column {} is not a map", c.name)),
                }
            }
            // `get` prints values in full whatever --data/--bare say, as ovn-nbctl.
            None => {
                let t = datum_text(&d, &c.type_, false);
                ctx.out.push_str(&format!("{t}\n"));
            }
        }
    }
    Ok(())
}

fn writable(ts: &TableSchema, col: &str) -> Result<ColumnSchema, String> {
    let c = column(ts, col)?.clone();
    if c.name.starts_with('_') {
        return Err(format!(
            "cannot modify read-only column {} in table {}",
            c.name, ts.name
        ));
    }
    Ok(c)
}

/// Applies one `COLUMN[:KEY]=VALUE` to a row.
pub fn assign(ctx: &mut Ctx<'_>, ts: &TableSchema, uuid: Uuid, arg: &str) -> CmdResult {
    let (col, key, val) = assignment(arg)?;
    let c = writable(ts, col)?;
    let new = match key {
        Some(k) => {
            let Datum::Map(mut m) = ctx
                .db
                .get(&ts.name, &uuid, &c.name)
                .cloned()
                .unwrap_or_else(|| Datum::default_for(&c.type_))
            else {
                return Err(format!(
                    "cannot specify key to set for non-map column {}",
                    c.name
                ));
            };
            let ka = parse_atom(k, &c.type_.key, ctx.symbols)?;
            let va = parse_atom(val, &value_type(&c)?, ctx.symbols)?;
            m.insert(ka, va);
            Datum::Map(m)
        }
        None => parse_datum(val, &c.type_, ctx.symbols)?,
    };
    ctx.db.set(&ts.name, uuid, &c.name, new)
}

fn target(ctx: &Ctx<'_>, cmd: &Command) -> Result<Option<(Arc<TableSchema>, Uuid)>, String> {
    let ts = table(ctx, &cmd.args[0])?;
    Ok(record(ctx, &ts, &cmd.args[1], !cmd.has("--if-exists"))?.map(|u| (ts, u)))
}

fn set(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let Some((ts, uuid)) = target(ctx, cmd)? else {
        return Ok(());
    };
    for arg in &cmd.args[2..] {
        assign(ctx, &ts, uuid, arg)?;
    }
    Ok(())
}

fn add(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let Some((ts, uuid)) = target(ctx, cmd)? else {
        return Ok(());
    };
    let c = writable(&ts, &cmd.args[2])?;
    let mut d = ctx
        .db
        .get(&ts.name, &uuid, &c.name)
        .cloned()
        .unwrap_or_else(|| Datum::default_for(&c.type_));
    for v in &cmd.args[3..] {
        match (&mut d, parse_elements(v, &c.type_, ctx.symbols)?) {
            (Datum::Set(s), Datum::Set(add)) => s.extend(add),
            (Datum::Map(m), Datum::Map(add)) => {
                for (k, v) in add {
                    m.entry(k).or_insert(v);
                }
            }
            _ => return Err(format!("{v}: value does not fit column {}", c.name)),
        }
    }
    check_size(&d, &c, &ts)?;
    ctx.db.set(&ts.name, uuid, &c.name, d)
}

fn check_size(d: &Datum, c: &ColumnSchema, ts: &TableSchema) -> CmdResult {
    if let Some(max) = c.type_.max {
        if d.len() as u64 > max {
            return Err(format!(
                "\"add\" operation would put {} values in column {} of table {} but the maximum number is {max}",
                d.len(),
                c.name,
                ts.name
            ));
        }
    }
    if (d.len() as u64) < c.type_.min {
        return Err(format!(
            "\"remove\" operation would put {} values in column {} of table {} but the minimum number is {}",
            d.len(),
            c.name,
            ts.name,
            c.type_.min
        ));
    }
    Ok(())
}

fn remove(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let Some((ts, uuid)) = target(ctx, cmd)? else {
        return Ok(());
    };
    let c = writable(&ts, &cmd.args[2])?;
    let mut d = ctx
        .db
        .get(&ts.name, &uuid, &c.name)
        .cloned()
        .unwrap_or_else(|| Datum::default_for(&c.type_));
    for v in &cmd.args[3..] {
        match &mut d {
            Datum::Set(s) => {
                if let Datum::Set(gone) = parse_elements(v, &c.type_, ctx.symbols)? {
                    for a in gone {
                        s.remove(&a);
                    }
                }
            }
            Datum::Map(m) => {
                // Either KEY=VALUE pairs (removed when both match) or bare keys.
                match parse_elements(v, &c.type_, ctx.symbols) {
                    Ok(Datum::Map(pairs)) => {
                        for (k, val) in pairs {
                            if m.get(&k) == Some(&val) {
                                m.remove(&k);
                            }
                        }
                    }
                    _ => {
                        let keys_type = Type {
                            value: None,
                            ..c.type_.clone()
                        };
                        if let Datum::Set(keys) = parse_elements(v, &keys_type, ctx.symbols)? {
                            for k in keys {
                                m.remove(&k);
                            }
                        }
                    }
                }
            }
        }
    }
    check_size(&d, &c, &ts)?;
    ctx.db.set(&ts.name, uuid, &c.name, d)
}

fn clear(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let Some((ts, uuid)) = target(ctx, cmd)? else {
        return Ok(());
    };
    for col in &cmd.args[2..] {
        let c = writable(&ts, col)?;
        if c.type_.min > 0 {
            return Err(format!(
                "\"clear\" operation cannot be applied to column {} of table {}, which is not allowed to be empty",
                c.name, ts.name
            ));
        }
        ctx.db
            .set(&ts.name, uuid, &c.name, Datum::empty_for(&c.type_))?;
    }
    Ok(())
}

fn create(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let ts = table(ctx, &cmd.args[0])?;
    let uuid = ctx.db.insert_raw(&ts.name)?;
    if let Some(id) = cmd.value("--id") {
        if !id.starts_with('@') {
            return Err(format!("row id \"{id}\" does not begin with \"@\""));
        }
        if ctx.symbols.insert(id.to_string(), uuid).is_some() {
            return Err(format!(
                "row id \"{id}\" may only be specified on one --id option"
            ));
        }
    }
    for arg in &cmd.args[1..] {
        assign(ctx, &ts, uuid, arg)?;
    }
    ctx.out.push_str(&format!("{uuid}\n"));
    Ok(())
}

fn destroy(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let ts = table(ctx, &cmd.args[0])?;
    let uuids: Vec<Uuid> = if cmd.has("--all") {
        if cmd.args.len() > 1 {
            return Err("--all and records argument should not be specified together".into());
        }
        ctx.db.rows(&ts.name).map(Row::uuid).collect()
    } else {
        let mut v = Vec::new();
        for id in &cmd.args[1..] {
            v.extend(record(ctx, &ts, id, !cmd.has("--if-exists"))?);
        }
        v
    };
    for u in uuids {
        ctx.db.delete(&ts.name, u);
    }
    Ok(())
}

/// `wait-until TABLE RECORD [COLUMN[:KEY]OP VALUE]...`: holds the invocation until the
/// record exists and every condition is true.
fn wait_until(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let ts = table(ctx, &cmd.args[0])?;
    let Some(uuid) = record(ctx, &ts, &cmd.args[1], false)? else {
        ctx.try_again = true;
        return Ok(());
    };
    let row = ctx.db.row(&ts.name, &uuid).cloned().ok_or("row vanished")?;
    for cond in &cmd.args[2..] {
        if !matches(ctx, &ts, &row, cond)? {
            ctx.try_again = true;
            return Ok(());
        }
    }
    Ok(())
}
