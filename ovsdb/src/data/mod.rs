//! Values: `Atom`s and `Datum`s with RFC 7047 JSON in both directions, type checking
//! against `schema::Type`, and column diffs.

mod atom;
mod datum;
mod diff;
mod json;

pub use atom::{parse_uuid, Atom, NameResolver, NoNames};
pub use datum::Datum;
pub use uuid::Uuid;
