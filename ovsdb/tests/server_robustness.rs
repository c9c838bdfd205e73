//! Bad input never hurts `rovn-ovsdb-server`: malformed JSON, truncated messages, unknown
//! methods, wrong parameter types and huge messages get the error reply ovsdb-server
//! gives or a clean disconnect where ovsdb-server disconnects; other clients keep being
//! served and the database file stays valid.

mod harness;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use harness::{run, Impl, Server, NB_SCHEMA};
use serde_json::{json, Value};

fn connect(server: &Server) -> UnixStream {
    let s = UnixStream::connect(&server.sock).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// Sends raw bytes and reads one JSON reply, or `None` if the server closed the connection.
fn exchange(stream: &mut UnixStream, bytes: &[u8]) -> Option<Value> {
    if stream.write_all(bytes).is_err() {
        return None;
    }
    let mut de =
        serde_json::Deserializer::from_reader(stream.try_clone().unwrap()).into_iter::<Value>();
    de.next().and_then(Result::ok)
}

fn closed(stream: &mut UnixStream) -> bool {
    let mut buf = [0u8; 64];
    matches!(stream.read(&mut buf), Ok(0) | Err(_))
}

fn still_serving(server: &Server) {
    let mut s = connect(server);
    let reply =
        exchange(&mut s, br#"{"method":"list_dbs","params":[],"id":"alive"}"#).expect("reply");
    assert_eq!(reply["result"], json!(["OVN_Northbound", "_Server"]));
}

#[test]
fn each_kind_of_bad_input_gets_the_ovsdb_server_treatment() {
    let server = Server::start(Impl::Rovn, &[NB_SCHEMA]);
    let mut bystander = connect(&server);
    exchange(
        &mut bystander,
        br#"{"method":"monitor","params":["OVN_Northbound",1,{"Logical_Switch":{}}],"id":0}"#,
    )
    .expect("monitor reply");

    // Errors the protocol defines, on a connection that stays open.
    let mut s = connect(&server);
    let cases: &[(&str, Value)] = &[
        (
            r#"{"method":"nosuch","params":[],"id":1}"#,
            json!({"id":1,"error":"unknown method"}),
        ),
        (
            r#"{"method":"get_schema","params":["Nope"],"id":2}"#,
            json!({"id":2,"error":{"syntax":"[\"Nope\"]",
            "details":"get_schema request specifies unknown database Nope","error":"unknown database"}}),
        ),
        (
            r#"{"method":"transact","params":["OVN_Northbound",{"op":"frobnicate"}],"id":3}"#,
            Value::Null,
        ),
        (
            r#"{"method":"transact","params":["OVN_Northbound",{"op":"insert","table":"Logical_Switch","row":{"name":7}}],"id":4}"#,
            Value::Null,
        ),
        (
            r#"{"method":"monitor_cancel","params":["none"],"id":5}"#,
            json!({"id":5,"error":"unknown monitor"}),
        ),
    ];
    for (req, expected) in cases {
        let reply = exchange(&mut s, req.as_bytes()).unwrap_or_else(|| panic!("no reply to {req}"));
        if expected.is_null() {
            let err = &reply["result"]
                .as_array()
                .and_then(|r| r.last().cloned())
                .unwrap_or_default()["error"];
            assert!(
                err.is_string(),
                "{req} should fail inside the transaction: {reply}"
            );
        } else {
            assert_eq!(&reply, expected, "{req}");
        }
    }

    // Inputs after which ovsdb-server drops the connection.
    let disconnecting: Vec<Vec<u8>> = vec![
        b"{bad json}".to_vec(),
        br#"{"method":"transact","params":"x","id":1}"#.to_vec(),
        br#"[1,2,3]"#.to_vec(),
        br#"{"id":null,"result":1,"error":2,"method":"x"}"#.to_vec(),
        [
            &b"{\"method\":\"echo\",\"params\":[\""[..],
            &vec![b'a'; 70 * 1024 * 1024][..],
        ]
        .concat(),
    ];
    for bytes in &disconnecting {
        let mut s = connect(&server);
        let _ = s.write_all(bytes);
        assert!(
            closed(&mut s),
            "expected a disconnect after {:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(60)])
        );
        still_serving(&server);
    }

    // A message cut short and then abandoned: the server waits, then the client leaves.
    {
        let mut s = connect(&server);
        s.write_all(br#"{"method":"list_dbs","par"#).unwrap();
    }
    still_serving(&server);

    // The bystander's monitor still works and hears a valid commit.
    let mut w = connect(&server);
    let reply = exchange(&mut w, br#"{"method":"transact","params":["OVN_Northbound",{"op":"insert","table":"Logical_Switch","row":{"name":"ok"}}],"id":9}"#)
        .expect("transact reply");
    assert!(reply["result"][0]["uuid"].is_array(), "{reply}");
    let note = {
        let mut de = serde_json::Deserializer::from_reader(bystander.try_clone().unwrap())
            .into_iter::<Value>();
        de.next().and_then(Result::ok).expect("update notification")
    };
    assert_eq!(note["method"], json!("update"));

    // And the file is intact: ovsdb-tool reads it.
    let out = run(
        "ovsdb-tool",
        &["show-log".into(), server.dbs[0].display().to_string()],
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("record 1"), "{}", out.stdout);
}
