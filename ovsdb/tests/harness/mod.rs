//! Test harness shared by the interop tests: start our `rovn-ovsdb-server` or the real
//! `ovsdb-server` on fresh database files in a temp dir, run the real OVS/OVN tools
//! against them, and normalise outputs so the two can be compared.
//!
//! The real binaries are required (CI installs them): a missing one fails the test with
//! a message saying what to install, rather than skipping silently.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const NB_SCHEMA: &str = "/usr/share/ovn/ovn-nb.ovsschema";
pub const SB_SCHEMA: &str = "/usr/share/ovn/ovn-sb.ovsschema";
pub const VSWITCH_SCHEMA: &str = "/usr/share/openvswitch/vswitch.ovsschema";

/// Which implementation a [`Server`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Impl {
    /// Our `rovn-ovsdb-server`.
    Rovn,
    /// Open vSwitch's `ovsdb-server`.
    Real,
}

/// A running database server on a unix socket in its own temp dir; killed on drop.
pub struct Server {
    pub dir: tempfile::TempDir,
    pub sock: PathBuf,
    pub dbs: Vec<PathBuf>,
    pub kind: Impl,
    child: Option<Child>,
}

/// Panics with an install hint if `bin` is not on PATH.
pub fn require(bin: &str) {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(bin).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "{bin} not found: run scripts/install-deps.sh (apt packages openvswitch-switch, ovn-central, ovn-host)"
    );
}

/// Runs `ovsdb-tool create` for each schema into `dir`; returns the db paths.
pub fn create_dbs(dir: &Path, schemas: &[&str]) -> Vec<PathBuf> {
    require("ovsdb-tool");
    schemas
        .iter()
        .enumerate()
        .map(|(i, schema)| {
            let db = dir.join(format!("db{i}.db"));
            let st = Command::new("ovsdb-tool")
                .arg("create")
                .arg(&db)
                .arg(schema)
                .status()
                .expect("run ovsdb-tool");
            assert!(st.success(), "ovsdb-tool create {schema} failed");
            db
        })
        .collect()
}

impl Server {
    /// Starts `kind` serving fresh databases made from `schemas`.
    pub fn start(kind: Impl, schemas: &[&str]) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let dbs = create_dbs(dir.path(), schemas);
        Server::start_on(kind, dir, dbs)
    }

    /// Starts `kind` serving existing database files in `dir`.
    pub fn start_on(kind: Impl, dir: tempfile::TempDir, dbs: Vec<PathBuf>) -> Server {
        let sock = dir.path().join("db.sock");
        let mut server = Server {
            sock,
            dbs,
            kind,
            child: None,
            dir,
        };
        server.restart();
        server
    }

    /// (Re)starts the process on the same files and socket.
    pub fn restart(&mut self) {
        self.stop();
        let d = self.dir.path();
        let mut cmd = match self.kind {
            Impl::Rovn => Command::new(env!("CARGO_BIN_EXE_rovn-ovsdb-server")),
            Impl::Real => {
                require("ovsdb-server");
                let mut c = Command::new("ovsdb-server");
                c.arg(format!("--unixctl={}", d.join("ctl").display()));
                c
            }
        };
        cmd.arg(format!("--remote=punix:{}", self.sock.display()))
            .arg(format!("--pidfile={}", d.join("server.pid").display()))
            .arg(format!("--log-file={}", d.join("server.log").display()))
            .args(&self.dbs)
            .env("OVS_RUNDIR", d)
            .env("OVS_LOGDIR", d)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if self.kind == Impl::Rovn {
            cmd.arg(format!("--unixctl={}", d.join("ctl").display()));
        }
        let _ = std::fs::remove_file(&self.sock);
        self.child = Some(cmd.spawn().expect("spawn database server"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::os::unix::net::UnixStream::connect(&self.sock).is_err() {
            assert!(
                Instant::now() < deadline,
                "{:?} server did not start; log:\n{}",
                self.kind,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `unix:SOCK`, the remote tools connect to.
    pub fn remote(&self) -> String {
        format!("unix:{}", self.sock.display())
    }

    /// The server's log file contents.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// SIGKILLs the process (no clean shutdown).
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Stops the process if running.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            unsafe_sigterm(c.id());
            let deadline = Instant::now() + Duration::from_secs(5);
            loop {
                if let Ok(Some(_)) = c.try_wait() {
                    break;
                }
                if Instant::now() > deadline {
                    let _ = c.kill();
                    let _ = c.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn unsafe_sigterm(pid: u32) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
}

/// What a command printed and how it exited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `bin args...` and captures its outcome.
pub fn run(bin: &str, args: &[String]) -> Outcome {
    require(bin);
    let out = Command::new(bin)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {bin}: {e}"));
    Outcome {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Replaces every UUID in `text` by `<uuid>` (their values are random on both servers).
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

/// Normalises tool output for comparison across servers: UUIDs masked, and the order of
/// records (blank-line separated blocks) and of lines within `show`-style output ignored,
/// since both servers hand out rows in UUID-hash order.
pub fn normalise(text: &str) -> Vec<String> {
    let masked = mask_timestamps(&mask_uuids(text));
    let mut lines: Vec<String> = masked.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

/// Replaces OVS log timestamps (`2026-11-22T02:51:54Z`, with optional `.mmm`) by `<time>`.
pub fn mask_timestamps(text: &str) -> String {
    let shape = b"dddd-dd-ddTdd:dd:dd";
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let fits = i + shape.len() <= b.len()
            && shape.iter().zip(&b[i..]).all(|(s, c)| match s {
                b'd' => c.is_ascii_digit(),
                other => other == c,
            });
        if fits {
            let mut j = i + shape.len();
            if b.get(j) == Some(&b'.') {
                j += 1;
                while b.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
            }
            if b.get(j) == Some(&b'Z') {
                j += 1;
            }
            out.push_str("<time>");
            i = j;
        } else {
            let ch = text[i..].chars().next().unwrap_or('?');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Guards a differential session against passing vacuously (e.g. both servers
/// unreachable): at least `min_output` commands printed something and at least
/// `min_failures` exited non-zero, as the session was written to provoke.
pub fn assert_substantive(
    what: &str,
    outputs: &[(String, i32, Vec<String>, Vec<String>)],
    min_output: usize,
    min_failures: usize,
) {
    let printed = outputs.iter().filter(|o| !o.2.is_empty()).count();
    let failed = outputs.iter().filter(|o| o.1 != 0).count();
    assert!(
        printed >= min_output && failed >= min_failures,
        "{what}: only {printed} commands printed output and {failed} failed; expected at least {min_output} and {min_failures}: {outputs:?}"
    );
}
