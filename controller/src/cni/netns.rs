//! Running netlink work inside a network namespace.
//!
//! A thread's network namespace is per thread (`setns(2)`), so the work runs on a fresh OS
//! thread that enters the namespace, opens its own rtnetlink socket there (sockets belong
//! to the namespace they were created in) and drives it on a private current-thread
//! runtime. The thread exits afterwards, so no runtime worker ever changes namespace.
//! `None` means the namespace the controller runs in (the host side of veths).

use std::fs::File;
use std::future::Future;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use rtnetlink::Handle;

/// A netlink or namespace failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetError {
    #[error("network namespace {0} does not exist")]
    NoNetns(String),
    #[error("entering network namespace {path}: {why}")]
    Setns { path: String, why: String },
    #[error("netlink: {0}")]
    Netlink(String),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Conflict(String),
}

impl NetError {
    pub fn netlink(context: &str, e: impl std::fmt::Display) -> NetError {
        NetError::Netlink(format!("{context}: {e}"))
    }
}

/// Opens a namespace file (`/var/run/netns/NAME`, `/proc/PID/ns/net`).
pub fn open(path: &Path) -> Result<File, NetError> {
    File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => NetError::NoNetns(path.display().to_string()),
        _ => NetError::Setns {
            path: path.display().to_string(),
            why: e.to_string(),
        },
    })
}

/// Runs `f` with an rtnetlink handle in namespace `netns` (or the current one) on a
/// dedicated thread; `f` may also make plain syscalls (ioctls), which see that namespace.
pub async fn run_in<T, F, Fut>(netns: Option<PathBuf>, f: F) -> Result<T, NetError>
where
    T: Send + 'static,
    F: FnOnce(Handle) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, NetError>>,
{
    let ns_file = netns.as_deref().map(open).transpose()?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let path = netns.map(|p| p.display().to_string()).unwrap_or_default();
    std::thread::Builder::new()
        .name("rovn-netns".into())
        .spawn(move || {
            let r = (|| {
                if let Some(file) = &ns_file {
                    // SAFETY: setns on a valid fd of a namespace file; affects this thread only.
                    let rc = unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) };
                    if rc != 0 {
                        let why = std::io::Error::last_os_error().to_string();
                        return Err(NetError::Setns {
                            path: path.clone(),
                            why,
                        });
                    }
                }
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| NetError::Io(format!("runtime: {e}")))?;
                rt.block_on(async move {
                    let (conn, handle, _) =
                        rtnetlink::new_connection().map_err(|e| NetError::netlink("socket", e))?;
                    let task = tokio::spawn(conn);
                    let r = f(handle).await;
                    task.abort();
                    r
                })
            })();
            let _ = tx.send(r);
        })
        .map_err(|e| NetError::Io(format!("spawning netns thread: {e}")))?;
    rx.await
        .map_err(|_| NetError::Io("netns thread died".into()))?
}
