//! Output formatting shared by the command-line tools: the `table`, `csv` and `json`
//! table formats of `ovsdb-client`, and the text form of datums (`[a, b]`, `{k=v}`,
//! strings quoted only when they would not read back as a bare string).
//!
//! Works on the RFC 7047 wire JSON of datums, so it needs no schema.

use std::fmt::Write as _;

use serde_json::{Map, Value};

/// One of `--format=table|csv|json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns under a heading and a row of dashes.
    Table,
    /// Comma-separated values, quoted as RFC 4180.
    Csv,
    /// One JSON object per table: `{"caption":..,"data":[[..]..],"headings":[..]}`.
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            other => Err(format!("unknown output format \"{other}\"")),
        }
    }
}

/// One cell: its JSON form (for `--format=json`) and its text (for table and csv).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// What `--format=json` prints.
    pub json: Value,
    /// What `--format=table` and `--format=csv` print.
    pub text: String,
}

impl Cell {
    /// A cell holding a datum in wire JSON; its text is [`datum_text`].
    pub fn datum(json: Value) -> Cell {
        let text = datum_text(&json);
        Cell { json, text }
    }
    /// A cell holding a plain string, printed as is.
    pub fn string(s: impl Into<String>) -> Cell {
        let s = s.into();
        Cell {
            json: Value::String(s.clone()),
            text: s,
        }
    }
    /// A cell holding arbitrary JSON, printed as compact JSON text.
    pub fn json(json: Value) -> Cell {
        let json = sorted_json(&json);
        let text = json.to_string();
        Cell { json, text }
    }
    /// An empty cell (`null` in JSON).
    pub fn empty() -> Cell {
        Cell {
            json: Value::Null,
            text: String::new(),
        }
    }
}

/// A table to print.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Printed above the table (`"Logical_Switch table"`), if any.
    pub caption: Option<String>,
    /// Column headings.
    pub headings: Vec<String>,
    /// Rows, each as long as `headings`.
    pub rows: Vec<Vec<Cell>>,
}

/// Prints tables one after another in one format (a blank line between tables in
/// `table` and `csv` formats).
#[derive(Debug, Clone)]
pub struct Printer {
    format: Format,
    headings: bool,
    printed: usize,
}

impl Printer {
    /// A printer for `format`; `headings: false` is `--no-headings`.
    pub fn new(format: Format, headings: bool) -> Printer {
        Printer {
            format,
            headings,
            printed: 0,
        }
    }

    /// Renders `table` as text (ending in a newline).
    pub fn render(&mut self, table: &Table) -> String {
        let mut out = String::new();
        if self.printed > 0 && self.format != Format::Json {
            out.push('\n');
        }
        self.printed += 1;
        match self.format {
            Format::Json => {
                let mut obj = Map::new();
                if let Some(c) = &table.caption {
                    obj.insert("caption".into(), Value::String(c.clone()));
                }
                let data = table
                    .rows
                    .iter()
                    .map(|r| Value::Array(r.iter().map(|c| c.json.clone()).collect()))
                    .collect();
                obj.insert("data".into(), Value::Array(data));
                if self.headings {
                    let h = table.headings.iter().cloned().map(Value::String).collect();
                    obj.insert("headings".into(), Value::Array(h));
                }
                out.push_str(&Value::Object(obj).to_string());
                out.push('\n');
            }
            Format::Csv => {
                if let Some(c) = &table.caption {
                    let _ = writeln!(out, "{c}");
                }
                if self.headings {
                    let line: Vec<String> = table.headings.iter().map(|h| csv_quote(h)).collect();
                    let _ = writeln!(out, "{}", line.join(","));
                }
                for row in &table.rows {
                    let line: Vec<String> = row.iter().map(|c| csv_quote(&c.text)).collect();
                    let _ = writeln!(out, "{}", line.join(","));
                }
            }
            Format::Table => {
                if let Some(c) = &table.caption {
                    let _ = writeln!(out, "{c}");
                }
                let mut widths: Vec<usize> = table
                    .headings
                    .iter()
                    .map(|h| if self.headings { width(h) } else { 0 })
                    .collect();
                for row in &table.rows {
                    for (i, c) in row.iter().enumerate() {
                        if i < widths.len() {
                            widths[i] = widths[i].max(width(&c.text));
                        }
                    }
                }
                if self.headings {
                    push_line(&mut out, table.headings.iter().map(String::as_str), &widths);
                    let dashes: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                    push_line(&mut out, dashes.iter().map(String::as_str), &widths);
                }
                for row in &table.rows {
                    push_line(&mut out, row.iter().map(|c| c.text.as_str()), &widths);
                }
            }
        }
        out
    }
}

/// Columns are aligned by byte length, as ovsdb-client does.
fn width(s: &str) -> usize {
    s.len()
}

/// One line of aligned cells: each padded to its column's width except the last, and
/// trailing blanks trimmed.
fn push_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>, widths: &[usize]) {
    let cells: Vec<&str> = cells.collect();
    let mut line = String::new();
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(c);
        if i + 1 < cells.len() {
            let w = widths.get(i).copied().unwrap_or(0);
            for _ in width(c)..w {
                line.push(' ');
            }
        }
    }
    out.push_str(line.trim_end_matches(' '));
    out.push('\n');
}

/// Quotes a CSV field if it holds a comma, a double quote or a line break.
pub fn csv_quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The text form of a datum given in wire JSON: a scalar as its atom, a set as
/// `[a, b]`, a map as `{k=v, k2=v2}`, a uuid bare.
pub fn datum_text(json: &Value) -> String {
    match json {
        Value::Array(a) if a.len() == 2 && a[0] == "set" => match &a[1] {
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(atom_text).collect();
                format!("[{}]", items.join(", "))
            }
            other => json_text(other),
        },
        Value::Array(a) if a.len() == 2 && a[0] == "map" => match &a[1] {
            Value::Array(pairs) => {
                let items: Vec<String> = pairs
                    .iter()
                    .map(|p| match p {
                        Value::Array(kv) if kv.len() == 2 => {
                            format!("{}={}", atom_text(&kv[0]), atom_text(&kv[1]))
                        }
                        other => json_text(other),
                    })
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
            other => json_text(other),
        },
        other => atom_text(other),
    }
}

/// The text form of one atom in wire JSON.
pub fn atom_text(json: &Value) -> String {
    match json {
        Value::String(s) => string_text(s),
        Value::Array(a) if a.len() == 2 && (a[0] == "uuid" || a[0] == "named-uuid") => {
            match &a[1] {
                Value::String(u) => u.clone(),
                other => json_text(other),
            }
        }
        other => json_text(other),
    }
}

/// A string bare if it reads back as the same string (an identifier-like word that is
/// not `true`/`false`), otherwise as a JSON string literal.
pub fn string_text(s: &str) -> String {
    let mut chars = s.chars();
    let bare = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {
            chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && s != "true"
                && s != "false"
        }
        _ => false,
    };
    if bare {
        s.to_string()
    } else {
        Value::String(s.to_string()).to_string()
    }
}

/// `v` with the members of every object in sorted key order, as Open vSwitch's tools
/// print JSON.
pub fn sorted_json(v: &Value) -> Value {
    match v {
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted_json(&o[k])))
                    .collect(),
            )
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted_json).collect()),
        other => other.clone(),
    }
}

fn json_text(v: &Value) -> String {
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn datum_text_as_ovsdb_client_prints() {
        assert_eq!(datum_text(&json!("sw0")), "sw0");
        assert_eq!(datum_text(&json!("")), "\"\"");
        assert_eq!(datum_text(&json!("true")), "\"true\"");
        assert_eq!(datum_text(&json!("a b")), "\"a b\"");
        assert_eq!(datum_text(&json!("a-b.c")), "a-b.c");
        assert_eq!(datum_text(&json!(["set", ["", "z"]])), "[\"\", z]");
        assert_eq!(datum_text(&json!(["map", [["a", "b"]]])), "{a=b}");
        assert_eq!(datum_text(&json!(["map", []])), "{}");
        assert_eq!(
            datum_text(&json!(["uuid", "500f5497-9e4b-48ad-8032-9344ae353fd7"])),
            "500f5497-9e4b-48ad-8032-9344ae353fd7"
        );
        assert_eq!(datum_text(&json!(false)), "false");
        assert_eq!(datum_text(&json!(7)), "7");
    }

    #[test]
    fn table_pads_all_but_last_column() {
        let t = Table {
            caption: Some("T table".into()),
            headings: vec!["a".into(), "name".into()],
            rows: vec![vec![Cell::string("xyz"), Cell::string("q")]],
        };
        let mut p = Printer::new(Format::Table, true);
        assert_eq!(p.render(&t), "T table\na   name\n--- ----\nxyz q\n");
        assert_eq!(p.render(&t), "\nT table\na   name\n--- ----\nxyz q\n");
        let mut p = Printer::new(Format::Csv, true);
        assert_eq!(p.render(&t), "T table\na,name\nxyz,q\n");
        let mut p = Printer::new(Format::Json, true);
        assert_eq!(
            p.render(&t),
            "{\"caption\":\"T table\",\"data\":[[\"xyz\",\"q\"]],\"headings\":[\"a\",\"name\"]}\n"
        );
    }
}
