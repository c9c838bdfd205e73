//! Any bytes: decoding never panics; whatever decodes re-emits to bytes that decode to
//! the same message; the printer never panics on a decoded flow_mod; the connection
//! core never panics on any input stream.
#![no_main]
use libfuzzer_sys::fuzz_target;
use openflow::conn::{Config, Core};
use openflow::wire::Message;

fuzz_target!(|data: &[u8]| {
    if let Ok((h, m)) = Message::parse(data) {
        let again = m.to_bytes(h.version, h.xid);
        let (_, m2) = Message::parse(&again).expect("our own bytes decode");
        assert_eq!(m, m2);
        if let Message::FlowMod(fm) = &m {
            let _ = openflow::text::Flow::from_flow_mod(fm).to_dump_string();
        }
    }
    let now = std::time::Instant::now();
    let mut core = Core::new(Config::default(), now);
    core.handle_input(data, now);
    while core.poll_event().is_some() {}
    while core.poll_transmit().is_some() {}
});
