//! [`FileLog`]: a database served from an Open vSwitch standalone database file.
//!
//! Opening replays every good record (a torn last record is cut off, as ovsdb-server
//! does); each commit appends one record; the log is compacted online — rewritten as the
//! schema plus one snapshot record, then renamed over the old file — once it has grown
//! to several times the size of the last snapshot.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use tracing::info;

use crate::db::Database;
use crate::schema::DatabaseSchema;
use crate::storage::LogWriter;

use super::core::Persist;

/// Compact when the file exceeds this many bytes and...
const MIN_COMPACT_BYTES: u64 = 10 * 1024 * 1024;
/// ...is this many times larger than right after the last compaction (or open).
const GROWTH_FACTOR: u64 = 4;

/// The open database file of one served database.
pub struct FileLog {
    writer: LogWriter,
    schema_json: Value,
    size_after_compaction: u64,
}

impl FileLog {
    /// Opens `path`, replays it, and returns the database and its log.
    pub fn open(path: &Path) -> Result<(Database, FileLog), String> {
        let (writer, records) = LogWriter::open(path).map_err(|e| e.to_string())?;
        let mut records = records.into_iter();
        let schema_json = records
            .next()
            .ok_or_else(|| "database file has no schema record".to_string())?;
        let schema = DatabaseSchema::from_json(&schema_json)
            .map_err(|e| format!("bad schema in database file: {e}"))?;
        let mut db = Database::new(Arc::new(schema));
        for (i, record) in records.enumerate() {
            db.apply_log_record(&record)
                .map_err(|e| format!("record {}: {}", i + 2, e.0))?;
        }
        let size = writer.offset();
        Ok((
            db,
            FileLog {
                writer,
                schema_json,
                size_after_compaction: size,
            },
        ))
    }

    /// Rewrites the file as schema + snapshot now.
    pub fn compact(&mut self, db: &Database) -> std::io::Result<()> {
        let before = self.writer.offset();
        self.writer
            .compact(&self.schema_json, &db.snapshot_record())
            .map_err(std::io::Error::other)?;
        self.size_after_compaction = self.writer.offset();
        info!(
            file = %self.writer.path().display(),
            before,
            after = self.size_after_compaction,
            "compacted database log"
        );
        Ok(())
    }
}

impl Persist for FileLog {
    fn append(&mut self, record: &Value, durable: bool) -> std::io::Result<()> {
        self.writer
            .append(record, durable)
            .map_err(std::io::Error::other)
    }

    fn maybe_compact(&mut self, db: &Database) -> std::io::Result<()> {
        let size = self.writer.offset();
        if size >= MIN_COMPACT_BYTES && size >= GROWTH_FACTOR * self.size_after_compaction {
            self.compact(db)
        } else {
            Ok(())
        }
    }
}
