//! Open vSwitch's standalone database file (`man 5 ovsdb`): an append-only series of
//! records, each `OVSDB JSON <length> <sha1-hex>\n` followed by `length` bytes of JSON
//! text ending in `\n`, the SHA-1 covering exactly those bytes. The first record is the
//! schema, every later one a transaction (or, after compaction, a snapshot).
//!
//! * `record` — encoding and header parsing of one record.
//! * `reader` — [`LogReader`]: records as `serde_json::Value`, stopping cleanly at a torn
//!   or corrupt tail and reporting where the good part ends.
//! * `writer` — [`LogWriter`]: open (truncating a bad tail, as ovsdb-server does), append,
//!   fsync on durable commits, compaction by temp file + rename.
//!
//! Clustered files (`OVSDB CLUSTER`) are refused with [`StorageError::Clustered`].
//! This layer does not interpret records; `db` replays them.

mod error;
mod reader;
mod record;
mod writer;

pub use error::StorageError;
pub use reader::LogReader;
pub use record::encode_record;
pub use writer::LogWriter;
