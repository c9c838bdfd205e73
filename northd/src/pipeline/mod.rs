//! The logical switch pipeline of OVN 23.03, declared once: every stage with its table
//! number and name ([`Stage`]), and the registers, flags and conntrack bits that stages
//! use to talk to each other ([`regs`]). Nothing else in northd writes a table number or
//! a raw `reg0[N]`.

pub mod regs;
mod stage;

pub use stage::{Pipeline, Stage};
