//! `rovn-cni-server`: hosts the CNI service (`controller::cni`) on the controller API
//! socket until `rovn-controller` hosts it itself. Runs on the node, in the network
//! namespace where the node's Open vSwitch lives.
//!
//!     rovn-cni-server [OVS_DB] [--api-socket=PATH] [--ovnnb-db=REMOTE] [--ovnsb-db=REMOTE]
//!                     [--mtu=N] [--address-timeout=S] [--up-timeout=S] [--pidfile=PATH]

use std::path::PathBuf;

use clap::Parser;
use ovsdb::remote::Remote;

#[derive(Parser, Debug)]
#[command(
    name = "rovn-cni-server",
    about = "Serve rovn's CNI service on the controller API socket"
)]
struct Args {
    /// The local Open_vSwitch database.
    #[arg(default_value = "unix:/var/run/openvswitch/db.sock")]
    ovs_db: String,
    /// Where the JSON-RPC API listens.
    #[arg(long = "api-socket", default_value = cni_shim::api::DEFAULT_SOCKET)]
    api_socket: PathBuf,
    /// The NB database (default: Open_vSwitch external_ids:ovn-nb-remote).
    #[arg(long = "ovnnb-db")]
    ovnnb_db: Option<String>,
    /// The SB database (default: Open_vSwitch external_ids:ovn-remote).
    #[arg(long = "ovnsb-db")]
    ovnsb_db: Option<String>,
    /// Pod MTU when the network configuration names none.
    #[arg(long, default_value_t = 1400)]
    mtu: u32,
    /// Seconds ADD waits for northd to assign a dynamic address.
    #[arg(long = "address-timeout", default_value_t = 30)]
    address_timeout: u64,
    /// Seconds ADD waits for the Port_Binding to come up.
    #[arg(long = "up-timeout", default_value_t = 45)]
    up_timeout: u64,
    /// Write the process id here once serving.
    #[arg(long)]
    pidfile: Option<PathBuf>,
}

fn remote(flag: &str, s: &str) -> Result<Remote, String> {
    let r: Remote = s.parse().map_err(|e| format!("{flag} {s:?}: {e}"))?;
    if r.is_passive() {
        return Err(format!(
            "{flag} {s:?}: need an active remote (unix: or tcp:)"
        ));
    }
    Ok(r)
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Err(e) = run(Args::parse()).await {
        eprintln!("rovn-cni-server: {e}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> Result<(), String> {
    let mut cfg = controller::cni::ServiceConfig::new(remote("OVS_DB", &args.ovs_db)?);
    cfg.nb_remote = args
        .ovnnb_db
        .as_deref()
        .map(|s| remote("--ovnnb-db", s))
        .transpose()?;
    cfg.sb_remote = args
        .ovnsb_db
        .as_deref()
        .map(|s| remote("--ovnsb-db", s))
        .transpose()?;
    if !(68..=65535).contains(&args.mtu) {
        return Err(format!("--mtu {} is out of range 68..65535", args.mtu));
    }
    cfg.mtu = args.mtu;
    cfg.address_timeout = std::time::Duration::from_secs(args.address_timeout);
    cfg.up_timeout = std::time::Duration::from_secs(args.up_timeout);
    let service = controller::cni::CniService::new(cfg);
    let module = controller::cni::rpc::module(service);
    let handle = controller::api::serve(&args.api_socket, module)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(p) = &args.pidfile {
        std::fs::write(p, format!("{}\n", std::process::id()))
            .map_err(|e| format!("--pidfile {}: {e}", p.display()))?;
    }
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| format!("SIGTERM handler: {e}"))?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    tracing::info!("stopping");
    let _ = handle.stop();
    handle.stopped().await;
    if let Some(p) = &args.pidfile {
        let _ = std::fs::remove_file(p);
    }
    Ok(())
}
