//! `rovn-ovsdb-client`: a command-line OVSDB client, a drop-in for `ovsdb-client` for
//! the commands below (same arguments, same output).
//!
//! ```text
//! rovn-ovsdb-client [--format=table|csv|json] [--no-headings] [--timeout=SECS]
//!                   COMMAND [ARG...]
//!   list-dbs [SERVER]
//!   get-schema [SERVER] [DATABASE]
//!   get-schema-version [SERVER] [DATABASE]
//!   list-tables [SERVER] [DATABASE]
//!   list-columns [SERVER] [DATABASE] [TABLE]
//!   transact [SERVER] TRANSACTION
//!   query [SERVER] TRANSACTION
//!   dump [SERVER] [DATABASE] [TABLE [COLUMN]...]
//!   monitor [SERVER] [DATABASE] TABLE [COLUMN,...]...   (or ALL)
//! ```
//! SERVER defaults to `unix:/var/run/openvswitch/db.sock`.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use serde_json::{json, Map, Value};

use ovsdb::client::{Client, ClientConfig, ClientEvent, Events};
use ovsdb::format::{sorted_json, Cell, Format, Printer, Table};
use ovsdb::remote::Remote;

const PROGRAM: &str = "rovn-ovsdb-client";
const DEFAULT_SERVER: &str = "unix:/var/run/openvswitch/db.sock";

#[derive(Debug, Parser)]
#[command(
    name = "rovn-ovsdb-client",
    version,
    about = "OVSDB command-line client, compatible with ovsdb-client"
)]
struct Cli {
    /// Output format for tables: table, csv or json.
    #[arg(
        short = 'f',
        long = "format",
        value_name = "FORMAT",
        default_value = "table"
    )]
    format: Format,
    /// Do not print column headings.
    #[arg(short = 'd', long = "no-headings")]
    no_headings: bool,
    /// Give up after SECS seconds.
    #[arg(short = 't', long = "timeout", value_name = "SECS")]
    timeout: Option<u64>,
    /// The command (list-dbs, get-schema, list-tables, list-columns, transact, query,
    /// dump, monitor).
    #[arg(value_name = "COMMAND")]
    command: String,
    /// The command's arguments.
    #[arg(value_name = "ARG", allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{PROGRAM}: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let timeout = cli.timeout;
    let result = runtime.block_on(async move {
        match timeout {
            Some(secs) if secs > 0 => {
                match tokio::time::timeout(Duration::from_secs(secs), run(cli)).await {
                    Ok(r) => r,
                    Err(_) => Err(format!("timeout after {secs} seconds")),
                }
            }
            _ => run(cli).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = std::io::stdout().flush();
            eprintln!("{PROGRAM}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Minimum and maximum number of arguments of each command, SERVER not counted.
fn arity(command: &str) -> Option<(usize, usize)> {
    Some(match command {
        "list-dbs" => (0, 0),
        "get-schema" | "get-schema-version" | "get-schema-cksum" | "list-tables" => (0, 1),
        "list-columns" => (0, 2),
        "transact" | "query" => (1, 1),
        "dump" => (0, usize::MAX),
        "monitor" => (1, usize::MAX),
        _ => return None,
    })
}

/// An argument names a server if it uses remote syntax (`unix:`, `tcp:`, ...).
fn is_server(arg: &str) -> bool {
    arg.contains(':') && !arg.starts_with('[') && !arg.starts_with('{')
}

async fn run(cli: Cli) -> Result<(), String> {
    let command = cli.command.as_str();
    let Some((min, max)) = arity(command) else {
        return Err(format!("unknown command '{command}'; use --help for help"));
    };
    let mut args: Vec<String> = cli.args.clone();
    let server = if args.first().is_some_and(|a| is_server(a)) {
        args.remove(0)
    } else {
        DEFAULT_SERVER.to_string()
    };
    if args.len() < min || args.len() > max {
        return Err(format!(
            "invalid syntax for '{command}' (use --help for help)"
        ));
    }
    let remote: Remote = server.parse().map_err(|e| format!("{server}: {e}"))?;
    let client = connect(&remote, &server).await?;
    let mut tool = Tool {
        client: client.0,
        events: client.1,
        printer: Printer::new(cli.format, !cli.no_headings),
        dbs: None,
        server: server.clone(),
    };
    match command {
        "list-dbs" => tool.list_dbs().await,
        "get-schema" => {
            let db = tool.database(&mut args).await?;
            no_more(command, &args, 0)?;
            let schema = tool.schema(&db).await?;
            println!("{}", sorted_json(&schema));
            Ok(())
        }
        "get-schema-version" | "get-schema-cksum" => {
            let db = tool.database(&mut args).await?;
            let schema = tool.schema(&db).await?;
            no_more(command, &args, 0)?;
            let key = if command == "get-schema-version" {
                "version"
            } else {
                "cksum"
            };
            println!("{}", schema.get(key).and_then(Value::as_str).unwrap_or(""));
            Ok(())
        }
        "list-tables" => {
            let db = tool.database(&mut args).await?;
            no_more(command, &args, 0)?;
            tool.list_tables(&db).await
        }
        "list-columns" => {
            let db = tool.database(&mut args).await?;
            no_more(command, &args, 1)?;
            tool.list_columns(&db, args.first().map(String::as_str))
                .await
        }
        "transact" | "query" => tool.transact(&args[0], command == "query").await,
        "dump" => {
            let db = tool.database(&mut args).await?;
            tool.dump(&db, &args).await
        }
        "monitor" => {
            let db = tool.database(&mut args).await?;
            tool.monitor(&db, &args).await
        }
        _ => unreachable!("arity() knows every command"),
    }
}

/// Fails with ovsdb-client's message if more than `max` arguments are left.
fn no_more(command: &str, args: &[String], max: usize) -> Result<(), String> {
    if args.len() > max {
        return Err(format!(
            "invalid syntax for '{command}' (use --help for help)"
        ));
    }
    Ok(())
}

async fn connect(remote: &Remote, text: &str) -> Result<(Client, Events), String> {
    // One plain attempt first, for the operating system's reason if it fails.
    if let Err(e) = ovsdb::remote::connect(remote).await {
        let reason = e.to_string();
        let reason = match reason.find(" (os error") {
            Some(i) => reason[..i].to_string(),
            None => reason,
        };
        return Err(format!("failed to connect to \"{text}\" ({reason})"));
    }
    let mut config = ClientConfig::new(remote.clone());
    config.reconnect = false;
    config.probe_interval = None;
    Client::connect(config)
        .await
        .map_err(|e| format!("failed to connect to \"{text}\" ({e})"))
}

struct Tool {
    client: Client,
    events: Events,
    printer: Printer,
    dbs: Option<Vec<String>>,
    server: String,
}

impl Tool {
    fn print(&mut self, table: &Table) {
        let text = self.printer.render(table);
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    async fn dbs(&mut self) -> Result<Vec<String>, String> {
        if let Some(d) = &self.dbs {
            return Ok(d.clone());
        }
        let reply = self
            .client
            .list_dbs()
            .await
            .map_err(|e| format!("list_dbs: {e}"))?;
        let names: Vec<String> = reply
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        self.dbs = Some(names.clone());
        Ok(names)
    }

    /// Takes DATABASE off the front of `args` if it names one of the server's
    /// databases; otherwise the server's first database other than `_Server`.
    async fn database(&mut self, args: &mut Vec<String>) -> Result<String, String> {
        let dbs = self.dbs().await?;
        if let Some(first) = args.first() {
            if dbs.contains(first) {
                return Ok(args.remove(0));
            }
        }
        dbs.iter()
            .find(|d| d.as_str() != "_Server")
            .or_else(|| dbs.first())
            .cloned()
            .ok_or_else(|| "server has no databases".to_string())
    }

    async fn schema(&mut self, db: &str) -> Result<Value, String> {
        self.client.get_schema(db).await.map_err(|e| match e {
            ovsdb::client::ClientError::Rpc(v) => {
                format!("get_schema: {}", rpc_error_text(&v))
            }
            other => format!("get_schema: {other}"),
        })
    }

    async fn list_dbs(&mut self) -> Result<(), String> {
        for db in self.dbs().await? {
            println!("{db}");
        }
        Ok(())
    }

    async fn list_tables(&mut self, db: &str) -> Result<(), String> {
        let schema = self.schema(db).await?;
        let rows = tables_of(&schema)
            .map(|(name, _)| vec![Cell::string(name.clone())])
            .collect();
        self.print(&Table {
            caption: None,
            headings: vec!["Table".into()],
            rows,
        });
        Ok(())
    }

    async fn list_columns(&mut self, db: &str, table: Option<&str>) -> Result<(), String> {
        let schema = self.schema(db).await?;
        let mut rows = Vec::new();
        let mut found = false;
        for (tname, tjson) in tables_of(&schema) {
            if table.is_some_and(|t| t != tname) {
                continue;
            }
            found = true;
            let mut columns: Vec<(String, Value)> = vec![
                ("_uuid".into(), json!("uuid")),
                ("_version".into(), json!("uuid")),
            ];
            if let Some(cols) = tjson.get("columns").and_then(Value::as_object) {
                for (cname, cjson) in cols {
                    let ty = cjson.get("type").cloned().unwrap_or(Value::Null);
                    columns.push((cname.clone(), ty));
                }
            }
            for (cname, ty) in columns {
                let mut row = Vec::new();
                if table.is_none() {
                    row.push(Cell::string(tname.clone()));
                }
                row.push(Cell::string(cname));
                row.push(Cell::json(ty));
                rows.push(row);
            }
        }
        if let (Some(t), false) = (table, found) {
            return Err(format!("{db} does not have a table named \"{t}\""));
        }
        let mut headings = Vec::new();
        if table.is_none() {
            headings.push("Table".to_string());
        }
        headings.push("Column".into());
        headings.push("Type".into());
        self.print(&Table {
            caption: None,
            headings,
            rows,
        });
        Ok(())
    }

    async fn transact(&mut self, text: &str, query: bool) -> Result<(), String> {
        let request: Value = serde_json::from_str(text).map_err(|e| format!("\"{text}\": {e}"))?;
        let Value::Array(mut params) = request else {
            return Err("TRANSACTION must be a JSON array".into());
        };
        if params.is_empty() || !params[0].is_string() {
            return Err("TRANSACTION must begin with a database name".into());
        }
        let n_ops = params.len() - 1;
        if query {
            params.push(json!({"op": "abort"}));
        }
        let reply = match self.client.request("transact", params).await {
            Ok(r) => r,
            Err(ovsdb::client::ClientError::Rpc(v)) => {
                return Err(format!(
                    "transaction returned error: {}",
                    rpc_error_text(&v)
                ))
            }
            Err(e) => return Err(format!("transact: {e}")),
        };
        let reply = if query {
            // Drop the result of the `abort` we added, and the error it caused.
            match reply {
                Value::Array(mut results) => {
                    results.truncate(n_ops);
                    Value::Array(results)
                }
                other => other,
            }
        } else {
            reply
        };
        println!("{}", sorted_json(&reply));
        Ok(())
    }

    async fn dump(&mut self, db: &str, args: &[String]) -> Result<(), String> {
        let schema = self.schema(db).await?;
        let tables: BTreeMap<String, Value> = tables_of(&schema)
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect();
        let wanted: Vec<(String, Option<Vec<String>>)> = match args.split_first() {
            None => tables.keys().map(|t| (t.clone(), None)).collect(),
            Some((table, columns)) => {
                let Some(t) = tables.get(table) else {
                    return Err(format!("{db} does not have a table named \"{table}\""));
                };
                if columns.is_empty() {
                    vec![(table.clone(), None)]
                } else {
                    for c in columns {
                        let known = c == "_uuid"
                            || c == "_version"
                            || t.get("columns").and_then(|cs| cs.get(c)).is_some();
                        if !known {
                            return Err(format!("Table \"{table}\" has no column {c}."));
                        }
                    }
                    let mut cs = columns.to_vec();
                    cs.sort();
                    cs.dedup();
                    vec![(table.clone(), Some(cs))]
                }
            }
        };
        let mut ops = vec![Value::String(db.to_string())];
        let mut headings_of = Vec::new();
        for (table, columns) in &wanted {
            let columns = match columns {
                Some(c) => c.clone(),
                None => {
                    let mut cs: Vec<String> = tables[table]
                        .get("columns")
                        .and_then(Value::as_object)
                        .map(|o| o.keys().cloned().collect())
                        .unwrap_or_default();
                    cs.sort();
                    cs.insert(0, "_uuid".into());
                    cs
                }
            };
            ops.push(json!({"op": "select", "table": table, "where": [], "columns": columns}));
            headings_of.push(columns);
        }
        let reply = self
            .client
            .request("transact", ops)
            .await
            .map_err(|e| format!("transact: {e}"))?;
        let results = reply.as_array().cloned().unwrap_or_default();
        for (i, (table, _)) in wanted.iter().enumerate() {
            let result = results.get(i).cloned().unwrap_or(Value::Null);
            if let Some(err) = result.get("error") {
                return Err(format!(
                    "transaction returned error: {}",
                    rpc_error_text(err)
                ));
            }
            let headings = &headings_of[i];
            let mut rows: Vec<Vec<Cell>> = result
                .get("rows")
                .and_then(Value::as_array)
                .map(|rows| {
                    rows.iter()
                        .map(|r| {
                            headings
                                .iter()
                                .map(|h| r.get(h).cloned().map_or_else(Cell::empty, Cell::datum))
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default();
            rows.sort_by(|a: &Vec<Cell>, b: &Vec<Cell>| {
                let ka: Vec<&str> = a.iter().map(|c| c.text.as_str()).collect();
                let kb: Vec<&str> = b.iter().map(|c| c.text.as_str()).collect();
                ka.cmp(&kb)
            });
            self.print(&Table {
                caption: Some(format!("{table} table")),
                headings: headings.clone(),
                rows,
            });
        }
        Ok(())
    }

    async fn monitor(&mut self, db: &str, args: &[String]) -> Result<(), String> {
        let schema = self.schema(db).await?;
        let tables: BTreeMap<String, Value> = tables_of(&schema)
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect();
        let Some((first, rest)) = args.split_first() else {
            return Err("invalid syntax for 'monitor' (use --help for help)".into());
        };
        // table -> (columns as printed, select flags)
        let mut specs: Vec<(String, Vec<String>, [bool; 4])> = Vec::new();
        if first == "ALL" && rest.is_empty() {
            for name in tables.keys() {
                specs.push((name.clone(), all_columns(&tables[name]), [true; 4]));
            }
        } else {
            let Some(t) = tables.get(first) else {
                return Err(format!("{db} does not have a table named \"{first}\""));
            };
            let mut columns = Vec::new();
            let mut select = [true; 4]; // initial, insert, delete, modify
            for arg in rest {
                for c in arg.split(',').filter(|c| !c.is_empty()) {
                    match c {
                        "!initial" => select[0] = false,
                        "!insert" => select[1] = false,
                        "!delete" => select[2] = false,
                        "!modify" => select[3] = false,
                        _ => {
                            if c != "_version"
                                && t.get("columns").and_then(|cs| cs.get(c)).is_none()
                            {
                                return Err(format!(
                                    "{}: table \"{first}\" in {db} does not have a column named \"{c}\"",
                                    self.server
                                ));
                            }
                            if !columns.iter().any(|x| x == c) {
                                columns.push(c.to_string());
                            }
                        }
                    }
                }
            }
            if columns.is_empty() {
                columns = all_columns(t);
            }
            specs.push((first.clone(), columns, select));
        }
        let mut requests = Map::new();
        for (table, columns, s) in &specs {
            requests.insert(
                table.clone(),
                json!({"columns": columns, "select": {
                    "initial": s[0], "insert": s[1], "delete": s[2], "modify": s[3]}}),
            );
        }
        let caption = specs.len() > 1;
        let layout: BTreeMap<String, Vec<String>> = specs
            .iter()
            .map(|(t, c, _)| (t.clone(), c.clone()))
            .collect();
        let initial = self
            .client
            .monitor(db, Value::Null, Value::Object(requests))
            .await
            .map_err(|e| match e {
                ovsdb::client::ClientError::Rpc(v) => format!("monitor: {}", rpc_error_text(&v)),
                other => format!("monitor: {other}"),
            })?;
        self.print_updates(&initial, &layout, caption, true);
        loop {
            match self.events.recv().await {
                Some(ClientEvent::Notification { method, params }) if method == "update" => {
                    if let Some(updates) = params.get(1) {
                        self.print_updates(updates, &layout, caption, false);
                    }
                }
                Some(ClientEvent::Disconnected) | None => {
                    return Err("connection closed by server".into())
                }
                Some(_) => {}
            }
        }
    }

    /// Prints one `<table-updates>` (update format 1) as ovsdb-client monitor does.
    fn print_updates(
        &mut self,
        updates: &Value,
        layout: &BTreeMap<String, Vec<String>>,
        caption: bool,
        initial: bool,
    ) {
        let Some(updates) = updates.as_object() else {
            return;
        };
        for (table, columns) in layout {
            let Some(rows) = updates.get(table).and_then(Value::as_object) else {
                continue;
            };
            let mut out = Vec::new();
            for (uuid, change) in rows {
                let old = change.get("old").and_then(Value::as_object);
                let new = change.get("new").and_then(Value::as_object);
                let cells = |action: &str, row_cell: Cell, r: &Map<String, Value>| {
                    let mut v = vec![row_cell, Cell::string(action)];
                    v.extend(
                        columns
                            .iter()
                            .map(|c| r.get(c).cloned().map_or_else(Cell::empty, Cell::datum)),
                    );
                    v
                };
                match (old, new) {
                    (None, Some(n)) => {
                        let action = if initial { "initial" } else { "insert" };
                        out.push(cells(action, Cell::string(uuid.clone()), n));
                    }
                    (Some(o), None) => out.push(cells("delete", Cell::string(uuid.clone()), o)),
                    (Some(o), Some(n)) => {
                        out.push(cells("old", Cell::string(uuid.clone()), o));
                        out.push(cells("new", Cell::string(""), n));
                    }
                    (None, None) => {}
                }
            }
            if out.is_empty() {
                continue;
            }
            let mut headings = vec!["row".to_string(), "action".to_string()];
            headings.extend(columns.iter().cloned());
            self.print(&Table {
                caption: caption.then(|| table.clone()),
                headings,
                rows: out,
            });
        }
    }
}

/// The tables of a schema in wire JSON, in the order the server sent them.
fn tables_of(schema: &Value) -> impl Iterator<Item = (&String, &Value)> {
    schema
        .get("tables")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|t| t.iter())
}

/// Every column of a table, alphabetically, then `_version`: what `monitor` shows when
/// no columns are named.
fn all_columns(table: &Value) -> Vec<String> {
    let mut cs: Vec<String> = table
        .get("columns")
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    cs.sort();
    cs.push("_version".into());
    cs
}

/// The text of a JSON-RPC or OVSDB error object: `error` and `details`.
fn rpc_error_text(v: &Value) -> String {
    match (
        v.get("error").and_then(Value::as_str),
        v.get("details").and_then(Value::as_str),
    ) {
        (Some(e), Some(d)) => format!("{e} ({d})"),
        (Some(e), None) => e.to_string(),
        _ => v.to_string(),
    }
}
