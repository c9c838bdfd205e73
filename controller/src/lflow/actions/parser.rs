//! nom parser for the `actions` column. Known actions parse into typed variants; any other
//! well-formed action (`name;`, `name(...);`, `name { ... };`, `R = name(...);`) parses into
//! [`Action::Unknown`] so the caller can log and skip the flow instead of failing.

use nom::branch::alt;
use nom::combinator::{map, opt};
use nom::multi::{many0, separated_list0};
use nom::sequence::{delimited, preceded, terminated, tuple};

use super::ast::{Action, Actions, LoadValue, LogParams, NatKind, NestedKind};
use crate::lflow::ast::FieldRef;
use crate::lflow::lexer::{tokenize, Token};
use crate::lflow::logical_fields::Pipeline;
use crate::lflow::parser::{
    error, fail, field_ref, ident, keyword, run, small_int, tok, PResult, ParseError, Tokens,
};
use crate::lflow::symtab::SymbolTable;

/// Parses the `actions` column of a logical flow.
pub fn parse_actions(text: &str) -> Result<Actions, ParseError> {
    let tokens = tokenize(text)?;
    run(&tokens, map(action_list, Actions))
}

fn action_list(i: Tokens<'_>) -> PResult<'_, Vec<Action>> {
    many0(action)(i)
}

fn semi(i: Tokens<'_>) -> PResult<'_, ()> {
    match tok(Token::Semicolon)(i) {
        Ok(r) => Ok(r),
        Err(_) => error(i, "expected `;`"),
    }
}

fn action(i: Tokens<'_>) -> PResult<'_, Action> {
    if i.is_empty() || i.first() == Some(&Token::RCurly) {
        return error(i, "end of action list");
    }
    match known(i) {
        Ok(r) => Ok(r),
        Err(nom::Err::Failure(e)) => Err(nom::Err::Failure(e)),
        Err(_) if starts_known(i) => fail(i, "malformed action"),
        Err(_) => match unknown(i) {
            Ok(r) => Ok(r),
            Err(_) => fail(i, "malformed action"),
        },
    }
}

/// Names whose syntax this parser knows: a malformed use is an error, not an unknown
/// action.
fn starts_known(i: Tokens<'_>) -> bool {
    const KNOWN: [&str; 22] = [
        "output",
        "drop",
        "next",
        "ct_next",
        "ct_commit",
        "ct_commit_nat",
        "ct_clear",
        "ct_lb",
        "ct_lb_mark",
        "log",
        "handle_svc_check",
        "put_fdb",
        "get_arp",
        "put_arp",
        "get_nd",
        "put_nd",
        "ct_dnat",
        "ct_snat",
        "ct_dnat_in_czone",
        "ct_snat_in_czone",
        "ct_snat_to_vip",
        "handle_dhcpv6_reply",
    ];
    match i.split_first() {
        Some((Token::Id(n), rest)) => {
            // `next = 1;` would be an assignment to a (nonexistent) field, not `next`.
            let assigns = matches!(rest.first(), Some(Token::Assign | Token::Exchange));
            !assigns && (KNOWN.contains(&n.as_str()) || NestedKind::from_name(n).is_some())
        }
        _ => false,
    }
}

fn known(i: Tokens<'_>) -> PResult<'_, Action> {
    alt((
        terminated(simple, semi),
        terminated(next, semi),
        terminated(ct_commit, semi),
        terminated(ct_lb, semi),
        terminated(ct_nat, semi),
        terminated(calls, semi),
        terminated(log, semi),
        terminated(nested, semi),
        terminated(assignment, semi),
    ))(i)
}

fn simple(i: Tokens<'_>) -> PResult<'_, Action> {
    alt((
        map(keyword("output"), |_| Action::Output),
        map(keyword("drop"), |_| Action::Drop),
        map(keyword("ct_next"), |_| Action::CtNext),
        map(keyword("ct_commit_nat"), |_| Action::CtCommitNat),
        map(keyword("ct_clear"), |_| Action::CtClear),
        map(keyword("ct_snat_to_vip"), |_| Action::CtSnatToVip),
        map(keyword("handle_dhcpv6_reply"), |_| {
            Action::HandleDhcpv6Reply
        }),
        map(tuple((keyword("ip.ttl"), tok(Token::Decrement))), |_| {
            Action::DecTtl
        }),
    ))(i)
}

fn pipeline(i: Tokens<'_>) -> PResult<'_, Pipeline> {
    alt((
        map(keyword("ingress"), |_| Pipeline::Ingress),
        map(keyword("egress"), |_| Pipeline::Egress),
    ))(i)
}

fn table(i: Tokens<'_>) -> PResult<'_, u8> {
    let (rest, n) = small_int(i)?;
    match u8::try_from(n) {
        Ok(n) => Ok((rest, n)),
        Err(_) => error(i, "table number out of range"),
    }
}

/// `next`, `next(N)`, `next(table=N)`, `next(pipeline=P, table=N)` (either order).
fn next(i: Tokens<'_>) -> PResult<'_, Action> {
    enum Arg {
        Pipeline(Pipeline),
        Table(u8),
    }
    let named = alt((
        map(
            preceded(tuple((keyword("pipeline"), tok(Token::Assign))), pipeline),
            Arg::Pipeline,
        ),
        map(
            preceded(tuple((keyword("table"), tok(Token::Assign))), table),
            Arg::Table,
        ),
        map(table, Arg::Table),
    ));
    let (i, _) = keyword("next")(i)?;
    let (i, args) = opt(delimited(
        tok(Token::LParen),
        separated_list0(tok(Token::Comma), named),
        tok(Token::RParen),
    ))(i)?;
    let (mut pipeline, mut table) = (None, None);
    for a in args.unwrap_or_default() {
        match a {
            Arg::Pipeline(p) => pipeline = Some(p),
            Arg::Table(t) => table = Some(t),
        }
    }
    Ok((i, Action::Next { pipeline, table }))
}

fn block(i: Tokens<'_>) -> PResult<'_, Vec<Action>> {
    let (i, _) = tok(Token::LCurly)(i)?;
    let (i, actions) = action_list(i)?;
    match tok(Token::RCurly)(i) {
        Ok((i, ())) => Ok((i, actions)),
        Err(_) => fail(i, "expected `}`"),
    }
}

fn ct_commit(i: Tokens<'_>) -> PResult<'_, Action> {
    let (i, _) = keyword("ct_commit")(i)?;
    let (i, nested) = opt(block)(i)?;
    Ok((i, Action::CtCommit(nested)))
}

fn ct_nat(i: Tokens<'_>) -> PResult<'_, Action> {
    let (rest, name) = ident(i)?;
    let Some(kind) = NatKind::from_name(&name) else {
        return error(i, "not a NAT action");
    };
    let (rest, args) = opt(delimited(tok(Token::LParen), in_parens, tok(Token::RParen)))(rest)?;
    Ok((
        rest,
        Action::CtNat {
            kind,
            args: args.map(compact_text),
        },
    ))
}

fn ct_lb(i: Tokens<'_>) -> PResult<'_, Action> {
    let (i, mark) = alt((
        map(keyword("ct_lb_mark"), |_| true),
        map(keyword("ct_lb"), |_| false),
    ))(i)?;
    let (i, args) = opt(delimited(tok(Token::LParen), in_parens, tok(Token::RParen)))(i)?;
    Ok((
        i,
        Action::CtLb {
            mark,
            args: args.map(compact_text),
        },
    ))
}

/// Actions written as calls: `handle_svc_check(P)`, `put_fdb(P, A)`, `get_arp(P, A)`, ...
fn calls(i: Tokens<'_>) -> PResult<'_, Action> {
    let (rest, name) = ident(i)?;
    let (rest, _) = tok(Token::LParen)(rest)?;
    let (rest, args) = separated_list0(tok(Token::Comma), field_ref)(rest)?;
    let (rest, _) = tok(Token::RParen)(rest)?;
    let a = |n: usize| args[n].clone();
    let action = match (name.as_str(), args.len()) {
        ("handle_svc_check", 1) => Action::HandleSvcCheck { port: a(0) },
        ("put_fdb", 2) => Action::PutFdb {
            port: a(0),
            mac: a(1),
        },
        ("get_arp", 2) => Action::GetArp {
            port: a(0),
            ip: a(1),
        },
        ("put_arp", 3) => Action::PutArp {
            port: a(0),
            ip: a(1),
            mac: a(2),
        },
        ("get_nd", 2) => Action::GetNd {
            port: a(0),
            ip: a(1),
        },
        ("put_nd", 3) => Action::PutNd {
            port: a(0),
            ip: a(1),
            mac: a(2),
        },
        _ => return error(i, "not a modelled call"),
    };
    Ok((rest, action))
}

fn log(i: Tokens<'_>) -> PResult<'_, Action> {
    let (i, _) = keyword("log")(i)?;
    let (i, _) = tok(Token::LParen)(i)?;
    let kv = tuple((ident, tok(Token::Assign), log_value));
    let (i, items) = separated_list0(tok(Token::Comma), kv)(i)?;
    let (i, _) = tok(Token::RParen)(i)?;
    let mut p = LogParams::default();
    for (k, _, v) in items {
        match k.as_str() {
            "name" => p.name = Some(v),
            "verdict" => p.verdict = Some(v),
            "severity" => p.severity = Some(v),
            "meter" => p.meter = Some(v),
            _ => return error(i, "unknown log parameter"),
        }
    }
    Ok((i, Action::Log(p)))
}

fn log_value(i: Tokens<'_>) -> PResult<'_, String> {
    match i.split_first() {
        Some((Token::Str(s) | Token::Id(s), rest)) => Ok((rest, s.clone())),
        _ => error(i, "expected a name or string"),
    }
}

fn nested(i: Tokens<'_>) -> PResult<'_, Action> {
    let (rest, name) = ident(i)?;
    let Some(kind) = NestedKind::from_name(&name) else {
        return error(i, "not a nested action");
    };
    let (rest, actions) = block(rest)?;
    Ok((rest, Action::Nested { kind, actions }))
}

fn is_field(name: &str) -> bool {
    SymbolTable::ovn().get(name).is_some()
}

/// `dst = constant`, `dst = "port"`, `dst = src`, `a <-> b`, and `dst = f(args)` for the
/// functions modelled here.
fn assignment(i: Tokens<'_>) -> PResult<'_, Action> {
    let (i, dst) = field_ref(i)?;
    if let Ok((rest, ())) = tok(Token::Exchange)(i) {
        let (rest, b) = field_ref(rest)?;
        return Ok((rest, Action::Exchange { a: dst, b }));
    }
    let (i, _) = tok(Token::Assign)(i)?;
    match i.split_first() {
        Some((Token::Integer(c), rest)) => Ok((
            rest,
            Action::Load {
                dst,
                value: LoadValue::Int(*c),
            },
        )),
        Some((Token::Str(s), rest)) => Ok((
            rest,
            Action::Load {
                dst,
                value: LoadValue::Port(s.clone()),
            },
        )),
        Some((Token::Id(name), rest)) if rest.first() == Some(&Token::LParen) => {
            function(dst, name, &rest[1..])
        }
        Some((Token::Id(name), _)) if is_field(name) => {
            let (rest, src) = field_ref(i)?;
            Ok((rest, Action::Move { dst, src }))
        }
        _ => error(i, "not a modelled assignment"),
    }
}

fn function<'a>(dst: FieldRef, name: &str, i: Tokens<'a>) -> PResult<'a, Action> {
    let (i, args) = separated_list0(tok(Token::Comma), field_ref)(i)?;
    let (i, _) = tok(Token::RParen)(i)?;
    let action = match (name, args.as_slice()) {
        ("check_in_port_sec", []) => Action::CheckInPortSec { dst },
        ("check_out_port_sec", []) => Action::CheckOutPortSec { dst },
        ("get_fdb", [mac]) => Action::GetFdb {
            dst,
            mac: mac.clone(),
        },
        ("lookup_fdb", [port, mac]) => Action::LookupFdb {
            dst,
            port: port.clone(),
            mac: mac.clone(),
        },
        ("chk_lb_hairpin", []) => Action::ChkLbHairpin { dst },
        ("chk_lb_hairpin_reply", []) => Action::ChkLbHairpinReply { dst },
        ("lookup_arp", [port, ip, mac]) => Action::LookupArp {
            dst,
            port: port.clone(),
            ip: ip.clone(),
            mac: Some(mac.clone()),
        },
        ("lookup_arp_ip", [port, ip]) => Action::LookupArp {
            dst,
            port: port.clone(),
            ip: ip.clone(),
            mac: None,
        },
        ("lookup_nd", [port, ip, mac]) => Action::LookupNd {
            dst,
            port: port.clone(),
            ip: ip.clone(),
            mac: Some(mac.clone()),
        },
        ("lookup_nd_ip", [port, ip]) => Action::LookupNd {
            dst,
            port: port.clone(),
            ip: ip.clone(),
            mac: None,
        },
        _ => return error(i, "not a modelled function"),
    };
    Ok((i, action))
}

/// Tokens up to (not including) the next unbalanced `)`, `}`, `]` or depth-0 `;`.
fn balanced(i: Tokens<'_>) -> PResult<'_, Tokens<'_>> {
    balanced_until(i, true)
}

/// Tokens up to the `)` closing an already opened parenthesis (`;` included).
fn in_parens(i: Tokens<'_>) -> PResult<'_, Tokens<'_>> {
    balanced_until(i, false)
}

fn balanced_until(i: Tokens<'_>, stop_at_semi: bool) -> PResult<'_, Tokens<'_>> {
    let mut depth = 0usize;
    for (n, t) in i.iter().enumerate() {
        match t {
            Token::LParen | Token::LCurly | Token::LSquare => depth += 1,
            Token::RParen | Token::RCurly | Token::RSquare => {
                if depth == 0 {
                    return Ok((&i[n..], &i[..n]));
                }
                depth -= 1;
            }
            Token::Semicolon if depth == 0 && stop_at_semi => return Ok((&i[n..], &i[..n])),
            _ => {}
        }
    }
    Ok((&i[i.len()..], i))
}

/// Any action starting with a name and ending at a depth-0 `;`.
fn unknown(i: Tokens<'_>) -> PResult<'_, Action> {
    let (_, first) = ident(i)?;
    let (rest, body) = balanced(i)?;
    let (rest, _) = semi(rest)?;
    // The action's name: the first name, or the function called in `R = name(...)`.
    let name = body
        .windows(2)
        .find_map(|w| match w {
            [Token::Id(n), Token::LParen | Token::LCurly] => Some(n.clone()),
            _ => None,
        })
        .unwrap_or(first);
    Ok((
        rest,
        Action::Unknown {
            name,
            text: tokens_to_text(body),
        },
    ))
}

/// Text with no spaces except after `;`, as northd writes `ct_lb` arguments
/// (`backends=10.0.0.2:80,10.0.0.3:80; hash_fields="ip_src"`).
pub fn compact_text(tokens: &[Token]) -> String {
    relexable(tokens, compact_text_raw(tokens))
}

fn compact_text_raw(tokens: &[Token]) -> String {
    let mut s = String::new();
    for t in tokens {
        s.push_str(&t.to_string());
        if *t == Token::Semicolon {
            s.push(' ');
        }
    }
    s
}

/// Canonical text for a token sequence: spaces between tokens except around brackets and
/// before separators.
pub fn tokens_to_text(tokens: &[Token]) -> String {
    relexable(tokens, pretty_text(tokens))
}

/// `text` if it lexes back to `tokens`, else the tokens separated by single spaces (which
/// always does: `get_fdb..00` would lex differently from `get_fdb .. 00`).
fn relexable(tokens: &[Token], text: String) -> String {
    if tokenize(&text).ok().as_deref() == Some(tokens) {
        return text;
    }
    tokens
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

fn pretty_text(tokens: &[Token]) -> String {
    let mut s = String::new();
    let mut prev: Option<&Token> = None;
    for t in tokens {
        let no_space_before = matches!(
            t,
            Token::Comma
                | Token::Semicolon
                | Token::RParen
                | Token::RSquare
                | Token::Colon
                | Token::Decrement
                | Token::Hyphen
        ) || (matches!(t, Token::LParen | Token::LSquare)
            && matches!(prev, Some(Token::Id(_))))
            || matches!(t, Token::Ellipsis);
        let no_space_after_prev = matches!(
            prev,
            Some(Token::LParen | Token::LSquare | Token::Colon | Token::Ellipsis | Token::Hyphen)
        );
        if prev.is_some() && !no_space_before && !no_space_after_prev {
            s.push(' ');
        }
        s.push_str(&t.to_string());
        prev = Some(t);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(s: &str) -> String {
        parse_actions(s).unwrap().to_string()
    }

    #[test]
    fn canonical_text() {
        for s in [
            "next;",
            "next(5);",
            "next(pipeline=egress, table=3);",
            "output;",
            "drop;",
            "ct_next;",
            "ct_commit;",
            "ct_commit { ct_mark.blocked = 0; ct_label.label = reg3; }; next;",
            "ct_commit_nat;",
            "ct_clear;",
            "ct_lb_mark;",
            "reg0[15] = check_in_port_sec(); next;",
            "reg0[15] = check_out_port_sec(); next;",
            "outport = get_fdb(eth.dst); next;",
            "put_fdb(inport, eth.src);",
            "reg0[11] = lookup_fdb(inport, eth.src);",
            "eth.dst = eth.src; eth.src = 00:00:00:00:01:01; arp.op = 2;",
            "eth.dst <-> eth.src;",
            "outport = \"_MC_flood\"; output;",
            "handle_svc_check(inport);",
            "log(name=\"acl1\", verdict=drop, severity=alert, meter=\"m1\");",
            "arp { eth.dst = ff:ff:ff:ff:ff:ff; arp.op = 1; output; };",
            "nd_na { nd.tll = 00:00:00:00:00:01; outport = inport; output; };",
            "reject { };",
            "tcp_reset { output; };",
            "icmp4 { icmp4.type = 3; output; };",
            "ip.ttl--;",
            "vlan.pcp = 4/4;",
            "ct_lb_mark(backends=10.0.0.2:80,10.0.0.3:80);",
            "ct_dnat; ct_snat(192.168.1.100); ct_dnat_in_czone(10.0.0.12);",
            "ct_snat_to_vip; handle_dhcpv6_reply;",
            "reg9[6] = chk_lb_hairpin(); reg9[7] = chk_lb_hairpin_reply();",
            "get_arp(outport, reg0); put_arp(inport, arp.spa, arp.sha);",
            "get_nd(outport, xxreg0); put_nd(inport, nd.target, nd.tll);",
            "reg9[2] = lookup_arp(inport, arp.spa, arp.sha); reg9[3] = lookup_arp_ip(inport, arp.spa);",
            "reg9[2] = lookup_nd(inport, ip6.src, nd.sll); reg9[3] = lookup_nd_ip(inport, ip6.src);",
            "ct_lb_mark(backends=10.0.0.2:80; hash_fields=\"ip_src,ip_dst\"; skip_snat);",
        ] {
            assert_eq!(roundtrip(s), s);
        }
    }

    #[test]
    fn comments_and_empty() {
        assert_eq!(roundtrip("/* drop */"), "");
        assert_eq!(
            roundtrip("arp.op = 2; /* ARP reply */ output;"),
            "arp.op = 2; output;"
        );
    }

    #[test]
    fn unknown_actions_are_kept() {
        let a = parse_actions(
            "reg0[3] = dns_lookup(); trigger_event(event = \"empty_lb_backends\"); next;",
        )
        .unwrap();
        assert_eq!(a.unknown_names(), ["dns_lookup", "trigger_event"]);
        assert_eq!(
            a.to_string(),
            "reg0[3] = dns_lookup(); trigger_event(event = \"empty_lb_backends\"); next;"
        );
        let a = parse_actions("foo { bar; }; put_dhcp_opts(offerip = 10.0.0.2);").unwrap();
        assert_eq!(a.unknown_names(), ["foo", "put_dhcp_opts"]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}{}", "clone { ".repeat(5_000), "}; ".repeat(5_000));
        assert!(parse_actions(&deep).is_err());
    }

    #[test]
    fn errors() {
        for s in [
            "next",
            "output",
            "ct_commit { next;",
            "= 1;",
            "next(pipeline=sideways);",
            "1;",
        ] {
            assert!(parse_actions(s).is_err(), "{s} should not parse");
        }
    }
}
