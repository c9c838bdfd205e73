//! Sans-IO splitting of a byte stream of concatenated JSON texts (no framing, whitespace
//! between texts optional) into `serde_json::Value`s.
//!
//! Invariants:
//! * Bytes are only ever buffered for the value in progress; whitespace between values is
//!   dropped as soon as it is seen, so memory stays bounded by the size limit plus one
//!   read chunk.
//! * A value whose text exceeds `max_size` bytes is an error the moment the limit is
//!   crossed, without waiting for the value to end.
//! * The boundary scan looks only at ASCII bytes (`{ } [ ] " \`), which never occur inside
//!   a UTF-8 multi-byte sequence, so values and characters may be split anywhere across
//!   `feed` calls. Full syntax and UTF-8 validation is serde_json's, on the complete text.
//! * After an error the scanner stays failed: the connection must be closed.
//! * Nothing here panics on any input.

use bytes::{Buf, BytesMut};
use serde_json::Value;

use super::error::SplitError;

/// Default maximum size of one JSON text: 64 MiB (large schemas and monitor replies fit).
pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 64 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Between values.
    Idle,
    /// Inside an object or array (`depth` open brackets).
    Container,
    /// A top-level string.
    Str,
    /// A top-level number or literal (`true`, `null`, ...): ends at the first byte that
    /// cannot be part of one.
    Bare,
}

/// Incremental boundary scanner over a caller-owned buffer whose first byte is the first
/// byte of the value in progress (the scanner drops leading whitespace itself).
#[derive(Debug, Clone)]
pub struct Scanner {
    max_size: usize,
    kind: Kind,
    /// Bytes of the buffer already scanned.
    pos: usize,
    depth: usize,
    in_string: bool,
    escape: bool,
    failed: Option<String>,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Bytes that can be part of a number or of `true`/`false`/`null`.
fn is_bare(b: u8) -> bool {
    matches!(
        b,
        b'0'..=b'9'
            | b'+'
            | b'-'
            | b'.'
            | b'e'
            | b'E'
            | b't'
            | b'r'
            | b'u'
            | b'f'
            | b'a'
            | b'l'
            | b's'
            | b'n'
    )
}

/// Bytes that can appear outside strings inside an object or array. Anything else is
/// malformed at once (as ovsdb-server reports `{bad` before the value ends), which also
/// keeps garbage from being buffered up to the size limit.
fn is_structural(b: u8) -> bool {
    is_ws(b) || is_bare(b) || matches!(b, b'{' | b'}' | b'[' | b']' | b'"' | b',' | b':')
}

impl Scanner {
    /// A scanner that rejects texts longer than `max_size` bytes.
    pub fn new(max_size: usize) -> Scanner {
        Scanner {
            max_size,
            kind: Kind::Idle,
            pos: 0,
            depth: 0,
            in_string: false,
            escape: false,
            failed: None,
        }
    }

    /// The configured size limit.
    pub fn max_size(&self) -> usize {
        self.max_size
    }

    /// True if a value has started and not yet ended.
    pub fn in_value(&self) -> bool {
        self.kind != Kind::Idle
    }

    fn fail(&mut self, e: SplitError) -> SplitError {
        self.failed = Some(e.to_string());
        e
    }

    /// Takes the next complete value off the front of `buf`, if there is one; otherwise
    /// leaves the partial value in `buf` and remembers how far it got.
    pub fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Value>, SplitError> {
        if let Some(msg) = &self.failed {
            return Err(SplitError::Malformed(format!(
                "stream already failed: {msg}"
            )));
        }
        if self.kind == Kind::Idle {
            let n = buf.iter().take_while(|&&b| is_ws(b)).count();
            buf.advance(n);
            let Some(&first) = buf.first() else {
                return Ok(None);
            };
            self.pos = 1;
            self.depth = 0;
            self.in_string = false;
            self.escape = false;
            self.kind = match first {
                b'{' | b'[' => {
                    self.depth = 1;
                    Kind::Container
                }
                b'"' => {
                    self.in_string = true;
                    Kind::Str
                }
                b if is_bare(b) => Kind::Bare,
                b => {
                    let e = SplitError::Malformed(format!(
                        "unexpected byte 0x{b:02x} at start of JSON text"
                    ));
                    return Err(self.fail(e));
                }
            };
        }
        let mut end = None;
        while self.pos < buf.len() {
            let b = buf[self.pos];
            self.pos += 1;
            if self.in_string {
                if self.escape {
                    self.escape = false;
                } else if b == b'\\' {
                    self.escape = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.kind == Kind::Str {
                        end = Some(self.pos);
                        break;
                    }
                } else if b < 0x20 {
                    let e = SplitError::Malformed(format!("control character 0x{b:02x} in string"));
                    return Err(self.fail(e));
                }
                continue;
            }
            match self.kind {
                Kind::Container => match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            end = Some(self.pos);
                            break;
                        }
                    }
                    b if is_structural(b) => {}
                    b => {
                        let e = SplitError::Malformed(format!(
                            "unexpected byte 0x{b:02x} in JSON text"
                        ));
                        return Err(self.fail(e));
                    }
                },
                Kind::Bare => {
                    if !is_bare(b) {
                        self.pos -= 1;
                        end = Some(self.pos);
                        break;
                    }
                }
                Kind::Str | Kind::Idle => {}
            }
            if self.pos > self.max_size {
                break;
            }
        }
        match end {
            Some(end) if end <= self.max_size => self.take(buf, end).map(Some),
            _ if self.pos > self.max_size => {
                let e = SplitError::TooLarge { max: self.max_size };
                Err(self.fail(e))
            }
            _ => Ok(None),
        }
    }

    /// End of stream: completes a pending top-level number/literal, and reports a value
    /// cut off by the end of the stream.
    pub fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Value>, SplitError> {
        if let Some(v) = self.decode(buf)? {
            return Ok(Some(v));
        }
        match self.kind {
            Kind::Idle => Ok(None),
            Kind::Bare => {
                let end = buf.len();
                self.take(buf, end).map(Some)
            }
            Kind::Container | Kind::Str => {
                let e = SplitError::Truncated {
                    buffered: buf.len(),
                };
                Err(self.fail(e))
            }
        }
    }

    fn take(&mut self, buf: &mut BytesMut, end: usize) -> Result<Value, SplitError> {
        let text = buf.split_to(end);
        self.kind = Kind::Idle;
        self.pos = 0;
        serde_json::from_slice(&text).map_err(|e| self.fail(SplitError::Malformed(e.to_string())))
    }
}

/// A [`Scanner`] with its own buffer: `feed` bytes, take values with `next_value`.
#[derive(Debug, Clone)]
pub struct Splitter {
    buf: BytesMut,
    scanner: Scanner,
}

impl Default for Splitter {
    fn default() -> Splitter {
        Splitter::new(DEFAULT_MAX_MESSAGE_SIZE)
    }
}

impl Splitter {
    /// A splitter rejecting texts longer than `max_size` bytes.
    pub fn new(max_size: usize) -> Splitter {
        Splitter {
            buf: BytesMut::new(),
            scanner: Scanner::new(max_size),
        }
    }

    /// Appends received bytes.
    pub fn feed(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
    }

    /// The next complete value, `Ok(None)` if more bytes are needed.
    pub fn next_value(&mut self) -> Result<Option<Value>, SplitError> {
        self.scanner.decode(&mut self.buf)
    }

    /// Call at end of stream (after draining `next_value`): a pending top-level
    /// number/literal is completed; a partial object/array/string is an error.
    pub fn finish(&mut self) -> Result<Option<Value>, SplitError> {
        self.scanner.decode_eof(&mut self.buf)
    }

    /// Bytes currently buffered (never much more than the size limit).
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn split_all(chunks: &[&[u8]], max: usize) -> Result<Vec<Value>, SplitError> {
        let mut s = Splitter::new(max);
        let mut out = vec![];
        for c in chunks {
            s.feed(c);
            while let Some(v) = s.next_value()? {
                out.push(v);
            }
        }
        if let Some(v) = s.finish()? {
            out.push(v);
        }
        Ok(out)
    }

    #[test]
    fn concatenated_without_whitespace() {
        let v = split_all(
            &[br#"{"a":1}{"b":[2,{"c":"}"}]}[3] "x\"{" 42 true null{}"#],
            1000,
        )
        .unwrap();
        assert_eq!(
            v,
            vec![
                json!({"a":1}),
                json!({"b":[2,{"c":"}"}]}),
                json!([3]),
                json!("x\"{"),
                json!(42),
                json!(true),
                json!(null),
                json!({})
            ]
        );
    }

    #[test]
    fn every_split_point_gives_the_same_values() {
        let text =
            "  {\"s\":\"a\\\\\\\"]}\u{e9}\u{1F600}\"}\n[1,[2,[3]]]-1.5e3 \"\u{4e2d}\"{\"k\":{}}";
        let want = split_all(&[text.as_bytes()], 1000).unwrap();
        assert_eq!(want.len(), 5);
        let b = text.as_bytes();
        for i in 0..=b.len() {
            for j in i..=b.len() {
                let got = split_all(&[&b[..i], &b[i..j], &b[j..]], 1000).unwrap();
                assert_eq!(got, want, "split at {i},{j}");
            }
        }
        // One byte at a time.
        let chunks: Vec<&[u8]> = b.chunks(1).collect();
        assert_eq!(split_all(&chunks, 1000).unwrap(), want);
    }

    #[test]
    fn malformed_is_an_error() {
        assert!(matches!(
            split_all(&[b"{bad json}"], 100),
            Err(SplitError::Malformed(_))
        ));
        assert!(matches!(
            split_all(&[b"}"], 100),
            Err(SplitError::Malformed(_))
        ));
        assert!(matches!(
            split_all(&[b"{\"a\":1]"], 100),
            Err(SplitError::Malformed(_))
        ));
        assert!(matches!(
            split_all(&[b"[\"\xff\"]"], 100),
            Err(SplitError::Malformed(_))
        ));
        assert!(matches!(
            split_all(&[b"{\"a\":"], 100),
            Err(SplitError::Truncated { .. })
        ));
        // Failure is sticky.
        let mut s = Splitter::new(100);
        s.feed(b"{x}{}");
        assert!(s.next_value().is_err());
        assert!(s.next_value().is_err());
    }

    #[test]
    fn garbage_is_rejected_before_the_value_ends() {
        let mut s = Splitter::new(1 << 20);
        s.feed(b"{bad");
        assert!(matches!(s.next_value(), Err(SplitError::Malformed(_))));
        let mut s = Splitter::new(1 << 20);
        s.feed(b"[\"a\nb");
        assert!(matches!(s.next_value(), Err(SplitError::Malformed(_))));
        let mut s = Splitter::new(1 << 20);
        s.feed(b"xyz");
        assert!(matches!(s.next_value(), Err(SplitError::Malformed(_))));
    }

    #[test]
    fn size_limit_is_enforced_before_the_value_ends() {
        let mut s = Splitter::new(16);
        s.feed(b"[\"0123456789\"]");
        assert_eq!(s.next_value().unwrap(), Some(json!(["0123456789"])));
        s.feed(b"[\"0123456789abcdef");
        assert!(matches!(
            s.next_value(),
            Err(SplitError::TooLarge { max: 16 })
        ));
        assert!(s.buffered() < 64);
        // Exactly at the limit is fine.
        assert_eq!(
            split_all(&[b"\"0123456789abcd\""], 16).unwrap(),
            vec![json!("0123456789abcd")]
        );
        assert!(split_all(&[b"\"0123456789abcde\""], 16).is_err());
    }

    #[test]
    fn whitespace_is_not_buffered() {
        let mut s = Splitter::new(8);
        for _ in 0..1000 {
            s.feed(b"    \n");
            assert_eq!(s.next_value().unwrap(), None);
        }
        assert_eq!(s.buffered(), 0);
    }
}
