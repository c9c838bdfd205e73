//! An `ovs-appctl`-compatible control socket, so operators manage rovn daemons with the
//! tool they already use: `ovs-appctl -t /path/to/daemon.ctl list-commands`.
//!
//! The protocol is Open vSwitch's unixctl: JSON-RPC 1.0 over a unix socket, the method is
//! the command name, the params are its string arguments, the result is text (or an error
//! string). Commands are registered with a handler; handlers run on the caller's task via
//! a channel, so the daemon's state stays owned by one task.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::UnixListener;
use tokio::sync::{mpsc, oneshot};
use tokio_util::codec::Framed;
use tracing::{debug, warn};

use crate::jsonrpc::{Codec, Message};

/// One command invocation, to be answered through `reply`.
#[derive(Debug)]
pub struct Request {
    /// The command name, e.g. `memory/show`.
    pub command: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// Where the answer goes: `Ok(text)` or `Err(message)`.
    pub reply: oneshot::Sender<Result<String, String>>,
}

/// A registered command: its usage text and argument count limits.
#[derive(Debug, Clone)]
pub struct Command {
    /// Usage shown by `list-commands`.
    pub usage: &'static str,
    /// Minimum number of arguments.
    pub min_args: usize,
    /// Maximum number of arguments.
    pub max_args: usize,
}

/// The listening control socket.
pub struct UnixctlServer {
    path: PathBuf,
}

impl UnixctlServer {
    /// Binds `path` (removing a stale socket) and serves `commands`; requests for them
    /// arrive on the returned receiver. `list-commands` and `version` are answered here.
    pub fn start(
        path: &Path,
        mut commands: BTreeMap<&'static str, Command>,
    ) -> std::io::Result<(UnixctlServer, mpsc::UnboundedReceiver<Request>)> {
        let _ = std::fs::remove_file(path);
        let listener = UnixListener::bind(path)?;
        commands.insert(
            "list-commands",
            Command {
                usage: "",
                min_args: 0,
                max_args: 0,
            },
        );
        commands.insert(
            "version",
            Command {
                usage: "",
                min_args: 0,
                max_args: 0,
            },
        );
        let (tx, rx) = mpsc::unbounded_channel();
        let commands = std::sync::Arc::new(commands);
        tokio::spawn(async move {
            loop {
                match listener.accept().await {
                    Ok((stream, _)) => {
                        tokio::spawn(serve(stream, commands.clone(), tx.clone()));
                    }
                    Err(e) => {
                        warn!(error = %e, "unixctl accept failed");
                        return;
                    }
                }
            }
        });
        Ok((
            UnixctlServer {
                path: path.to_owned(),
            },
            rx,
        ))
    }

    /// The socket path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for UnixctlServer {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

async fn serve(
    stream: tokio::net::UnixStream,
    commands: std::sync::Arc<BTreeMap<&'static str, Command>>,
    tx: mpsc::UnboundedSender<Request>,
) {
    let mut framed = Framed::new(stream, Codec::new(1024 * 1024));
    while let Some(Ok(msg)) = framed.next().await {
        let Message::Request { method, params, id } = msg else {
            continue;
        };
        let answer = answer(&commands, &tx, method, params).await;
        let reply = match answer {
            Ok(text) => Message::Response {
                result: Value::String(text),
                id,
            },
            Err(text) => Message::Error {
                error: Value::String(text),
                id,
            },
        };
        if framed.send(reply).await.is_err() {
            break;
        }
    }
    debug!("unixctl connection closed");
}

async fn answer(
    commands: &BTreeMap<&'static str, Command>,
    tx: &mpsc::UnboundedSender<Request>,
    method: String,
    params: Vec<Value>,
) -> Result<String, String> {
    let Some(cmd) = commands.get(method.as_str()) else {
        return Err(format!(
            "\"{method}\" is not a valid command (use \"list-commands\" to see a list of valid commands)\n"
        ));
    };
    let mut args = Vec::with_capacity(params.len());
    for p in params {
        match p {
            Value::String(s) => args.push(s),
            _ => return Err("command arguments must be strings\n".into()),
        }
    }
    if args.len() < cmd.min_args {
        return Err(format!(
            "\"{method}\" command requires at least {} arguments\n",
            cmd.min_args
        ));
    }
    if args.len() > cmd.max_args {
        return Err(format!(
            "\"{method}\" command takes at most {} arguments\n",
            cmd.max_args
        ));
    }
    match method.as_str() {
        "list-commands" => {
            let mut text = String::from("The available commands are:\n");
            for (name, c) in commands {
                text.push_str(&format!("  {name:<24}{}\n", c.usage));
            }
            Ok(text)
        }
        "version" => Ok(format!("rovn {}\n", env!("CARGO_PKG_VERSION"))),
        _ => {
            let (reply, rx) = oneshot::channel();
            tx.send(Request {
                command: method,
                args,
                reply,
            })
            .map_err(|_| "daemon is shutting down\n".to_string())?;
            rx.await
                .map_err(|_| "daemon dropped the request\n".to_string())?
        }
    }
}
