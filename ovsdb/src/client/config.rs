//! [`ClientConfig`]: where to connect and the timing knobs.

use std::time::Duration;

use crate::jsonrpc::DEFAULT_MAX_MESSAGE_SIZE;
use crate::remote::Remote;

/// Client settings. Defaults follow Open vSwitch: 5 s inactivity probe, backoff 1 s..8 s.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// An active remote (`unix:` or `tcp:`).
    pub remote: Remote,
    /// Send an echo after this long without receiving anything; disconnect after as long
    /// again without an answer. `None` disables probing.
    pub probe_interval: Option<Duration>,
    /// First reconnect delay after a failed attempt.
    pub backoff_min: Duration,
    /// Largest reconnect delay.
    pub backoff_max: Duration,
    /// Reconnect at all after the connection is lost (or the first attempt fails).
    pub reconnect: bool,
    /// Largest incoming message accepted.
    pub max_message_size: usize,
}

impl ClientConfig {
    /// Defaults for `remote`.
    pub fn new(remote: Remote) -> ClientConfig {
        ClientConfig {
            remote,
            probe_interval: Some(Duration::from_secs(5)),
            backoff_min: Duration::from_secs(1),
            backoff_max: Duration::from_secs(8),
            reconnect: true,
            max_message_size: DEFAULT_MAX_MESSAGE_SIZE,
        }
    }
}
