//! `rovn-ovsdb-tool`: offline work on Open vSwitch standalone database files, a drop-in
//! for `ovsdb-tool` on the commands below (same arguments, same output).
//!
//! ```text
//! rovn-ovsdb-tool create DB SCHEMA
//! rovn-ovsdb-tool compact DB [DST]
//! rovn-ovsdb-tool [-m]... show-log DB
//! rovn-ovsdb-tool query DB TRNS
//! rovn-ovsdb-tool transact DB TRNS
//! rovn-ovsdb-tool db-name|db-version|db-cksum DB
//! rovn-ovsdb-tool schema-name|schema-version|schema-cksum SCHEMA
//! ```

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Parser;
use serde_json::Value;

use ovsdb::format::{datum_text, sorted_json};
use ovsdb::schema::DatabaseSchema;
use ovsdb::server::{FileLog, Persist};
use ovsdb::storage::{LogReader, LogWriter};
use ovsdb::txn::{self, TxnContext, TxnOutcome};

const PROGRAM: &str = "rovn-ovsdb-tool";
const DEFAULT_DB: &str = "/etc/openvswitch/conf.db";
const DEFAULT_SCHEMA: &str = "/usr/share/openvswitch/vswitch.ovsschema";

#[derive(Debug, Parser)]
#[command(
    name = "rovn-ovsdb-tool",
    version,
    about = "Open vSwitch database file utility, compatible with ovsdb-tool"
)]
struct Cli {
    /// With show-log: print more about each record (repeat for even more).
    #[arg(short = 'm', long = "more", action = clap::ArgAction::Count)]
    more: u8,
    /// The command (create, compact, show-log, query, transact, db-name, db-version,
    /// db-cksum, schema-name, schema-version, schema-cksum).
    #[arg(value_name = "COMMAND")]
    command: String,
    /// The command's arguments.
    #[arg(value_name = "ARG", allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{PROGRAM}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn arg<'a>(args: &'a [String], i: usize, default: &'a str) -> &'a str {
    args.get(i).map(String::as_str).unwrap_or(default)
}

fn run(cli: &Cli) -> Result<(), String> {
    let a = &cli.args;
    let (min, max) = match cli.command.as_str() {
        "create" | "compact" => (0, 2),
        "show-log" | "db-name" | "db-version" | "db-cksum" => (0, 1),
        "schema-name" | "schema-version" | "schema-cksum" => (0, 1),
        "query" | "transact" => (1, 2),
        other => return Err(format!("unknown command '{other}'; use --help for help")),
    };
    if a.len() < min || a.len() > max {
        return Err(format!(
            "'{}' command requires at least {min} arguments",
            cli.command
        ));
    }
    match cli.command.as_str() {
        "create" => create(arg(a, 0, DEFAULT_DB), arg(a, 1, DEFAULT_SCHEMA)),
        "compact" => compact(arg(a, 0, DEFAULT_DB), a.get(1).map(String::as_str)),
        "show-log" => show_log(arg(a, 0, DEFAULT_DB), cli.more),
        "query" | "transact" => {
            let (db, trns) = if a.len() == 2 {
                (a[0].as_str(), a[1].as_str())
            } else {
                (DEFAULT_DB, a[0].as_str())
            };
            transact(db, trns, cli.command == "transact")
        }
        "db-name" | "db-version" | "db-cksum" => {
            let schema = db_schema(arg(a, 0, DEFAULT_DB))?;
            print_schema_field(&schema, &cli.command[3..])
        }
        _ => {
            let path = arg(a, 0, DEFAULT_SCHEMA);
            let schema = read_schema(path)?;
            print_schema_field(&schema, &cli.command[7..])
        }
    }
}

fn print_schema_field(schema: &Value, field: &str) -> Result<(), String> {
    let text = schema.get(field).and_then(Value::as_str).unwrap_or("");
    println!("{text}");
    Ok(())
}

/// Reads and checks a `.ovsschema` file.
fn read_schema(path: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {}", os_error(&e)))?;
    let json: Value =
        serde_json::from_str(&text).map_err(|e| format!("{path}: JSON parse error: {e}"))?;
    DatabaseSchema::from_json(&json).map_err(|e| format!("{path}: {e}"))?;
    Ok(json)
}

/// The schema record of a database file.
fn db_schema(path: &str) -> Result<Value, String> {
    check_open(path)?;
    let mut reader = LogReader::open(path).map_err(|e| format!("{path}: {e}"))?;
    reader
        .next_record()
        .map_err(|e| format!("{path}: {e}"))?
        .ok_or_else(|| format!("{path}: database file contains no schema"))
}

/// Fails as ovsdb-tool does if `path` cannot be opened.
fn check_open(path: &str) -> Result<(), String> {
    std::fs::File::open(path)
        .map(|_| ())
        .map_err(|e| format!("I/O error: {path}: open failed ({})", os_error(&e)))
}

fn os_error(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn create(db: &str, schema_path: &str) -> Result<(), String> {
    let json = read_schema(schema_path)?;
    if Path::new(db).exists() {
        return Err(format!("I/O error: {db}: create failed (File exists)"));
    }
    // The schema record is the schema as given (ovsdb-server and ovsdb-tool accept it
    // back as is).
    LogWriter::create(db, &json).map_err(|e| format!("{db}: {e}"))?;
    Ok(())
}

fn compact(db: &str, dst: Option<&str>) -> Result<(), String> {
    let (database, mut log) = FileLog::open(Path::new(db)).map_err(|e| format!("{db}: {e}"))?;
    match dst {
        None => log.compact(&database).map_err(|e| format!("{db}: {e}")),
        Some(dst) => {
            let schema = db_schema(db)?;
            let mut w = LogWriter::create(dst, &schema).map_err(|e| format!("{dst}: {e}"))?;
            w.append(&database.snapshot_record(), true)
                .map_err(|e| format!("{dst}: {e}"))
        }
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn transact(db: &str, trns: &str, write: bool) -> Result<(), String> {
    let request: Value = serde_json::from_str(trns).map_err(|e| format!("\"{trns}\": {e}"))?;
    let Value::Array(params) = request else {
        return Err("transaction must be a JSON array".into());
    };
    let (mut database, mut log) = FileLog::open(Path::new(db)).map_err(|e| format!("{db}: {e}"))?;
    let name = database.schema().name.clone();
    match params.first() {
        Some(Value::String(n)) if *n == name => {}
        _ => return Err(format!("transaction must name database \"{name}\" first")),
    }
    let no_lock = |_: &str| false;
    let now = now_ms();
    let ctx = TxnContext {
        now_ms: now,
        started_ms: now,
        holds_lock: &no_lock,
    };
    let reply = match txn::execute(&mut database, &params[1..], &ctx) {
        TxnOutcome::Done { reply, commit } => {
            if let (true, Some(commit)) = (write, commit) {
                if commit.changes.needs_log_record(database.schema()) {
                    let record = commit.changes.to_log_record(
                        database.schema(),
                        now,
                        commit.comment.as_deref(),
                    );
                    log.append(&record, true)
                        .map_err(|e| format!("{db}: {e}"))?;
                }
            }
            reply
        }
        TxnOutcome::Blocked { .. } => {
            return Err("transaction blocked on a \"wait\" that cannot be met offline".into())
        }
    };
    println!("{}", sorted_json(&Value::Array(reply)));
    Ok(())
}

/// `YYYY-MM-DD HH:MM:SS.mmm` (UTC) of milliseconds since the epoch.
fn format_date(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{millis:03}",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    )
}

fn show_log(db: &str, more: u8) -> Result<(), String> {
    check_open(db)?;
    let mut reader = LogReader::open(db).map_err(|e| format!("{db}: {e}"))?;
    let records = reader.read_all().map_err(|e| format!("{db}: {e}"))?;
    // Rows seen so far: (table, uuid) -> name, for "insert" vs update and names.
    let mut names: HashMap<(String, String), Option<String>> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        if i == 0 {
            let name = record.get("name").and_then(Value::as_str).unwrap_or("");
            let version = record.get("version").and_then(Value::as_str);
            let cksum = record.get("cksum").and_then(Value::as_str);
            let mut line = format!("record 0: \"{name}\" schema");
            if let Some(v) = version {
                line.push_str(&format!(", version=\"{v}\""));
            }
            if let Some(c) = cksum {
                line.push_str(&format!(", cksum=\"{c}\""));
            }
            println!("{line}");
            println!();
            continue;
        }
        let mut line = format!("record {i}:");
        if let Some(date) = record.get("_date").and_then(Value::as_i64) {
            line.push(' ');
            line.push_str(&format_date(date));
        }
        if let Some(c) = record.get("_comment").and_then(Value::as_str) {
            line.push(' ');
            line.push_str(&Value::String(c.to_string()).to_string());
        }
        println!("{line}");
        if more == 0 {
            continue;
        }
        let is_diff = record.get("_is_diff") == Some(&Value::Bool(true));
        let Some(tables) = record.as_object() else {
            continue;
        };
        for (table, rows) in tables {
            if table.starts_with('_') {
                continue;
            }
            let Some(rows) = rows.as_object() else {
                continue;
            };
            for (uuid, row) in rows {
                let key = (table.clone(), uuid.clone());
                let new_name = row.get("name").and_then(Value::as_str).map(str::to_owned);
                let known = names.get(&key).cloned();
                let (verb, name) = match &known {
                    None if !row.is_null() => ("insert ", new_name.clone()),
                    _ => ("", known.clone().flatten()),
                };
                let short = &uuid[..uuid.len().min(8)];
                let label = match &name {
                    Some(n) => format!("{} ({short})", Value::String(n.clone())),
                    None => short.to_string(),
                };
                let tail = if known.is_some() && is_diff {
                    " diff:"
                } else {
                    ":"
                };
                println!("  table {table} {verb}row {label}{tail}");
                if row.is_null() {
                    println!("    delete row");
                    names.remove(&key);
                } else {
                    names.insert(key, new_name.or(name));
                }
                if more > 1 {
                    if let Some(cols) = row.as_object() {
                        for (col, value) in cols {
                            println!("    {col}={}", datum_text(value));
                        }
                    }
                }
            }
        }
        println!();
    }
    Ok(())
}
