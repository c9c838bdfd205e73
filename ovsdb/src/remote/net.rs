//! tokio sockets for a [`Remote`]: [`connect`] for active remotes, [`listen`] for passive.
//!
//! Invariants: `listen(punix:PATH)` removes a stale socket file at PATH first (one nobody
//! accepts on), but refuses to steal a live one; the [`Listener`] removes its socket file
//! when dropped.

use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream, UnixListener, UnixStream};
use tracing::{debug, info};

use super::parse::Remote;

/// A connected byte stream, unix or TCP.
#[derive(Debug)]
pub enum Stream {
    /// Unix domain socket.
    Unix(UnixStream),
    /// TCP socket (Nagle disabled).
    Tcp(TcpStream),
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Unix(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tcp(s) => Pin::new(s).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Unix(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tcp(s) => Pin::new(s).poll_write(cx, buf),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Unix(s) => Pin::new(s).poll_flush(cx),
            Stream::Tcp(s) => Pin::new(s).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Unix(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tcp(s) => Pin::new(s).poll_shutdown(cx),
        }
    }
}

fn not_active(remote: &Remote) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{remote} is a passive remote; cannot connect"),
    )
}

/// Connects to an active remote (`unix:` or `tcp:`).
pub async fn connect(remote: &Remote) -> io::Result<Stream> {
    match remote {
        Remote::Unix(p) => Ok(Stream::Unix(UnixStream::connect(p).await?)),
        Remote::Tcp(a) => {
            let s = TcpStream::connect(a).await?;
            s.set_nodelay(true)?;
            Ok(Stream::Tcp(s))
        }
        Remote::PUnix(_) | Remote::PTcp(_) => Err(not_active(remote)),
    }
}

/// A listening socket for a passive remote.
#[derive(Debug)]
pub enum Listener {
    /// `punix:`; the path is unlinked on drop.
    Unix(UnixListener, PathBuf),
    /// `ptcp:`.
    Tcp(TcpListener),
}

impl Listener {
    /// Waits for the next connection; returns it with a printable peer name.
    pub async fn accept(&self) -> io::Result<(Stream, String)> {
        match self {
            Listener::Unix(l, p) => {
                let (s, _) = l.accept().await?;
                Ok((Stream::Unix(s), format!("unix:{}", p.display())))
            }
            Listener::Tcp(l) => {
                let (s, a) = l.accept().await?;
                s.set_nodelay(true)?;
                Ok((Stream::Tcp(s), format!("tcp:{a}")))
            }
        }
    }

    /// The remote actually bound (for `ptcp:0`, with the port the kernel chose).
    pub fn local_remote(&self) -> io::Result<Remote> {
        match self {
            Listener::Unix(_, p) => Ok(Remote::PUnix(p.clone())),
            Listener::Tcp(l) => Ok(Remote::PTcp(l.local_addr()?)),
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Listener::Unix(_, p) = self {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Binds a passive remote (`punix:` or `ptcp:`).
pub async fn listen(remote: &Remote) -> io::Result<Listener> {
    match remote {
        Remote::PUnix(p) => {
            if std::fs::symlink_metadata(p).is_ok() {
                if UnixStream::connect(p).await.is_ok() {
                    return Err(io::Error::new(
                        io::ErrorKind::AddrInUse,
                        format!(
                            "{}: another process is listening on this socket",
                            p.display()
                        ),
                    ));
                }
                debug!(path = %p.display(), "removing stale socket file");
                std::fs::remove_file(p)?;
            }
            let l = UnixListener::bind(p)?;
            info!(%remote, "listening");
            Ok(Listener::Unix(l, p.clone()))
        }
        Remote::PTcp(a) => {
            let l = TcpListener::bind(a).await?;
            info!(%remote, "listening");
            Ok(Listener::Tcp(l))
        }
        Remote::Unix(_) | Remote::Tcp(_) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{remote} is an active remote; cannot listen"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn ping(listen_on: Remote, connect_to: Remote) {
        let l = listen(&listen_on).await.unwrap();
        let t = tokio::spawn(async move {
            let (mut s, _) = l.accept().await.unwrap();
            let mut b = [0u8; 4];
            s.read_exact(&mut b).await.unwrap();
            s.write_all(&b).await.unwrap();
            l
        });
        let mut c = connect(&connect_to).await.unwrap();
        c.write_all(b"ping").await.unwrap();
        let mut b = [0u8; 4];
        c.read_exact(&mut b).await.unwrap();
        assert_eq!(&b, b"ping");
        drop(t.await.unwrap());
    }

    #[tokio::test]
    async fn unix_listen_replaces_stale_socket_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sock");
        // A stale socket file: bound by a listener that is gone (std's does not unlink).
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        ping(Remote::PUnix(path.clone()), Remote::Unix(path.clone())).await;
        assert!(!path.exists(), "listener drop removes the socket file");

        // A live socket is not stolen.
        let l = listen(&Remote::PUnix(path.clone())).await.unwrap();
        let e = listen(&Remote::PUnix(path.clone())).await.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AddrInUse);
        drop(l);
    }

    #[tokio::test]
    async fn tcp_listen_and_connect() {
        let l = listen(&"ptcp:0:127.0.0.1".parse().unwrap()).await.unwrap();
        let Remote::PTcp(addr) = l.local_remote().unwrap() else {
            panic!()
        };
        drop(l);
        ping(Remote::PTcp(addr), Remote::Tcp(addr)).await;
    }

    #[tokio::test]
    async fn wrong_direction_is_refused() {
        assert!(connect(&"ptcp:1".parse().unwrap()).await.is_err());
        assert!(listen(&"tcp:127.0.0.1:1".parse().unwrap()).await.is_err());
    }
}
