//! Open vSwitch daemon conventions shared by every rovn daemon: `--pidfile[=FILE]`,
//! `--log-file[=FILE]`, `--unixctl=SOCKET`, `-v`, defaults under `$OVS_RUNDIR` /
//! `$OVS_LOGDIR`, and a pidfile that is removed on a clean exit.

use std::path::{Path, PathBuf};

use clap::Args;

/// The common flags, flattened into each daemon's `clap` parser.
#[derive(Debug, Clone, Args)]
pub struct DaemonArgs {
    /// Write the process id to FILE (default `$OVS_RUNDIR/<program>.pid`).
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "")]
    pub pidfile: Option<PathBuf>,
    /// Log to FILE (default `$OVS_LOGDIR/<program>.log`) instead of stderr.
    #[arg(long = "log-file", value_name = "FILE", num_args = 0..=1, default_missing_value = "")]
    pub log_file: Option<PathBuf>,
    /// Control socket for `ovs-appctl -t` (default `$OVS_RUNDIR/<program>.ctl`).
    #[arg(long, value_name = "SOCKET")]
    pub unixctl: Option<PathBuf>,
    /// Log filter in `tracing` syntax (e.g. `debug`, `ovsdb=debug`); default `info`.
    #[arg(short = 'v', long = "verbose", value_name = "FILTER", num_args = 0..=1, default_missing_value = "debug")]
    pub verbose: Option<String>,
}

/// Removes the pidfile when dropped.
pub struct Pidfile(PathBuf);

impl Drop for Pidfile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn rundir() -> PathBuf {
    std::env::var_os("OVS_RUNDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/run/openvswitch"))
}

fn logdir() -> PathBuf {
    std::env::var_os("OVS_LOGDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/log/openvswitch"))
}

fn or_default(path: &Path, dir: PathBuf, program: &str, ext: &str) -> PathBuf {
    if path.as_os_str().is_empty() {
        dir.join(format!("{program}.{ext}"))
    } else {
        path.to_owned()
    }
}

impl DaemonArgs {
    /// Sets up logging and the pidfile; keep the returned guard alive until exit.
    pub fn init(&self, program: &str) -> std::io::Result<Option<Pidfile>> {
        let filter =
            tracing_subscriber::EnvFilter::try_new(self.verbose.as_deref().unwrap_or("info"))
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
        match &self.log_file {
            Some(path) => {
                let path = or_default(path, logdir(), program, "log");
                let file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)?;
                tracing_subscriber::fmt()
                    .with_env_filter(filter)
                    .with_ansi(false)
                    .with_writer(std::sync::Mutex::new(file))
                    .init();
            }
            None => tracing_subscriber::fmt()
                .with_env_filter(filter)
                .with_writer(std::io::stderr)
                .init(),
        }
        match &self.pidfile {
            Some(path) => {
                let path = or_default(path, rundir(), program, "pid");
                std::fs::write(&path, format!("{}\n", std::process::id()))?;
                Ok(Some(Pidfile(path)))
            }
            None => Ok(None),
        }
    }

    /// The control socket path: `--unixctl`, else `$OVS_RUNDIR/<program>.ctl`.
    pub fn unixctl_path(&self, program: &str) -> PathBuf {
        self.unixctl
            .clone()
            .unwrap_or_else(|| rundir().join(format!("{program}.ctl")))
    }
}

/// Resolves when the process gets SIGTERM or SIGINT.
pub async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}
