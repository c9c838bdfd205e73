//! The checked-in typed rows (`src/typed/{nb,sb,vswitch}.rs`) are exactly what the
//! generator makes from the vendored schemas (`schemas/`), formatted by rustfmt; so they
//! never drift from the schemas. `UPDATE_TYPED=1` rewrites them instead of comparing.
//!
//! Skipped, with a notice, when rustfmt is not installed.

use std::path::Path;

use ovsdb::schema::DatabaseSchema;
use ovsdb::typed::codegen::{field_name, format_with_rustfmt, generate, struct_name};

const FILES: &[(&str, &str)] = &[
    ("ovn-nb.ovsschema", "nb.rs"),
    ("ovn-sb.ovsschema", "sb.rs"),
    ("vswitch.ovsschema", "vswitch.rs"),
];

#[test]
fn generated_files_match_the_schemas() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_TYPED").is_some();
    for (schema_file, out_file) in FILES {
        let text = std::fs::read_to_string(root.join("schemas").join(schema_file)).unwrap();
        let schema = DatabaseSchema::parse_str(&text).unwrap();
        let raw = generate(&schema, &format!("ovsdb/schemas/{schema_file}"));
        let formatted = match format_with_rustfmt(&raw) {
            Ok(f) => f,
            Err(e) => {
                if std::env::var_os("CI").is_some() {
                    panic!("a reference tool this test needs is missing in CI: scripts/install-deps.sh installs it");
                }
                eprintln!("NOTICE: rustfmt unavailable ({e}); typed codegen check skipped");
                return;
            }
        };
        let path = root.join("src/typed").join(out_file);
        if update {
            std::fs::write(&path, &formatted).unwrap();
            continue;
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == formatted,
            "{} is stale: run UPDATE_TYPED=1 cargo test -p ovsdb --test typed_codegen",
            path.display()
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("schemas/ovn-sb.ovsschema")).unwrap();
    let schema = DatabaseSchema::parse_str(&text).unwrap();
    assert_eq!(generate(&schema, "x"), generate(&schema, "x"));
}

#[test]
fn names() {
    assert_eq!(struct_name("Logical_Switch_Port"), "LogicalSwitchPort");
    assert_eq!(struct_name("ACL"), "Acl");
    assert_eq!(struct_name("NB_Global"), "NbGlobal");
    assert_eq!(struct_name("QoS"), "QoS");
    assert_eq!(struct_name("sFlow"), "SFlow");
    assert_eq!(struct_name("Open_vSwitch"), "OpenVSwitch");
    assert_eq!(struct_name("DHCPv6_Options"), "DHCPv6Options");
    assert_eq!(field_name("type"), "type_");
    assert_eq!(field_name("match"), "match_");
    assert_eq!(field_name("external_ids"), "external_ids");
    assert_eq!(field_name("ofportRequest"), "ofport_request");
}

#[test]
fn generated_enums() {
    use ovsdb::typed::{nb, vswitch};
    assert_eq!(nb::AclAction::from("drop"), nb::AclAction::Drop);
    assert_eq!(
        nb::AclAction::from("allow-related").as_str(),
        "allow-related"
    );
    let future = nb::AclAction::from("allow-later");
    assert_eq!(future, nb::AclAction::Other("allow-later".into()));
    assert_eq!(future.to_string(), "allow-later");
    assert_eq!(
        nb::AclDirection::from("to-lport"),
        nb::AclDirection::ToLport
    );
    // Sets of enumerated values (Bridge.protocols).
    let b = vswitch::Bridge {
        protocols: ["OpenFlow15".into()].into(),
        ..Default::default()
    };
    assert!(b.protocols.contains(&vswitch::BridgeProtocols::OpenFlow15));
}
