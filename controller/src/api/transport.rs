//! Unix-socket transport for the JSON-RPC API: a tokio `UnixListener` whose connections
//! are served by jsonrpsee's tower service over hyper.

use std::io;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

use jsonrpsee::server::{serve_with_graceful_shutdown, stop_channel, Server, ServerHandle};
use jsonrpsee::RpcModule;
use tokio::net::{UnixListener, UnixStream};
use tracing::{debug, info, warn};

/// Why the API could not be served.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("API socket {0}: path exists and is not a socket; refusing to remove it")]
    NotASocket(PathBuf),
    #[error("API socket {0}: another process is serving it")]
    InUse(PathBuf),
    #[error("API socket {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Serves `module` on the unix socket `path` until the returned handle is stopped
/// (`handle.stop()`, then `handle.stopped().await` waits until every connection is closed
/// and the socket file is removed). Dropping the handle does not stop the server.
///
/// Must be called within a tokio runtime.
pub async fn serve<C: Send + Sync + 'static>(
    path: &Path,
    module: RpcModule<C>,
) -> Result<ServerHandle, ApiError> {
    let io_err = |source| ApiError::Io {
        path: path.to_path_buf(),
        source,
    };
    remove_stale(path).await?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io_err)?;
    }
    let listener = UnixListener::bind(path).map_err(io_err)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io_err)?;
    info!(path = %path.display(), "controller API listening");

    let (stop_handle, server_handle) = stop_channel();
    let service_builder = Server::builder().to_service_builder();
    let methods: jsonrpsee::Methods = module.into();
    let owned_path = path.to_path_buf();
    let stop = stop_handle.clone();
    tokio::spawn(async move {
        loop {
            let stream = tokio::select! {
                r = listener.accept() => match r {
                    Ok((s, _)) => s,
                    Err(e) => {
                        warn!(error = %e, "API accept failed");
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                        continue;
                    }
                },
                _ = stop.clone().shutdown() => break,
            };
            let svc = service_builder.clone().build(methods.clone(), stop.clone());
            let stopped = stop.clone().shutdown();
            tokio::spawn(async move {
                if let Err(e) = serve_with_graceful_shutdown(stream, svc, stopped).await {
                    debug!(error = %e, "API connection ended with an error");
                }
            });
        }
        let _ = std::fs::remove_file(&owned_path);
        info!(path = %owned_path.display(), "controller API stopped");
        drop(stop);
    });
    drop(stop_handle);
    Ok(server_handle)
}

/// Removes a socket file nobody answers on; refuses to remove anything else.
async fn remove_stale(path: &Path) -> Result<(), ApiError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(ApiError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    if !meta.file_type().is_socket() {
        return Err(ApiError::NotASocket(path.to_path_buf()));
    }
    if UnixStream::connect(path).await.is_ok() {
        return Err(ApiError::InUse(path.to_path_buf()));
    }
    debug!(path = %path.display(), "removing stale API socket");
    std::fs::remove_file(path).map_err(|source| ApiError::Io {
        path: path.to_path_buf(),
        source,
    })
}
