//! [`Probe`]: the inactivity probe. Sans-IO: callers pass the current time.
//!
//! Rules (as Open vSwitch's): after `interval` with nothing received, send an echo
//! request; if still nothing has been received `interval` after that, the connection is
//! dead. Anything received (not only the echo reply) counts as activity.

use std::time::{Duration, Instant};

/// What the driver should do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeAction {
    /// Nothing until [`Probe::deadline`].
    Wait,
    /// Send an echo request.
    SendEcho,
    /// No answer to the echo: drop the connection.
    Disconnect,
}

/// Inactivity probe state for one connection.
#[derive(Debug, Clone)]
pub struct Probe {
    interval: Duration,
    last_rx: Instant,
    echo_sent: Option<Instant>,
}

impl Probe {
    /// Starts timing at `now` (connection establishment).
    pub fn new(interval: Duration, now: Instant) -> Probe {
        Probe {
            interval,
            last_rx: now,
            echo_sent: None,
        }
    }

    /// Something arrived from the peer.
    pub fn received(&mut self, now: Instant) {
        self.last_rx = now;
        self.echo_sent = None;
    }

    /// When [`Probe::poll`] next has something to do.
    pub fn deadline(&self) -> Instant {
        match self.echo_sent {
            None => self.last_rx + self.interval,
            Some(t) => t + self.interval,
        }
    }

    /// Advances to `now`.
    pub fn poll(&mut self, now: Instant) -> ProbeAction {
        if now < self.deadline() {
            return ProbeAction::Wait;
        }
        match self.echo_sent {
            None => {
                self.echo_sent = Some(now);
                ProbeAction::SendEcho
            }
            Some(_) => ProbeAction::Disconnect,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn transcript() {
        let t0 = Instant::now();
        let mut p = Probe::new(5 * S, t0);
        assert_eq!(p.poll(t0 + 4 * S), ProbeAction::Wait);
        p.received(t0 + 4 * S);
        assert_eq!(p.deadline(), t0 + 9 * S);
        assert_eq!(p.poll(t0 + 8 * S), ProbeAction::Wait);
        assert_eq!(p.poll(t0 + 9 * S), ProbeAction::SendEcho);
        assert_eq!(p.poll(t0 + 10 * S), ProbeAction::Wait);
        // Reply arrives: back to idle timing.
        p.received(t0 + 11 * S);
        assert_eq!(p.poll(t0 + 15 * S), ProbeAction::Wait);
        assert_eq!(p.poll(t0 + 16 * S), ProbeAction::SendEcho);
        // No reply within the interval: dead.
        assert_eq!(p.poll(t0 + 20 * S), ProbeAction::Wait);
        assert_eq!(p.poll(t0 + 21 * S), ProbeAction::Disconnect);
    }
}
