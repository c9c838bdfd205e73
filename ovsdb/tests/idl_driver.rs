//! The async IDL driver over the async client against a real ovsdb-server: initial
//! contents, a transaction with a verify conflict caused by another client (retried
//! automatically), and a server restart with changes made while it was down (the
//! driver reconnects, monitors again and the replica catches up).
//!
//! Skipped, with a notice, when the Open vSwitch tools are not installed.

mod common;
mod live;

use std::process::Command;
use std::time::Duration;

use live::Server;
use ovsdb::client::{Client, ClientConfig};
use ovsdb::data::{Atom, Datum};
use ovsdb::idl::{Idl, IdlCore};
use ovsdb::remote::Remote;
use serde_json::json;

fn s(x: &str) -> Datum {
    Datum::scalar(Atom::String(x.into()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn driver_follows_server_and_retries_conflicts() {
    let Some(mut server) = Server::start(&common::data_path("ordinals.ovsschema")) else {
        return;
    };
    server.transact(&json!(["ordinals", {"op": "insert", "table": "ordinals",
        "row": {"number": 1, "name": "one"}}]));
    let mut config = ClientConfig::new(Remote::Unix(server.sock()));
    config.backoff_min = Duration::from_millis(100);
    config.backoff_max = Duration::from_millis(200);
    let (client, events) = Client::start(config);
    let mut core = IdlCore::new(common::load_schema("ordinals.ovsschema"));
    core.monitor_all();
    let mut idl = Idl::new(client, events, core);
    assert!(idl.start().await.unwrap());
    assert_eq!(idl.core().replica().len("ordinals"), 1);
    let one = idl.core().replica().rows("ordinals").next().unwrap().uuid();

    // The first attempt verifies "name", which another client changes in between; the
    // driver applies that update and the second attempt commits.
    let mut attempts = 0;
    let sock = server.sock();
    let ((), done) = idl
        .transact(|txn| {
            attempts += 1;
            txn.verify("ordinals", one, "name")?;
            txn.set("ordinals", one, "color", s("red"))?;
            if attempts == 1 {
                let out = Command::new("ovsdb-client")
                    .arg("transact")
                    .arg(format!("unix:{}", sock.display()))
                    .arg(
                        json!(["ordinals", {"op": "update", "table": "ordinals",
                        "where": [["number", "==", 1]], "row": {"name": "uno"}}])
                        .to_string(),
                    )
                    .output()
                    .unwrap();
                assert!(out.status.success());
            }
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(attempts, 2);
    assert!(done.inserted.is_empty());
    while idl.core().replica().get("ordinals", &one, "color") != Some(&s("red")) {
        idl.next_change().await.unwrap();
    }
    assert_eq!(
        idl.core().replica().get("ordinals", &one, "name"),
        Some(&s("uno"))
    );

    idl.core_mut().take_changes();

    // Restart the server with a change made to its file while it was down.
    server.stop();
    let out = Command::new("ovsdb-tool")
        .arg("transact")
        .arg(server.db())
        .arg(
            json!(["ordinals", {"op": "insert", "table": "ordinals",
            "row": {"number": 2, "name": "two"}}])
            .to_string(),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    server.restart();
    tokio::time::timeout(Duration::from_secs(20), async {
        while idl.core().replica().len("ordinals") != 2 {
            idl.next_change().await.unwrap();
        }
    })
    .await
    .expect("replica caught up after reconnect");
    let changes = idl.core_mut().take_changes();
    assert_eq!(changes.table("ordinals").unwrap().inserted.len(), 1);
}
