//! The controller API transport end to end: jsonrpsee served on a unix socket by
//! `controller::api::serve`, called by the CNI plugin's client (`cni_shim::api`).

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use cni_shim::api::{call, ClientError};
use controller::api::{serve, ApiError, RpcModule};
use jsonrpsee::types::ErrorObjectOwned;

const T: Duration = Duration::from_secs(5);

fn module() -> RpcModule<()> {
    let mut m = RpcModule::new(());
    m.register_method("echo", |params, _, _| params.one::<serde_json::Value>())
        .unwrap();
    m.register_method("fail", |_, _, _| {
        Err::<(), _>(ErrorObjectOwned::owned(
            11,
            "try again later",
            Some("northd has not assigned an address"),
        ))
    })
    .unwrap();
    m
}

#[tokio::test]
async fn call_result_error_and_unknown_method() {
    let dir = tempfile::Builder::new()
        .prefix("rovn-cni-api")
        .tempdir()
        .unwrap();
    let sock = dir.path().join("sub/controller.sock");
    let handle = serve(&sock, module()).await.unwrap();
    let mode = std::fs::metadata(&sock).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "socket mode {mode:o}");

    // jsonrpsee's `one()` takes a one-element array; the CNI methods take objects.
    let v: serde_json::Value = call(&sock, "echo", &[serde_json::json!({"a": [1, 2]})], T)
        .await
        .unwrap();
    assert_eq!(v, serde_json::json!({"a": [1, 2]}));

    match call::<_, ()>(&sock, "fail", &(), T).await.unwrap_err() {
        ClientError::Rpc {
            code,
            message,
            data,
        } => {
            assert_eq!(code, 11);
            assert_eq!(message, "try again later");
            assert_eq!(data.as_deref(), Some("northd has not assigned an address"));
        }
        e => panic!("{e:?}"),
    }
    match call::<_, ()>(&sock, "no_such_method", &(), T)
        .await
        .unwrap_err()
    {
        ClientError::Rpc { code, .. } => assert_eq!(code, -32601),
        e => panic!("{e:?}"),
    }
    // concurrent calls on separate connections
    let mut tasks = Vec::new();
    for i in 0..8 {
        let sock = sock.clone();
        tasks.push(tokio::spawn(async move {
            call::<_, u32>(&sock, "echo", &[i], T).await.unwrap()
        }));
    }
    for (i, t) in tasks.into_iter().enumerate() {
        assert_eq!(t.await.unwrap(), i as u32);
    }

    handle.stop().unwrap();
    tokio::time::timeout(T, handle.stopped())
        .await
        .expect("server stops");
    // the accept loop removes the socket file when it exits
    for _ in 0..50 {
        if !sock.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!sock.exists(), "socket removed on stop");
    let e = call::<_, ()>(&sock, "echo", &[1], T).await.unwrap_err();
    assert!(matches!(e, ClientError::Unavailable { .. }), "{e:?}");
}

#[tokio::test]
async fn stale_socket_replaced_live_socket_and_files_kept() {
    let dir = tempfile::Builder::new()
        .prefix("rovn-cni-api")
        .tempdir()
        .unwrap();
    // stale: a socket file nobody listens on
    let stale = dir.path().join("stale.sock");
    drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());
    assert!(stale.exists());
    let h = serve(&stale, module())
        .await
        .expect("stale socket is replaced");
    let v: u32 = call(&stale, "echo", &[5], T).await.unwrap();
    assert_eq!(v, 5);

    // live: a second server on the same path must not steal it
    match serve(&stale, module()).await {
        Err(ApiError::InUse(_)) => {}
        other => panic!("expected InUse, got {other:?}"),
    }
    let v: u32 = call(&stale, "echo", &[6], T).await.unwrap();
    assert_eq!(v, 6, "first server still answers");
    h.stop().unwrap();
    h.stopped().await;

    // a regular file at the path is never removed
    let file = dir.path().join("not-a-socket");
    std::fs::write(&file, b"keep me").unwrap();
    match serve(&file, module()).await {
        Err(ApiError::NotASocket(_)) => {}
        other => panic!("expected NotASocket, got {other:?}"),
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"keep me");
}
