//! Fuzzes the JSON-RPC stream decoder: arbitrary bytes, fed in arbitrary chunks, must
//! never panic, never buffer much more than the size limit, and must give the same
//! values and the same error/no-error outcome however the input is chunked.
//!
//! Run: `cd ovsdb/fuzz && cargo +nightly fuzz run jsonrpc_stream`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ovsdb::jsonrpc::{Message, Splitter};

const MAX: usize = 4096;

fn run(data: &[u8], chunk: usize) -> (Vec<serde_json::Value>, bool) {
    let mut s = Splitter::new(MAX);
    let mut out = Vec::new();
    for c in data.chunks(chunk.max(1)) {
        s.feed(c);
        loop {
            match s.next_value() {
                Ok(Some(v)) => {
                    let _ = Message::from_value(v.clone());
                    out.push(v);
                }
                Ok(None) => break,
                Err(_) => return (out, true),
            }
        }
        assert!(s.buffered() <= MAX + chunk.max(1));
    }
    match s.finish() {
        Ok(Some(v)) => out.push(v),
        Ok(None) => {}
        Err(_) => return (out, true),
    }
    (out, false)
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let whole = run(rest, rest.len());
    let chunked = run(rest, usize::from(first % 17) + 1);
    assert_eq!(whole, chunked);
});
