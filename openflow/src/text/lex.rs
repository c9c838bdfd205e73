//! Lexical helpers for ovs-ofctl syntax (nom): splitting comma lists at parenthesis
//! depth 0, `key=value` / `key:value` / `key(args)` items, and `NAME[a..b]` subfields.

use nom::{
    bytes::complete::take_while1,
    character::complete::{char, digit1},
    combinator::{map_res, opt},
    sequence::{delimited, pair, preceded},
    IResult,
};

/// A parse failure with a human-readable reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

/// Shorthand for building a [`ParseError`].
pub fn err<T>(msg: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError(msg.into()))
}

/// Splits `s` at top-level separators (`,` and, when `spaces`, whitespace), respecting
/// parentheses and brackets. Empty items are dropped.
pub fn split_top(s: &str, spaces: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            c if spaces && c.is_whitespace() && depth == 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
}

fn ident(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_')(i)
}

fn num(i: &str) -> IResult<&str, u16> {
    map_res(digit1, str::parse)(i)
}

/// A subfield reference: name and optional (offset, bit count).
pub type SubfieldRef<'a> = (&'a str, Option<(u16, u16)>);

/// `NAME[]`, `NAME[n]`, `NAME[a..b]`, or bare `NAME` → (name, Some((ofs, n_bits)) or
/// None for the whole field).
pub fn subfield(i: &str) -> IResult<&str, SubfieldRef<'_>> {
    let (i, name) = ident(i)?;
    let (i, range) = opt(delimited(
        char('['),
        opt(pair(
            num,
            opt(preceded(nom::bytes::complete::tag(".."), num)),
        )),
        char(']'),
    ))(i)?;
    let r = match range {
        Some(Some((a, Some(b)))) if b >= a => Some((a, b - a + 1)),
        Some(Some((a, None))) => Some((a, 1)),
        Some(Some(_)) => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )))
        }
        _ => None,
    };
    Ok((i, (name, r)))
}

/// Splits `key=value`, `key:value` or `key(args)` into (key, value); bare words give
/// (word, "").
pub fn key_value(s: &str) -> (&str, &str) {
    let pos = s.find(['=', ':', '(']);
    match pos {
        Some(p) if s.as_bytes()[p] == b'(' => {
            let inner = s[p + 1..].strip_suffix(')').unwrap_or(&s[p + 1..]);
            (&s[..p], inner)
        }
        Some(p) => (&s[..p], &s[p + 1..]),
        None => (s, ""),
    }
}

/// Parses `01.02.03` or `010203` hex bytes.
pub fn hex_bytes(s: &str) -> Result<Vec<u8>, ParseError> {
    let clean: String = s.chars().filter(|c| *c != '.').collect();
    if !clean.is_ascii() {
        return err(format!("bad hex {s}"));
    }
    if clean.len() & 1 != 0 {
        return err(format!("odd hex length in {s}"));
    }
    (0..clean.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&clean[i..i + 2], 16).map_err(|_| ParseError(format!("bad hex {s}")))
        })
        .collect()
}
