//! JSON-RPC 1.0 as OVSDB speaks it (RFC 7047 §4), on a raw byte stream.
//!
//! * [`Message`] is one JSON-RPC message, checked the way `ovsdb-server` checks them.
//! * [`Splitter`] is the sans-IO stream decoder: bytes in, complete JSON values out of a
//!   stream of concatenated JSON texts with no framing.
//! * [`Codec`] wraps both as a `tokio_util` `Decoder`/`Encoder`.
//!
//! Error classes (observed on ovsdb-server 3.1): malformed JSON, an oversized message, and
//! a well-formed JSON value that is not a valid JSON-RPC message are all fatal to the
//! connection — ovsdb-server logs a warning and disconnects in every one of those cases.
//! A *valid* request for an unknown method is not a codec error; the server answers it with
//! `{"id":..,"error":"unknown method"}`.

mod codec;
mod error;
mod message;
mod splitter;

pub use codec::Codec;
pub use error::{CodecError, MessageError, SplitError};
pub use message::Message;
pub use splitter::{Scanner, Splitter, DEFAULT_MAX_MESSAGE_SIZE};
