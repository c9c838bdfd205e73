//! Atoms and datums: RFC 7047 JSON both ways, type checks, constraint errors, and
//! `diff`/`apply_diff` (the ideas of upstream's ovsdb-data.at, re-expressed).

use ovsdb::data::{Atom, Datum, NameResolver, NoNames, Uuid};
use ovsdb::schema::Type;
use ovsdb::ErrorKind;
use serde_json::{json, Value};

fn ty(v: Value) -> Type {
    Type::from_json(&v).expect("type")
}

#[test]
fn json_round_trips() {
    let u = "550e8400-e29b-41d4-a716-446655440000";
    // (type, input, canonical output)
    let cases: Vec<(Value, Value, Value)> = vec![
        (json!("integer"), json!(5), json!(5)),
        (json!("integer"), json!(["set", [-3]]), json!(-3)),
        (json!("real"), json!(2.5), json!(2.5)),
        (json!("real"), json!(3), json!(3.0)),
        (json!("boolean"), json!(true), json!(true)),
        (json!("string"), json!("hi"), json!("hi")),
        (json!("uuid"), json!(["uuid", u]), json!(["uuid", u])),
        (
            json!({"key": "integer", "min": 0}),
            json!(["set", []]),
            json!(["set", []]),
        ),
        (
            json!({"key": "integer", "min": 0, "max": "unlimited"}),
            json!(["set", [3, 1, 2]]),
            json!(["set", [1, 2, 3]]),
        ),
        (
            json!({"key": "string", "min": 0, "max": "unlimited"}),
            json!("x"),
            json!("x"),
        ),
        (
            json!({"key": "string", "value": "integer", "min": 0, "max": "unlimited"}),
            json!(["map", [["b", 2], ["a", 1]]]),
            json!(["map", [["a", 1], ["b", 2]]]),
        ),
        (
            json!({"key": "string", "value": "integer", "min": 0, "max": "unlimited"}),
            json!(["map", []]),
            json!(["map", []]),
        ),
        (
            json!({"key": "boolean", "min": 0, "max": "unlimited"}),
            json!(["set", [true, false]]),
            json!(["set", [false, true]]),
        ),
    ];
    for (t, input, want) in cases {
        let t = ty(t);
        let d =
            Datum::from_json(&t, &input, &mut NoNames).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(d.to_json(), want, "{input}");
        assert_eq!(
            Datum::from_json(&t, &d.to_json(), &mut NoNames).as_ref(),
            Ok(&d)
        );
    }
}

#[test]
fn parse_errors() {
    use ErrorKind::*;
    let cases: Vec<(Value, Value, ErrorKind, &str)> = vec![
        (
            json!("integer"),
            json!("x"),
            SyntaxError,
            "expected integer",
        ),
        (
            json!("integer"),
            json!(1.5),
            SyntaxError,
            "expected integer",
        ),
        (json!("boolean"), json!(1), SyntaxError, "expected boolean"),
        (
            json!("uuid"),
            json!(["uuid", "nope"]),
            SyntaxError,
            "not a valid UUID",
        ),
        (
            json!("uuid"),
            json!("550e8400-e29b-41d4-a716-446655440000"),
            SyntaxError,
            "expected uuid",
        ),
        (
            json!("uuid"),
            json!(["named-uuid", "x"]),
            SyntaxError,
            "not allowed",
        ),
        (
            json!("integer"),
            json!(["set", []]),
            SyntaxError,
            "exactly 1 members but 0",
        ),
        (
            json!({"key": "integer", "min": 0, "max": 2}),
            json!(["set", [1, 2, 3]]),
            SyntaxError,
            "0 to 2 members but 3",
        ),
        (
            json!({"key": "integer", "min": 0, "max": "unlimited"}),
            json!(["set", [1, 1]]),
            SyntaxError,
            "duplicate",
        ),
        (
            json!({"key": "string", "value": "integer", "min": 0, "max": "unlimited"}),
            json!(["map", [["a", 1], ["a", 2]]]),
            SyntaxError,
            "duplicate key",
        ),
        (
            json!({"key": "string", "value": "integer", "min": 0, "max": "unlimited"}),
            json!(["set", []]),
            SyntaxError,
            "expected [\"map\"",
        ),
        (
            json!({"key": "string", "value": "integer"}),
            json!(["map", [["a"]]]),
            SyntaxError,
            "pair",
        ),
        (
            json!({"key": {"type": "integer", "minInteger": 0, "maxInteger": 3}}),
            json!(4),
            ConstraintViolation,
            "4 is not in the valid range 0 to 3 (inclusive)",
        ),
        (
            json!({"key": {"type": "integer", "minInteger": 0}}),
            json!(-1),
            ConstraintViolation,
            "-1 is less than minimum allowed value 0",
        ),
        (
            json!({"key": {"type": "integer", "maxInteger": 9}}),
            json!(10),
            ConstraintViolation,
            "10 is greater than maximum allowed value 9",
        ),
        (
            json!({"key": {"type": "real", "minReal": 0.5}}),
            json!(0.25),
            ConstraintViolation,
            "less than minimum",
        ),
        (
            json!({"key": {"type": "string", "minLength": 2}}),
            json!("a"),
            ConstraintViolation,
            "\"a\" length 1 is less than minimum allowed length 2",
        ),
        (
            json!({"key": {"type": "string", "maxLength": 2}}),
            json!("äöü"),
            ConstraintViolation,
            "length 3 is greater",
        ),
        (
            json!({"key": {"type": "string", "enum": ["set", ["a", "b"]]}}),
            json!("c"),
            ConstraintViolation,
            "c is not one of the allowed values ([a, b])",
        ),
        (
            json!({"key": {"type": "integer", "enum": 7}}),
            json!(8),
            ConstraintViolation,
            "8 is not one of the allowed values (7)",
        ),
    ];
    for (t, input, kind, text) in cases {
        let e =
            Datum::from_json(&ty(t.clone()), &input, &mut NoNames).expect_err(&input.to_string());
        assert_eq!(e.kind, kind, "{t} {input}: {e}");
        assert!(
            e.details.contains(text),
            "{t} {input}: {:?} lacks {text:?}",
            e.details
        );
    }
}

struct Names(Uuid);
impl NameResolver for Names {
    fn resolve(&mut self, name: &str) -> ovsdb::error::Result<Uuid> {
        assert_eq!(name, "row1");
        Ok(self.0)
    }
}

#[test]
fn named_uuids_resolve() {
    let u = Uuid::new_v4();
    let t = ty(json!({"key": "uuid", "min": 0, "max": "unlimited"}));
    let d =
        Datum::from_json(&t, &json!(["set", [["named-uuid", "row1"]]]), &mut Names(u)).expect("ok");
    assert_eq!(d, Datum::scalar(Atom::Uuid(u)));
}

#[test]
fn defaults() {
    let cases = [
        (json!("integer"), json!(0)),
        (json!("real"), json!(0.0)),
        (json!("boolean"), json!(false)),
        (json!("string"), json!("")),
        (
            json!("uuid"),
            json!(["uuid", "00000000-0000-0000-0000-000000000000"]),
        ),
        (json!({"key": "string", "min": 0}), json!(["set", []])),
        (
            json!({"key": "string", "value": "string", "min": 0, "max": "unlimited"}),
            json!(["map", []]),
        ),
        (
            json!({"key": "string", "value": "integer"}),
            json!(["map", [["", 0]]]),
        ),
    ];
    for (t, want) in cases {
        assert_eq!(Datum::default_for(&ty(t.clone())).to_json(), want, "{t}");
    }
}

#[test]
fn diffs_follow_update2_rules() {
    let set = ty(json!({"key": "integer", "min": 0, "max": "unlimited"}));
    let map = ty(json!({"key": "string", "value": "string", "min": 0, "max": "unlimited"}));
    let opt = ty(json!({"key": "string", "min": 0, "max": 1}));
    let map1 = ty(json!({"key": "string", "value": "string", "min": 0, "max": 1}));
    let p = |t: &Type, v: Value| Datum::from_json(t, &v, &mut NoNames).expect("datum");
    let cases: Vec<(&Type, Value, Value, Value)> = vec![
        (
            &set,
            json!(["set", [1, 2, 3]]),
            json!(["set", [2, 3, 4]]),
            json!(["set", [1, 4]]),
        ),
        (&set, json!(["set", []]), json!(["set", [5]]), json!(5)),
        (
            &map,
            json!(["map", [["a", "1"], ["b", "2"]]]),
            json!(["map", [["b", "3"], ["c", "4"]]]),
            json!(["map", [["a", "1"], ["b", "3"], ["c", "4"]]]),
        ),
        (
            &map,
            json!(["map", [["k", "v"]]]),
            json!(["map", [["k", "w"], ["z", "q"]]]),
            json!(["map", [["k", "w"], ["z", "q"]]]),
        ),
        (&opt, json!("x"), json!("y"), json!("y")),
        (
            &map1,
            json!(["map", [["a", "b"]]]),
            json!(["map", [["c", "d"]]]),
            json!(["map", [["c", "d"]]]),
        ),
        (&opt, json!("x"), json!(["set", []]), json!(["set", []])),
    ];
    for (t, old, new, want) in cases {
        let (o, n) = (p(t, old.clone()), p(t, new.clone()));
        let d = o.diff(&n, t);
        assert_eq!(d.to_json(), want, "{old} -> {new}");
        assert_eq!(o.apply_diff(&d, t).as_ref(), Ok(&n), "{old} + {want}");
    }
}

#[test]
fn atom_order_is_total() {
    let mut v = [Atom::Real(f64::NAN), Atom::Real(-1.0), Atom::Real(2.0)];
    v.sort();
    assert_eq!(v[0], Atom::Real(-1.0));
    assert!(Atom::Integer(5) < Atom::Integer(6));
    assert!(Atom::String("a".into()) < Atom::String("b".into()));
}
