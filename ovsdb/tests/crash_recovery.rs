//! Durability: `rovn-ovsdb-server` is killed with SIGKILL in the middle of a stream of
//! transactions; after a restart every transaction it acknowledged is there, and the file
//! is still valid for `ovsdb-tool` and for the real `ovsdb-server`.

mod harness;

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use harness::{run, Impl, Server, NB_SCHEMA};
use serde_json::{json, Value};

/// Sends inserts one at a time until the connection breaks; returns the acknowledged names.
fn write_stream(
    sock: &std::path::Path,
    round: usize,
    acked: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
) {
    let Ok(mut stream) = UnixStream::connect(sock) else {
        return;
    };
    let reader = stream.try_clone().expect("clone");
    let mut replies = serde_json::Deserializer::from_reader(reader).into_iter::<Value>();
    for i in 0.. {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let name = format!("r{round}-{i}");
        let req = json!({"method":"transact","id":i,"params":["OVN_Northbound",
            {"op":"insert","table":"Logical_Switch","row":{"name":name,
             "other_config":["map",[["payload","x".repeat(i % 2000)]]]}}]});
        if stream.write_all(req.to_string().as_bytes()).is_err() {
            return;
        }
        match replies.next() {
            Some(Ok(reply)) if reply["result"][0]["uuid"].is_array() => {
                acked.lock().unwrap().push(name)
            }
            _ => return,
        }
    }
}

fn names_in(server: &Server) -> Vec<String> {
    let out = run(
        "ovsdb-client",
        &[
            "--format=json".into(),
            "dump".into(),
            server.remote(),
            "OVN_Northbound".into(),
            "Logical_Switch".into(),
            "name".into(),
        ],
    );
    assert_eq!(out.status, 0, "dump failed: {}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).expect("json dump");
    v["data"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r[0].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn acknowledged_transactions_survive_kill_9_and_the_file_stays_valid() {
    let mut server = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let mut all_acked = Vec::new();
    for (round, delay_ms) in [37u64, 150, 5, 260, 90].into_iter().enumerate() {
        let acked = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let writer = {
            let (sock, acked, stop) = (server.sock.clone(), acked.clone(), stop.clone());
            std::thread::spawn(move || write_stream(&sock, round, acked, stop))
        };
        std::thread::sleep(Duration::from_millis(delay_ms));
        server.kill9();
        stop.store(true, Ordering::Relaxed);
        writer.join().expect("writer thread");
        all_acked.extend(acked.lock().unwrap().iter().cloned());
        server.restart();
        let present = names_in(&server);
        let missing: Vec<&String> = all_acked.iter().filter(|n| !present.contains(n)).collect();
        assert!(
            missing.is_empty(),
            "round {round}: acknowledged but lost: {missing:?}\nlog:\n{}",
            server.log()
        );
    }
    assert!(
        all_acked.len() > 20,
        "the stream wrote too little to prove anything: {}",
        all_acked.len()
    );

    // The file, after five crashes, is valid for Open vSwitch's own tools.
    server.stop();
    let db = server.dbs[0].clone();
    let log = run("ovsdb-tool", &["show-log".into(), db.display().to_string()]);
    assert_eq!(log.status, 0, "ovsdb-tool show-log: {}", log.stderr);
    let real = Server::start_on(Impl::Real, tempfile::tempdir().unwrap(), vec![db]);
    let present = names_in(&real);
    let missing: Vec<&String> = all_acked.iter().filter(|n| !present.contains(n)).collect();
    assert!(
        missing.is_empty(),
        "real ovsdb-server does not see: {missing:?}"
    );
}
