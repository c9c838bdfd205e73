//! A syntax check for the logical-flow match language (ovn-sb(5), "Logical_Flow
//! match"), so that northd can refuse an ACL whose match would make every
//! ovn-controller log a parse error, instead of writing it to the SB.
//!
//! This checks shape, not meaning: tokens (fields with optional `[N]`/`[N..M]`
//! subscripts, integers, hex, IPv4/IPv6 with prefixes or masks, MACs, strings,
//! `$address_set`, `@port_group`, `{...}` sets), balanced parentheses and braces, and
//! the grammar `disj := conj ("||" conj)*`, `conj := unary ("&&" unary)*`,
//! `unary := "!" unary | "(" disj ")" | operand (relop operand)*`, with OVN's rule that
//! `&&` and `||` are not mixed without parentheses. Field names are not checked against
//! the symbol table (ovn-controller knows more fields than northd needs to).

use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    #[error("unexpected character {0:?}")]
    BadChar(char),
    #[error("unterminated string")]
    UnterminatedString,
    #[error("{0:?} is neither a field nor a constant")]
    BadWord(String),
    #[error("syntax error at {0}")]
    Syntax(String),
    #[error("&& and || must be parenthesized when used together")]
    MixedAndOr,
    #[error("empty match")]
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Field,
    Const,
    LParen,
    RParen,
    LBrace,
    RBrace,
    Comma,
    Not,
    And,
    Or,
    Rel,
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '/')
}

fn is_ident(w: &str) -> bool {
    let mut cs = w.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !w.ends_with('.')
}

fn is_mac(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() == 6
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && u8::from_str_radix(p, 16).is_ok())
}

fn is_scalar(s: &str) -> bool {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        return !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit());
    }
    (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        || s.parse::<Ipv4Addr>().is_ok()
        || s.parse::<Ipv6Addr>().is_ok()
        || is_mac(s)
}

fn is_const(w: &str) -> bool {
    match w.split_once('/') {
        Some((v, m)) => is_scalar(v) && is_scalar(m),
        None => is_scalar(w),
    }
}

fn lex(s: &str) -> Result<Vec<Tok>, MatchError> {
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < cs.len() {
        let c = cs[i];
        let two = |d: char| cs.get(i + 1) == Some(&d);
        match c {
            _ if c.is_whitespace() => i += 1,
            '(' => (out.push(Tok::LParen), i += 1).1,
            ')' => (out.push(Tok::RParen), i += 1).1,
            '{' => (out.push(Tok::LBrace), i += 1).1,
            '}' => (out.push(Tok::RBrace), i += 1).1,
            ',' => (out.push(Tok::Comma), i += 1).1,
            '&' if two('&') => (out.push(Tok::And), i += 2).1,
            '|' if two('|') => (out.push(Tok::Or), i += 2).1,
            '=' if two('=') => (out.push(Tok::Rel), i += 2).1,
            '!' if two('=') => (out.push(Tok::Rel), i += 2).1,
            '!' => (out.push(Tok::Not), i += 1).1,
            '<' | '>' => {
                i += if two('=') { 2 } else { 1 };
                out.push(Tok::Rel);
            }
            '"' => {
                i += 1;
                loop {
                    match cs.get(i) {
                        None => return Err(MatchError::UnterminatedString),
                        Some('\\') => i += 2,
                        Some('"') => break,
                        Some(_) => i += 1,
                    }
                }
                i += 1;
                out.push(Tok::Const);
            }
            '$' | '@' => {
                let start = i + 1;
                i += 1;
                while i < cs.len()
                    && (cs[i].is_ascii_alphanumeric() || matches!(cs[i], '_' | '.' | '-'))
                {
                    i += 1;
                }
                if i == start {
                    return Err(MatchError::BadChar(c));
                }
                out.push(Tok::Const);
            }
            _ if is_word_char(c) => {
                let start = i;
                while i < cs.len() && is_word_char(cs[i]) {
                    i += 1;
                }
                let w: String = cs[start..i].iter().collect();
                let tok = if is_ident(&w) {
                    Tok::Field
                } else if is_const(&w) {
                    Tok::Const
                } else {
                    return Err(MatchError::BadWord(w));
                };
                if tok == Tok::Field && cs.get(i) == Some(&'[') {
                    // Subscript: [N] or [N..M].
                    let close = cs[i..].iter().position(|c| *c == ']').ok_or_else(|| {
                        MatchError::Syntax(format!("unclosed subscript after {w}"))
                    })?;
                    let inner: String = cs[i + 1..i + close].iter().collect();
                    let ok = match inner.split_once("..") {
                        Some((a, b)) => is_scalar(a.trim()) && is_scalar(b.trim()),
                        None => is_scalar(inner.trim()),
                    };
                    if !ok {
                        return Err(MatchError::Syntax(format!("bad subscript [{inner}]")));
                    }
                    i += close + 1;
                }
                out.push(tok);
            }
            _ => return Err(MatchError::BadChar(c)),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn err(&self, what: &str) -> MatchError {
        MatchError::Syntax(format!("token {} ({what})", self.pos + 1))
    }
    fn disj(&mut self) -> Result<(), MatchError> {
        self.unary()?;
        let mut seen: Option<Tok> = None;
        while let Some(t @ (Tok::And | Tok::Or)) = self.peek().cloned() {
            if seen.as_ref().is_some_and(|s| *s != t) {
                return Err(MatchError::MixedAndOr);
            }
            seen = Some(t);
            self.pos += 1;
            self.unary()?;
        }
        Ok(())
    }
    fn unary(&mut self) -> Result<(), MatchError> {
        match self.peek() {
            Some(Tok::Not) => {
                self.pos += 1;
                self.unary()
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                self.disj()?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(self.err("expected )"));
                }
                self.pos += 1;
                Ok(())
            }
            _ => self.relation(),
        }
    }
    fn operand(&mut self) -> Result<bool, MatchError> {
        match self.peek() {
            Some(Tok::Field) => {
                self.pos += 1;
                Ok(true)
            }
            Some(Tok::Const) => {
                self.pos += 1;
                Ok(false)
            }
            Some(Tok::LBrace) => {
                self.pos += 1;
                let mut n = 0;
                loop {
                    match self.peek() {
                        Some(Tok::Const) => {
                            self.pos += 1;
                            n += 1;
                        }
                        Some(Tok::Comma) if n > 0 => self.pos += 1,
                        Some(Tok::RBrace) if n > 0 => {
                            self.pos += 1;
                            return Ok(false);
                        }
                        _ => return Err(self.err("expected constant in set")),
                    }
                }
            }
            _ => Err(self.err("expected field or constant")),
        }
    }
    fn relation(&mut self) -> Result<(), MatchError> {
        let first_is_field = self.operand()?;
        let mut rels = 0;
        while self.peek() == Some(&Tok::Rel) {
            self.pos += 1;
            self.operand()?;
            rels += 1;
        }
        if rels == 0 && !first_is_field {
            // A bare constant is only a boolean when it is 0 or 1; the lexer cannot tell
            // which constant it was, so accept it (ovn-controller decides).
            return Ok(());
        }
        if rels > 2 {
            return Err(self.err("too many comparisons"));
        }
        Ok(())
    }
}

/// `Ok` when `s` is a syntactically valid match expression.
pub fn check_match(s: &str) -> Result<(), MatchError> {
    let toks = lex(s)?;
    if toks.is_empty() {
        return Err(MatchError::Empty);
    }
    let mut p = Parser { toks, pos: 0 };
    p.disj()?;
    if p.pos != p.toks.len() {
        return Err(p.err("trailing tokens"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_ovn_writes() {
        for m in [
            "1",
            "ip4",
            "inport == \"lsp1\" && ip4.dst == 10.0.0.99",
            "outport == @pg_web && ip4.src == $as_web && tcp.dst == 80",
            "inport == @pg_db && ip6.dst == $pg_web_ip6",
            "reg0[7] == 1 && (outport == \"p\" && tcp)",
            "eth.src[40]",
            "ip6.dst == fe80::1/64 || ip6.dst == ::",
            "eth.dst == 00:00:00:00:01:01",
            "ip4.src == {10.0.0.1, 10.0.0.0/24} && tcp.dst == {80 443}",
            "tcp.dst >= 1000 && tcp.dst <= 2000",
            "!ct.est && ct_label.blocked == 0",
            "reg0[3..4] == 0x3",
            "ip4.dst == 10.0.0.0/255.255.255.0",
        ] {
            assert_eq!(check_match(m), Ok(()), "{m}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for m in [
            "",
            "ip4.src ==",
            "(ip4",
            "ip4)",
            "inport == \"lsp1",
            "ip4 && || tcp",
            "ip4 && tcp || udp",
            "ip4.src == 10.0.0.300",
            "this is not a match",
            "tcp.dst == {}",
            "ip4 # comment",
            "reg0[x] == 1",
        ] {
            assert!(check_match(m).is_err(), "{m}");
        }
    }
}
