//! A coarse scale check on the real NB schema: many switches and ports, then many small
//! IDL-style transactions. Guards against accidental quadratic behaviour; prints timings.
//! Skipped, with a notice, when the NB schema is absent.

mod common;

use std::sync::Arc;
use std::time::Instant;

use common::{error_of, run};
use ovsdb::db::Database;
use ovsdb::schema::DatabaseSchema;

#[test]
fn many_small_transactions_on_a_large_nb() {
    let Ok(text) = std::fs::read_to_string("/usr/share/ovn/ovn-nb.ovsschema") else {
        if std::env::var_os("CI").is_some() {
            panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
        }
        eprintln!("NOTICE: NB schema absent; scale test skipped");
        return;
    };
    let schema = Arc::new(DatabaseSchema::parse_str(&text).expect("nb"));
    let mut db = Database::new(schema);
    let start = Instant::now();
    for s in 0..50 {
        let mut ops = vec![format!(
            r#"{{"op":"insert","table":"Logical_Switch","row":{{"name":"sw{s}","ports":["set",[{}]]}}}}"#,
            (0..100)
                .map(|p| format!(r#"["named-uuid","p{p}"]"#))
                .collect::<Vec<_>>()
                .join(",")
        )];
        for p in 0..100 {
            ops.push(format!(
                r#"{{"op":"insert","table":"Logical_Switch_Port","uuid-name":"p{p}","row":{{"name":"sw{s}-p{p}","addresses":"00:00:00:00:{s:02x}:{p:02x} 10.{s}.0.{p}"}}}}"#
            ));
        }
        let (reply, _) = run(&mut db, &format!("[{}]", ops.join(",")));
        assert_eq!(error_of(&reply), None);
    }
    let bulk = start.elapsed();
    assert_eq!(db.table("Logical_Switch_Port").map(|t| t.len()), Some(5000));
    let start = Instant::now();
    for i in 0..300 {
        let (reply, _) = run(
            &mut db,
            &format!(
                r#"[{{"op":"insert","table":"Logical_Switch_Port","uuid-name":"n","row":{{"name":"extra{i}"}}}},{{"op":"mutate","table":"Logical_Switch","where":[["name","==","sw{}"]],"mutations":[["ports","insert",["named-uuid","n"]]]}}]"#,
                i % 50
            ),
        );
        assert_eq!(error_of(&reply), None, "{reply:?}");
    }
    let small = start.elapsed();
    eprintln!("5000 ports in 50 txns: {bulk:?}; 300 small txns: {small:?}");
    assert_eq!(db.table("Logical_Switch_Port").map(|t| t.len()), Some(5300));
}
