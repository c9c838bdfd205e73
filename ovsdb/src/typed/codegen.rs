//! The generator: `DatabaseSchema` → Rust source of one typed struct per table (see the
//! module docs of `typed` for the type mapping).
//!
//! Invariants of the output: deterministic (tables sorted by name, columns in schema
//! file order); every name is a valid Rust identifier (keywords get a trailing
//! `_`); the text is meant to be passed through `rustfmt` (`format_with_rustfmt`) and is
//! then rustfmt- and clippy-clean. `generate` is pure; only `format_with_rustfmt` runs a
//! process.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::schema::{
    AtomicType, BaseType, ColumnSchema, DatabaseSchema, RefType, TableSchema, Type,
};

/// How a column is held in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Scalar,
    Optional,
    Set,
    /// A set of reals.
    SetVec,
    Map,
    /// A map with real keys.
    MapVec,
}

impl Shape {
    fn of(t: &Type) -> Shape {
        let real_key = t.key.atomic == AtomicType::Real;
        match (&t.value, t.min, t.max) {
            (Some(_), _, _) if real_key => Shape::MapVec,
            (Some(_), _, _) => Shape::Map,
            (None, 1, Some(1)) => Shape::Scalar,
            (None, 0, Some(1)) => Shape::Optional,
            (None, _, _) if real_key => Shape::SetVec,
            (None, _, _) => Shape::Set,
        }
    }
    fn reader(self) -> &'static str {
        match self {
            Shape::Scalar => "scalar",
            Shape::Optional => "optional",
            Shape::Set => "set",
            Shape::SetVec => "set_vec",
            Shape::Map => "map",
            Shape::MapVec => "map_vec",
        }
    }
    fn writer(self) -> &'static str {
        match self {
            Shape::Scalar => "from_scalar",
            Shape::Optional => "from_optional",
            Shape::Set | Shape::SetVec => "from_set",
            Shape::Map => "from_map",
            Shape::MapVec => "from_pairs",
        }
    }
}

fn atomic_rust(a: AtomicType) -> &'static str {
    match a {
        AtomicType::Integer => "i64",
        AtomicType::Real => "f64",
        AtomicType::Boolean => "bool",
        AtomicType::String => "String",
        AtomicType::Uuid => "Uuid",
    }
}

fn rust_type(t: &Type) -> String {
    let k = atomic_rust(t.key.atomic);
    let v = t.value.as_ref().map(|v| atomic_rust(v.atomic));
    match (Shape::of(t), v) {
        (Shape::Scalar, _) => k.to_string(),
        (Shape::Optional, _) => format!("Option<{k}>"),
        (Shape::Set, _) => format!("BTreeSet<{k}>"),
        (Shape::SetVec, _) => format!("Vec<{k}>"),
        (Shape::Map, Some(v)) => format!("BTreeMap<{k}, {v}>"),
        (Shape::MapVec, Some(v)) => format!("Vec<({k}, {v})>"),
        // A map always has a value type.
        (Shape::Map | Shape::MapVec, None) => format!("BTreeSet<{k}>"),
    }
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// `Logical_Switch` → `LogicalSwitch`, `ACL` → `Acl`, `sFlow` → `SFlow`,
/// `Open_vSwitch` → `OpenVSwitch`, `DHCPv6_Options` → `DHCPv6Options`.
pub fn struct_name(table: &str) -> String {
    let mut out = String::new();
    for part in table.split('_').filter(|p| !p.is_empty()) {
        let all_caps = part.chars().all(|c| !c.is_ascii_lowercase());
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            if all_caps {
                out.extend(chars.map(|c| c.to_ascii_lowercase()));
            } else {
                out.extend(chars);
            }
        }
    }
    if out.is_empty() {
        out.push_str("Table");
    }
    out
}

/// A column name as a snake-case field name.
pub fn field_name(column: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in column.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_lowercase());
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

fn const_name(column: &str) -> String {
    format!(
        "COL_{}",
        field_name(column)
            .trim_end_matches('_')
            .to_ascii_uppercase()
    )
}

fn base_doc(b: &BaseType) -> String {
    let mut parts = vec![b.atomic.as_str().to_string()];
    if let Some(e) = &b.enum_ {
        let vals: Vec<String> = e.iter().map(|a| format!("`{}`", a.to_json())).collect();
        parts.push(format!("one of {}", vals.join(", ")));
    }
    if let Some(t) = &b.ref_table {
        let strength = if b.ref_type == RefType::Weak {
            "weak "
        } else {
            ""
        };
        parts.push(format!("{strength}reference to `{t}`"));
    }
    match (b.min_integer, b.max_integer) {
        (Some(lo), Some(hi)) => parts.push(format!("{lo} to {hi}")),
        (Some(lo), None) => parts.push(format!("at least {lo}")),
        (None, Some(hi)) => parts.push(format!("at most {hi}")),
        _ => {}
    }
    match (b.min_length, b.max_length) {
        (Some(lo), Some(hi)) => parts.push(format!("length {lo} to {hi}")),
        (Some(lo), None) => parts.push(format!("length at least {lo}")),
        (None, Some(hi)) => parts.push(format!("length at most {hi}")),
        _ => {}
    }
    parts.join(", ")
}

fn column_doc(c: &ColumnSchema) -> String {
    let t = &c.type_;
    let mut s = format!("`{}`: ", c.name);
    let shape = Shape::of(t);
    let count = match (t.min, t.max) {
        (0, None) => String::new(),
        (min, Some(max)) => format!(" ({min} to {max})"),
        (min, None) => format!(" (at least {min})"),
    };
    match &t.value {
        Some(v) => {
            let _ = write!(s, "map{count} from {} to {}", base_doc(&t.key), base_doc(v));
        }
        None if shape == Shape::Scalar => s.push_str(&base_doc(&t.key)),
        None if shape == Shape::Optional => {
            let _ = write!(s, "optional {}", base_doc(&t.key));
        }
        None => {
            let _ = write!(s, "set{count} of {}", base_doc(&t.key));
        }
    }
    if !c.mutable {
        s.push_str("; immutable");
    }
    if c.ephemeral {
        s.push_str("; ephemeral");
    }
    s.push('.');
    s
}

/// The Rust source for `schema`. `source` names the schema file in the header.
pub fn generate(schema: &DatabaseSchema, source: &str) -> String {
    let tables: Vec<&TableSchema> = schema.tables.values().map(|t| t.as_ref()).collect();
    let types: Vec<Shape> = tables
        .iter()
        .flat_map(|t| t.user_columns().map(|(_, c)| Shape::of(&c.type_)))
        .collect();
    let uses_set = types.contains(&Shape::Set);
    let uses_map = types.contains(&Shape::Map);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "//! Typed rows of the `{}` database (schema version {}), generated from\n\
         //! `{source}` by `ovsdb::typed::codegen`. Do not edit: regenerate with\n\
         //! `UPDATE_TYPED=1 cargo test -p ovsdb --test typed_codegen`.\n",
        schema.name, schema.version
    );
    match (uses_set, uses_map) {
        (true, true) => o.push_str("use std::collections::{BTreeMap, BTreeSet};\n\n"),
        (true, false) => o.push_str("use std::collections::BTreeSet;\n\n"),
        (false, true) => o.push_str("use std::collections::BTreeMap;\n\n"),
        (false, false) => {}
    }
    o.push_str(
        "use uuid::Uuid;\n\n\
         use super::convert as c;\n\
         use super::{TypedError, TypedRow};\n\
         use crate::data::Datum;\n\
         use crate::db::Row;\n\
         use crate::schema::TableSchema;\n\n",
    );
    let _ = writeln!(
        o,
        "/// The database name.\npub const DATABASE: &str = {:?};",
        schema.name
    );
    let _ = writeln!(o, "/// The schema version the rows were generated from.\npub const SCHEMA_VERSION: &str = {:?};", schema.version);
    let names: Vec<String> = tables.iter().map(|t| format!("{:?}", t.name)).collect();
    let _ = writeln!(
        o,
        "/// Every table.\npub const TABLES: &[&str] = &[{}];\n",
        names.join(", ")
    );
    for t in tables {
        table_code(&mut o, t);
    }
    o
}

fn table_code(o: &mut String, t: &TableSchema) {
    let name = struct_name(&t.name);
    let cols: Vec<&ColumnSchema> = t.user_columns().map(|(_, c)| c).collect();
    let uuid_field = if cols.iter().any(|c| field_name(&c.name) == "uuid") {
        "row_uuid"
    } else {
        "uuid"
    };
    let has_real = cols.iter().any(|c| {
        c.type_.key.atomic == AtomicType::Real
            || c.type_
                .value
                .as_ref()
                .is_some_and(|v| v.atomic == AtomicType::Real)
    });
    let derives = if has_real {
        "Debug, Clone, PartialEq, Default"
    } else {
        "Debug, Clone, PartialEq, Eq, Default"
    };
    let root = if t.is_root { " (root table)" } else { "" };
    let _ = writeln!(o, "/// A row of table `{}`{root}.", t.name);
    let _ = writeln!(o, "#[derive({derives})]\npub struct {name} {{");
    let _ = writeln!(o, "    /// `_uuid`.\n    pub {uuid_field}: Uuid,");
    for c in &cols {
        let _ = writeln!(o, "    /// {}", column_doc(c));
        let _ = writeln!(
            o,
            "    pub {}: {},",
            field_name(&c.name),
            rust_type(&c.type_)
        );
    }
    o.push_str("}\n\n");

    let _ = writeln!(o, "impl {name} {{");
    for c in &cols {
        let _ = writeln!(
            o,
            "    pub const {}: &'static str = {:?};",
            const_name(&c.name),
            c.name
        );
    }
    o.push_str("}\n\n");

    let _ = writeln!(o, "impl TypedRow for {name} {{");
    let _ = writeln!(o, "    const TABLE: &'static str = {:?};", t.name);
    let list: Vec<String> = cols
        .iter()
        .map(|c| format!("Self::{}", const_name(&c.name)))
        .collect();
    let _ = writeln!(
        o,
        "    const COLUMNS: &'static [&'static str] = &[{}];\n",
        list.join(", ")
    );
    let _ = writeln!(
        o,
        "    fn uuid(&self) -> Uuid {{\n        self.{uuid_field}\n    }}\n"
    );
    o.push_str("    fn from_row(table: &TableSchema, row: &Row) -> Result<Self, TypedError> {\n");
    o.push_str("        c::check_table(table, Self::TABLE)?;\n");
    let _ = writeln!(
        o,
        "        Ok({name} {{\n            {uuid_field}: row.uuid(),"
    );
    for c in &cols {
        let _ = writeln!(
            o,
            "            {}: c::{}(table, row, Self::{})?,",
            field_name(&c.name),
            Shape::of(&c.type_).reader(),
            const_name(&c.name)
        );
    }
    o.push_str("        })\n    }\n\n");
    o.push_str("    fn to_values(&self) -> Vec<(&'static str, Datum)> {\n        vec![\n");
    for c in &cols {
        let _ = writeln!(
            o,
            "            (Self::{}, c::{}(&self.{})),",
            const_name(&c.name),
            Shape::of(&c.type_).writer(),
            field_name(&c.name)
        );
    }
    o.push_str("        ]\n    }\n}\n\n");
}

/// Formats generated source with `rustfmt` (edition 2021, the workspace's width).
pub fn format_with_rustfmt(source: &str) -> std::io::Result<String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--config", "max_width=100"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(source.as_bytes())?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(std::io::Error::other(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    String::from_utf8(out.stdout).map_err(std::io::Error::other)
}
