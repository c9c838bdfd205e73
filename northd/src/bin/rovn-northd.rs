//! `rovn-northd`: compiles OVN_Northbound into OVN_Southbound, a drop-in for ovn-northd
//! on logical switches.
//!
//! ```text
//! rovn-northd [--ovnnb-db=REMOTE] [--ovnsb-db=REMOTE] [--pidfile[=F]]
//!             [--log-file[=F]] [--unixctl=SOCKET] [-v[FILTER]]
//! ```
//! `ovs-appctl -t SOCKET status` answers `Status: active`, `Status: standby` or
//! `Status: paused`; `pause` gives the SB lock up (another instance takes over),
//! `resume` asks for it again, `is-paused` tells; `exit` stops it.

use std::collections::BTreeMap;
use std::process::ExitCode;

use clap::Parser;
use tokio::sync::{mpsc, oneshot};
use tracing::{error, info};

use northd::daemon::{self, Control, Options, DEFAULT_NB, DEFAULT_SB};
use ovsdb::daemon::{shutdown_signal, DaemonArgs};
use ovsdb::remote::Remote;
use ovsdb::unixctl::{Command, UnixctlServer};

#[derive(Debug, Parser)]
#[command(
    name = "rovn-northd",
    version,
    about = "OVN northbound to southbound compiler, compatible with ovn-northd"
)]
struct Cli {
    /// The OVN_Northbound database (unix:PATH or tcp:IP:PORT).
    #[arg(long = "ovnnb-db", value_name = "REMOTE", default_value = DEFAULT_NB)]
    nb: String,
    /// The OVN_Southbound database.
    #[arg(long = "ovnsb-db", value_name = "REMOTE", default_value = DEFAULT_SB)]
    sb: String,
    /// Accepted for compatibility with ovn-northd (rovn-northd never changes directory).
    #[arg(long = "no-chdir")]
    no_chdir: bool,
    /// Accepted for compatibility; rovn-northd stays in the foreground.
    #[arg(long = "detach")]
    detach: bool,
    #[command(flatten)]
    daemon: DaemonArgs,
}

const PROGRAM: &str = "rovn-northd";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _pidfile = match cli.daemon.init(PROGRAM) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{PROGRAM}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
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
    let result = rt.block_on(serve(cli));
    // Do not wait for a run in progress (a recompute can take a while): exit now.
    rt.shutdown_background();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error!("{e}");
            eprintln!("{PROGRAM}: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(cli: Cli) -> Result<(), String> {
    let _ = (cli.no_chdir, cli.detach);
    let nb: Remote = cli
        .nb
        .parse()
        .map_err(|e| format!("--ovnnb-db={}: {e}", cli.nb))?;
    let sb: Remote = cli
        .sb
        .parse()
        .map_err(|e| format!("--ovnsb-db={}: {e}", cli.sb))?;
    let cmd = |usage| Command {
        usage,
        min_args: 0,
        max_args: 0,
    };
    let commands = BTreeMap::from([
        ("exit", cmd("")),
        ("status", cmd("")),
        ("pause", cmd("")),
        ("resume", cmd("")),
        ("is-paused", cmd("")),
    ]);
    let ctl_path = cli.daemon.unixctl_path(PROGRAM);
    let (_ctl, mut requests) = UnixctlServer::start(&ctl_path, commands)
        .map_err(|e| format!("{}: {e}", ctl_path.display()))?;
    info!(nb = %nb, sb = %sb, unixctl = %ctl_path.display(), "starting");
    let (ctl_tx, ctl_rx) = mpsc::unbounded_channel();
    let main = tokio::spawn(daemon::run(Options::new(nb, sb), ctl_rx, None));
    tokio::pin!(main);
    loop {
        tokio::select! {
            r = &mut main => {
                return r.map_err(|e| e.to_string())?;
            }
            _ = shutdown_signal() => {
                info!("exiting on signal");
                return Ok(());
            }
            req = requests.recv() => {
                let Some(req) = req else { return Ok(()) };
                match req.command.as_str() {
                    "exit" => {
                        let _ = ctl_tx.send(Control::Exit);
                        let _ = req.reply.send(Ok(String::new()));
                        info!("exiting on request");
                        // Let the control socket flush the reply before the process ends.
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                        return Ok(());
                    }
                    "status" | "is-paused" => {
                        let (tx, rx) = oneshot::channel();
                        let _ = ctl_tx.send(if req.command == "status" {
                            Control::Status(tx)
                        } else {
                            Control::IsPaused(tx)
                        });
                        let answer = rx.await.map_err(|_| "northd stopped\n".to_string());
                        let _ = req.reply.send(answer);
                    }
                    "pause" | "resume" => {
                        let _ = ctl_tx.send(if req.command == "pause" { Control::Pause } else { Control::Resume });
                        let _ = req.reply.send(Ok(String::new()));
                    }
                    other => {
                        let _ = req.reply.send(Err(format!("unknown command {other}\n")));
                    }
                }
            }
        }
    }
}
