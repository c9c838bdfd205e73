//! nom parsers over the token stream: the shared pieces (token primitives, field references,
//! values, sets) and the match-expression grammar of `ovn-sb(5)`:
//!
//! ```text
//! expr     := unary ( ("&&" unary)* | ("||" unary)* )     && and || never mix unparenthesised
//! unary    := "!" negated | primary
//! negated  := "!" negated | "(" expr ")" | field | "0" | "1" | call
//! primary  := "(" expr ")" | call | cmp | field | "0" | "1"
//! cmp      := operand relop operand [relop operand]        1024 <= tcp.src <= 49151
//! operand  := field | value | "{" value [","] ... "}"
//! field    := name [ "[" int [".." int] "]" ]
//! value    := integer[/mask] | "string" | $addrset | @portgroup
//! ```

use nom::branch::alt;
use nom::combinator::{map, opt};
use nom::multi::many0;
use nom::sequence::{delimited, preceded, terminated};
use nom::IResult;

use super::ast::{BitRange, Expr, FieldRef, Operand, RelOp, Value};
use super::lexer::{tokenize, Token};
use super::value::Format;

pub type Tokens<'a> = &'a [Token];

/// A parse error inside the token stream: how much input remained and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokError<'a> {
    pub rest: Tokens<'a>,
    pub msg: &'static str,
}

impl<'a> nom::error::ParseError<Tokens<'a>> for TokError<'a> {
    fn from_error_kind(rest: Tokens<'a>, _kind: nom::error::ErrorKind) -> Self {
        TokError {
            rest,
            msg: "syntax error",
        }
    }

    fn append(_: Tokens<'a>, _: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

pub type PResult<'a, T> = IResult<Tokens<'a>, T, TokError<'a>>;

/// Error from parsing a match or an action string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error(transparent)]
    Lex(#[from] super::lexer::LexError),
    #[error("{msg} at token {index} ({near})")]
    Syntax {
        index: usize,
        near: String,
        msg: &'static str,
    },
}

pub(crate) fn fail<'a, T>(rest: Tokens<'a>, msg: &'static str) -> PResult<'a, T> {
    Err(nom::Err::Failure(TokError { rest, msg }))
}

pub(crate) fn error<'a, T>(rest: Tokens<'a>, msg: &'static str) -> PResult<'a, T> {
    Err(nom::Err::Error(TokError { rest, msg }))
}

/// Runs `parser` over all of `tokens`, turning nom's result into a [`ParseError`].
pub(crate) fn run<'a, T>(
    tokens: &'a [Token],
    mut parser: impl FnMut(Tokens<'a>) -> PResult<'a, T>,
) -> Result<T, ParseError> {
    let to_err = |e: TokError<'a>| {
        let index = tokens.len() - e.rest.len();
        let near = e
            .rest
            .first()
            .map_or_else(|| "end of input".to_string(), |t| format!("`{t}`"));
        ParseError::Syntax {
            index,
            near,
            msg: e.msg,
        }
    };
    check_nesting(tokens)?;
    match parser(tokens) {
        Ok(([], v)) => Ok(v),
        Ok((rest, _)) => Err(to_err(TokError {
            rest,
            msg: "unexpected trailing input",
        })),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(to_err(e)),
        Err(nom::Err::Incomplete(_)) => Err(to_err(TokError {
            rest: &[],
            msg: "unexpected end of input",
        })),
    }
}

/// Deepest bracket nesting (plus runs of `!`) accepted. The parsers are recursive: this
/// keeps hostile input like 100,000 `(` from exhausting the stack.
pub const MAX_NESTING: usize = 128;

fn check_nesting(tokens: &[Token]) -> Result<(), ParseError> {
    let (mut depth, mut nots) = (0usize, 0usize);
    for (index, t) in tokens.iter().enumerate() {
        match t {
            Token::LParen | Token::LCurly | Token::LSquare => depth += 1,
            Token::RParen | Token::RCurly | Token::RSquare => depth = depth.saturating_sub(1),
            _ => {}
        }
        nots = if *t == Token::Not { nots + 1 } else { 0 };
        if depth + nots > MAX_NESTING {
            return Err(ParseError::Syntax {
                index,
                near: format!("`{t}`"),
                msg: "nesting too deep",
            });
        }
    }
    Ok(())
}

/// Parses the `match` column of a logical flow.
pub fn parse_match(text: &str) -> Result<Expr, ParseError> {
    let tokens = tokenize(text)?;
    run(&tokens, expr)
}

// ---------------------------------------------------------------------------------------
// Token primitives

/// Exactly the token `t`.
pub(crate) fn tok<'a>(t: Token) -> impl Fn(Tokens<'a>) -> PResult<'a, ()> {
    move |i: Tokens<'a>| match i.split_first() {
        Some((first, rest)) if *first == t => Ok((rest, ())),
        _ => error(i, "unexpected token"),
    }
}

/// Any name.
pub(crate) fn ident(i: Tokens<'_>) -> PResult<'_, String> {
    match i.split_first() {
        Some((Token::Id(s), rest)) => Ok((rest, s.clone())),
        _ => error(i, "expected a name"),
    }
}

/// The name `kw`.
pub(crate) fn keyword<'a>(kw: &'static str) -> impl Fn(Tokens<'a>) -> PResult<'a, ()> {
    move |i: Tokens<'a>| match i.split_first() {
        Some((Token::Id(s), rest)) if s == kw => Ok((rest, ())),
        _ => error(i, "unexpected token"),
    }
}

/// A small decimal integer (bit indexes, table numbers).
pub(crate) fn small_int(i: Tokens<'_>) -> PResult<'_, u16> {
    match i.split_first() {
        Some((Token::Integer(c), rest))
            if c.mask.is_none()
                && matches!(c.format, Format::Decimal | Format::Hex)
                && c.value <= u128::from(u16::MAX) =>
        {
            Ok((rest, c.value as u16))
        }
        _ => error(i, "expected a small integer"),
    }
}

/// `name`, `name[n]` or `name[lo..hi]`.
pub(crate) fn field_ref(i: Tokens<'_>) -> PResult<'_, FieldRef> {
    let (i, name) = ident(i)?;
    let (i, range) = opt(delimited(
        tok(Token::LSquare),
        nom::sequence::pair(small_int, opt(preceded(tok(Token::Ellipsis), small_int))),
        tok(Token::RSquare),
    ))(i)?;
    let range = match range {
        None => None,
        Some((lo, hi)) => {
            let hi = hi.unwrap_or(lo);
            if hi < lo {
                return fail(i, "bit range ends before it starts");
            }
            Some(BitRange { lo, hi })
        }
    };
    Ok((i, FieldRef { name, range }))
}

/// One value: integer constant, string, `$set`, `@group`.
pub(crate) fn value(i: Tokens<'_>) -> PResult<'_, Value> {
    match i.split_first() {
        Some((Token::Integer(c), rest)) => Ok((rest, Value::Int(*c))),
        Some((Token::Str(s), rest)) => Ok((rest, Value::Str(s.clone()))),
        Some((Token::AddrSet(s), rest)) => Ok((rest, Value::AddrSet(s.clone()))),
        Some((Token::PortGroup(s), rest)) => Ok((rest, Value::PortGroup(s.clone()))),
        _ => error(i, "expected a constant"),
    }
}

/// `{ v1, v2 ... }` (commas optional) or one value.
pub(crate) fn operand(i: Tokens<'_>) -> PResult<'_, Operand> {
    alt((
        map(
            delimited(
                tok(Token::LCurly),
                many0(terminated(value, opt(tok(Token::Comma)))),
                tok(Token::RCurly),
            ),
            Operand::Set,
        ),
        map(value, Operand::One),
    ))(i)
}

fn relop(i: Tokens<'_>) -> PResult<'_, RelOp> {
    let op = match i.first() {
        Some(Token::Eq) => RelOp::Eq,
        Some(Token::Ne) => RelOp::Ne,
        Some(Token::Lt) => RelOp::Lt,
        Some(Token::Le) => RelOp::Le,
        Some(Token::Gt) => RelOp::Gt,
        Some(Token::Ge) => RelOp::Ge,
        _ => return error(i, "expected a relational operator"),
    };
    Ok((&i[1..], op))
}

// ---------------------------------------------------------------------------------------
// Match expressions

/// A whole expression: terms joined by only `&&` or only `||`.
pub fn expr(i: Tokens<'_>) -> PResult<'_, Expr> {
    let (mut i, first) = unary(i)?;
    let op = match i.first() {
        Some(Token::LogAnd) => Token::LogAnd,
        Some(Token::LogOr) => Token::LogOr,
        _ => return Ok((i, first)),
    };
    let mut terms = vec![first];
    while let Some(t) = i.first() {
        if *t == op {
            let (rest, e) = unary(&i[1..])?;
            terms.push(e);
            i = rest;
        } else if matches!(t, Token::LogAnd | Token::LogOr) {
            return fail(i, "&& and || must be parenthesized when used together");
        } else {
            break;
        }
    }
    Ok((
        i,
        if op == Token::LogAnd {
            Expr::And(terms)
        } else {
            Expr::Or(terms)
        },
    ))
}

fn parenthesized(i: Tokens<'_>) -> PResult<'_, Expr> {
    let (i, _) = tok(Token::LParen)(i)?;
    let (i, e) = expr(i)?;
    match tok(Token::RParen)(i) {
        Ok((i, ())) => Ok((i, e)),
        Err(_) => fail(i, "expected `)`"),
    }
}

fn unary(i: Tokens<'_>) -> PResult<'_, Expr> {
    if let Ok((rest, ())) = tok(Token::Not)(i) {
        let (rest, e) = negated(rest)?;
        return Ok((rest, Expr::Not(Box::new(e))));
    }
    primary(i)
}

fn negated(i: Tokens<'_>) -> PResult<'_, Expr> {
    if let Ok((rest, ())) = tok(Token::Not)(i) {
        let (rest, e) = negated(rest)?;
        return Ok((rest, Expr::Not(Box::new(e))));
    }
    if i.first() == Some(&Token::LParen) {
        return parenthesized(i);
    }
    if let Ok(r) = call(i) {
        return Ok(r);
    }
    let (rest, e) = match field_ref(i) {
        Ok((rest, f)) => (rest, Expr::Bare(f)),
        Err(_) => boolean(i)?,
    };
    if relop(rest).is_ok() {
        return fail(rest, "! must be parenthesized when applied to a comparison");
    }
    Ok((rest, e))
}

fn boolean(i: Tokens<'_>) -> PResult<'_, Expr> {
    match i.split_first() {
        Some((Token::Integer(c), rest)) if c.mask.is_none() && c.value <= 1 => {
            Ok((rest, Expr::Bool(c.value == 1)))
        }
        _ => error(i, "expected an expression"),
    }
}

fn call(i: Tokens<'_>) -> PResult<'_, Expr> {
    let (i, name) = ident(i)?;
    let (i, _) = tok(Token::LParen)(i)?;
    let (i, args) = many0(terminated(value, opt(tok(Token::Comma))))(i)?;
    let (i, _) = tok(Token::RParen)(i)?;
    Ok((i, Expr::Call { name, args }))
}

/// One side of a comparison.
enum Side {
    Field(FieldRef),
    Const(Operand),
}

fn side(i: Tokens<'_>) -> PResult<'_, Side> {
    alt((map(field_ref, Side::Field), map(operand, Side::Const)))(i)
}

fn primary(i: Tokens<'_>) -> PResult<'_, Expr> {
    if i.first() == Some(&Token::LParen) {
        return parenthesized(i);
    }
    if let Ok(r) = call(i) {
        return Ok(r);
    }
    let (rest, lhs) = side(i)?;
    let Ok((rest2, op1)) = relop(rest) else {
        return match lhs {
            Side::Field(f) => Ok((rest, Expr::Bare(f))),
            Side::Const(_) => boolean(i),
        };
    };
    let (rest2, mid) = match side(rest2) {
        Ok(r) => r,
        Err(_) => return fail(rest2, "expected a field or constant after the operator"),
    };
    match (lhs, mid) {
        (Side::Field(field), Side::Const(rhs)) => {
            if relop(rest2).is_ok() {
                return fail(rest2, "a range is written `constant < field < constant`");
            }
            Ok((
                rest2,
                Expr::Cmp {
                    field,
                    op: op1,
                    rhs,
                },
            ))
        }
        (Side::Const(lo), Side::Field(field)) => match relop(rest2) {
            Err(_) => Ok((
                rest2,
                Expr::Cmp {
                    field,
                    op: op1.reverse(),
                    rhs: lo,
                },
            )),
            Ok((rest3, op2)) => {
                let (rest3, hi) = match operand(rest3) {
                    Ok(r) => r,
                    Err(_) => return fail(rest3, "expected a constant to end the range"),
                };
                Ok((
                    rest3,
                    Expr::Range {
                        lo,
                        lo_op: op1,
                        field,
                        hi_op: op2,
                        hi,
                    },
                ))
            }
        },
        (Side::Field(_), Side::Field(_)) => {
            fail(rest, "a field may only be compared to a constant")
        }
        (Side::Const(_), Side::Const(_)) => fail(rest, "a comparison needs a field"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(s: &str) -> String {
        parse_match(s).unwrap().to_string()
    }

    #[test]
    fn canonical_text() {
        for s in [
            "1",
            "eth.src[40]",
            "reg0[15] == 1",
            "reg0[1] == 1 && reg0[13] == 0",
            "nd || nd_rs || nd_ra || mldv1 || mldv2",
            "eth.dst == $svc_monitor_mac && (tcp || icmp || icmp6)",
            "arp.tpa == 10.0.0.11 && arp.op == 1 && inport == \"lsp1\"",
            "ct.inv || (ct.est && ct.rpl && ct_mark.blocked == 1)",
            "!ct.new && ct.est && !ct.rpl && ct_mark.blocked == 1",
            "reg0[7] == 1 && (outport == @pg_pods && icmp4)",
            "ip4.src == {10.0.0.1, 10.0.0.2} && tcp.dst == {80, 443}",
            "!(ip4.src == 10.0.0.0/24)",
            "vlan.tci[13..15] == 3",
            "is_chassis_resident(\"lsp1\")",
        ] {
            assert_eq!(roundtrip(s), s);
        }
    }

    #[test]
    fn constant_first_and_ranges() {
        assert_eq!(roundtrip("80 == tcp.src"), "tcp.src == 80");
        assert_eq!(roundtrip("1024 < tcp.src"), "tcp.src > 1024");
        assert_eq!(
            roundtrip("1024 <= udp.dst <= 49151"),
            "1024 <= udp.dst <= 49151"
        );
        assert_eq!(roundtrip("ip.ttl == {0 1}"), "ip.ttl == {0, 1}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse_match(&deep).is_err());
        assert!(parse_match(&format!("{}ip4", "!".repeat(10_000))).is_err());
        let ok = format!("{}1{}", "(".repeat(50), ")".repeat(50));
        assert_eq!(parse_match(&ok).unwrap(), Expr::Bool(true));
    }

    #[test]
    fn rejected() {
        for s in [
            "a && b || c",
            "!reg0[1] == 1",
            "tcp.src == tcp.dst",
            "reg0[5..3]",
            "(a",
            "a ==",
            "2",
            "a b",
        ] {
            assert!(parse_match(s).is_err(), "{s} should not parse");
        }
    }
}
