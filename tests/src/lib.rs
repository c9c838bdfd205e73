//! Cross-crate integration tests, the sandbox harness and whole-system benchmarks.

pub mod sandbox;
