//! [`Backoff`]: when to try connecting again. Sans-IO: callers pass the current time.
//!
//! Rules: after a failed attempt the delay doubles from `min` up to `max`. A connection
//! that stays up for at least `max` counts as stable: losing it reconnects at once and
//! resets the delay. One that drops sooner counts as a failed attempt (no reconnect storm
//! against a server that accepts and immediately closes).

use std::time::{Duration, Instant};

/// Exponential reconnect backoff.
#[derive(Debug, Clone)]
pub struct Backoff {
    min: Duration,
    max: Duration,
    current: Option<Duration>,
    connected_at: Option<Instant>,
}

impl Backoff {
    /// Delays from `min` doubling to `max` (`max` is raised to `min` if smaller).
    pub fn new(min: Duration, max: Duration) -> Backoff {
        Backoff {
            min,
            max: max.max(min),
            current: None,
            connected_at: None,
        }
    }

    /// An attempt failed: returns how long to wait before the next one.
    pub fn connect_failed(&mut self, _now: Instant) -> Duration {
        let next = match self.current {
            None => self.min,
            Some(d) => d.saturating_mul(2).min(self.max),
        };
        self.current = Some(next);
        next
    }

    /// A connection was established at `now`.
    pub fn connected(&mut self, now: Instant) {
        self.connected_at = Some(now);
    }

    /// The connection was lost at `now`: returns how long to wait before reconnecting.
    pub fn disconnected(&mut self, now: Instant) -> Duration {
        let stable = self
            .connected_at
            .take()
            .is_some_and(|t| now.saturating_duration_since(t) >= self.max);
        if stable {
            self.current = None;
            Duration::ZERO
        } else {
            self.connect_failed(now)
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
        let mut b = Backoff::new(S, 8 * S);
        // Server down: 1, 2, 4, 8, 8 ...
        let delays: Vec<_> = (0..6).map(|i| b.connect_failed(t0 + i * S)).collect();
        assert_eq!(delays, [S, 2 * S, 4 * S, 8 * S, 8 * S, 8 * S]);
        // Up for 30 s, then lost: reconnect immediately, and start again from 1 s.
        b.connected(t0);
        assert_eq!(b.disconnected(t0 + 30 * S), Duration::ZERO);
        assert_eq!(b.connect_failed(t0 + 30 * S), S);
        // Flapping (accept then close at once) keeps backing off.
        b.connected(t0 + 31 * S);
        assert_eq!(b.disconnected(t0 + 31 * S), 2 * S);
        b.connected(t0 + 33 * S);
        assert_eq!(b.disconnected(t0 + 33 * S), 4 * S);
    }

    #[test]
    fn max_below_min_is_clamped() {
        let mut b = Backoff::new(2 * S, S);
        assert_eq!(b.connect_failed(Instant::now()), 2 * S);
        assert_eq!(b.connect_failed(Instant::now()), 2 * S);
    }
}
