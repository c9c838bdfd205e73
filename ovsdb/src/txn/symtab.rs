//! The transaction's `uuid-name` symbol table.
//!
//! Invariant: a name maps to one uuid for the whole transaction; `created` is set by the
//! `insert` that declares it. A name only referenced (never inserted) keeps a fresh uuid
//! that names no row, so a strong reference to it fails the commit, as in ovsdb-server.

use std::collections::HashMap;

use uuid::Uuid;

use crate::data::NameResolver;
use crate::error::Result;

#[derive(Debug, Default)]
pub struct SymbolTable {
    symbols: HashMap<String, Symbol>,
}

#[derive(Debug, Clone, Copy)]
struct Symbol {
    uuid: Uuid,
    created: bool,
}

impl SymbolTable {
    /// Declares `name` as the row an insert creates; `None` if already declared.
    pub fn declare(&mut self, name: &str, chosen: Option<Uuid>) -> Option<Uuid> {
        match self.symbols.get_mut(name) {
            Some(s) if s.created => None,
            Some(s) => {
                s.created = true;
                if let Some(u) = chosen {
                    s.uuid = u;
                }
                Some(s.uuid)
            }
            None => {
                let uuid = chosen.unwrap_or_else(Uuid::new_v4);
                self.symbols.insert(
                    name.to_string(),
                    Symbol {
                        uuid,
                        created: true,
                    },
                );
                Some(uuid)
            }
        }
    }
}

impl NameResolver for SymbolTable {
    fn resolve(&mut self, name: &str) -> Result<Uuid> {
        Ok(self
            .symbols
            .entry(name.to_string())
            .or_insert_with(|| Symbol {
                uuid: Uuid::new_v4(),
                created: false,
            })
            .uuid)
    }
}
