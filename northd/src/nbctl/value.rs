//! Column values as the `*-ctl` tools read and print them.
//!
//! Reading (`set T R col=VALUE`, `add`, `remove`, `find`, `create`): an atom is a
//! JSON-style quoted string or a bare word ending at one of `:=, []{}!<>` or a blank;
//! a set is `[a, b]` or `a,b`; a map is `{k=v, k2=v2}` or `k=v,k2=v2`. A uuid atom is
//! a uuid or `@name` from `--id=@name`.
//!
//! Printing: a scalar (or a 0..1 column holding a value) as its atom, a set as
//! `[a, b]`, a map as `{k=v}`; strings bare when they read back as the same string,
//! quoted otherwise. With `--data=bare`: no quotes, no brackets, elements separated by
//! blanks.
//!
//! Invariant: printing then reading a datum of a column's type gives the same datum.

use std::collections::{BTreeMap, BTreeSet};

use ovsdb::data::{parse_uuid, Atom, Datum};
use ovsdb::format::string_text;
use ovsdb::schema::{AtomicType, BaseType, Type};
use serde_json::Value;
use uuid::Uuid;

/// `--id=@name` symbols: name → uuid of a row created in this invocation.
pub type Symbols = BTreeMap<String, Uuid>;

const DELIMITERS: &str = ":=, []{}!<>";

struct Lexer<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn new(s: &'a str) -> Lexer<'a> {
        Lexer { s, pos: 0 }
    }
    fn skip_blanks(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        self.skip_blanks();
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn at_end(&mut self) -> bool {
        self.skip_blanks();
        self.pos >= self.s.len()
    }
    /// A quoted string (with its quotes dropped and escapes applied) or a bare word.
    fn token(&mut self) -> Result<(String, bool), String> {
        self.skip_blanks();
        let rest = &self.s[self.pos..];
        if rest.starts_with('"') {
            let mut de = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
            match de.next() {
                Some(Ok(Value::String(s))) => {
                    self.pos += de.byte_offset();
                    Ok((s, true))
                }
                _ => Err(format!("{rest}: missing quote at end of quoted string")),
            }
        } else {
            // A backslash takes the next character literally (`neutron\:name`).
            let mut out = String::new();
            let mut chars = rest.char_indices();
            let mut end = rest.len();
            while let Some((i, c)) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some((_, n)) => out.push(n),
                        None => return Err(format!("{rest}: backslash at end of string")),
                    }
                } else if DELIMITERS.contains(c) || c.is_whitespace() {
                    end = i;
                    break;
                } else {
                    out.push(c);
                }
            }
            self.pos += end;
            Ok((out, false))
        }
    }
}

/// Reads one atom of `base` from a whole string.
pub fn parse_atom(s: &str, base: &BaseType, symbols: &Symbols) -> Result<Atom, String> {
    let mut lx = Lexer::new(s);
    let a = atom(&mut lx, base, symbols)?;
    if !lx.at_end() {
        return Err(format!("{s}: trailing garbage after value"));
    }
    Ok(a)
}

fn atom(lx: &mut Lexer<'_>, base: &BaseType, symbols: &Symbols) -> Result<Atom, String> {
    let (tok, quoted) = lx.token()?;
    let a = atom_from_token(&tok, quoted, base, symbols)?;
    a.check(base).map_err(|e| e.to_string())?;
    Ok(a)
}

fn atom_from_token(
    tok: &str,
    quoted: bool,
    base: &BaseType,
    symbols: &Symbols,
) -> Result<Atom, String> {
    match base.atomic {
        AtomicType::String => Ok(Atom::String(tok.to_string())),
        _ if quoted => Err(format!("\"{tok}\" is not a valid {}", base.atomic.as_str())),
        AtomicType::Integer => tok
            .parse()
            .map(Atom::Integer)
            .map_err(|_| format!("\"{tok}\" is not a valid integer")),
        AtomicType::Real => tok
            .parse()
            .map(Atom::Real)
            .map_err(|_| format!("\"{tok}\" is not a valid real number")),
        AtomicType::Boolean => match tok {
            "true" => Ok(Atom::Boolean(true)),
            "false" => Ok(Atom::Boolean(false)),
            _ => Err(format!(
                "\"{tok}\" is not a valid boolean (use \"true\" or \"false\")"
            )),
        },
        AtomicType::Uuid => {
            if let Some(u) = tok.starts_with('@').then(|| symbols.get(tok)).flatten() {
                return Ok(Atom::Uuid(*u));
            }
            parse_uuid(tok)
                .map(Atom::Uuid)
                .ok_or_else(|| format!("\"{tok}\" is not a valid UUID"))
        }
    }
}

/// Reads a whole datum of type `ty`.
pub fn parse_datum(s: &str, ty: &Type, symbols: &Symbols) -> Result<Datum, String> {
    let mut lx = Lexer::new(s);
    let d = if ty.is_map() {
        let vt = ty.value.as_ref().ok_or("map without value type")?;
        let braced = lx.eat('{');
        let empty = if braced { lx.eat('}') } else { lx.at_end() };
        let mut m = BTreeMap::new();
        if !empty {
            loop {
                let k = atom(&mut lx, &ty.key, symbols)?;
                if !lx.eat('=') {
                    return Err(format!(
                        "{s}: syntax error at \"{}\" (expected \"=\")",
                        &lx.s[lx.pos..]
                    ));
                }
                let v = atom(&mut lx, vt, symbols)?;
                m.insert(k, v);
                if !lx.eat(',') {
                    break;
                }
            }
            if braced && !lx.eat('}') {
                return Err(format!("{s}: missing \"}}\""));
            }
        }
        Datum::Map(m)
    } else {
        let bracketed = lx.eat('[');
        let empty = if bracketed { lx.eat(']') } else { lx.at_end() };
        let mut set = BTreeSet::new();
        if !empty {
            loop {
                set.insert(atom(&mut lx, &ty.key, symbols)?);
                if !lx.eat(',') {
                    break;
                }
            }
            if bracketed && !lx.eat(']') {
                return Err(format!("{s}: missing \"]\""));
            }
        }
        Datum::Set(set)
    };
    if !lx.at_end() {
        return Err(format!("{s}: trailing garbage after value"));
    }
    d.check_len(ty).map_err(|e| e.to_string())?;
    Ok(d)
}

/// Reads `KEY=VALUE` pairs or single atoms for `add`/`remove`: a datum of the column's
/// element type, without the size constraint.
pub fn parse_elements(s: &str, ty: &Type, symbols: &Symbols) -> Result<Datum, String> {
    let loose = Type {
        min: 0,
        max: None,
        ..ty.clone()
    };
    parse_datum(s, &loose, symbols)
}

/// The text of one atom.
pub fn atom_text(a: &Atom, bare: bool) -> String {
    match a {
        Atom::String(s) if bare => s.clone(),
        Atom::String(s) => string_text(s),
        Atom::Integer(i) => i.to_string(),
        Atom::Real(r) => real_text(*r),
        Atom::Boolean(b) => b.to_string(),
        Atom::Uuid(u) => u.to_string(),
    }
}

fn real_text(r: f64) -> String {
    if r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{r:.0}")
    } else {
        r.to_string()
    }
}

/// The text of a datum of type `ty`.
pub fn datum_text(d: &Datum, ty: &Type, bare: bool) -> String {
    match d {
        Datum::Map(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}={}", atom_text(k, bare), atom_text(v, bare)))
                .collect();
            if bare {
                items.join(" ")
            } else {
                format!("{{{}}}", items.join(", "))
            }
        }
        Datum::Set(s) => {
            let items: Vec<String> = s.iter().map(|a| atom_text(a, bare)).collect();
            if bare || (ty.max == Some(1) && s.len() == 1) {
                items.join(" ")
            } else {
                format!("[{}]", items.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovsdb::schema::Type;

    fn ty(j: serde_json::Value) -> Type {
        Type::from_json(&j).unwrap()
    }

    #[test]
    fn sets_maps_and_quotes() {
        let set = ty(serde_json::json!({"key": "string", "min": 0, "max": "unlimited"}));
        let none = Symbols::new();
        let d = parse_datum("\"10.0.0.1\",\"10.0.0.2\"", &set, &none).unwrap();
        assert_eq!(datum_text(&d, &set, false), "[\"10.0.0.1\", \"10.0.0.2\"]");
        assert_eq!(datum_text(&d, &set, true), "10.0.0.1 10.0.0.2");
        assert_eq!(
            parse_datum(&datum_text(&d, &set, false), &set, &none).unwrap(),
            d
        );
        assert_eq!(parse_datum("[]", &set, &none).unwrap(), Datum::empty_set());
        let map = ty(
            serde_json::json!({"key": "string", "value": "string", "min": 0, "max": "unlimited"}),
        );
        let m = parse_datum("{subnet=\"10.0.0.0/24\", a=b}", &map, &none).unwrap();
        assert_eq!(datum_text(&m, &map, false), "{a=b, subnet=\"10.0.0.0/24\"}");
        assert_eq!(parse_datum("a=b", &map, &none).unwrap().len(), 1);
        let int =
            ty(serde_json::json!({"key": {"type": "integer", "minInteger": 0, "maxInteger": 10}}));
        assert!(parse_datum("11", &int, &none).is_err());
        assert!(parse_datum("x", &int, &none).is_err());
        assert!(parse_datum("[a", &set, &none).is_err());
        let k = parse_datum("neutron\\:router_name=r", &map, &none).unwrap();
        assert_eq!(datum_text(&k, &map, true), "neutron:router_name=r");
    }
}
