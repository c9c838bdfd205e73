//! [`LogReader`]: sequential reading of a standalone database file.
//!
//! Invariants:
//! * `offset()` is always the byte offset just past the last record returned, i.e. the
//!   length the file should be truncated to if the rest is bad.
//! * A torn or corrupt record (short header or body, bad header, length or checksum
//!   mismatch, body that is not a JSON object) ends the log: `next_record` returns
//!   `Ok(None)` and `tail_error()` says why. Nothing after it is read, as in ovsdb-server.
//! * A corrupt length cannot make the reader allocate more than the file holds.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha1::{Digest, Sha1};
use tracing::warn;

use super::error::StorageError;
use super::record::{hex, parse_header, Magic, MAX_HEADER};

/// Reads records from a standalone database file.
#[derive(Debug)]
pub struct LogReader {
    path: PathBuf,
    input: BufReader<File>,
    offset: u64,
    n_records: u64,
    tail_error: Option<String>,
    done: bool,
}

enum Step {
    Record(Value, u64),
    Eof,
    Torn(String),
}

impl LogReader {
    /// Opens `path`. Refuses clustered databases and files whose first bytes are not a
    /// standalone record header; an empty file is accepted (it has no records).
    pub fn open(path: impl AsRef<Path>) -> Result<LogReader, StorageError> {
        let path = path.as_ref().to_path_buf();
        let file = File::open(&path).map_err(StorageError::io(&path))?;
        let mut input = BufReader::new(file);
        let head = input.fill_buf().map_err(StorageError::io(&path))?;
        if head.starts_with(b"OVSDB CLUSTER ") {
            return Err(StorageError::Clustered(path));
        }
        if !head.is_empty() && !b"OVSDB JSON ".starts_with(&head[..head.len().min(11)]) {
            return Err(StorageError::NotADatabase {
                path,
                reason: "missing \"OVSDB JSON\" header".into(),
            });
        }
        Ok(LogReader {
            path,
            input,
            offset: 0,
            n_records: 0,
            tail_error: None,
            done: false,
        })
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Byte offset just past the last good record.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Number of records returned so far.
    pub fn n_records(&self) -> u64 {
        self.n_records
    }

    /// Why reading stopped before the end of the file, if it did.
    pub fn tail_error(&self) -> Option<&str> {
        self.tail_error.as_deref()
    }

    /// The next record; `Ok(None)` at the end of the good part of the file.
    pub fn next_record(&mut self) -> Result<Option<Value>, StorageError> {
        if self.done {
            return Ok(None);
        }
        match self.step().map_err(StorageError::io(&self.path))? {
            Step::Record(v, len) => {
                self.offset += len;
                self.n_records += 1;
                Ok(Some(v))
            }
            Step::Eof => {
                self.done = true;
                Ok(None)
            }
            Step::Torn(why) => {
                warn!(path = %self.path.display(), offset = self.offset, %why, "ignoring bad tail of database log");
                self.done = true;
                self.tail_error = Some(why);
                Ok(None)
            }
        }
    }

    /// Reads every remaining good record.
    pub fn read_all(&mut self) -> Result<Vec<Value>, StorageError> {
        let mut out = Vec::new();
        while let Some(v) = self.next_record()? {
            out.push(v);
        }
        Ok(out)
    }

    fn step(&mut self) -> std::io::Result<Step> {
        let mut line = Vec::new();
        (&mut self.input)
            .take(MAX_HEADER as u64)
            .read_until(b'\n', &mut line)?;
        if line.is_empty() {
            return Ok(Step::Eof);
        }
        if line.last() != Some(&b'\n') {
            return Ok(Step::Torn("incomplete record header".into()));
        }
        line.pop();
        let header = match parse_header(&line) {
            Ok(h) => h,
            Err(e) => return Ok(Step::Torn(e)),
        };
        if header.magic == Magic::Cluster {
            return Ok(Step::Torn("clustered record in standalone database".into()));
        }
        let mut body = Vec::new();
        (&mut self.input)
            .take(header.length)
            .read_to_end(&mut body)?;
        if (body.len() as u64) < header.length {
            return Ok(Step::Torn(format!(
                "record body is {} bytes, header says {}",
                body.len(),
                header.length
            )));
        }
        let digest = Sha1::digest(&body);
        if digest.as_slice() != header.sha1 {
            return Ok(Step::Torn(format!(
                "checksum mismatch: header {} but data {}",
                hex(&header.sha1),
                hex(&digest)
            )));
        }
        match serde_json::from_slice::<Value>(&body) {
            Ok(v @ Value::Object(_)) => Ok(Step::Record(v, line.len() as u64 + 1 + header.length)),
            Ok(_) => Ok(Step::Torn("record is not a JSON object".into())),
            Err(e) => Ok(Step::Torn(format!("record is not valid JSON: {e}"))),
        }
    }
}
