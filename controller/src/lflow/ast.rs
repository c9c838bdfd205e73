//! Typed syntax tree of a match expression, as written (before symbols are resolved).
//! `Display` prints the canonical text, which parses back to the same tree.

use std::fmt;

use super::value::{fmt_quoted, Constant};

/// A reference to a symbol, optionally narrowed to bits `lo..=hi`: `reg0`, `reg0[15]`,
/// `vlan.tci[13..15]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldRef {
    pub name: String,
    pub range: Option<BitRange>,
}

impl FieldRef {
    pub fn new(name: impl Into<String>) -> Self {
        FieldRef {
            name: name.into(),
            range: None,
        }
    }

    pub fn bits(name: impl Into<String>, lo: u16, hi: u16) -> Self {
        FieldRef {
            name: name.into(),
            range: Some(BitRange { lo, hi }),
        }
    }
}

/// Bits `lo..=hi` (inclusive, bit 0 least significant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BitRange {
    pub lo: u16,
    pub hi: u16,
}

impl BitRange {
    pub fn width(self) -> u32 {
        u32::from(self.hi - self.lo) + 1
    }
}

impl fmt::Display for FieldRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        match self.range {
            None => Ok(()),
            Some(r) if r.lo == r.hi => write!(f, "[{}]", r.lo),
            Some(r) => write!(f, "[{}..{}]", r.lo, r.hi),
        }
    }
}

/// Relational operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl RelOp {
    pub fn as_str(self) -> &'static str {
        match self {
            RelOp::Eq => "==",
            RelOp::Ne => "!=",
            RelOp::Lt => "<",
            RelOp::Le => "<=",
            RelOp::Gt => ">",
            RelOp::Ge => ">=",
        }
    }

    /// The operator that holds exactly when this one does not.
    pub fn negate(self) -> RelOp {
        match self {
            RelOp::Eq => RelOp::Ne,
            RelOp::Ne => RelOp::Eq,
            RelOp::Lt => RelOp::Ge,
            RelOp::Le => RelOp::Gt,
            RelOp::Gt => RelOp::Le,
            RelOp::Ge => RelOp::Lt,
        }
    }

    /// The operator with its operands swapped: `1 < x` is `x > 1`.
    pub fn reverse(self) -> RelOp {
        match self {
            RelOp::Lt => RelOp::Gt,
            RelOp::Le => RelOp::Ge,
            RelOp::Gt => RelOp::Lt,
            RelOp::Ge => RelOp::Le,
            op => op,
        }
    }
}

/// One element of a `{ ... }` set, or the right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Int(Constant),
    Str(String),
    /// `$name`
    AddrSet(String),
    /// `@name`
    PortGroup(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(c) => write!(f, "{c}"),
            Value::Str(s) => fmt_quoted(f, s),
            Value::AddrSet(s) => write!(f, "${s}"),
            Value::PortGroup(s) => write!(f, "@{s}"),
        }
    }
}

/// Right-hand side of a comparison: one value or a set.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Operand {
    One(Value),
    Set(Vec<Value>),
}

impl Operand {
    pub fn values(&self) -> &[Value] {
        match self {
            Operand::One(v) => std::slice::from_ref(v),
            Operand::Set(v) => v,
        }
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::One(v) => write!(f, "{v}"),
            Operand::Set(vs) => {
                f.write_str("{")?;
                for (i, v) in vs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A match expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Expr {
    /// `1` or `0`.
    Bool(bool),
    /// `field OP operand`. A comparison written constant-first is stored field-first with
    /// the operator reversed.
    Cmp {
        field: FieldRef,
        op: RelOp,
        rhs: Operand,
    },
    /// `lo LO_OP field HI_OP hi`, e.g. `1024 <= tcp.src <= 49151`: both comparisons hold.
    Range {
        lo: Operand,
        lo_op: RelOp,
        field: FieldRef,
        hi_op: RelOp,
        hi: Operand,
    },
    /// A field or predicate named on its own: `vlan.present`, `ip4`, `reg0[3]`.
    Bare(FieldRef),
    /// A function such as `is_chassis_resident("lsp1")`.
    Call {
        name: String,
        args: Vec<Value>,
    },
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

impl Expr {
    /// A range as the two comparisons it stands for.
    pub fn range_parts(&self) -> Option<(Expr, Expr)> {
        match self {
            Expr::Range {
                lo,
                lo_op,
                field,
                hi_op,
                hi,
            } => Some((
                Expr::Cmp {
                    field: field.clone(),
                    op: lo_op.reverse(),
                    rhs: lo.clone(),
                },
                Expr::Cmp {
                    field: field.clone(),
                    op: *hi_op,
                    rhs: hi.clone(),
                },
            )),
            _ => None,
        }
    }

    fn fmt_sub(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::And(_) | Expr::Or(_) => write!(f, "({self})"),
            _ => write!(f, "{self}"),
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Bool(b) => f.write_str(if *b { "1" } else { "0" }),
            Expr::Cmp { field, op, rhs } => write!(f, "{field} {} {rhs}", op.as_str()),
            Expr::Range {
                lo,
                lo_op,
                field,
                hi_op,
                hi,
            } => {
                write!(f, "{lo} {} {field} {} {hi}", lo_op.as_str(), hi_op.as_str())
            }
            Expr::Bare(field) => write!(f, "{field}"),
            Expr::Call { name, args } => {
                write!(f, "{name}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
            Expr::Not(e) => match **e {
                Expr::Bare(_) | Expr::Bool(_) | Expr::Not(_) | Expr::Call { .. } => {
                    write!(f, "!{e}")
                }
                _ => write!(f, "!({e})"),
            },
            Expr::And(v) | Expr::Or(v) => {
                let sep = if matches!(self, Expr::And(_)) {
                    " && "
                } else {
                    " || "
                };
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str(sep)?;
                    }
                    e.fmt_sub(f)?;
                }
                Ok(())
            }
        }
    }
}
