//! Errors of the storage layer. A torn or corrupt tail is not an error (it is reported by
//! [`super::LogReader::tail_error`]); these are the conditions that stop opening a file.

use std::path::PathBuf;

use thiserror::Error;

/// Why a database file cannot be opened, read or written.
#[derive(Debug, Error)]
pub enum StorageError {
    /// Underlying I/O failure.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The file is an Open vSwitch clustered database, which this reader does not handle.
    #[error(
        "{0}: is a clustered database (OVSDB CLUSTER); only standalone databases are supported"
    )]
    Clustered(PathBuf),
    /// The file does not start with a valid standalone record.
    #[error("{path}: not a standalone OVSDB database file: {reason}")]
    NotADatabase {
        /// The file involved.
        path: PathBuf,
        /// What was wrong with the first record.
        reason: String,
    },
}

impl StorageError {
    pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> StorageError + '_ {
        move |source| StorageError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
