//! The Python `ovs` IDL keeps a replica of OVN_Northbound in sync with
//! `rovn-ovsdb-server` through IDL transactions, other clients' changes and a restart.

mod harness;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use harness::{require, Impl, Server, NB_SCHEMA};

#[test]
fn python_ovs_idl_keeps_replica_in_sync_across_restart() {
    require("python3");
    let mut server = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/py/idl_replica.py");
    let mut child = Command::new("python3")
        .arg(script)
        .arg(server.remote())
        .arg(NB_SCHEMA)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("python3 with the ovs package (pip install ovs)");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut transcript = Vec::new();
    for line in stdout.lines() {
        let line = line.expect("read");
        transcript.push(line.clone());
        if line == "RESTART" {
            server.restart();
            writeln!(stdin, "go").expect("write");
        }
    }
    let status = child.wait().expect("wait");
    assert!(
        status.success() && transcript.last().map(String::as_str) == Some("PASS"),
        "IDL transcript:\n{}\nserver log:\n{}",
        transcript.join("\n"),
        server.log()
    );
}
