//! [`LogWriter`]: appending to (and compacting) a standalone database file.
//!
//! Invariants:
//! * On open, everything after the last good record is truncated away (and the
//!   truncation fsynced) before anything is appended, so a torn write never sits
//!   between two good records.
//! * `append(.., durable = true)` returns only after the record is on stable storage
//!   (`fdatasync`).
//! * Compaction writes schema + snapshot to `.<name>.tmp~` in the same directory,
//!   fsyncs it, renames it over the database and fsyncs the directory: at every instant
//!   the path names either the complete old file or the complete new one.
//! * No locking against other processes (ovsdb-server's lock file is not implemented).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tracing::{info, warn};

use super::error::StorageError;
use super::reader::LogReader;
use super::record::encode_record;

/// Appends records to a standalone database file.
#[derive(Debug)]
pub struct LogWriter {
    path: PathBuf,
    file: File,
    offset: u64,
}

fn sync_dir(path: &Path) -> Result<(), StorageError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(StorageError::io(dir))
}

impl LogWriter {
    /// Creates a new database file (failing if it exists) holding only `schema`, durably.
    pub fn create(path: impl AsRef<Path>, schema: &Value) -> Result<LogWriter, StorageError> {
        let path = path.as_ref().to_path_buf();
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(StorageError::io(&path))?;
        let mut w = LogWriter {
            path,
            file,
            offset: 0,
        };
        w.append(schema, true)?;
        sync_dir(&w.path)?;
        Ok(w)
    }

    /// Opens an existing file for appending: reads all good records (the schema first),
    /// truncates any bad tail, and returns the writer with the records.
    pub fn open(path: impl AsRef<Path>) -> Result<(LogWriter, Vec<Value>), StorageError> {
        let path = path.as_ref().to_path_buf();
        let mut reader = LogReader::open(&path)?;
        let records = reader.read_all()?;
        if records.is_empty() {
            return Err(StorageError::NotADatabase {
                path,
                reason: reader.tail_error().unwrap_or("file is empty").to_string(),
            });
        }
        let offset = reader.offset();
        let file = OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(StorageError::io(&path))?;
        let len = file.metadata().map_err(StorageError::io(&path))?.len();
        if len != offset {
            warn!(path = %path.display(), from = len, to = offset, "truncating bad tail of database log");
            file.set_len(offset).map_err(StorageError::io(&path))?;
            file.sync_all().map_err(StorageError::io(&path))?;
        }
        Ok((LogWriter { path, file, offset }, records))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Current file length (end of the last record written).
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Appends one record; with `durable`, waits until it is on stable storage.
    pub fn append(&mut self, record: &Value, durable: bool) -> Result<(), StorageError> {
        let bytes = encode_record(record);
        if let Err(e) = self.file.write_all(&bytes) {
            // Do not leave a partial record for the next append to follow.
            let _ = self.file.set_len(self.offset);
            return Err(StorageError::io(&self.path)(e));
        }
        self.offset += bytes.len() as u64;
        if durable {
            self.file
                .sync_data()
                .map_err(StorageError::io(&self.path))?;
        }
        Ok(())
    }

    /// Flushes everything appended so far to stable storage.
    pub fn sync(&mut self) -> Result<(), StorageError> {
        self.file.sync_data().map_err(StorageError::io(&self.path))
    }

    /// Replaces the file by one holding `schema` then `snapshot` (see module docs).
    pub fn compact(&mut self, schema: &Value, snapshot: &Value) -> Result<(), StorageError> {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "db".into());
        let tmp = self.path.with_file_name(format!(".{name}.tmp~"));
        let result = (|| {
            let mut f = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&tmp)
                .map_err(StorageError::io(&tmp))?;
            let mut bytes = encode_record(schema);
            bytes.extend_from_slice(&encode_record(snapshot));
            f.write_all(&bytes).map_err(StorageError::io(&tmp))?;
            f.sync_all().map_err(StorageError::io(&tmp))?;
            std::fs::rename(&tmp, &self.path).map_err(StorageError::io(&self.path))?;
            sync_dir(&self.path)?;
            Ok(bytes.len() as u64)
        })();
        match result {
            Ok(len) => {
                self.file = OpenOptions::new()
                    .append(true)
                    .open(&self.path)
                    .map_err(StorageError::io(&self.path))?;
                info!(path = %self.path.display(), before = self.offset, after = len, "compacted database");
                self.offset = len;
                Ok(())
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(e)
            }
        }
    }
}
