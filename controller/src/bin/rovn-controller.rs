//! rovn-controller: the per-node agent, a drop-in for ovn-controller.
//!
//! ```text
//! rovn-controller [OVS_DB_REMOTE] [--pidfile[=F]] [--log-file[=F]] [--unixctl=SOCK]
//!                 [--api-socket=PATH] [-v[FILTER]]
//! ```
//! The configuration comes from `Open_vSwitch.external_ids` in the local database
//! (default `unix:/var/run/openvswitch/db.sock`), as for ovn-controller.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::Parser;
use controller::cni::{CniService, ServiceConfig};
use controller::daemon::{self, Options, Shared};
use controller::lflow::FlowCompiler;
use controller::{api, cni};
use ovsdb::daemon::DaemonArgs;

const PROGRAM: &str = "rovn-controller";

#[derive(Debug, Parser)]
#[command(name = PROGRAM, version, about = "rovn per-node controller (ovn-controller compatible)")]
struct Args {
    /// The local Open_vSwitch database.
    #[arg(
        value_name = "OVS_DB_REMOTE",
        default_value = "unix:/var/run/openvswitch/db.sock"
    )]
    ovs_remote: String,
    /// Serve the JSON-RPC 2.0 API (CNI, status, dump_flows) on this unix socket.
    #[arg(long = "api-socket", value_name = "PATH")]
    api_socket: Option<PathBuf>,
    /// Northbound database for the CNI service (default: `external_ids:ovn-nb-remote`).
    #[arg(long = "ovnnb-db", value_name = "REMOTE")]
    ovnnb_db: Option<String>,
    #[command(flatten)]
    daemon: DaemonArgs,
}

fn rundir() -> PathBuf {
    std::env::var_os("OVS_RUNDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/run/openvswitch"))
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let _pidfile = match args.daemon.init(PROGRAM) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{PROGRAM}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let ovs_remote = match args.ovs_remote.parse::<ovsdb::remote::Remote>() {
        Ok(r) => r,
        Err(e) => {
            tracing::error!("{e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let nb_remote = match args
        .ovnnb_db
        .as_deref()
        .map(str::parse::<ovsdb::remote::Remote>)
    {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => {
            tracing::error!("--ovnnb-db: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let opts = Options {
        ovs_remote: args.ovs_remote.clone(),
        unixctl: args.daemon.unixctl_path(PROGRAM),
        ovs_rundir: rundir(),
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!("tokio runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let shared = Arc::new(Mutex::new(Shared::default()));
    let result = rt.block_on(async move {
        let (control_tx, control_rx) = tokio::sync::mpsc::unbounded_channel();
        let _api = match &args.api_socket {
            Some(path) => {
                let mut module = api::status::module(shared.clone(), control_tx);
                let mut cfg = ServiceConfig::new(ovs_remote);
                cfg.nb_remote = nb_remote;
                module
                    .merge(cni::rpc::module(CniService::new(cfg)))
                    .map_err(|e| e.to_string())?;
                Some(api::serve(path, module).await.map_err(|e| e.to_string())?)
            }
            None => None,
        };
        daemon::run(opts, FlowCompiler::new(), shared, control_rx)
            .await
            .map_err(|e| e.to_string())
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
