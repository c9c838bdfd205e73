//! Lexer for the logical-flow language (`ovn-sb(5)`, Logical_Flow `match` and `actions`):
//! text in, a vector of tokens out. Comments (`/* ... */` within a line, `// ...` to the end
//! of the line) and white space separate tokens and are dropped.
//!
//! Constants are recognised here, masks included, so `10.0.0.0/24` is one token: an IPv4
//! constant with a prefix mask. Both the match parser and the action parser work on the
//! token vector.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_until, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, hex_digit1, multispace1, not_line_ending};
use nom::combinator::{map, map_res, opt, recognize, value};
use nom::multi::many0;
use nom::sequence::{pair, preceded, tuple};
use nom::IResult;
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::value::{fmt_quoted, Constant, Format, Mask};

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A name: `eth.src`, `ct.new`, `next`, `_MC_flood` (letters, digits, `_`, `.`; never
    /// starting with a digit or ending with `.`).
    Id(String),
    /// An integer constant, possibly masked.
    Integer(Constant),
    /// A quoted string, unescaped.
    Str(String),
    /// `$name`: an address set.
    AddrSet(String),
    /// `@name`: a port group.
    PortGroup(String),
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    LogAnd,
    LogOr,
    Not,
    LParen,
    RParen,
    LCurly,
    RCurly,
    LSquare,
    RSquare,
    Comma,
    Semicolon,
    Colon,
    /// `=`
    Assign,
    /// `<->`
    Exchange,
    /// `->`
    Arrow,
    /// `..`
    Ellipsis,
    /// `--` (as in `ip.ttl--`)
    Decrement,
    /// `-` (port ranges: `ct_snat(10.0.0.1, 1000-2000)`)
    Hyphen,
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Token::Id(s) => return f.write_str(s),
            Token::Integer(c) => return write!(f, "{c}"),
            Token::Str(s) => return fmt_quoted(f, s),
            Token::AddrSet(s) => return write!(f, "${s}"),
            Token::PortGroup(s) => return write!(f, "@{s}"),
            Token::Eq => "==",
            Token::Ne => "!=",
            Token::Lt => "<",
            Token::Le => "<=",
            Token::Gt => ">",
            Token::Ge => ">=",
            Token::LogAnd => "&&",
            Token::LogOr => "||",
            Token::Not => "!",
            Token::LParen => "(",
            Token::RParen => ")",
            Token::LCurly => "{",
            Token::RCurly => "}",
            Token::LSquare => "[",
            Token::RSquare => "]",
            Token::Comma => ",",
            Token::Semicolon => ";",
            Token::Colon => ":",
            Token::Assign => "=",
            Token::Exchange => "<->",
            Token::Arrow => "->",
            Token::Ellipsis => "..",
            Token::Decrement => "--",
            Token::Hyphen => "-",
        };
        f.write_str(s)
    }
}

/// A lexical error: the byte offset where no token could be recognised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("syntax error at offset {offset}: {what}")]
pub struct LexError {
    pub offset: usize,
    pub what: &'static str,
}

/// Splits `input` into tokens.
pub fn tokenize(input: &str) -> Result<Vec<Token>, LexError> {
    let mut rest = input;
    let mut out = Vec::new();
    loop {
        rest = match skip_space(rest) {
            Ok((r, _)) => r,
            Err(_) => {
                return Err(LexError {
                    offset: input.len() - rest.len(),
                    what: "bad comment",
                })
            }
        };
        if rest.is_empty() {
            return Ok(out);
        }
        match token(rest) {
            Ok((r, t)) => {
                out.push(t);
                rest = r;
            }
            Err(_) => {
                return Err(LexError {
                    offset: input.len() - rest.len(),
                    what: "unexpected input",
                })
            }
        }
    }
}

fn skip_space(i: &str) -> IResult<&str, ()> {
    value(
        (),
        many0(alt((
            value((), multispace1),
            value((), tuple((tag("/*"), take_until("*/"), tag("*/")))),
            value((), pair(tag("//"), not_line_ending)),
        ))),
    )(i)
}

fn token(i: &str) -> IResult<&str, Token> {
    // Constants first: `::1` is an address, not two colons.
    alt((constant, punct, string, sets, identifier))(i)
}

fn punct(i: &str) -> IResult<&str, Token> {
    alt((
        alt((
            value(Token::Exchange, tag("<->")),
            value(Token::Eq, tag("==")),
            value(Token::Ne, tag("!=")),
            value(Token::Le, tag("<=")),
            value(Token::Ge, tag(">=")),
            value(Token::LogAnd, tag("&&")),
            value(Token::LogOr, tag("||")),
            value(Token::Arrow, tag("->")),
            value(Token::Ellipsis, tag("..")),
            value(Token::Decrement, tag("--")),
        )),
        alt((
            value(Token::Lt, char('<')),
            value(Token::Gt, char('>')),
            value(Token::Not, char('!')),
            value(Token::LParen, char('(')),
            value(Token::RParen, char(')')),
            value(Token::LCurly, char('{')),
            value(Token::RCurly, char('}')),
            value(Token::LSquare, char('[')),
            value(Token::RSquare, char(']')),
            value(Token::Comma, char(',')),
            value(Token::Semicolon, char(';')),
            value(Token::Assign, char('=')),
            value(Token::Colon, char(':')),
            value(Token::Hyphen, char('-')),
        )),
    ))(i)
}

fn is_id_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

fn name(i: &str) -> IResult<&str, String> {
    let (_, s) = recognize(pair(
        take_while_m_n(1, 1, is_id_start),
        take_while(is_id_char),
    ))(i)?;
    // A name never ends with a dot: `x..` is `x` followed by `..`.
    let s = s.trim_end_matches('.');
    Ok((&i[s.len()..], s.to_string()))
}

fn identifier(i: &str) -> IResult<&str, Token> {
    map(name, Token::Id)(i)
}

fn sets(i: &str) -> IResult<&str, Token> {
    alt((
        map(preceded(char('$'), name), Token::AddrSet),
        map(preceded(char('@'), name), Token::PortGroup),
    ))(i)
}

fn string(i: &str) -> IResult<&str, Token> {
    let (mut rest, _) = char('"')(i)?;
    let mut s = String::new();
    loop {
        let mut chars = rest.chars();
        let c = chars.next().ok_or_else(|| err(rest))?;
        match c {
            '"' => return Ok((chars.as_str(), Token::Str(s))),
            '\\' => {
                let e = chars.next().ok_or_else(|| err(rest))?;
                match e {
                    '"' => s.push('"'),
                    '\\' => s.push('\\'),
                    '/' => s.push('/'),
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    'b' => s.push('\u{8}'),
                    'f' => s.push('\u{c}'),
                    'u' => {
                        let hex = chars.as_str().get(..4).ok_or_else(|| err(rest))?;
                        let v = u32::from_str_radix(hex, 16).map_err(|_| err(rest))?;
                        s.push(char::from_u32(v).ok_or_else(|| err(rest))?);
                        chars = chars.as_str()[4..].chars();
                    }
                    _ => return Err(err(rest)),
                }
            }
            c => s.push(c),
        }
        rest = chars.as_str();
    }
}

fn err(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))
}

/// A constant with an optional `/mask`.
fn constant(i: &str) -> IResult<&str, Token> {
    let (rest, mut c) = bare_constant(i)?;
    let (rest, mask) = opt(preceded(char('/'), bare_constant))(rest)?;
    if let Some(m) = mask {
        c.mask = Some(match (c.format, m.format) {
            (Format::Ipv4 | Format::Ipv6 | Format::Ethernet, Format::Decimal) => {
                let max = c.format.max_bits() as u128;
                if m.value > max {
                    return Err(err(rest));
                }
                Mask::Prefix(m.value as u8)
            }
            _ => Mask::Bits(m.value, m.format),
        });
    }
    Ok((rest, Token::Integer(c)))
}

fn bare_constant(i: &str) -> IResult<&str, Constant> {
    alt((mac, ipv6, ipv4, hex, decimal))(i)
}

fn hex(i: &str) -> IResult<&str, Constant> {
    map_res(
        preceded(alt((tag("0x"), tag("0X"))), hex_digit1),
        |h: &str| {
            let h = h.trim_start_matches('0');
            if h.len() > 32 {
                return Err(());
            }
            let v = if h.is_empty() {
                0
            } else {
                u128::from_str_radix(h, 16).map_err(|_| ())?
            };
            Ok::<_, ()>(Constant::new(v, Format::Hex))
        },
    )(i)
}

fn decimal(i: &str) -> IResult<&str, Constant> {
    let (rest, d) = digit1(i)?;
    // `12abc` is not a number followed by a name.
    if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return Err(err(i));
    }
    let v = d.parse::<u128>().map_err(|_| err(i))?;
    Ok((rest, Constant::decimal(v)))
}

fn ipv4(i: &str) -> IResult<&str, Constant> {
    let octet = |i| digit1(i);
    let (rest, s) = recognize(tuple((
        octet,
        char('.'),
        octet,
        char('.'),
        octet,
        char('.'),
        octet,
    )))(i)?;
    let a: Ipv4Addr = s.parse().map_err(|_| err(i))?;
    Ok((rest, Constant::new(u32::from(a) as u128, Format::Ipv4)))
}

fn mac(i: &str) -> IResult<&str, Constant> {
    let byte = |i| take_while_m_n(2, 2, |c: char| c.is_ascii_hexdigit())(i);
    let (rest, s) = recognize(tuple((
        byte,
        char(':'),
        byte,
        char(':'),
        byte,
        char(':'),
        byte,
        char(':'),
        byte,
        char(':'),
        byte,
    )))(i)?;
    // `00:00:00:00:00:01:2` would be an IPv6 address, not a MAC.
    if rest.starts_with(|c: char| c.is_ascii_hexdigit() || c == ':') {
        return Err(err(i));
    }
    let mut v: u128 = 0;
    for b in s.split(':') {
        v = (v << 8) | u128::from(u8::from_str_radix(b, 16).map_err(|_| err(i))?);
    }
    Ok((rest, Constant::new(v, Format::Ethernet)))
}

fn ipv6(i: &str) -> IResult<&str, Constant> {
    let (_, run) = take_while1(|c: char| c.is_ascii_hexdigit() || c == ':' || c == '.')(i)?;
    if run.matches(':').count() < 2 {
        return Err(err(i));
    }
    // The longest prefix of the run that is an address (`[fd00::1]:80` and `::1..` aside).
    let mut end = run.len();
    while end > 0 {
        if let Ok(a) = run[..end].parse::<Ipv6Addr>() {
            return Ok((&i[end..], Constant::new(u128::from(a), Format::Ipv6)));
        }
        end -= 1;
    }
    Err(err(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokenize(s).unwrap().iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn hyphen_decrement_and_arrow() {
        assert_eq!(
            toks("ct_snat(10.0.0.1,2000-3000);"),
            ["ct_snat", "(", "10.0.0.1", ",", "2000", "-", "3000", ")", ";"]
        );
        assert_eq!(toks("ip.ttl--;"), ["ip.ttl", "--", ";"]);
        assert_eq!(toks("a->b"), ["a", "->", "b"]);
    }

    #[test]
    fn match_tokens() {
        assert_eq!(
            toks("reg0[15] == 1 && eth.src[40]"),
            ["reg0", "[", "15", "]", "==", "1", "&&", "eth.src", "[", "40", "]"]
        );
        assert_eq!(
            toks("vlan.tci[13..15]"),
            ["vlan.tci", "[", "13", "..", "15", "]"]
        );
        assert_eq!(toks("inport == \"lsp1\""), ["inport", "==", "\"lsp1\""]);
        assert_eq!(
            toks("eth.dst == $svc_monitor_mac || outport == @pg_pods"),
            [
                "eth.dst",
                "==",
                "$svc_monitor_mac",
                "||",
                "outport",
                "==",
                "@pg_pods"
            ]
        );
    }

    #[test]
    fn constants() {
        assert_eq!(
            toks("10.0.0.0/24 10.0.0.1/255.0.255.0"),
            ["10.0.0.0/24", "10.0.0.1/255.0.255.0"]
        );
        assert_eq!(
            toks("fe80::/10 ff02::16 ::1 aef0::4"),
            ["fe80::/10", "ff02::16", "::1", "aef0::4"]
        );
        assert_eq!(toks("00:00:00:00:01:01"), ["00:00:00:00:01:01"]);
        assert_eq!(
            toks("0x100/0xff00 0x8000 12"),
            ["0x100/0xff00", "0x8000", "12"]
        );
        assert_eq!(toks("{80, 443}"), ["{", "80", ",", "443", "}"]);
        assert_eq!(toks("10.0.0.1:80"), ["10.0.0.1", ":", "80"]);
    }

    #[test]
    fn operators_and_comments() {
        assert_eq!(
            toks("a <-> b; c = d; /* ARP reply */ ip.ttl--; e->f // tail"),
            ["a", "<->", "b", ";", "c", "=", "d", ";", "ip.ttl", "--", ";", "e", "->", "f"]
        );
        assert_eq!(
            toks("!(x <= 1) >= < > !="),
            ["!", "(", "x", "<=", "1", ")", ">=", "<", ">", "!="]
        );
    }

    #[test]
    fn strings_unescape() {
        assert_eq!(
            tokenize(r#""a\"b\u0041""#).unwrap(),
            vec![Token::Str("a\"bA".into())]
        );
        assert!(tokenize("\"open").is_err());
    }

    #[test]
    fn errors_carry_offsets() {
        assert_eq!(tokenize("a == #").unwrap_err().offset, 5);
        assert!(tokenize("/* unterminated").is_err());
    }
}
