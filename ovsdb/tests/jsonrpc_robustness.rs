//! Robustness of the JSON-RPC stream decoder under plain `cargo test` (the cargo-fuzz
//! target in `ovsdb/fuzz` explores further): every truncation of a realistic stream, and
//! many deterministic pseudo-random mutations, fed in every chunking tried, must not
//! panic, must keep memory bounded, and must decode the same however it is chunked.

use bytes::BytesMut;
use ovsdb::jsonrpc::{Codec, Message, SplitError, Splitter};
use serde_json::Value;
use tokio_util::codec::Decoder;

const MAX: usize = 512;

/// Splits `data` in `chunk`-byte pieces; returns the values and whether it ended in error.
fn run(data: &[u8], chunk: usize) -> (Vec<Value>, Option<String>) {
    let mut s = Splitter::new(MAX);
    let mut out = Vec::new();
    for c in data.chunks(chunk) {
        s.feed(c);
        loop {
            match s.next_value() {
                Ok(Some(v)) => {
                    let _ = Message::from_value(v.clone());
                    out.push(v);
                }
                Ok(None) => break,
                Err(e) => return (out, Some(kind(&e))),
            }
        }
        assert!(s.buffered() <= MAX, "buffered {} > {MAX}", s.buffered());
    }
    match s.finish() {
        Ok(Some(v)) => out.push(v),
        Ok(None) => {}
        Err(e) => return (out, Some(kind(&e))),
    }
    (out, None)
}

fn kind(e: &SplitError) -> String {
    match e {
        SplitError::Malformed(_) => "malformed".into(),
        SplitError::Truncated { .. } => "truncated".into(),
        SplitError::TooLarge { .. } => "too-large".into(),
    }
}

fn stream() -> Vec<u8> {
    let mut s = String::new();
    s.push_str(r#"{"id":1,"result":["OVN_Northbound","_Server"],"error":null}"#);
    s.push_str(r#"{"method":"update2","params":["m1",{"Logical_Switch":{"26dc8f88-2cef-4656-907e-474b2804138b":{"insert":{"name":"sw\"0}]","external_ids":["map",[["k\\","é😀"]]]}}}}],"id":null}"#);
    s.push_str(" \n\t");
    s.push_str(
        r#"{"method":"echo","params":[1.5e3,-0,true,false,null,"\u00e9\ud83d\ude00"],"id":"echo"}"#,
    );
    s.push_str(r#"[1,[2,[3,{"a":{}}]]]"#);
    s.into_bytes()
}

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn whole_stream_decodes() {
    let (values, err) = run(&stream(), usize::MAX);
    assert_eq!(err, None);
    assert_eq!(values.len(), 4);
    assert!(Message::from_value(values[1].clone()).is_ok());
}

#[test]
fn every_truncation_is_handled_and_chunking_invariant() {
    let data = stream();
    for cut in 0..=data.len() {
        let prefix = &data[..cut];
        let whole = run(prefix, prefix.len().max(1));
        for chunk in [1, 2, 3, 7, 64] {
            assert_eq!(run(prefix, chunk), whole, "cut {cut} chunk {chunk}");
        }
        // A truncated stream yields a prefix of the full values, then at most "truncated"
        // (or "malformed" when the cut leaves an invalid bare literal like `tru`).
        let (full, _) = run(&data, data.len());
        assert!(full.starts_with(&whole.0), "cut {cut}");
    }
}

#[test]
fn random_mutations_never_panic_and_are_chunking_invariant() {
    let base = stream();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let interesting = b"{}[]\"\\:,\n 0e-.tnu\xff\xc3\xa9";
    for _ in 0..3000 {
        let mut d = base.clone();
        for _ in 0..1 + rng.below(4) {
            let i = rng.below(d.len());
            match rng.below(4) {
                0 => d[i] = interesting[rng.below(interesting.len())],
                1 => d[i] = rng.next() as u8,
                2 => d.insert(i, interesting[rng.below(interesting.len())]),
                _ => {
                    d.remove(i);
                }
            }
        }
        let whole = run(&d, d.len());
        let chunk = 1 + rng.below(40);
        assert_eq!(
            run(&d, chunk),
            whole,
            "input {:?}",
            String::from_utf8_lossy(&d)
        );
    }
}

#[test]
fn oversized_and_garbage_streams_stay_bounded() {
    // A value that never ends: error once past the limit, memory bounded.
    let mut d = b"[".to_vec();
    d.extend(std::iter::repeat_n(b'[', 10_000));
    assert_eq!(run(&d, 100).1.as_deref(), Some("too-large"));
    let mut d = b"\"".to_vec();
    d.extend(std::iter::repeat_n(b'x', 10_000));
    assert_eq!(run(&d, 100).1.as_deref(), Some("too-large"));
    // Deep nesting within the limit: serde_json's recursion limit turns it into an error.
    let d: Vec<u8> = std::iter::repeat_n(b'[', 200)
        .chain(std::iter::repeat_n(b']', 200))
        .collect();
    assert_eq!(run(&d, 50).1.as_deref(), Some("malformed"));
    // Random bytes.
    let mut rng = XorShift(42);
    for _ in 0..200 {
        let d: Vec<u8> = (0..rng.below(2000)).map(|_| rng.next() as u8).collect();
        let whole = run(&d, d.len().max(1));
        assert_eq!(run(&d, 1 + rng.below(16)), whole);
    }
}

#[test]
fn codec_agrees_with_splitter_on_truncations() {
    let data = stream();
    for cut in 0..=data.len() {
        let mut codec = Codec::new(MAX);
        let mut buf = BytesMut::new();
        let mut n = 0;
        let mut failed = false;
        for b in &data[..cut] {
            buf.extend_from_slice(&[*b]);
            loop {
                match codec.decode(&mut buf) {
                    Ok(Some(_)) => n += 1,
                    Ok(None) => break,
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
            }
            if failed {
                break;
            }
        }
        // The last value is an array, not a message: the codec rejects it.
        let (values, _) = run(&data[..cut], cut.max(1));
        let messages = values
            .iter()
            .filter(|v| Message::from_value((*v).clone()).is_ok())
            .count();
        assert!(n <= messages);
        if !failed {
            assert_eq!(n, values.len(), "cut {cut}");
        }
    }
}
