//! Daemon test harness: NB and SB database servers (our `rovn-ovsdb-server` or the real
//! `ovsdb-server`) on database files in a temp dir, `rovn-northd` processes, and the
//! real `ovn-nbctl`/`ovn-sbctl` run against them. Every process is started here and
//! killed by its own handle on drop, so a failing test leaves nothing behind.
//!
//! A missing reference tool skips the test with a notice, or panics when `CI` is set.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const NB_SCHEMA: &str = "/usr/share/ovn/ovn-nb.ovsschema";
pub const SB_SCHEMA: &str = "/usr/share/ovn/ovn-sb.ovsschema";

/// True when every tool is installed; otherwise prints a notice (or panics under CI).
pub fn have_tools(bins: &[&str]) -> bool {
    for bin in bins {
        let found = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).any(|d| d.join(bin).is_file()))
            .unwrap_or(false);
        if !found {
            if std::env::var_os("CI").is_some() {
                panic!("{bin} is missing in CI: scripts/install-deps.sh installs it");
            }
            eprintln!("NOTICE: {bin} not installed; test skipped");
            return false;
        }
    }
    true
}

/// `rovn-ovsdb-server` from this workspace's target dir (built on demand).
pub fn rovn_server_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join("rovn-ovsdb-server");
    if !bin.is_file() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let st = Command::new(cargo)
            .args(["build", "-p", "ovsdb", "--bin", "rovn-ovsdb-server"])
            .status()
            .expect("cargo build rovn-ovsdb-server");
        assert!(st.success(), "building rovn-ovsdb-server failed");
    }
    bin
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Impl {
    Rovn,
    Real,
}

fn kill(child: &mut Option<Child>) {
    if let Some(mut c) = child.take() {
        let _ = c.kill();
        let _ = c.wait();
    }
}

/// A database server on `DIR/NAME.sock` serving `DIR/NAME.db`; SIGKILLed on drop.
pub struct Server {
    pub kind: Impl,
    pub dir: PathBuf,
    pub name: String,
    child: Option<Child>,
}

impl Server {
    /// Creates `DIR/NAME.db` from `schema` (or copies `from`) and serves it.
    pub fn start(kind: Impl, dir: &Path, name: &str, schema: &str, from: Option<&Path>) -> Server {
        let db = dir.join(format!("{name}.db"));
        match from {
            Some(f) => {
                std::fs::copy(f, &db).expect("copy db");
            }
            None => {
                let st = Command::new("ovsdb-tool")
                    .arg("create")
                    .arg(&db)
                    .arg(schema)
                    .status()
                    .expect("ovsdb-tool");
                assert!(st.success());
            }
        }
        let mut s = Server {
            kind,
            dir: dir.to_owned(),
            name: name.into(),
            child: None,
        };
        s.restart();
        s
    }

    pub fn sock(&self) -> PathBuf {
        self.dir.join(format!("{}.sock", self.name))
    }
    pub fn remote(&self) -> String {
        format!("unix:{}", self.sock().display())
    }

    /// (Re)starts the server on the same file.
    pub fn restart(&mut self) {
        kill(&mut self.child);
        let d = &self.dir;
        let n = &self.name;
        let mut cmd = match self.kind {
            Impl::Rovn => Command::new(rovn_server_bin()),
            Impl::Real => Command::new("ovsdb-server"),
        };
        cmd.arg(format!("--remote=punix:{}", self.sock().display()))
            .arg(format!(
                "--pidfile={}",
                d.join(format!("{n}.pid")).display()
            ))
            .arg(format!(
                "--log-file={}",
                d.join(format!("{n}.log")).display()
            ))
            .arg(format!(
                "--unixctl={}",
                d.join(format!("{n}.ctl")).display()
            ))
            .arg(d.join(format!("{n}.db")))
            .env("OVS_RUNDIR", d)
            .env("OVS_LOGDIR", d)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let _ = std::fs::remove_file(self.sock());
        self.child = Some(cmd.spawn().expect("spawn server"));
        wait_for(Duration::from_secs(20), || {
            std::os::unix::net::UnixStream::connect(self.sock()).is_ok()
        });
    }

    /// SIGKILL, no clean shutdown.
    pub fn kill9(&mut self) {
        kill(&mut self.child);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        kill(&mut self.child);
    }
}

/// A `rovn-northd` process; SIGKILLed on drop.
pub struct Northd {
    pub dir: PathBuf,
    pub name: String,
    nb: String,
    sb: String,
    child: Option<Child>,
}

impl Northd {
    pub fn start(dir: &Path, name: &str, nb: &str, sb: &str) -> Northd {
        let mut n = Northd {
            dir: dir.to_owned(),
            name: name.into(),
            nb: nb.into(),
            sb: sb.into(),
            child: None,
        };
        n.restart();
        n
    }
    pub fn ctl(&self) -> PathBuf {
        self.dir.join(format!("{}.ctl", self.name))
    }
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join(format!("{}.log", self.name))).unwrap_or_default()
    }
    pub fn restart(&mut self) {
        kill(&mut self.child);
        let d = &self.dir;
        let n = &self.name;
        self.child = Some(
            Command::new(env!("CARGO_BIN_EXE_rovn-northd"))
                .arg(format!("--ovnnb-db={}", self.nb))
                .arg(format!("--ovnsb-db={}", self.sb))
                .arg(format!(
                    "--pidfile={}",
                    d.join(format!("{n}.pid")).display()
                ))
                .arg(format!(
                    "--log-file={}",
                    d.join(format!("{n}.log")).display()
                ))
                .arg(format!("--unixctl={}", self.ctl().display()))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn rovn-northd"),
        );
        wait_for(Duration::from_secs(20), || {
            std::os::unix::net::UnixStream::connect(self.ctl()).is_ok()
        });
    }
    pub fn kill9(&mut self) {
        kill(&mut self.child);
    }
    /// `ovs-appctl -t CTL status`.
    pub fn status(&self) -> String {
        let o = Command::new("ovs-appctl")
            .arg("-t")
            .arg(self.ctl())
            .arg("status")
            .output()
            .expect("ovs-appctl");
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }
}

impl Drop for Northd {
    fn drop(&mut self) {
        kill(&mut self.child);
    }
}

pub fn wait_for(timeout: Duration, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !f() {
        assert!(Instant::now() < deadline, "timed out");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn run(bin: &str, db: &str, args: &[&str]) -> Output {
    Command::new(bin)
        .arg(format!("--db={db}"))
        .arg("--timeout=30")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{bin}: {e}"))
}

/// Runs a tool, panics with its stderr on failure, returns stdout.
pub fn ok(bin: &str, db: &str, args: &[&str]) -> String {
    let o = run(bin, db, args);
    assert!(
        o.status.success(),
        "{bin} {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn nbctl(db: &str, args: &[&str]) -> String {
    ok("ovn-nbctl", db, args)
}
pub fn sbctl(db: &str, args: &[&str]) -> String {
    ok("ovn-sbctl", db, args)
}
/// `ovn-nbctl` that may fail; returns whether it succeeded.
pub fn nbctl_status(db: &str, args: &[&str]) -> bool {
    run("ovn-nbctl", db, args).status.success()
}

/// `ovn-sbctl lflow-list` without datapath uuids, flows sorted per datapath header.
pub fn lflows(sb: &str) -> String {
    normalise_lflows(&sbctl(sb, &["lflow-list"]))
}

pub fn normalise_lflows(text: &str) -> String {
    let mut out = String::new();
    let mut block: Vec<String> = Vec::new();
    let flush = |block: &mut Vec<String>, out: &mut String| {
        block.sort();
        for l in block.drain(..) {
            out.push_str(&l);
            out.push('\n');
        }
    };
    for l in text.lines() {
        if let Some(rest) = l.strip_prefix("Datapath: ") {
            flush(&mut block, &mut out);
            let name = rest.split(" (").next().unwrap_or_default();
            let pipeline = rest.rsplit("Pipeline: ").next().unwrap_or_default();
            out.push_str(&format!("Datapath: {name} Pipeline: {pipeline}\n"));
        } else if l.starts_with("  table=") {
            block.push(l.to_string());
        }
    }
    flush(&mut block, &mut out);
    out
}

/// Rows of `ovn-sbctl --format=csv --no-headings --columns=COLS list TABLE`, sorted.
pub fn sb_rows(sb: &str, table: &str, cols: &str) -> Vec<String> {
    let mut v: Vec<String> = sbctl(
        sb,
        &[
            "--format=csv",
            "--no-headings",
            &format!("--columns={cols}"),
            "list",
            table,
        ],
    )
    .lines()
    .map(str::to_string)
    .collect();
    v.sort();
    v
}
