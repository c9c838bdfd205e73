//! Adapter: builds an [`NbSnapshot`] from an `ovsdb::db::Database` holding an
//! OVN_Northbound database, column by column name.
//!
//! This is the only file in northd that reads NB rows by column name. It is a stopgap
//! until the typed rows generated from `ovn-nb.ovsschema` (and the IDL that keeps them
//! current) exist; then it is replaced by conversions from those typed rows, and nothing
//! else in northd changes.

use std::collections::BTreeMap;

use ovsdb::data::{Atom, Datum};
use ovsdb::db::{Database, Row};
use ovsdb::schema::TableSchema;
use uuid::Uuid;

use super::{
    Acl, AclAction, AddressSet, Direction, LogicalSwitch, LogicalSwitchPort, LspAddress, LspType,
    NbGlobal, NbSnapshot, PortAddresses, PortGroup, Severity,
};

#[derive(Debug, thiserror::Error)]
pub enum FromDbError {
    #[error("database is {0}, not OVN_Northbound")]
    WrongSchema(String),
    #[error("table {0} missing from the schema")]
    MissingTable(&'static str),
}

struct Cols<'a> {
    ts: &'a TableSchema,
    row: &'a Row,
}

impl Cols<'_> {
    fn datum(&self, name: &str) -> Option<&Datum> {
        self.row.get_by_name(self.ts, name)
    }
    fn atoms(&self, name: &str) -> Vec<&Atom> {
        match self.datum(name) {
            Some(Datum::Set(s)) => s.iter().collect(),
            _ => Vec::new(),
        }
    }
    fn string(&self, name: &str) -> String {
        self.opt_string(name).unwrap_or_default()
    }
    fn opt_string(&self, name: &str) -> Option<String> {
        self.atoms(name)
            .first()
            .and_then(|a| a.as_str())
            .map(str::to_string)
    }
    fn strings(&self, name: &str) -> Vec<String> {
        self.atoms(name)
            .iter()
            .filter_map(|a| a.as_str().map(str::to_string))
            .collect()
    }
    fn uuids(&self, name: &str) -> Vec<Uuid> {
        self.atoms(name)
            .iter()
            .filter_map(|a| a.as_uuid())
            .collect()
    }
    fn opt_int(&self, name: &str) -> Option<i64> {
        self.atoms(name).first().and_then(|a| a.as_integer())
    }
    fn opt_bool(&self, name: &str) -> Option<bool> {
        match self.atoms(name).first() {
            Some(Atom::Boolean(b)) => Some(*b),
            _ => None,
        }
    }
    fn map(&self, name: &str) -> BTreeMap<String, String> {
        match self.datum(name) {
            Some(Datum::Map(m)) => m
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
                .collect(),
            _ => BTreeMap::new(),
        }
    }
}

fn rows<'a>(
    db: &'a Database,
    table: &'static str,
) -> Result<impl Iterator<Item = Cols<'a>> + 'a, FromDbError> {
    let t = db.table(table).ok_or(FromDbError::MissingTable(table))?;
    let ts: &TableSchema = &t.schema;
    Ok(t.rows.values().map(move |row| Cols { ts, row }))
}

/// Reads every row northd needs. Rows with values ovn-northd would reject (an unknown
/// ACL action, say) are skipped, as ovn-northd skips them.
pub fn snapshot_from_db(db: &Database) -> Result<NbSnapshot, FromDbError> {
    if db.schema().name != "OVN_Northbound" {
        return Err(FromDbError::WrongSchema(db.schema().name.clone()));
    }
    let mut nb = NbSnapshot::default();
    if let Some(g) = rows(db, "NB_Global")?.next() {
        nb.global = NbGlobal {
            uuid: g.row.uuid(),
            options: g.map("options"),
        };
    }
    for c in rows(db, "Logical_Switch")? {
        let ls = LogicalSwitch {
            uuid: c.row.uuid(),
            name: c.string("name"),
            ports: c.uuids("ports"),
            acls: c.uuids("acls"),
            other_config: c.map("other_config"),
            external_ids: c.map("external_ids"),
        };
        nb.switches.insert(ls.uuid, ls);
    }
    for c in rows(db, "Logical_Switch_Port")? {
        let lsp = LogicalSwitchPort {
            uuid: c.row.uuid(),
            name: c.string("name"),
            type_: LspType::parse(&c.string("type")),
            addresses: c
                .strings("addresses")
                .iter()
                .filter_map(|s| LspAddress::parse(s))
                .collect(),
            addresses_text: c.strings("addresses"),
            dynamic_addresses: c
                .opt_string("dynamic_addresses")
                .and_then(|s| PortAddresses::parse(&s)),
            port_security: c.strings("port_security"),
            enabled: c.opt_bool("enabled"),
            options: c.map("options"),
            tag: c.opt_int("tag").and_then(|t| u16::try_from(t).ok()),
            parent_name: c.opt_string("parent_name"),
            external_ids: c.map("external_ids"),
        };
        nb.ports.insert(lsp.uuid, lsp);
    }
    for c in rows(db, "ACL")? {
        let direction = match c.string("direction").as_str() {
            "from-lport" => Direction::FromLport,
            "to-lport" => Direction::ToLport,
            _ => continue,
        };
        let Some(action) = AclAction::parse(&c.string("action")) else {
            continue;
        };
        let acl = Acl {
            uuid: c.row.uuid(),
            direction,
            priority: c.opt_int("priority").unwrap_or(0).clamp(0, 32767) as u16,
            match_: c.string("match"),
            action,
            log: c.opt_bool("log").unwrap_or(false),
            name: c.opt_string("name"),
            severity: c.opt_string("severity").and_then(|s| Severity::parse(&s)),
            meter: c.opt_string("meter"),
            label: c.opt_int("label").unwrap_or(0).clamp(0, u32::MAX.into()) as u32,
        };
        nb.acls.insert(acl.uuid, acl);
    }
    for c in rows(db, "Port_Group")? {
        let pg = PortGroup {
            uuid: c.row.uuid(),
            name: c.string("name"),
            ports: c.uuids("ports"),
            acls: c.uuids("acls"),
        };
        nb.port_groups.insert(pg.uuid, pg);
    }
    for c in rows(db, "Address_Set")? {
        let a = AddressSet {
            uuid: c.row.uuid(),
            name: c.string("name"),
            addresses: c.strings("addresses"),
        };
        nb.address_sets.insert(a.uuid, a);
    }
    Ok(nb)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ovsdb::schema::DatabaseSchema;

    use super::*;

    #[test]
    fn refuses_other_databases() {
        let schema = DatabaseSchema::parse_str(
            r#"{"name": "OVN_Southbound", "version": "1.0.0", "tables": {}}"#,
        )
        .unwrap();
        let db = Database::new(Arc::new(schema));
        assert!(matches!(
            snapshot_from_db(&db),
            Err(FromDbError::WrongSchema(n)) if n == "OVN_Southbound"
        ));
    }

    #[test]
    fn reads_typed_values() {
        let schema = DatabaseSchema::parse_str(
            r#"{"name": "OVN_Northbound", "version": "7.0.0", "tables": {
                "NB_Global": {"columns": {"options": {"type": {"key": "string", "value": "string", "min": 0, "max": "unlimited"}}}},
                "Logical_Switch": {"columns": {"name": {"type": "string"}}},
                "Logical_Switch_Port": {"columns": {
                    "name": {"type": "string"},
                    "addresses": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
                    "enabled": {"type": {"key": "boolean", "min": 0, "max": 1}},
                    "tag": {"type": {"key": "integer", "min": 0, "max": 1}}}},
                "ACL": {"columns": {
                    "direction": {"type": "string"}, "action": {"type": "string"},
                    "priority": {"type": "integer"}, "match": {"type": "string"},
                    "label": {"type": "integer"}}},
                "Port_Group": {"columns": {"name": {"type": "string"}}},
                "Address_Set": {"columns": {"name": {"type": "string"}}}}}"#,
        )
        .unwrap();
        let mut db = Database::new(Arc::new(schema));
        db.apply_log_record(&serde_json::json!({
            "Logical_Switch_Port": {"6f7b1c2e-0000-4000-8000-000000000001": {
                "name": "p", "addresses": ["set", ["00:00:00:00:00:01 10.0.0.1", "unknown"]],
                "enabled": false, "tag": 7}},
            "ACL": {"6f7b1c2e-0000-4000-8000-000000000002": {
                "direction": "to-lport", "action": "allow-related", "priority": 1001,
                "match": "ip4", "label": 5},
                "6f7b1c2e-0000-4000-8000-000000000003": {
                "direction": "to-lport", "action": "pass", "priority": 1, "match": "1"}}
        }))
        .unwrap();
        let nb = snapshot_from_db(&db).unwrap();
        let p = nb.port_by_name("p").unwrap();
        assert!(!p.is_enabled() && p.has_unknown());
        assert_eq!(p.tag, Some(7));
        assert_eq!(p.known_addresses()[0].ipv4[0].0.to_string(), "10.0.0.1");
        // The ACL with an action OVN 23.03 does not know is skipped.
        assert_eq!(nb.acls.len(), 1);
        let acl = nb.acls.values().next().unwrap();
        assert_eq!(
            (acl.direction, acl.action, acl.priority, acl.label),
            (Direction::ToLport, AclAction::AllowRelated, 1001, 5)
        );
    }
}
