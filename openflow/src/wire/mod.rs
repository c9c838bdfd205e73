//! The binary layer: bytes to typed representations and back.
//!
//! Every structure has `parse` (from a bounds-checked [`error::Reader`]) and `emit`
//! (to a `Vec<u8>` via `bytes::BufMut`) side by side; decoding never panics.

pub mod action;
pub mod compat;
pub mod error;
pub mod field;
pub mod instruction;
pub mod matching;
pub mod msg;
pub mod oxm;
pub mod view;

pub use action::{Action, NxAction, Subfield};
pub use error::{DecodeError, Reader};
pub use field::Field;
pub use instruction::Instruction;
pub use matching::Match;
pub use msg::{Header, Message, Version};
pub use oxm::{MatchField, OxmHeader};
