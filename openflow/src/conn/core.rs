//! The sans-IO OpenFlow connection core: bytes and time in, bytes and events out.
//!
//! Lifecycle: [`Core::new`] queues our HELLO; the peer's HELLO negotiates the version
//! (highest common bit of both version bitmaps) and then [`Event::Connected`] is
//! reported. Echo requests from the peer are answered here; when nothing has been
//! received for `echo_interval` we send an echo request, and if nothing arrives within
//! `echo_timeout` after that the core reports [`Event::Disconnected`].
//!
//! Invariants: xids we allocate are never 0 and increase (wrapping, skipping 0); every
//! message we receive with an xid we are waiting on is reported as
//! [`Event::Reply`] or [`Event::Error`] for that xid (errors are matched by the xid of
//! the ERROR message, which OpenFlow sets to the failed request's xid). Nothing here
//! blocks, sleeps or reads a clock.

use crate::wire::msg::{frame_len, ErrorMsg, Hello, Message, Version};
use crate::wire::DecodeError;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Tunables.
#[derive(Debug, Clone)]
pub struct Config {
    /// Versions we offer, as a HELLO bitmap (default 1.3 and 1.5).
    pub versions: u32,
    /// Idle time before we probe with an echo request.
    pub echo_interval: Duration,
    /// How long an echo may stay unanswered.
    pub echo_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            versions: (1 << 4) | (1 << 6),
            echo_interval: Duration::from_secs(5),
            echo_timeout: Duration::from_secs(5),
        }
    }
}

/// Something the application should know.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Handshake done; `version` negotiated.
    Connected(Version),
    /// A message for a request we sent (same xid).
    Reply(u32, Message),
    /// An error for a request we sent (same xid).
    Error(u32, ErrorMsg),
    /// A message nobody asked for (packet-in, port status, ...).
    Unsolicited(u32, Message),
    /// The connection is unusable; the driver should close and maybe reconnect.
    Disconnected(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    HelloSent,
    Connected,
    Dead,
}

/// The connection state machine.
#[derive(Debug)]
pub struct Core {
    config: Config,
    state: State,
    version: Version,
    next_xid: u32,
    rx: Vec<u8>,
    tx: VecDeque<Vec<u8>>,
    events: VecDeque<Event>,
    last_rx: Instant,
    echo_sent: Option<(u32, Instant)>,
}

impl Core {
    /// A new connection at time `now`; our HELLO is queued for transmission.
    pub fn new(config: Config, now: Instant) -> Self {
        let top = (0..32u8)
            .rev()
            .find(|v| config.versions & (1 << v) != 0)
            .unwrap_or(6);
        let mut c = Core {
            state: State::HelloSent,
            version: Version::from_wire(top),
            next_xid: 1,
            rx: Vec::new(),
            tx: VecDeque::new(),
            events: VecDeque::new(),
            last_rx: now,
            echo_sent: None,
            config,
        };
        let hello = Message::Hello(Hello {
            bitmap: c.config.versions,
        });
        let xid = c.alloc_xid();
        c.tx.push_back(hello.to_bytes(c.version, xid));
        c
    }

    /// The negotiated version (before the handshake: the highest we offer).
    pub fn version(&self) -> Version {
        self.version
    }

    /// True after the handshake and before a disconnect.
    pub fn is_connected(&self) -> bool {
        self.state == State::Connected
    }

    fn alloc_xid(&mut self) -> u32 {
        let x = self.next_xid;
        self.next_xid = self.next_xid.wrapping_add(1);
        if self.next_xid == 0 {
            self.next_xid = 1;
        }
        x
    }

    /// Queues `msg` with a fresh xid and returns it.
    pub fn send(&mut self, msg: &Message) -> u32 {
        let xid = self.alloc_xid();
        self.send_with_xid(msg, xid);
        xid
    }

    /// Reserves an xid without sending (for bundle-add inner messages).
    pub fn reserve_xid(&mut self) -> u32 {
        self.alloc_xid()
    }

    /// Queues `msg` with a caller-chosen xid. Flow_mods are re-encoded for the
    /// negotiated version (see [`crate::wire::compat`]).
    pub fn send_with_xid(&mut self, msg: &Message, xid: u32) {
        match msg {
            Message::FlowMod(fm) if self.version == Version::Of13 => {
                let fm = crate::wire::compat::flow_mod_for(self.version, fm);
                self.tx
                    .push_back(Message::FlowMod(fm).to_bytes(self.version, xid));
            }
            _ => self.tx.push_back(msg.to_bytes(self.version, xid)),
        }
    }

    /// Feeds received bytes.
    pub fn handle_input(&mut self, bytes: &[u8], now: Instant) {
        if self.state == State::Dead {
            return;
        }
        self.last_rx = now;
        self.rx.extend_from_slice(bytes);
        loop {
            let n = match frame_len(&self.rx) {
                Ok(Some(n)) => n,
                Ok(None) => break,
                Err(e) => return self.die(format!("framing: {e}")),
            };
            let frame: Vec<u8> = self.rx.drain(..n).collect();
            match Message::parse(&frame) {
                Ok((h, m)) => self.handle_message(h.version, h.xid, m),
                Err(e) => self.handle_undecodable(&frame, e),
            }
            if self.state == State::Dead {
                return;
            }
        }
    }

    fn handle_undecodable(&mut self, frame: &[u8], e: DecodeError) {
        // A reply we cannot decode still answers its request.
        let xid = crate::wire::msg::Header::parse(frame)
            .map(|h| h.xid)
            .unwrap_or(0);
        tracing::warn!(xid, error = %e, "undecodable OpenFlow message");
        self.events.push_back(Event::Unsolicited(
            xid,
            Message::Unknown {
                msg_type: frame.get(1).copied().unwrap_or(0),
                body: frame.get(8..).unwrap_or(&[]).to_vec(),
            },
        ));
    }

    fn handle_message(&mut self, v: Version, xid: u32, m: Message) {
        match (&self.state, m) {
            (State::HelloSent, Message::Hello(h)) => {
                match Hello::negotiate(self.config.versions, h.bitmap, v.wire()) {
                    Some(ver) => {
                        self.version = Version::from_wire(ver);
                        self.state = State::Connected;
                        self.events.push_back(Event::Connected(self.version));
                    }
                    None => self.die(format!("no common OpenFlow version (peer {v:?})")),
                }
            }
            (State::HelloSent, m) => self.die(format!("expected HELLO, got type {}", m.msg_type())),
            (_, Message::EchoRequest(d)) => {
                self.send_with_xid(&Message::EchoReply(d), xid);
            }
            (_, Message::EchoReply(_)) if self.echo_sent.map(|e| e.0) == Some(xid) => {
                self.echo_sent = None;
            }
            (_, Message::Error(e)) => self.events.push_back(Event::Error(xid, e)),
            (_, m @ (Message::PacketIn(_) | Message::Unknown { .. })) => {
                self.events.push_back(Event::Unsolicited(xid, m))
            }
            (_, m @ Message::Nx(crate::wire::msg::NxMessage::PacketIn2(_))) => {
                self.events.push_back(Event::Unsolicited(xid, m))
            }
            (_, m) => self.events.push_back(Event::Reply(xid, m)),
        }
    }

    fn die(&mut self, why: String) {
        if self.state != State::Dead {
            self.state = State::Dead;
            self.events.push_back(Event::Disconnected(why));
        }
    }

    /// Reports that the transport closed.
    pub fn handle_close(&mut self) {
        self.die("connection closed by peer".into());
    }

    /// Advances timers.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.state == State::Dead {
            return;
        }
        if let Some((_, at)) = self.echo_sent {
            if now >= at + self.config.echo_timeout && self.last_rx <= at {
                return self.die("echo timeout".into());
            }
            if self.last_rx > at {
                self.echo_sent = None;
            }
        }
        if self.state == State::Connected
            && self.echo_sent.is_none()
            && now >= self.last_rx + self.config.echo_interval
        {
            let xid = self.send(&Message::EchoRequest(Vec::new()));
            self.echo_sent = Some((xid, now));
        }
        if self.state == State::HelloSent
            && now >= self.last_rx + self.config.echo_timeout + self.config.echo_interval
        {
            self.die("handshake timeout".into());
        }
    }

    /// When `handle_timeout` next needs to run.
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.state == State::Dead {
            return None;
        }
        Some(match self.echo_sent {
            Some((_, at)) => at + self.config.echo_timeout,
            None if self.state == State::HelloSent => {
                self.last_rx + self.config.echo_timeout + self.config.echo_interval
            }
            None => self.last_rx + self.config.echo_interval,
        })
    }

    /// Next bytes to write.
    pub fn poll_transmit(&mut self) -> Option<Vec<u8>> {
        self.tx.pop_front()
    }

    /// Next event.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(m: Message, v: Version, xid: u32) -> Vec<u8> {
        m.to_bytes(v, xid)
    }

    fn drain(c: &mut Core) -> Vec<Message> {
        std::iter::from_fn(|| c.poll_transmit())
            .map(|b| Message::parse(&b).unwrap().1)
            .collect()
    }

    #[test]
    fn handshake_negotiates_highest_common_version() {
        let t0 = Instant::now();
        let mut c = Core::new(Config::default(), t0);
        assert_eq!(drain(&mut c), vec![Message::Hello(Hello { bitmap: 0x50 })]);
        // Peer offers 1.0-1.4 only.
        c.handle_input(
            &peer(Message::Hello(Hello { bitmap: 0x3e }), Version::Of14, 9),
            t0,
        );
        assert_eq!(c.poll_event(), Some(Event::Connected(Version::Of13)));
        // Peer without bitmap at 1.5 → 1.5.
        let mut c = Core::new(Config::default(), t0);
        c.handle_input(
            &peer(Message::Hello(Hello { bitmap: 0 }), Version::Of15, 9),
            t0,
        );
        assert_eq!(c.poll_event(), Some(Event::Connected(Version::Of15)));
    }

    #[test]
    fn no_common_version_disconnects() {
        let t0 = Instant::now();
        let mut c = Core::new(Config::default(), t0);
        c.handle_input(
            &peer(
                Message::Hello(Hello { bitmap: 0x02 }),
                Version::Unknown(1),
                1,
            ),
            t0,
        );
        assert!(matches!(c.poll_event(), Some(Event::Disconnected(_))));
    }

    #[test]
    fn echo_both_ways_and_timeout() {
        let t0 = Instant::now();
        let cfg = Config::default();
        let mut c = Core::new(cfg.clone(), t0);
        c.handle_input(
            &peer(Message::Hello(Hello { bitmap: 0x40 }), Version::Of15, 1),
            t0,
        );
        c.poll_event();
        drain(&mut c);
        // Peer's echo is answered with the same xid and payload.
        c.handle_input(&peer(Message::EchoRequest(vec![7]), Version::Of15, 77), t0);
        let out = c.poll_transmit().unwrap();
        let (h, m) = Message::parse(&out).unwrap();
        assert_eq!((h.xid, m), (77, Message::EchoReply(vec![7])));
        // Idle → we probe.
        assert_eq!(c.poll_timeout(), Some(t0 + cfg.echo_interval));
        let t1 = t0 + cfg.echo_interval;
        c.handle_timeout(t1);
        let (h, m) = Message::parse(&c.poll_transmit().unwrap()).unwrap();
        assert_eq!(m, Message::EchoRequest(vec![]));
        // Answered → alive, next probe later.
        c.handle_input(&peer(Message::EchoReply(vec![]), Version::Of15, h.xid), t1);
        c.handle_timeout(t1 + Duration::from_secs(1));
        assert!(c.is_connected());
        // Probe unanswered → disconnected after echo_timeout.
        let t2 = t1 + cfg.echo_interval;
        c.handle_timeout(t2);
        assert!(c.poll_transmit().is_some());
        c.handle_timeout(t2 + cfg.echo_timeout);
        assert_eq!(
            c.poll_event(),
            Some(Event::Disconnected("echo timeout".into()))
        );
    }

    #[test]
    fn errors_and_replies_map_to_request_xid() {
        let t0 = Instant::now();
        let mut c = Core::new(Config::default(), t0);
        c.handle_input(
            &peer(Message::Hello(Hello { bitmap: 0x40 }), Version::Of15, 1),
            t0,
        );
        c.poll_event();
        let a = c.send(&Message::BarrierRequest);
        let b = c.send(&Message::FeaturesRequest);
        assert!(a != 0 && b == a + 1);
        let err = ErrorMsg {
            kind: crate::wire::msg::ErrorType::BadRequest,
            code: 1,
            experimenter: None,
            data: vec![],
        };
        c.handle_input(&peer(Message::Error(err.clone()), Version::Of15, b), t0);
        c.handle_input(&peer(Message::BarrierReply, Version::Of15, a), t0);
        assert_eq!(c.poll_event(), Some(Event::Error(b, err)));
        assert_eq!(c.poll_event(), Some(Event::Reply(a, Message::BarrierReply)));
    }

    #[test]
    fn split_and_coalesced_frames() {
        let t0 = Instant::now();
        let mut c = Core::new(Config::default(), t0);
        let mut bytes = peer(Message::Hello(Hello { bitmap: 0x40 }), Version::Of15, 1);
        bytes.extend(peer(Message::BarrierReply, Version::Of15, 5));
        for b in bytes.chunks(3) {
            c.handle_input(b, t0);
        }
        assert_eq!(c.poll_event(), Some(Event::Connected(Version::Of15)));
        assert_eq!(c.poll_event(), Some(Event::Reply(5, Message::BarrierReply)));
    }
}
