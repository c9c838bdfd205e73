//! The generator: `DatabaseSchema` → Rust source of one typed struct per table (see the
//! module docs of `typed` for the type mapping).
//!
//! Invariants of the output: deterministic (tables sorted by name, columns in schema
//! file order); every name is a valid Rust identifier (keywords get a trailing
//! `_`); the text is meant to be passed through `rustfmt` (`format_with_rustfmt`) and is
//! then rustfmt- and clippy-clean. `generate` is pure; only `format_with_rustfmt` runs a
//! process.

use std::collections::BTreeSet;
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

/// The Rust type of a column; `key`/`value` replace the atom types (generated enums).
fn rust_type(t: &Type, key: Option<&str>, value: Option<&str>) -> String {
    let k = key.unwrap_or(atomic_rust(t.key.atomic));
    let v = t
        .value
        .as_ref()
        .map(|v| value.unwrap_or(atomic_rust(v.atomic)));
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
    let out = camel(table);
    if out.is_empty() {
        "Table".to_string()
    } else {
        out
    }
}

/// Upper camel case of the alphanumeric runs of `s`; an all-capitals run is an
/// acronym and keeps only its first capital (`allow-related` → `AllowRelated`,
/// `NB_Global` → `NbGlobal`).
fn camel(s: &str) -> String {
    let mut out = String::new();
    for part in s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
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
    out
}

/// A Rust enum for a string base type with an `enum` constraint.
struct EnumDef {
    name: String,
    /// (variant, value), in the schema's (sorted) order.
    variants: Vec<(String, String)>,
}

/// The enum for `b` named `name`, unless its values do not make distinct variant names
/// (then the column stays `String`).
fn enum_def(b: &BaseType, name: String) -> Option<EnumDef> {
    let values = b
        .enum_
        .as_ref()
        .filter(|_| b.atomic == AtomicType::String)?;
    let mut variants = Vec::new();
    for v in values {
        let value = v.as_str()?.to_string();
        let mut var = camel(&value);
        if var.is_empty() {
            var = "Empty".into();
        }
        if var.starts_with(|c: char| c.is_ascii_digit()) {
            var.insert(0, 'V');
        }
        if var == "Other" || variants.iter().any(|(x, _)| *x == var) {
            return None;
        }
        variants.push((var, value));
    }
    Some(EnumDef { name, variants })
}

fn enum_code(o: &mut String, e: &EnumDef, what: &str) {
    let n = &e.name;
    let _ = writeln!(o, "/// The values of {what}.");
    o.push_str(
        "#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
",
    );
    let _ = writeln!(o, "pub enum {n} {{");
    for (var, value) in &e.variants {
        let _ = writeln!(o, "    /// `{value:?}`.\n    {var},");
    }
    o.push_str("    /// A value this schema version does not list (kept, not rejected).\n    Other(String),\n}\n\n");
    let _ = writeln!(
        o,
        "impl {n} {{\n    /// The value as stored in the database."
    );
    o.push_str("    pub fn as_str(&self) -> &str {\n        match self {\n");
    for (var, value) in &e.variants {
        let _ = writeln!(o, "            {n}::{var} => {value:?},");
    }
    let _ = writeln!(
        o,
        "            {n}::Other(s) => s,\n        }}\n    }}\n}}\n"
    );
    let _ = writeln!(
        o,
        "impl From<&str> for {n} {{\n    fn from(s: &str) -> {n} {{\n        match s {{"
    );
    for (var, value) in &e.variants {
        let _ = writeln!(o, "            {value:?} => {n}::{var},");
    }
    let _ = writeln!(
        o,
        "            other => {n}::Other(other.to_string()),\n        }}\n    }}\n}}\n"
    );
    let _ = writeln!(
        o,
        "/// The OVSDB default of a string, `\"\"`.\nimpl Default for {n} {{\n    fn default() -> {n} {{\n        {n}::from(\"\")\n    }}\n}}\n"
    );
    let _ = writeln!(
        o,
        "impl std::fmt::Display for {n} {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        f.write_str(self.as_str())\n    }}\n}}\n"
    );
    let _ = writeln!(
        o,
        "impl c::AtomValue for {n} {{\n    fn from_atom(a: &Atom) -> Option<{n}> {{\n        a.as_str().map({n}::from)\n    }}\n    fn to_atom(&self) -> Atom {{\n        Atom::String(self.as_str().to_string())\n    }}\n}}\n"
    );
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
    let mut taken: BTreeSet<String> = tables.iter().map(|t| struct_name(&t.name)).collect();
    let mut body = String::new();
    let mut any_enum = false;
    for t in &tables {
        any_enum |= table_code(&mut body, t, &mut taken);
    }
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
    let data = if any_enum {
        "use crate::data::{Atom, Datum};"
    } else {
        "use crate::data::Datum;"
    };
    let _ = write!(
        o,
        "use uuid::Uuid;\n\n\
         use super::convert as c;\n\
         use super::{{TypedError, TypedRow}};\n\
         {data}\n\
         use crate::db::Row;\n\
         use crate::schema::TableSchema;\n\n"
    );
    let _ = writeln!(
        o,
        "/// The database name.\npub const DATABASE: &str = {:?};",
        schema.name
    );
    let _ = writeln!(
        o,
        "/// The schema version the rows were generated from.\npub const SCHEMA_VERSION: &str = {:?};",
        schema.version
    );
    let names: Vec<String> = tables.iter().map(|t| format!("{:?}", t.name)).collect();
    let _ = writeln!(
        o,
        "/// Every table.\npub const TABLES: &[&str] = &[{}];\n",
        names.join(", ")
    );
    o.push_str(&body);
    o
}

fn table_code(o: &mut String, t: &TableSchema, taken: &mut BTreeSet<String>) -> bool {
    let name = struct_name(&t.name);
    let cols: Vec<&ColumnSchema> = t.user_columns().map(|(_, c)| c).collect();
    // Per column: the enums of its key and value types, if any.
    let mut enums: Vec<(Option<EnumDef>, Option<EnumDef>)> = Vec::new();
    for c in &cols {
        let base = format!("{name}{}", camel(&c.name));
        let (kn, vn) = if c.type_.is_map() {
            (format!("{base}Key"), format!("{base}Value"))
        } else {
            (base.clone(), base)
        };
        let mut pick = |b: &BaseType, n: String| {
            if taken.contains(&n) {
                return None;
            }
            let e = enum_def(b, n)?;
            taken.insert(e.name.clone());
            Some(e)
        };
        let k = pick(&c.type_.key, kn);
        let v = c.type_.value.as_ref().and_then(|b| pick(b, vn));
        enums.push((k, v));
    }
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
    for (c, (ke, ve)) in cols.iter().zip(&enums) {
        let _ = writeln!(o, "    /// {}", column_doc(c));
        let _ = writeln!(
            o,
            "    pub {}: {},",
            field_name(&c.name),
            rust_type(
                &c.type_,
                ke.as_ref().map(|e| e.name.as_str()),
                ve.as_ref().map(|e| e.name.as_str())
            )
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
    let mut any = false;
    for (c, (ke, ve)) in cols.iter().zip(&enums) {
        for (e, part) in [(ke, "keys of "), (ve, "values of ")] {
            if let Some(e) = e {
                let part = if c.type_.is_map() { part } else { "" };
                enum_code(o, e, &format!("{part}`{}.{}`", t.name, c.name));
                any = true;
            }
        }
    }
    any
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
