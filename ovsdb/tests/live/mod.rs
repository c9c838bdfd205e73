//! Test helpers that talk to a real ovsdb-server: starting one in a temporary directory
//! (killing only that process on drop), `ovsdb-client transact`, and a minimal blocking
//! JSON-RPC 1.0 peer over its unix socket for monitors.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A real ovsdb-server in a temporary directory; dropping it kills that process only.
pub struct Server {
    child: Child,
    pub dir: tempfile::TempDir,
}

fn spawn_server(dir: &Path) -> Child {
    let p = |n: &str| dir.join(n).display().to_string();
    Command::new("ovsdb-server")
        .arg(p("db"))
        .arg(format!("--remote=punix:{}", p("sock")))
        .arg(format!("--pidfile={}", p("pid")))
        .arg(format!("--log-file={}", p("log")))
        .arg(format!("--unixctl={}", p("ctl")))
        .arg("--no-chdir")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ovsdb-server")
}

fn wait_for(path: &Path) {
    let start = Instant::now();
    while !path.exists() {
        assert!(start.elapsed() < Duration::from_secs(10), "no socket");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(schema: &Path) -> Option<Server> {
        let ok = |name: &str| {
            Command::new(name)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if !ok("ovsdb-server") || !ok("ovsdb-tool") || !ok("ovsdb-client") {
            if std::env::var_os("CI").is_some() {
                panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
            }
            eprintln!("NOTICE: Open vSwitch tools absent; live IDL test skipped");
            return None;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("db");
        let created = Command::new("ovsdb-tool")
            .arg("create")
            .arg(&db)
            .arg(schema)
            .status()
            .expect("ovsdb-tool");
        assert!(created.success(), "ovsdb-tool create failed");
        let child = spawn_server(dir.path());
        let server = Server { child, dir };
        wait_for(&server.sock());
        Some(server)
    }
    /// The database file.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }
    /// Stops the server (this process only) and waits for it to exit.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(self.sock());
    }
    /// Starts the server again on the same database file and socket.
    pub fn restart(&mut self) {
        self.child = spawn_server(self.dir.path());
        wait_for(&self.sock());
    }
    pub fn sock(&self) -> PathBuf {
        self.dir.path().join("sock")
    }
    /// `ovsdb-client transact` with these params; the result array.
    pub fn transact(&self, params: &Value) -> Value {
        let out = Command::new("ovsdb-client")
            .arg("transact")
            .arg(format!("unix:{}", self.sock().display()))
            .arg(params.to_string())
            .output()
            .expect("ovsdb-client");
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "ovsdb-client output not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }
}

/// A minimal blocking JSON-RPC 1.0 peer for tests (requests, replies, notifications).
pub struct Peer {
    stream: UnixStream,
    buf: Vec<u8>,
    next_id: u64,
    pub notifications: Vec<Value>,
}

impl Peer {
    pub fn connect(path: &Path) -> Peer {
        Peer {
            stream: UnixStream::connect(path).expect("connect"),
            buf: Vec::new(),
            next_id: 0,
            notifications: Vec::new(),
        }
    }
    fn recv(&mut self, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let mut it = serde_json::Deserializer::from_slice(&self.buf).into_iter::<Value>();
            match it.next() {
                Some(Ok(v)) => {
                    let n = it.byte_offset();
                    self.buf.drain(..n);
                    return Some(v);
                }
                Some(Err(e)) if !e.is_eof() => panic!("bad JSON from server: {e}"),
                _ => {}
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            self.stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .expect("timeout");
            let mut chunk = [0u8; 65536];
            match self.stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(_) => return None,
            }
        }
    }
    fn handle_other(&mut self, m: Value) {
        if m["method"] == "echo" {
            let r = json!({"id": m["id"], "result": m["params"], "error": null});
            self.stream
                .write_all(r.to_string().as_bytes())
                .expect("write");
        } else if m["id"].is_null() {
            self.notifications.push(m);
        }
    }
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let req = json!({"method": method, "params": params, "id": id});
        self.stream
            .write_all(req.to_string().as_bytes())
            .expect("write");
        loop {
            let m = self.recv(Duration::from_secs(10)).expect("reply");
            if m["id"] == id && m.get("result").is_some() {
                assert!(m["error"].is_null(), "error reply: {m}");
                return m["result"].clone();
            }
            self.handle_other(m);
        }
    }
    /// One notification if it arrives within `timeout`.
    pub fn try_notification(&mut self, timeout: Duration) -> Option<Value> {
        if !self.notifications.is_empty() {
            return Some(self.notifications.remove(0));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let m = self.recv(left)?;
            self.handle_other(m);
            if !self.notifications.is_empty() {
                return Some(self.notifications.remove(0));
            }
        }
    }

    /// Waits for one notification (up to 5 s).
    pub fn next_notification(&mut self) -> Value {
        if !self.notifications.is_empty() {
            return self.notifications.remove(0);
        }
        loop {
            let m = self.recv(Duration::from_secs(5)).expect("notification");
            self.handle_other(m);
            if !self.notifications.is_empty() {
                return self.notifications.remove(0);
            }
        }
    }
}
