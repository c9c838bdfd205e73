//! From bit tests to OpenFlow matches.
//!
//! 1. The expression goes to disjunctive normal form: an OR of *terms*. A term is an AND of
//!    fixed tests plus *sets*: an OR of tests that all constrain the same field
//!    (`ip4.src == {a, b}`, `ip` = `eth.type == {0x800, 0x86dd}`, or the per-bit OR that
//!    `!=` produces). Sets are not distributed while the DNF is built, so `a != x && b != y`
//!    stays two sets instead of 32 × 32 terms.
//! 2. Each term is *crushed*: tests on one field merge (or make the term false), sets on one
//!    field are intersected pairwise, a set absorbs the fixed test on its field, a set of
//!    one becomes a fixed test.
//! 3. Matches, as ovn-controller builds them:
//!    - several terms: every term's sets are expanded, one flow per combination;
//!    - one term whose sets include a field that must be cross-producted (`eth.type`,
//!      `ip.proto`, ICMPv6 type: prerequisites of other fields) gets those sets expanded
//!      first, which usually yields several terms;
//!    - one term with one set: one flow per element;
//!    - one term with two or more sets: an OpenFlow conjunctive match. Each set is a clause
//!      (clauses ordered by field name); each element becomes a flow with
//!      `conjunction(id, k/n)`; one more flow matches `conj_id=id` and runs the actions.
//!      `ip4.src == {a, b, c} && tcp.dst == {80, 443}` is 3 + 2 + 1 flows, not 3 × 2.

use std::collections::{BTreeMap, BTreeSet};

use super::annotate::{BExpr, CompileError, Test};
use super::flow_match::{Conjunction, FlowMatch, MatchFlow};
use super::ovs_field::OvsField;

/// Upper bound on terms and flows one logical flow may expand to.
pub const MAX_EXPANSION: usize = 100_000;

/// A conjunction of fixed tests and per-field sets of alternatives.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    pub fixed: BTreeMap<OvsField, Test>,
    /// At most one set per field after crushing; elements sorted and unique.
    pub sets: BTreeMap<OvsField, Vec<Test>>,
}

impl Term {
    fn and_test(&mut self, t: Test) -> bool {
        match self.fixed.get(&t.field) {
            None => {
                self.fixed.insert(t.field, t);
                true
            }
            Some(old) => match old.intersect(&t) {
                Some(n) => {
                    self.fixed.insert(t.field, n);
                    true
                }
                None => false,
            },
        }
    }

    /// ANDs a set of alternatives on `field` into the term: two sets on one field become
    /// their pairwise intersections (`!= a && != b` crosses two per-bit sets).
    fn and_set(&mut self, field: OvsField, elems: Vec<Test>) -> Result<(), CompileError> {
        let merged = match self.sets.remove(&field) {
            None => elems,
            Some(old) => {
                if old.len().saturating_mul(elems.len()) > MAX_EXPANSION * 4 {
                    return Err(CompileError::TooComplex);
                }
                let mut m: Vec<Test> = old
                    .iter()
                    .flat_map(|a| elems.iter().filter_map(move |b| a.intersect(b)))
                    .collect();
                m.sort();
                m.dedup();
                if m.len() > MAX_EXPANSION {
                    return Err(CompileError::TooComplex);
                }
                m
            }
        };
        self.sets.insert(field, merged);
        Ok(())
    }

    /// Both terms at once, crushed; `None` if contradictory.
    fn and(&self, other: &Term) -> Result<Option<Term>, CompileError> {
        let mut t = self.clone();
        for test in other.fixed.values() {
            if !t.and_test(*test) {
                return Ok(None);
            }
        }
        for (f, elems) in &other.sets {
            t.and_set(*f, elems.clone())?;
        }
        Ok(t.crush())
    }

    /// Folds fixed tests into sets on the same field, drops tautological sets, turns
    /// singleton sets into fixed tests. `None` if the term can never match.
    fn crush(mut self) -> Option<Term> {
        loop {
            let mut changed = false;
            let fields: Vec<OvsField> = self.sets.keys().copied().collect();
            for f in fields {
                let mut elems = self.sets.remove(&f).unwrap_or_default();
                if let Some(fixed) = self.fixed.remove(&f) {
                    elems = elems.iter().filter_map(|e| e.intersect(&fixed)).collect();
                }
                elems.sort();
                elems.dedup();
                if elems.is_empty() {
                    return None;
                }
                if elems.iter().any(|e| e.mask == 0) {
                    // One alternative is "anything": the set says nothing.
                    changed = true;
                    continue;
                }
                if elems.len() == 1 {
                    self.fixed.insert(f, elems[0]);
                    changed = true;
                    continue;
                }
                self.sets.insert(f, elems);
            }
            if !changed {
                return Some(self);
            }
        }
    }

    /// Every combination of one element per set, as plain terms.
    fn expand(&self, fields: &[OvsField]) -> Result<Vec<Term>, CompileError> {
        let mut out = vec![Term {
            fixed: self.fixed.clone(),
            sets: BTreeMap::new(),
        }];
        for (f, elems) in &self.sets {
            if !fields.contains(f) {
                for t in &mut out {
                    t.sets.insert(*f, elems.clone());
                }
                continue;
            }
            let mut next = Vec::new();
            for t in &out {
                for e in elems {
                    let mut n = t.clone();
                    if n.and_test(*e) {
                        next.push(n);
                    }
                }
                if next.len() > MAX_EXPANSION {
                    return Err(CompileError::TooComplex);
                }
            }
            out = next;
        }
        Ok(out.into_iter().filter_map(Term::crush).collect())
    }
}

/// Disjunctive normal form of `e`, terms crushed and deduplicated.
pub fn dnf(e: &BExpr) -> Result<Vec<Term>, CompileError> {
    let mut terms = dnf_inner(e)?;
    terms.sort();
    terms.dedup();
    Ok(terms)
}

fn flatten_or<'a>(e: &'a BExpr, out: &mut Vec<&'a BExpr>) {
    match e {
        BExpr::Or(v) => v.iter().for_each(|s| flatten_or(s, out)),
        other => out.push(other),
    }
}

fn dnf_inner(e: &BExpr) -> Result<Vec<Term>, CompileError> {
    match e {
        BExpr::Const(true) => Ok(vec![Term::default()]),
        BExpr::Const(false) => Ok(Vec::new()),
        BExpr::Test(t) => {
            let mut term = Term::default();
            term.and_test(*t);
            Ok(vec![term])
        }
        BExpr::Or(_) => {
            let mut alts = Vec::new();
            flatten_or(e, &mut alts);
            alts.retain(|a| **a != BExpr::Const(false));
            if alts.iter().any(|a| **a == BExpr::Const(true)) {
                return Ok(vec![Term::default()]);
            }
            // All alternatives test the same field: keep them together as a set.
            if let Some(BExpr::Test(first)) = alts.first() {
                let same = alts
                    .iter()
                    .all(|a| matches!(a, BExpr::Test(t) if t.field == first.field));
                if same && alts.len() > 1 {
                    let elems = alts
                        .iter()
                        .filter_map(|a| match a {
                            BExpr::Test(t) => Some(*t),
                            _ => None,
                        })
                        .collect();
                    let mut term = Term::default();
                    term.and_set(first.field, elems)?;
                    return Ok(term.crush().into_iter().collect());
                }
            }
            let mut out = Vec::new();
            for a in alts {
                out.extend(dnf_inner(a)?);
                if out.len() > MAX_EXPANSION {
                    return Err(CompileError::TooComplex);
                }
            }
            Ok(out)
        }
        BExpr::And(v) => {
            let mut acc = vec![Term::default()];
            for sub in v {
                let d = dnf_inner(sub)?;
                let mut next = Vec::new();
                for a in &acc {
                    for b in &d {
                        if let Some(t) = a.and(b)? {
                            next.push(t);
                        }
                    }
                    if next.len() > MAX_EXPANSION {
                        return Err(CompileError::TooComplex);
                    }
                }
                next.sort();
                next.dedup();
                acc = next;
                if acc.is_empty() {
                    break;
                }
            }
            Ok(acc)
        }
    }
}

/// Options for turning terms into flows.
#[derive(Debug, Clone, Copy, Default)]
pub struct FlowOptions {
    /// Added to every flow: the logical datapath's key (`metadata`).
    pub metadata: Option<u64>,
    /// The `conj_id` to use if this match needs a conjunctive match.
    pub conj_id: u32,
}

/// The OpenFlow matches for an expression already in DNF.
pub fn to_flows(mut terms: Vec<Term>, opts: &FlowOptions) -> Result<Vec<MatchFlow>, CompileError> {
    if terms.len() == 1 {
        let must: Vec<OvsField> = terms[0]
            .sets
            .keys()
            .copied()
            .filter(|f| f.must_crossproduct())
            .collect();
        if !must.is_empty() {
            terms = terms[0].expand(&must)?;
            terms.sort();
            terms.dedup();
        }
    }
    let base = |fixed: &BTreeMap<OvsField, Test>| {
        let mut tests: Vec<Test> = fixed.values().copied().collect();
        if let Some(md) = opts.metadata {
            tests.push(Test {
                field: OvsField::Metadata,
                value: u128::from(md),
                mask: u64::MAX.into(),
            });
        }
        tests
    };
    let mut out: BTreeMap<FlowMatch, Vec<Conjunction>> = BTreeMap::new();
    let mut plain: BTreeSet<FlowMatch> = BTreeSet::new();

    if terms.len() == 1 && terms[0].sets.len() >= 2 {
        let term = &terms[0];
        let mut clauses: Vec<(&OvsField, &Vec<Test>)> = term.sets.iter().collect();
        clauses.sort_by_key(|(f, _)| f.name());
        let n = clauses.len().min(usize::from(u8::MAX)) as u8;
        for (k, (_, elems)) in clauses.iter().enumerate() {
            for e in elems.iter() {
                let mut tests = base(&term.fixed);
                tests.push(*e);
                let conj = Conjunction {
                    id: opts.conj_id,
                    clause: k as u8 + 1,
                    n_clauses: n,
                };
                out.entry(FlowMatch::from_tests(&tests))
                    .or_default()
                    .push(conj);
            }
        }
        let mut tests = base(&term.fixed);
        tests.push(Test {
            field: OvsField::ConjId,
            value: opts.conj_id.into(),
            mask: u32::MAX.into(),
        });
        plain.insert(FlowMatch::from_tests(&tests));
    } else {
        for term in &terms {
            let fields: Vec<OvsField> = term.sets.keys().copied().collect();
            for t in term.expand(&fields)? {
                plain.insert(FlowMatch::from_tests(&base(&t.fixed)));
                if plain.len() > MAX_EXPANSION {
                    return Err(CompileError::TooComplex);
                }
            }
        }
    }
    let mut flows: Vec<MatchFlow> = plain
        .into_iter()
        .map(|m| MatchFlow {
            flow_match: m,
            conjunctions: Vec::new(),
        })
        .collect();
    flows.extend(out.into_iter().map(|(m, c)| MatchFlow {
        flow_match: m,
        conjunctions: c,
    }));
    Ok(flows)
}
