//! Harness for the rovn-nbctl tests: NB database servers (the real `ovsdb-server`, or
//! rovn's server run in-process on its own runtime thread), running `ovn-nbctl` and
//! `rovn-nbctl` against them, normalising outputs, and a canonical NB dump that does
//! not depend on uuids.
//!
//! Everything it starts is named `rovn-nbctl-*` (temp dirs) and stopped on drop.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const NB_SCHEMA: &str = "/usr/share/ovn/ovn-nb.ovsschema";
pub const SB_SCHEMA: &str = "/usr/share/ovn/ovn-sb.ovsschema";

pub fn have(bin: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(bin).is_file()))
        .unwrap_or(false)
}

/// True when every tool is installed; otherwise skips (prints why) or, under `CI`,
/// panics.
pub fn tools_present(bins: &[&str]) -> bool {
    for b in bins {
        if !have(b) {
            if std::env::var_os("CI").is_some() {
                panic!("{b} is missing in CI: scripts/install-deps.sh installs it");
            }
            eprintln!("skipping: {b} not installed");
            return false;
        }
    }
    if !Path::new(NB_SCHEMA).exists() {
        if std::env::var_os("CI").is_some() {
            panic!("{NB_SCHEMA} is missing in CI");
        }
        eprintln!("skipping: {NB_SCHEMA} not installed");
        return false;
    }
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Impl {
    Rovn,
    Real,
}

/// A database server on a unix socket in its own temp dir, stopped on drop.
pub struct Server {
    pub dir: tempfile::TempDir,
    pub sock: PathBuf,
    child: Option<Child>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn create_db(dir: &Path, name: &str, schema: &str) -> PathBuf {
    let db = dir.join(name);
    let st = Command::new("ovsdb-tool")
        .arg("create")
        .arg(&db)
        .arg(schema)
        .status()
        .expect("run ovsdb-tool");
    assert!(st.success(), "ovsdb-tool create {schema} failed");
    db
}

impl Server {
    /// A fresh database of each schema, served by `kind`.
    pub fn start(kind: Impl, schemas: &[&str]) -> Server {
        let dir = tempfile::Builder::new()
            .prefix("rovn-nbctl-")
            .tempdir()
            .expect("temp dir");
        let dbs: Vec<PathBuf> = schemas
            .iter()
            .enumerate()
            .map(|(i, s)| create_db(dir.path(), &format!("db{i}.db"), s))
            .collect();
        let sock = dir.path().join("db.sock");
        let mut server = Server {
            dir,
            sock: sock.clone(),
            child: None,
            stop: None,
            thread: None,
        };
        match kind {
            Impl::Real => {
                let d = server.dir.path();
                let child = Command::new("ovsdb-server")
                    .arg(format!("--remote=punix:{}", sock.display()))
                    .arg(format!("--unixctl={}", d.join("ctl").display()))
                    .arg(format!("--pidfile={}", d.join("server.pid").display()))
                    .arg(format!("--log-file={}", d.join("server.log").display()))
                    .args(&dbs)
                    .env("OVS_RUNDIR", d)
                    .env("OVS_LOGDIR", d)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("spawn ovsdb-server");
                server.child = Some(child);
            }
            Impl::Rovn => {
                let (tx, rx) = tokio::sync::oneshot::channel::<()>();
                let sock2 = sock.clone();
                let thread = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_multi_thread()
                        .worker_threads(1)
                        .enable_all()
                        .build()
                        .expect("runtime");
                    rt.block_on(async move {
                        use ovsdb::server::{driver, FileLog, ServerCore};
                        let mut core = ServerCore::new();
                        for path in &dbs {
                            let (db, log) = FileLog::open(path).expect("open db");
                            core.add_database(db, Some(Box::new(log)));
                        }
                        let remote = ovsdb::remote::Remote::PUnix(sock2);
                        let l = ovsdb::remote::listen(&remote).await.expect("listen");
                        let _handle = driver::spawn(core, vec![(remote, l)]);
                        let _ = rx.await;
                    });
                });
                server.stop = Some(tx);
                server.thread = Some(thread);
            }
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::os::unix::net::UnixStream::connect(&sock).is_err() {
            assert!(Instant::now() < deadline, "{kind:?} server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    pub fn remote(&self) -> String {
        format!("unix:{}", self.sock.display())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(c.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while !matches!(c.try_wait(), Ok(Some(_))) {
                if Instant::now() > deadline {
                    let _ = c.kill();
                    let _ = c.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What a tool printed and how it exited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

pub const ROVN_NBCTL: &str = env!("CARGO_BIN_EXE_rovn-nbctl");

/// Runs `bin --db=REMOTE args...`.
pub fn nbctl<S: AsRef<std::ffi::OsStr>>(bin: &str, remote: &str, args: &[S]) -> Run {
    let out = Command::new(bin)
        .arg(format!("--db={remote}"))
        .args(args)
        .env_remove("OVN_NB_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {bin}: {e}"));
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Replaces every UUID in `text` by `<uuid>`.
pub fn mask_uuids(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if i + 36 <= b.len() && is_uuid(&b[i..i + 36]) {
            out.push_str("<uuid>");
            i += 36;
        } else {
            let ch = text[i..].chars().next().unwrap_or('?');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn is_uuid(s: &[u8]) -> bool {
    s.iter().enumerate().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => *c == b'-',
        _ => c.is_ascii_hexdigit(),
    })
}

/// Output with uuids masked and the order of rows that both tools print in uuid (hash)
/// order made canonical: `show` switch blocks and their port blocks are sorted, and
/// `list` records (blank-line separated) are sorted.
pub fn normalise(text: &str) -> String {
    let masked = mask_uuids(text);
    if masked.starts_with("switch ") || masked.starts_with("router ") {
        return sort_show(&masked);
    }
    let (body, nl) = match masked.strip_suffix('\n') {
        Some(b) => (b, "\n"),
        None => (masked.as_str(), ""),
    };
    let mut records: Vec<&str> = body.split("\n\n").collect();
    records.sort();
    records.join("\n\n") + nl
}

fn sort_show(text: &str) -> String {
    // Split into top-level blocks, each into its 4-space-indented sub-blocks.
    let mut blocks: Vec<String> = Vec::new();
    for line in text.lines() {
        if !line.starts_with(' ') || blocks.is_empty() {
            blocks.push(String::new());
        }
        let b = blocks.last_mut().unwrap();
        b.push_str(line);
        b.push('\n');
    }
    let mut out: Vec<String> = blocks
        .into_iter()
        .map(|b| {
            let mut lines = b.lines();
            let head = lines.next().unwrap_or("").to_string();
            let mut subs: Vec<String> = Vec::new();
            for l in lines {
                if l.starts_with("    ") && !l.starts_with("        ") || subs.is_empty() {
                    subs.push(String::new());
                }
                let s = subs.last_mut().unwrap();
                s.push_str(l);
                s.push('\n');
            }
            subs.sort();
            format!("{head}\n{}", subs.concat())
        })
        .collect();
    out.sort();
    out.concat()
}

/// The error lines of a run with the program prefix and log lines removed.
pub fn errors(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| !l.contains("|WARN|") && !l.contains("|INFO|"))
        .map(|l| {
            l.strip_prefix("rovn-nbctl: ")
                .or_else(|| l.strip_prefix("ovn-nbctl: "))
                .unwrap_or(l)
                .to_string()
        })
        .collect()
}

/// Every row of every NB table, with uuids replaced by a label derived from the row's
/// content (its table and name, or its other columns), so that two databases built by
/// the same commands compare equal.
pub fn nb_dump(remote: &str) -> BTreeMap<String, Vec<String>> {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(NB_SCHEMA).unwrap()).unwrap();
    let tables: Vec<String> = schema["tables"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut ops = vec![json!("OVN_Northbound")];
    for t in &tables {
        ops.push(json!({"op": "select", "table": t, "where": []}));
    }
    let out = Command::new("ovsdb-client")
        .arg("transact")
        .arg(remote)
        .arg(Value::Array(ops).to_string())
        .output()
        .expect("ovsdb-client transact");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reply: Value = serde_json::from_slice(&out.stdout).unwrap();
    // First pass: a label for every uuid.
    let mut label: BTreeMap<String, String> = BTreeMap::new();
    let mut all: Vec<(String, serde_json::Map<String, Value>)> = Vec::new();
    for (t, r) in tables.iter().zip(reply.as_array().unwrap()) {
        for row in r["rows"].as_array().unwrap() {
            let mut row = row.as_object().unwrap().clone();
            row.remove("_version");
            let uuid = row.remove("_uuid").unwrap()[1]
                .as_str()
                .unwrap()
                .to_string();
            let name = row
                .get("name")
                .and_then(Value::as_str)
                .filter(|n| !n.is_empty());
            let l = match name {
                Some(n) => format!("{t}:{n}"),
                None => format!(
                    "{t}:{}",
                    mask_uuids(&Value::Object(row.clone()).to_string())
                ),
            };
            label.insert(uuid, l);
            all.push((t.clone(), row));
        }
    }
    let mut dump: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (t, row) in all {
        let v = canon(&Value::Object(row), &label);
        dump.entry(t).or_default().push(v.to_string());
    }
    for v in dump.values_mut() {
        v.sort();
    }
    dump
}

/// `v` with uuids replaced by labels, object keys sorted, and set and map elements
/// sorted.
fn canon(v: &Value, label: &BTreeMap<String, String>) -> Value {
    match v {
        Value::Array(a) if a.len() == 2 && a[0] == "uuid" => {
            let u = a[1].as_str().unwrap_or("");
            json!([
                "uuid",
                label.get(u).cloned().unwrap_or_else(|| u.to_string())
            ])
        }
        Value::Array(a) if a.len() == 2 && (a[0] == "set" || a[0] == "map") => {
            let mut items: Vec<Value> = a[1]
                .as_array()
                .map(|x| x.iter().map(|e| canon(e, label)).collect())
                .unwrap_or_default();
            items.sort_by_key(|e| e.to_string());
            json!([a[0].clone(), items])
        }
        Value::Array(a) => Value::Array(a.iter().map(|e| canon(e, label)).collect()),
        Value::Object(o) => {
            let sorted: BTreeMap<&String, Value> =
                o.iter().map(|(k, x)| (k, canon(x, label))).collect();
            Value::Object(sorted.into_iter().map(|(k, x)| (k.clone(), x)).collect())
        }
        other => other.clone(),
    }
}
