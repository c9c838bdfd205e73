//! `rovn-ovsdb-server`: serves OVSDB database files, a drop-in for `ovsdb-server` on
//! standalone databases.
//!
//! ```text
//! rovn-ovsdb-server [--remote=punix:PATH|ptcp:PORT[:IP]]... [--pidfile[=F]]
//!                   [--log-file[=F]] [--unixctl=SOCKET] DB_FILE...
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tracing::{error, info};

use ovsdb::daemon::{shutdown_signal, DaemonArgs};
use ovsdb::remote::Remote;
use ovsdb::server::{driver, FileLog, ServerCore};
use ovsdb::unixctl::{Command, UnixctlServer};

#[derive(Debug, Parser)]
#[command(
    name = "rovn-ovsdb-server",
    version,
    about = "OVSDB server (RFC 7047), compatible with ovsdb-server"
)]
struct Cli {
    /// Listen or connect on REMOTE: punix:PATH, ptcp:PORT[:IP] (repeatable).
    #[arg(long = "remote", value_name = "REMOTE")]
    remotes: Vec<String>,
    #[command(flatten)]
    daemon: DaemonArgs,
    /// Database files, as made by `ovsdb-tool create` or `rovn-ovsdb-tool create`.
    #[arg(value_name = "DB_FILE", required = true)]
    dbs: Vec<PathBuf>,
}

const PROGRAM: &str = "rovn-ovsdb-server";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _pidfile = match cli.daemon.init(PROGRAM) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{PROGRAM}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{PROGRAM}: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error!("{e}");
            eprintln!("{PROGRAM}: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(cli: Cli) -> Result<(), String> {
    let mut core = ServerCore::new();
    for path in &cli.dbs {
        let (db, log) = FileLog::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        info!(file = %path.display(), rows = db.n_rows(), "opened database");
        core.add_database(db, Some(Box::new(log)));
    }
    let mut listeners = Vec::new();
    for text in &cli.remotes {
        let remote: Remote = text.parse().map_err(|e| format!("{text}: {e}"))?;
        let listener = ovsdb::remote::listen(&remote)
            .await
            .map_err(|e| format!("{text}: {e}"))?;
        listeners.push((remote, listener));
    }
    let handle = driver::spawn(core, listeners);

    let commands = BTreeMap::from([
        (
            "exit",
            Command {
                usage: "",
                min_args: 0,
                max_args: 0,
            },
        ),
        (
            "ovsdb-server/list-dbs",
            Command {
                usage: "",
                min_args: 0,
                max_args: 0,
            },
        ),
        (
            "rovn/status",
            Command {
                usage: "",
                min_args: 0,
                max_args: 0,
            },
        ),
    ]);
    let ctl_path = cli.daemon.unixctl_path(PROGRAM);
    let (_ctl, mut requests) = UnixctlServer::start(&ctl_path, commands)
        .map_err(|e| format!("{}: {e}", ctl_path.display()))?;
    info!(unixctl = %ctl_path.display(), "ready");
    loop {
        tokio::select! {
            _ = shutdown_signal() => {
                info!("exiting on signal");
                return Ok(());
            }
            req = requests.recv() => {
                let Some(req) = req else { return Ok(()) };
                let status = handle.status().await;
                let answer = match (req.command.as_str(), status) {
                    ("exit", _) => {
                        let _ = req.reply.send(Ok(String::new()));
                        info!("exiting on request");
                        return Ok(());
                    }
                    ("ovsdb-server/list-dbs", Some(s)) => {
                        let mut names = s.databases.clone();
                        names.push("_Server".into());
                        Ok(names.iter().map(|n| format!("{n}\n")).collect())
                    }
                    ("rovn/status", Some(s)) => Ok(format!(
                        "databases: {}\nsessions: {}\nmonitors: {}\n",
                        s.databases.join(", "), s.sessions, s.monitors
                    )),
                    _ => Err("server core is gone\n".to_string()),
                };
                let _ = req.reply.send(answer);
            }
        }
    }
}
