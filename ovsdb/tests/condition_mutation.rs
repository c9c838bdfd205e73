//! Conditions and mutations on their own (the ideas of upstream's ovsdb-condition.at and
//! ovsdb-mutation.at): each function and mutator on several column types.

mod common;

use ovsdb::data::{Datum, NoNames};
use ovsdb::db::Row;
use ovsdb::schema::TableSchema;
use ovsdb::txn::{Condition, Mutation};
use ovsdb::ErrorKind;
use serde_json::{json, Value};

fn table() -> std::sync::Arc<TableSchema> {
    common::load_schema("ordinals.ovsschema")
        .table("ordinals")
        .cloned()
        .expect("ordinals")
}

fn row(t: &TableSchema, values: Value) -> Row {
    let mut r = Row::new_default(t, uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    for (k, v) in values.as_object().expect("object") {
        let i = t.column_index(k).expect("column");
        r.set(
            i,
            Datum::from_json(&t.columns[i].type_, v, &mut NoNames).expect("datum"),
        );
    }
    r
}

#[test]
fn conditions_match() {
    let t = table();
    let rows = [
        row(
            &t,
            json!({"number": 1, "tags": ["set", ["a", "b"]], "opts": ["map", [["x", 1]]], "ratio": 0.5}),
        ),
        row(&t, json!({"number": 2, "tags": "a"})),
        row(&t, json!({"number": 3})),
    ];
    // condition → which rows match (by position)
    let cases: Vec<(Value, [bool; 3])> = vec![
        (json!(["number", "<", 2]), [true, false, false]),
        (json!(["number", "<=", 2]), [true, true, false]),
        (json!(["number", "==", 2]), [false, true, false]),
        (json!(["number", "!=", 2]), [true, false, true]),
        (json!(["number", ">=", 2]), [false, true, true]),
        (json!(["number", ">", 2]), [false, false, true]),
        (json!(["number", "includes", 3]), [false, false, true]),
        (json!(["number", "excludes", 3]), [true, true, false]),
        (
            json!(["tags", "==", ["set", ["a", "b"]]]),
            [true, false, false],
        ),
        (json!(["tags", "==", ["set", []]]), [false, false, true]),
        (json!(["tags", "includes", "a"]), [true, true, false]),
        (json!(["tags", "includes", ["set", []]]), [true, true, true]),
        (
            json!(["tags", "includes", ["set", ["a", "b"]]]),
            [true, false, false],
        ),
        (json!(["tags", "excludes", "b"]), [false, true, true]),
        (
            json!(["opts", "includes", ["map", [["x", 1]]]]),
            [true, false, false],
        ),
        (
            json!(["opts", "includes", ["map", [["x", 2]]]]),
            [false, false, false],
        ),
        (
            json!(["opts", "excludes", ["map", [["x", 2]]]]),
            [true, true, true],
        ),
        (
            json!(["opts", "excludes", ["map", [["x", 1]]]]),
            [false, true, true],
        ),
        (json!(["ratio", "==", 0.5]), [true, false, false]),
        (json!(["ratio", "==", ["set", []]]), [false, true, true]),
        (json!(true), [true, true, true]),
        (json!(false), [false, false, false]),
    ];
    for (c, want) in cases {
        let cond = Condition::parse(&t, &c).unwrap_or_else(|e| panic!("{c}: {e}"));
        assert_eq!(
            Condition::parse(&t, &cond.to_json(&t)).as_ref(),
            Ok(&cond),
            "{c}"
        );
        let got = [
            cond.matches(&rows[0]),
            cond.matches(&rows[1]),
            cond.matches(&rows[2]),
        ];
        assert_eq!(got, want, "{c}");
    }
}

#[test]
fn condition_errors() {
    let t = table();
    let cases: Vec<(Value, ErrorKind)> = vec![
        (json!(["nosuch", "==", 1]), ErrorKind::UnknownColumn),
        (json!(["number", "~", 1]), ErrorKind::UnknownFunction),
        (json!(["number", "==", "x"]), ErrorKind::SyntaxError),
        (json!(["name", "<", "x"]), ErrorKind::SyntaxError),
        (json!(["tags", "<", "x"]), ErrorKind::SyntaxError),
        (json!(["ratio", "<", 0.5]), ErrorKind::SyntaxError),
        (json!(["number", "=="]), ErrorKind::SyntaxError),
        (json!(7), ErrorKind::SyntaxError),
        (
            json!(["color", "==", "pink"]),
            ErrorKind::ConstraintViolation,
        ),
        (
            json!(["tags", "==", ["set", ["a", "b", "c", "d"]]]),
            ErrorKind::SyntaxError,
        ),
    ];
    for (c, kind) in cases {
        let e = Condition::parse(&t, &c).expect_err(&c.to_string());
        assert_eq!(e.kind, kind, "{c}: {e}");
    }
}

#[test]
fn mutations_apply() {
    let t = table();
    let start = row(
        &t,
        json!({"number": 10, "small": ["set", [1, 2]], "tags": ["set", ["a"]], "opts": ["map", [["x", 1], ["y", 2]]]}),
    );
    // (mutation, column, expected value)
    let cases: Vec<(Value, &str, Value)> = vec![
        (json!(["number", "+=", 5]), "number", json!(15)),
        (json!(["number", "-=", 15]), "number", json!(-5)),
        (json!(["number", "*=", -3]), "number", json!(-30)),
        (json!(["number", "/=", 3]), "number", json!(3)),
        (json!(["number", "%=", 3]), "number", json!(1)),
        (json!(["small", "+=", 1]), "small", json!(["set", [2, 3]])),
        (json!(["small", "*=", 2]), "small", json!(["set", [2, 4]])),
        (
            json!(["tags", "insert", ["set", ["b", "a"]]]),
            "tags",
            json!(["set", ["a", "b"]]),
        ),
        (json!(["tags", "delete", "a"]), "tags", json!(["set", []])),
        (
            json!(["tags", "delete", ["set", ["q", "r", "s", "t"]]]),
            "tags",
            json!("a"),
        ),
        (
            json!(["opts", "insert", ["map", [["x", 9], ["z", 3]]]]),
            "opts",
            json!(["map", [["x", 1], ["y", 2], ["z", 3]]]),
        ),
        (
            json!(["opts", "delete", ["map", [["x", 9], ["y", 2]]]]),
            "opts",
            json!(["map", [["x", 1]]]),
        ),
        (
            json!(["opts", "delete", ["set", ["x"]]]),
            "opts",
            json!(["map", [["y", 2]]]),
        ),
    ];
    for (m, col, want) in cases {
        let mu = Mutation::parse(&t, &m, &mut NoNames).unwrap_or_else(|e| panic!("{m}: {e}"));
        let again = Mutation::parse(&t, &mu.to_json(&t), &mut NoNames);
        assert_eq!(again.as_ref(), Ok(&mu), "{m}");
        let i = t.column_index(col).expect("col");
        let got = mu.apply(start.get(i).expect("datum"), &t.columns[i].type_);
        assert_eq!(got.map(|d| d.to_json()), Ok(want), "{m}");
    }
}

#[test]
fn mutation_errors() {
    let t = table();
    let start = row(
        &t,
        json!({"number": 10, "small": ["set", [1, 2]], "tags": ["set", ["a", "b", "c"]]}),
    );
    // Parse-time errors.
    let parse: Vec<(Value, ErrorKind)> = vec![
        (json!(["nosuch", "+=", 1]), ErrorKind::UnknownColumn),
        (json!(["number", "^=", 1]), ErrorKind::UnknownMutator),
        (json!(["name", "+=", "x"]), ErrorKind::SyntaxError),
        (json!(["opts", "+=", 1]), ErrorKind::SyntaxError),
        (json!(["ratio", "%=", 1.0]), ErrorKind::SyntaxError),
        (
            json!(["fixed", "insert", "x"]),
            ErrorKind::ConstraintViolation,
        ),
        (
            json!([
                "_uuid",
                "insert",
                ["uuid", "550e8400-e29b-41d4-a716-446655440000"]
            ]),
            ErrorKind::ConstraintViolation,
        ),
        (json!(["number", "+=", "x"]), ErrorKind::SyntaxError),
        (
            json!(["tags", "insert", ["set", ["a", "b", "c", "d"]]]),
            ErrorKind::SyntaxError,
        ),
    ];
    for (m, kind) in parse {
        let e = Mutation::parse(&t, &m, &mut NoNames).expect_err(&m.to_string());
        assert_eq!(e.kind, kind, "{m}: {e}");
    }
    // Apply-time errors.
    let apply: Vec<(Value, &str, ErrorKind)> = vec![
        (json!(["number", "/=", 0]), "number", ErrorKind::DomainError),
        (json!(["number", "%=", 0]), "number", ErrorKind::DomainError),
        (
            json!(["number", "+=", i64::MAX]),
            "number",
            ErrorKind::RangeError,
        ),
        (
            json!(["number", "-=", i64::MIN]),
            "number",
            ErrorKind::RangeError,
        ),
        (
            json!(["number", "*=", i64::MAX]),
            "number",
            ErrorKind::RangeError,
        ),
        (
            json!(["small", "+=", 4]),
            "small",
            ErrorKind::ConstraintViolation,
        ),
        (
            json!(["small", "*=", 0]),
            "small",
            ErrorKind::ConstraintViolation,
        ),
        (
            json!(["tags", "insert", "d"]),
            "tags",
            ErrorKind::ConstraintViolation,
        ),
    ];
    for (m, col, kind) in apply {
        let mu = Mutation::parse(&t, &m, &mut NoNames).unwrap_or_else(|e| panic!("{m}: {e}"));
        let i = t.column_index(col).expect("col");
        let e = mu
            .apply(start.get(i).expect("datum"), &t.columns[i].type_)
            .expect_err(&m.to_string());
        assert_eq!(e.kind, kind, "{m}: {e}");
    }
}
