//! `Table`: the committed rows of one table, by uuid.

use std::collections::BTreeMap;
use std::sync::Arc;

use uuid::Uuid;

use super::row::Row;
use crate::schema::TableSchema;

#[derive(Debug, Clone)]
pub struct Table {
    pub schema: Arc<TableSchema>,
    pub rows: BTreeMap<Uuid, Row>,
}

impl Table {
    pub fn new(schema: Arc<TableSchema>) -> Table {
        Table {
            schema,
            rows: BTreeMap::new(),
        }
    }
    pub fn get(&self, uuid: &Uuid) -> Option<&Row> {
        self.rows.get(uuid)
    }
    pub fn len(&self) -> usize {
        self.rows.len()
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
