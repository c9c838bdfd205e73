//! rovn-ovsdb-server against Open vSwitch's ovsdb-server, side by side, on the
//! OVN_Northbound schema. Run with:
//!
//!     cargo bench -p ovsdb --bench server_vs_ovsdb_server
//!
//! Figures (same client code, same bytes, same machine, same run):
//! 1. small transactions per second from one client (insert one Logical_Switch_Port with
//!    addresses into an existing switch, one at a time, waiting for each reply);
//! 2. one bulk transaction inserting 100,000 ports into a switch;
//! 3. update latency to 100 monitoring clients (commit → last client notified);
//! 4. resident memory holding those 100,000+ rows;
//! 5. cold start on the resulting 100,000-row file (process start → first answer).
//!
//! Environment: `BENCH_SMALL_TXNS` (default 3000), `BENCH_BULK_ROWS` (default 100000),
//! `BENCH_MONITORS` (default 100), `BENCH_LATENCY_ROUNDS` (default 50).

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const NB_SCHEMA: &str = "/usr/share/ovn/ovn-nb.ovsschema";

#[derive(Clone, Copy, PartialEq)]
enum Impl {
    Rovn,
    Real,
}

impl Impl {
    fn name(self) -> &'static str {
        match self {
            Impl::Rovn => "rovn-ovsdb-server",
            Impl::Real => "ovsdb-server",
        }
    }
}

struct Server {
    kind: Impl,
    dir: PathBuf,
    db: PathBuf,
    sock: PathBuf,
    child: Option<Child>,
}

impl Server {
    fn new(kind: Impl, dir: &Path) -> Server {
        let db = dir.join("nb.db");
        let st = Command::new("ovsdb-tool")
            .arg("create")
            .arg(&db)
            .arg(NB_SCHEMA)
            .status()
            .expect("ovsdb-tool");
        assert!(st.success());
        Server {
            kind,
            dir: dir.to_owned(),
            sock: dir.join("nb.sock"),
            db,
            child: None,
        }
    }

    /// Starts the process; returns the time until it answers a request.
    fn start(&mut self) -> Duration {
        let _ = std::fs::remove_file(&self.sock);
        let t0 = Instant::now();
        let mut cmd = match self.kind {
            Impl::Rovn => Command::new(env!("CARGO_BIN_EXE_rovn-ovsdb-server")),
            Impl::Real => Command::new("ovsdb-server"),
        };
        cmd.arg(format!("--remote=punix:{}", self.sock.display()))
            .arg(format!("--unixctl={}", self.dir.join("ctl").display()))
            .arg(format!("--log-file={}", self.dir.join("log").display()))
            .arg(&self.db)
            .env("OVS_RUNDIR", &self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        self.child = Some(cmd.spawn().expect("spawn server"));
        loop {
            if let Ok(mut c) = Client::try_connect(&self.sock) {
                if c.call("list_dbs", json!([])).is_some() {
                    return t0.elapsed();
                }
            }
            assert!(
                t0.elapsed() < Duration::from_secs(300),
                "{} did not start",
                self.kind.name()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    fn rss_kib(&self) -> u64 {
        let pid = self.child.as_ref().map(|c| c.id()).unwrap_or(0);
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A minimal synchronous JSON-RPC client: identical bytes for both servers.
struct Client {
    stream: UnixStream,
    incoming: serde_json::StreamDeserializer<'static, serde_json::de::IoRead<UnixStream>, Value>,
    next_id: u64,
}

impl Client {
    fn try_connect(sock: &Path) -> std::io::Result<Client> {
        let stream = UnixStream::connect(sock)?;
        let incoming = serde_json::Deserializer::from_reader(stream.try_clone()?).into_iter();
        Ok(Client {
            stream,
            incoming,
            next_id: 0,
        })
    }

    fn connect(sock: &Path) -> Client {
        Client::try_connect(sock).expect("connect")
    }

    fn send(&mut self, method: &str, params: Value) -> u64 {
        self.next_id += 1;
        let msg = json!({"method": method, "params": params, "id": self.next_id});
        self.stream
            .write_all(msg.to_string().as_bytes())
            .expect("send");
        self.next_id
    }

    /// Sends a request and returns its result, skipping notifications.
    fn call(&mut self, method: &str, params: Value) -> Option<Value> {
        let id = self.send(method, params);
        loop {
            let msg = self.incoming.next()?.ok()?;
            if msg["id"] == json!(id) {
                return Some(msg["result"].clone());
            }
        }
    }

    /// Waits for the next notification.
    fn next_notification(&mut self) -> Value {
        loop {
            let msg = self
                .incoming
                .next()
                .expect("connection open")
                .expect("json");
            if msg["method"].is_string() {
                return msg;
            }
        }
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn transact(c: &mut Client, ops: Vec<Value>) -> Value {
    let mut params = vec![json!("OVN_Northbound")];
    params.extend(ops);
    let r = c
        .call("transact", Value::Array(params))
        .expect("transact reply");
    if let Some(err) = r
        .as_array()
        .and_then(|a| a.iter().find(|x| x.get("error").is_some()))
    {
        panic!("transaction failed: {err}");
    }
    r
}

fn port_insert(name: &str, i: usize) -> Vec<Value> {
    vec![
        json!({"op":"insert","table":"Logical_Switch_Port","uuid-name":"p",
               "row":{"name":name,"addresses":["set",[format!("00:00:00:{:02x}:{:02x}:{:02x} 10.{}.{}.{}",
                   (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)]]}}),
        json!({"op":"mutate","table":"Logical_Switch","where":[["name","==","sw0"]],
               "mutations":[["ports","insert",["set",[["named-uuid","p"]]]]]}),
    ]
}

struct Figures {
    small_tps: f64,
    bulk_s: f64,
    latency_median_ms: f64,
    latency_p99_ms: f64,
    rss_mib: f64,
    cold_start_s: f64,
}

fn measure(kind: Impl) -> Figures {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::new(kind, dir.path());
    server.start();
    let mut c = Client::connect(&server.sock);
    transact(
        &mut c,
        vec![json!({"op":"insert","table":"Logical_Switch","row":{"name":"sw0"}})],
    );

    // 1. Small transactions.
    let n_small = env_usize("BENCH_SMALL_TXNS", 3000);
    let t0 = Instant::now();
    for i in 0..n_small {
        transact(&mut c, port_insert(&format!("small{i}"), i));
    }
    let small_tps = n_small as f64 / t0.elapsed().as_secs_f64();

    // 2. One bulk transaction.
    let n_bulk = env_usize("BENCH_BULK_ROWS", 100_000);
    let mut ops = Vec::with_capacity(n_bulk + 1);
    let mut refs = Vec::with_capacity(n_bulk);
    for i in 0..n_bulk {
        let name = format!("bulk{i}");
        ops.push(json!({"op":"insert","table":"Logical_Switch_Port","uuid-name":format!("b{i}"),
            "row":{"name":name,"addresses":["set",[format!("00:00:01:{:02x}:{:02x}:{:02x} 11.{}.{}.{}",
                (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)]]}}));
        refs.push(json!(["named-uuid", format!("b{i}")]));
    }
    ops.push(
        json!({"op":"insert","table":"Logical_Switch","row":{"name":"bulk","ports":["set",refs]}}),
    );
    let t0 = Instant::now();
    transact(&mut c, ops);
    let bulk_s = t0.elapsed().as_secs_f64();

    // 3. Update latency to many monitoring clients.
    let n_mon = env_usize("BENCH_MONITORS", 100);
    let mut monitors: Vec<Client> = (0..n_mon)
        .map(|i| {
            let mut m = Client::connect(&server.sock);
            m.call(
                "monitor_cond",
                json!(["OVN_Northbound", format!("m{i}"),
                {"Logical_Switch":[{"columns":["name","other_config"]}]}]),
            )
            .expect("monitor reply");
            m
        })
        .collect();
    let rounds = env_usize("BENCH_LATENCY_ROUNDS", 50);
    let mut latencies = Vec::with_capacity(rounds);
    for r in 0..rounds {
        let t0 = Instant::now();
        c.send("transact", json!(["OVN_Northbound", {"op":"update","table":"Logical_Switch",
            "where":[["name","==","sw0"]],"row":{"other_config":["map",[["round", r.to_string()]]]}}]));
        std::thread::scope(|s| {
            for m in monitors.iter_mut() {
                s.spawn(move || m.next_notification());
            }
        });
        latencies.push(t0.elapsed().as_secs_f64() * 1000.0);
        // Consume the writer's reply.
        loop {
            let msg = c.incoming.next().expect("reply").expect("json");
            if msg["id"] == json!(c.next_id) {
                break;
            }
        }
    }
    latencies.sort_by(|a, b| a.total_cmp(b));
    let latency_median_ms = latencies[latencies.len() / 2];
    let latency_p99_ms = latencies[(latencies.len() * 99 / 100).min(latencies.len() - 1)];
    drop(monitors);

    // 4. Memory holding everything.
    std::thread::sleep(Duration::from_millis(300));
    let rss_mib = server.rss_kib() as f64 / 1024.0;

    // 5. Cold start on the file.
    drop(c);
    server.stop();
    let cold_start_s = server.start().as_secs_f64();
    server.stop();

    Figures {
        small_tps,
        bulk_s,
        latency_median_ms,
        latency_p99_ms,
        rss_mib,
        cold_start_s,
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a list; this benchmark is run on demand.
    }
    for bin in ["ovsdb-server", "ovsdb-tool"] {
        assert!(
            Command::new(bin).arg("--version").output().is_ok(),
            "{bin} missing: run scripts/install-deps.sh"
        );
    }
    let n_bulk = env_usize("BENCH_BULK_ROWS", 100_000);
    let n_mon = env_usize("BENCH_MONITORS", 100);
    let real = measure(Impl::Real);
    let ours = measure(Impl::Rovn);
    let row = |what: String, unit: &str, r: f64, o: f64, higher_is_better: bool| {
        let ratio = if higher_is_better { o / r } else { r / o };
        println!("{what:<44} {r:>12.2} {o:>12.2} {unit:<8} {ratio:>6.2}x");
    };
    println!(
        "{:<44} {:>12} {:>12} {:<8} {:>7}",
        "figure", "ovsdb-server", "rovn", "unit", "rovn is"
    );
    row(
        "small transactions, one client".to_string(),
        "txn/s",
        real.small_tps,
        ours.small_tps,
        true,
    );
    row(
        format!("bulk transaction, {n_bulk} ports"),
        "s",
        real.bulk_s,
        ours.bulk_s,
        false,
    );
    row(
        format!("update latency to {n_mon} monitors, median"),
        "ms",
        real.latency_median_ms,
        ours.latency_median_ms,
        false,
    );
    row(
        format!("update latency to {n_mon} monitors, p99"),
        "ms",
        real.latency_p99_ms,
        ours.latency_p99_ms,
        false,
    );
    row(
        format!("resident memory with {n_bulk}+ rows"),
        "MiB",
        real.rss_mib,
        ours.rss_mib,
        false,
    );
    row(
        format!("cold start on the {n_bulk}-row file"),
        "s",
        real.cold_start_s,
        ours.cold_start_s,
        false,
    );
    println!("(\"rovn is\" = how many times better rovn is: >1 means faster / smaller)");
}
