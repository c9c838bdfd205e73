//! Schema parsing: the real OVN/OVS schemas, round trips through `to_json`, and the
//! ideas of upstream's ovsdb-schema.at / ovsdb-types.at as table-driven cases.

use ovsdb::schema::{AtomicType, DatabaseSchema, RefType, Type};
use ovsdb::ErrorKind;
use serde_json::{json, Value};

const REAL: &[&str] = &[
    "/usr/share/ovn/ovn-nb.ovsschema",
    "/usr/share/ovn/ovn-sb.ovsschema",
    "/usr/share/openvswitch/vswitch.ovsschema",
];

#[test]
fn real_schemas_load_and_round_trip() {
    for path in REAL {
        let Ok(text) = std::fs::read_to_string(path) else {
            if std::env::var_os("CI").is_some() {
                panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
            }
            eprintln!("NOTICE: {path} absent; skipped");
            continue;
        };
        let s = DatabaseSchema::parse_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!s.tables.is_empty());
        for t in s.tables.values() {
            assert_eq!(t.columns[0].name, "_uuid");
            assert_eq!(t.columns[1].name, "_version");
        }
        let again = DatabaseSchema::from_json(&s.to_json()).expect("to_json parses");
        assert_eq!(s, again, "{path}: to_json round trip");
        // Same content as the file, modulo formatting defaults.
        let orig: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(orig["name"], s.to_json()["name"]);
        assert_eq!(orig["version"], s.to_json()["version"]);
    }
}

#[test]
fn nb_schema_details() {
    let Ok(text) = std::fs::read_to_string(REAL[0]) else {
        if std::env::var_os("CI").is_some() {
            panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
        }
        eprintln!("NOTICE: NB schema absent; skipped");
        return;
    };
    let s = DatabaseSchema::parse_str(&text).expect("nb");
    assert_eq!(s.name, "OVN_Northbound");
    let ls = s.table("Logical_Switch").expect("Logical_Switch");
    assert!(ls.is_root);
    let ports = ls.column("ports").expect("ports");
    assert_eq!(
        ports.type_.key.ref_table.as_deref(),
        Some("Logical_Switch_Port")
    );
    assert_eq!(ports.type_.key.ref_type, RefType::Strong);
    assert_eq!(ports.type_.max, None);
    assert!(!s.is_root("Logical_Switch_Port"));
    let lsp = s.table("Logical_Switch_Port").expect("lsp");
    assert_eq!(lsp.indexes.len(), 1);
    let tag = lsp.column("tag_request").expect("tag_request");
    assert_eq!(tag.type_.key.max_integer, Some(4095));
    assert!(s.table("NB_Global").and_then(|t| t.max_rows).is_some());
}

fn ok(schema: Value) -> DatabaseSchema {
    DatabaseSchema::from_json(&schema).unwrap_or_else(|e| panic!("{schema}: {e}"))
}

fn with_column(ty: Value) -> Value {
    json!({"name": "d", "version": "1.0.0", "tables": {"t": {"columns": {"c": {"type": ty}}}}})
}

#[test]
fn types_parse() {
    let cases: &[(Value, AtomicType, u64, Option<u64>, bool)] = &[
        (json!("integer"), AtomicType::Integer, 1, Some(1), false),
        (
            json!({"key": "real", "min": 0}),
            AtomicType::Real,
            0,
            Some(1),
            false,
        ),
        (
            json!({"key": "boolean", "min": 0, "max": "unlimited"}),
            AtomicType::Boolean,
            0,
            None,
            false,
        ),
        (
            json!({"key": "string", "value": "uuid", "min": 0, "max": 5}),
            AtomicType::String,
            0,
            Some(5),
            true,
        ),
        (
            json!({"key": {"type": "uuid", "refTable": "t", "refType": "weak"}}),
            AtomicType::Uuid,
            1,
            Some(1),
            false,
        ),
    ];
    for (ty, atomic, min, max, map) in cases {
        let s = ok(with_column(ty.clone()));
        let t: &Type = &s.table("t").and_then(|t| t.column("c")).expect("c").type_;
        assert_eq!(
            (t.key.atomic, t.min, t.max, t.is_map()),
            (*atomic, *min, *max, *map),
            "{ty}"
        );
        assert_eq!(Type::from_json(&t.to_json()).as_ref(), Ok(t), "{ty}");
    }
}

#[test]
fn bad_schemas_are_syntax_errors() {
    let bad_types = [
        json!("int"),
        json!({"key": "string", "min": 2}),
        json!({"key": "string", "max": 0}),
        json!({"key": "string", "min": 1, "max": "lots"}),
        json!({"key": {"type": "string", "minInteger": 1}}),
        json!({"key": {"type": "integer", "minInteger": 5, "maxInteger": 1}}),
        json!({"key": {"type": "uuid", "refTable": "nosuch"}}),
        json!({"key": {"type": "uuid", "refTable": "t", "refType": "medium"}}),
        json!({"key": {"type": "string", "enum": ["set", [1, 2]]}}),
        json!({"key": {"type": "string", "refType": "weak"}}),
        json!({"value": "string"}),
        json!({"key": "string", "bogus": 1}),
        json!(17),
    ];
    for ty in bad_types {
        let e = DatabaseSchema::from_json(&with_column(ty.clone())).expect_err(&ty.to_string());
        assert_eq!(e.kind, ErrorKind::SyntaxError, "{ty}: {e}");
    }
    let bad_schemas = [
        json!({"version": "1.0.0", "tables": {}}),
        json!({"name": "d", "version": "1.0", "tables": {}}),
        json!({"name": "d", "tables": {"t": {"columns": {}}}}),
        json!({"name": "d", "tables": {"t": {"columns": {"_c": {"type": "integer"}}}}}),
        json!({"name": "d", "tables": {"t": {"columns": {"c": {"type": "integer"}}, "indexes": [["x"]]}}}),
        json!({"name": "d", "tables": {"t": {"columns": {"c": {"type": "integer"}}, "indexes": [[]]}}}),
        json!({"name": "d", "tables": {"t": {"columns": {"c": {"type": "integer"}}, "maxRows": 0}}}),
        json!({"name": "d", "tables": {"t": {"columns": {"c": {"type": "integer"}}, "isRoot": "yes"}}}),
        json!({"name": "d", "tables": {"t": {"columns": {"c": {"type": "integer", "mutable": 1}}}}}),
        json!({"name": "d", "tables": {"t": {"columns": {"c": {"type": "integer", "ephemeral": true}}, "indexes": [["c"]]}}}),
        json!({"name": "d", "tables": {"t": {"columns": {"c": {"type": "integer"}}, "what": 1}}}),
        json!([]),
    ];
    for s in bad_schemas {
        let e = DatabaseSchema::from_json(&s).expect_err(&s.to_string());
        assert_eq!(e.kind, ErrorKind::SyntaxError, "{s}: {e}");
    }
    assert!(DatabaseSchema::parse_str("{not json").is_err());
}

#[test]
fn roots_and_constraints() {
    let s = ok(
        json!({"name": "d", "version": "1.2.3", "cksum": "1 2", "tables": {
            "a": {"columns": {"x": {"type": {"key": {"type": "string", "enum": ["set", ["b", "a"]], "minLength": 1}}, "mutable": false, "ephemeral": true}}, "isRoot": true, "maxRows": 3},
            "b": {"columns": {"y": {"type": {"key": {"type": "real", "minReal": -1.5, "maxReal": 2.5}}}}}
        }}),
    );
    assert!(s.is_root("a") && !s.is_root("b"));
    let a = s.table("a").expect("a");
    let x = a.column("x").expect("x");
    assert!(!x.mutable && x.ephemeral);
    assert_eq!(x.type_.key.enum_.as_ref().map(|e| e.len()), Some(2));
    assert_eq!(a.max_rows, Some(3));
    assert_eq!(s.cksum.as_deref(), Some("1 2"));
    let y = &s.table("b").and_then(|t| t.column("y")).expect("y").type_;
    assert_eq!((y.key.min_real, y.key.max_real), (Some(-1.5), Some(2.5)));
    assert_eq!(DatabaseSchema::from_json(&s.to_json()).as_ref(), Ok(&s));
    // No isRoot anywhere: every table is a root.
    let s = ok(json!({"name": "d", "tables": {"t": {"columns": {"c": {"type": "integer"}}}}}));
    assert!(s.is_root("t"));
    assert_eq!(DatabaseSchema::from_json(&s.to_json()).as_ref(), Ok(&s));
}
