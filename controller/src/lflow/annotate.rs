//! From the syntax tree to a Boolean combination of bit tests on OVS fields.
//!
//! This is where the language's meaning is applied:
//! - symbols resolve to bits of an OVS field, sub-field references narrow them;
//! - predicates are replaced by their expansion;
//! - every use of a symbol is ANDed with the symbol's prerequisites (never negated: `!ct.est`
//!   means "tracked and not established");
//! - negation is pushed down to the comparisons (De Morgan), flipping each operator;
//! - `==`/`!=` against a set become OR/AND of single comparisons;
//! - `!=` on a multi-bit value becomes "some bit differs": an OR of one-bit tests;
//! - `<`, `<=`, `>`, `>=` become ORs of prefix tests;
//! - `$addrset`, `@portgroup` and port names are resolved through the caller's [`Lookup`].

use super::ast::{Expr, FieldRef, Operand, RelOp, Value};
use super::lookup::Lookup;
use super::ovs_field::OvsField;
use super::symtab::{Level, ResolvedField, SymbolError, SymbolKind, SymbolTable};
use super::value::{width_mask, Constant};

/// `(field & mask) == value`, with `value & !mask == 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Test {
    pub field: OvsField,
    pub value: u128,
    pub mask: u128,
}

impl Test {
    /// Both tests at once, or `None` if no packet passes both.
    pub fn intersect(&self, other: &Test) -> Option<Test> {
        debug_assert_eq!(self.field, other.field);
        if (self.value ^ other.value) & self.mask & other.mask != 0 {
            return None;
        }
        Some(Test {
            field: self.field,
            value: self.value | other.value,
            mask: self.mask | other.mask,
        })
    }
}

/// A Boolean expression over bit tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BExpr {
    Const(bool),
    Test(Test),
    And(Vec<BExpr>),
    Or(Vec<BExpr>),
}

/// Why a logical flow's match (or an action's use of a field) cannot be compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    #[error(transparent)]
    Parse(#[from] super::parser::ParseError),
    #[error(transparent)]
    Symbol(#[from] SymbolError),
    #[error("`{0}` is wider than one bit: compare it explicitly")]
    NotOneBit(String),
    #[error("nominal field `{0}` may only be tested for equality")]
    Nominal(String),
    #[error("`{field}` is a {kind} field but the value `{value}` is not")]
    TypeMismatch {
        field: String,
        kind: &'static str,
        value: String,
    },
    #[error("constant `{value}` does not fit in `{field}` ({width} bits)")]
    TooWide {
        field: String,
        value: String,
        width: u32,
    },
    #[error("`{op}` needs a single unmasked constant")]
    BadRelational { op: &'static str },
    #[error("predicate `{0}` may only be compared with 0 or 1")]
    PredicateCompare(String),
    #[error("unknown address set `${0}`")]
    UnknownAddressSet(String),
    #[error("unknown port group `@{0}`")]
    UnknownPortGroup(String),
    #[error("address set member `{0}` is not a constant")]
    BadAddressSetMember(String),
    #[error("unknown function `{0}`")]
    UnknownFunction(String),
    #[error("expression nests too deeply")]
    TooDeep,
    #[error("expression expands to too many flows")]
    TooComplex,
}

/// The port name that always means key 0 ("no port"): `outport == "none"` matches what
/// `outport = get_fdb(...)` leaves behind when the lookup fails.
pub const NONE_PORT: &str = "none";

const MAX_DEPTH: u32 = 64;

/// Turns a match expression into bit tests.
pub struct Annotator<'a> {
    pub symtab: &'a SymbolTable,
    pub lookup: &'a dyn Lookup,
}

impl Annotator<'_> {
    pub fn annotate(&self, e: &Expr) -> Result<BExpr, CompileError> {
        self.expr(e, false, 0)
    }

    fn expr(&self, e: &Expr, neg: bool, depth: u32) -> Result<BExpr, CompileError> {
        if depth > MAX_DEPTH {
            return Err(CompileError::TooDeep);
        }
        let d = depth + 1;
        Ok(match e {
            Expr::Bool(b) => BExpr::Const(*b != neg),
            Expr::Not(inner) => self.expr(inner, !neg, d)?,
            Expr::And(v) | Expr::Or(v) => {
                let subs = v
                    .iter()
                    .map(|s| self.expr(s, neg, d))
                    .collect::<Result<Vec<_>, _>>()?;
                // De Morgan: !(a && b) == !a || !b.
                if matches!(e, Expr::And(_)) != neg {
                    BExpr::And(subs)
                } else {
                    BExpr::Or(subs)
                }
            }
            Expr::Call { name, args } => match (name.as_str(), args.as_slice()) {
                ("is_chassis_resident", [Value::Str(port)]) => {
                    BExpr::Const(self.lookup.is_chassis_resident(port) != neg)
                }
                _ => return Err(CompileError::UnknownFunction(name.clone())),
            },
            Expr::Bare(f) => self.bare(f, neg, d)?,
            Expr::Cmp { field, op, rhs } => self.cmp(field, *op, rhs, neg, d)?,
            Expr::Range { .. } => {
                let (a, b) = e.range_parts().ok_or(CompileError::TooDeep)?;
                self.expr(&Expr::And(vec![a, b]), neg, d)?
            }
        })
    }

    fn predicate(&self, f: &FieldRef) -> Option<&Expr> {
        if f.range.is_some() {
            return None;
        }
        match &self.symtab.get(&f.name)?.kind {
            SymbolKind::Predicate { expansion } => Some(expansion),
            _ => None,
        }
    }

    fn bare(&self, f: &FieldRef, neg: bool, d: u32) -> Result<BExpr, CompileError> {
        if let Some(expansion) = self.predicate(f) {
            return self.expr(expansion, neg, d);
        }
        let rf = self.symtab.resolve(f)?;
        if rf.width != 1 || rf.is_string {
            return Err(CompileError::NotOneBit(f.to_string()));
        }
        let one = Operand::One(Value::Int(Constant::decimal(1)));
        self.cmp_resolved(f, &rf, RelOp::Eq, &one, neg, d)
    }

    fn cmp(
        &self,
        f: &FieldRef,
        op: RelOp,
        rhs: &Operand,
        neg: bool,
        d: u32,
    ) -> Result<BExpr, CompileError> {
        if let Some(expansion) = self.predicate(f) {
            // `ip4 == 1` is `ip4`, `ip4 != 1` and `ip4 == 0` are `!ip4`.
            let v = match rhs.values() {
                [Value::Int(c)] if c.mask.is_none() && c.value <= 1 => c.value == 1,
                _ => return Err(CompileError::PredicateCompare(f.name.clone())),
            };
            let positive = match op {
                RelOp::Eq => v,
                RelOp::Ne => !v,
                _ => return Err(CompileError::PredicateCompare(f.name.clone())),
            };
            return self.expr(expansion, neg == positive, d);
        }
        let rf = self.symtab.resolve(f)?;
        self.cmp_resolved(f, &rf, op, rhs, neg, d)
    }

    fn cmp_resolved(
        &self,
        f: &FieldRef,
        rf: &ResolvedField,
        op: RelOp,
        rhs: &Operand,
        neg: bool,
        d: u32,
    ) -> Result<BExpr, CompileError> {
        let op = if neg { op.negate() } else { op };
        let test = if rf.is_string {
            self.string_cmp(f, rf, op, rhs)?
        } else {
            self.int_cmp(f, rf, op, rhs)?
        };
        if rf.prereqs.is_empty() {
            return Ok(test);
        }
        let mut all = vec![test];
        for p in &rf.prereqs {
            all.push(self.expr(p, false, d)?);
        }
        Ok(BExpr::And(all))
    }

    fn string_cmp(
        &self,
        f: &FieldRef,
        rf: &ResolvedField,
        op: RelOp,
        rhs: &Operand,
    ) -> Result<BExpr, CompileError> {
        if op != RelOp::Eq {
            return Err(CompileError::Nominal(f.to_string()));
        }
        let mut names = Vec::new();
        for v in rhs.values() {
            match v {
                Value::Str(s) => names.push(s.clone()),
                Value::PortGroup(g) => names.extend(
                    self.lookup
                        .port_group(g)
                        .ok_or_else(|| CompileError::UnknownPortGroup(g.clone()))?,
                ),
                other => {
                    return Err(CompileError::TypeMismatch {
                        field: f.to_string(),
                        kind: "string",
                        value: other.to_string(),
                    })
                }
            }
        }
        let full = width_mask(rf.width);
        let tests = names
            .iter()
            .filter_map(|n| {
                if n == NONE_PORT {
                    Some(0)
                } else {
                    self.lookup.port_key(n)
                }
            })
            .map(|key| make_test(rf.field, u128::from(key) & full, full))
            .collect();
        Ok(BExpr::Or(tests))
    }

    /// The right-hand side as `(value, mask)` pairs relative to the field's width.
    fn int_values(
        &self,
        f: &FieldRef,
        rf: &ResolvedField,
        rhs: &Operand,
    ) -> Result<Vec<(u128, u128)>, CompileError> {
        let mut consts = Vec::new();
        for v in rhs.values() {
            match v {
                Value::Int(c) => consts.push(*c),
                Value::AddrSet(name) => {
                    let members = self
                        .lookup
                        .address_set(name)
                        .ok_or_else(|| CompileError::UnknownAddressSet(name.clone()))?;
                    for m in members {
                        consts
                            .push(Constant::parse(&m).ok_or(CompileError::BadAddressSetMember(m))?);
                    }
                }
                other => {
                    return Err(CompileError::TypeMismatch {
                        field: f.to_string(),
                        kind: "integer",
                        value: other.to_string(),
                    })
                }
            }
        }
        let full = width_mask(rf.width);
        consts
            .iter()
            .map(|c| {
                let mask = c.mask_bits().unwrap_or(full);
                if c.value & !full != 0 || mask & !full != 0 {
                    return Err(CompileError::TooWide {
                        field: f.to_string(),
                        value: c.to_string(),
                        width: rf.width,
                    });
                }
                if rf.level == Level::Nominal && mask != full {
                    return Err(CompileError::Nominal(f.to_string()));
                }
                // `10.0.0.1/255.0.255.0` matches like `10.0.0.0/255.0.255.0` (as in OVN).
                Ok((c.value & mask, mask))
            })
            .collect()
    }

    fn int_cmp(
        &self,
        f: &FieldRef,
        rf: &ResolvedField,
        op: RelOp,
        rhs: &Operand,
    ) -> Result<BExpr, CompileError> {
        let values = self.int_values(f, rf, rhs)?;
        if rf.level == Level::Nominal && op != RelOp::Eq {
            return Err(CompileError::Nominal(f.to_string()));
        }
        let shift = rf.lo;
        let at = |v: u128, m: u128| make_test(rf.field, v << shift, m << shift);
        match op {
            RelOp::Eq => Ok(BExpr::Or(values.iter().map(|&(v, m)| at(v, m)).collect())),
            RelOp::Ne => Ok(BExpr::And(
                values
                    .iter()
                    .map(|&(v, m)| negate_test(rf.field, v << shift, m << shift))
                    .collect(),
            )),
            _ => {
                let full = width_mask(rf.width);
                let c = match values.as_slice() {
                    [(v, m)] if *m == full => *v,
                    _ => return Err(CompileError::BadRelational { op: op.as_str() }),
                };
                let pairs = relational(op, c, rf.width);
                Ok(BExpr::Or(
                    pairs.into_iter().map(|(v, m)| at(v, m)).collect(),
                ))
            }
        }
    }
}

/// A test on `field`; wide registers become tests on the 32-bit registers they overlay.
pub fn make_test(field: OvsField, value: u128, mask: u128) -> BExpr {
    if mask == 0 {
        return BExpr::Const(true);
    }
    match field.overlaid_regs() {
        None => BExpr::Test(Test { field, value, mask }),
        Some(regs) => {
            let n = regs.len();
            let parts = regs
                .into_iter()
                .enumerate()
                .filter_map(|(i, reg)| {
                    let shift = 32 * (n - 1 - i);
                    let m = (mask >> shift) & 0xffff_ffff;
                    (m != 0).then(|| {
                        BExpr::Test(Test {
                            field: reg,
                            value: (value >> shift) & m,
                            mask: m,
                        })
                    })
                })
                .collect();
            BExpr::And(parts)
        }
    }
}

/// `(field & mask) != value`: some bit under the mask differs.
pub fn negate_test(field: OvsField, value: u128, mask: u128) -> BExpr {
    let mut bits = Vec::new();
    let mut m = mask;
    while m != 0 {
        let bit = m & m.wrapping_neg();
        bits.push(make_test(field, !value & bit, bit));
        m &= !bit;
    }
    BExpr::Or(bits)
}

/// `x OP c` for an ordinal field `width` bits wide, as `(value, mask)` prefix tests:
/// - `x < c`: for each 1 bit of `c`, the bits above it equal, that bit 0, the rest free;
/// - `x > c`: for each 0 bit of `c`, the bits above it equal, that bit 1, the rest free;
/// - `<=` and `>=` add `x == c`.
pub fn relational(op: RelOp, c: u128, width: u32) -> Vec<(u128, u128)> {
    let full = width_mask(width);
    let mut out = Vec::new();
    if matches!(op, RelOp::Le | RelOp::Ge) {
        out.push((c, full));
    }
    let want_ones = matches!(op, RelOp::Lt | RelOp::Le);
    for i in 0..width {
        let bit = 1u128 << i;
        if (c & bit != 0) != want_ones {
            continue;
        }
        let above = full & !width_mask(i + 1);
        let mask = above | bit;
        let value = (c & above) | if want_ones { 0 } else { bit };
        out.push((value, mask));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relational_prefixes() {
        // The real ovn-controller's flows for `tcp.src < 1024`: tp_src=0x0/0xfc00.
        assert_eq!(relational(RelOp::Lt, 1024, 16), vec![(0, 0xfc00)]);
        // `x >= 1000`: 1000 itself, 1001, 0x3ea/0xfffe, ...
        let ge = relational(RelOp::Ge, 1000, 16);
        assert_eq!(&ge[..3], &[(1000, 0xffff), (1001, 0xffff), (0x3ea, 0xfffe)]);
        assert!(relational(RelOp::Lt, 0, 16).is_empty());
        assert!(relational(RelOp::Gt, 0xffff, 16).is_empty());
    }

    #[test]
    fn wide_registers_split() {
        let t = make_test(OvsField::Xxreg(0), 1, 1);
        assert_eq!(
            t,
            BExpr::And(vec![BExpr::Test(Test {
                field: OvsField::Reg(3),
                value: 1,
                mask: 1
            })])
        );
    }
}
