//! The normaliser changes the shape of an expression (DNF, crushed sets, conjunctive
//! matches) but never its meaning. This test evaluates both sides on many packets: the
//! annotated expression (bit tests under AND/OR) directly, and the OpenFlow flows the way a
//! switch would — a packet matches if a plain flow matches, or if every clause of the
//! conjunction has a matching flow and the `conj_id` flow's other fields match.

use std::collections::{BTreeMap, HashMap};

use controller::lflow::annotate::{Annotator, BExpr};
use controller::lflow::normalize::{dnf, to_flows};
use controller::lflow::value::width_mask;
use controller::lflow::{parse_match, FlowOptions, MapLookup, MatchFlow, OvsField, SymbolTable};

type Packet = HashMap<OvsField, u128>;

fn eval(e: &BExpr, p: &Packet) -> bool {
    match e {
        BExpr::Const(b) => *b,
        BExpr::Test(t) => p.get(&t.field).copied().unwrap_or(0) & t.mask == t.value,
        BExpr::And(v) => v.iter().all(|s| eval(s, p)),
        BExpr::Or(v) => v.iter().any(|s| eval(s, p)),
    }
}

fn flow_matches(f: &MatchFlow, p: &Packet, skip: OvsField) -> bool {
    f.flow_match
        .fields
        .iter()
        .filter(|m| m.field != skip)
        .all(|m| p.get(&m.field).copied().unwrap_or(0) & m.mask == m.value)
}

fn switch(flows: &[MatchFlow], p: &Packet) -> bool {
    let mut clauses: BTreeMap<u8, bool> = BTreeMap::new();
    let mut n_clauses = 0;
    let mut conj_flow_ok = false;
    for f in flows {
        if f.flow_match.get(OvsField::ConjId).is_some() {
            conj_flow_ok = flow_matches(f, p, OvsField::ConjId);
        } else if f.conjunctions.is_empty() {
            if flow_matches(f, p, OvsField::ConjId) {
                return true;
            }
        } else {
            for c in &f.conjunctions {
                n_clauses = c.n_clauses;
                let hit = flow_matches(f, p, OvsField::ConjId);
                *clauses.entry(c.clause).or_default() |= hit;
            }
        }
    }
    n_clauses > 0
        && conj_flow_ok
        && (1..=n_clauses).all(|k| clauses.get(&k).copied().unwrap_or(false))
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn u128(&mut self) -> u128 {
        (u128::from(self.next()) << 64) | u128::from(self.next())
    }
}

fn tests_of(e: &BExpr, out: &mut Vec<(OvsField, u128, u128)>) {
    match e {
        BExpr::Test(t) => out.push((t.field, t.value, t.mask)),
        BExpr::And(v) | BExpr::Or(v) => v.iter().for_each(|s| tests_of(s, out)),
        BExpr::Const(_) => {}
    }
}

/// Packets that sit on and around the values the expression tests.
fn packets(e: &BExpr, rng: &mut Rng, n: usize) -> Vec<Packet> {
    let mut tests = Vec::new();
    tests_of(e, &mut tests);
    let mut by_field: BTreeMap<OvsField, Vec<(u128, u128)>> = BTreeMap::new();
    for (f, v, m) in tests {
        by_field.entry(f).or_default().push((v, m));
    }
    (0..n)
        .map(|_| {
            let mut p = Packet::new();
            for (f, vals) in &by_field {
                let full = width_mask(f.width());
                let (v, m) = vals[rng.below(vals.len())];
                let x = match rng.below(4) {
                    // Exactly a tested value, other bits random.
                    0 | 1 => v | (rng.u128() & !m & full),
                    // A tested value with one tested bit flipped.
                    2 if m != 0 => {
                        let bits: Vec<u32> = (0..128).filter(|b| m >> b & 1 == 1).collect();
                        v ^ (1u128 << bits[rng.below(bits.len())])
                    }
                    _ => rng.u128() & full,
                };
                p.insert(*f, x);
            }
            p
        })
        .collect()
}

fn lookup() -> MapLookup {
    MapLookup::new()
        .port("lsp1", 1)
        .port("lsp2", 2)
        .address_set(
            "as1",
            &["10.1.0.1", "10.2.0.0/16", "10.3.0.0/255.255.0.255"],
        )
        .address_set("macs", &["00:00:00:00:00:01", "00:00:00:00:00:02"])
        .port_group("pg", &["lsp1", "lsp2"])
}

const ATOMS: &[&str] = &[
    "ip4",
    "ip",
    "tcp",
    "udp",
    "icmp",
    "nd",
    "mldv1",
    "eth.mcast",
    "vlan.present",
    "ct.est",
    "ct.new",
    "ct_mark.blocked == 1",
    "reg0[0]",
    "reg0[1..3] == 5",
    "reg0[1..3] != 2",
    "reg0[0..7] > 200",
    "reg0[0..7] <= 17",
    "3 <= reg1[4..9] < 40",
    "xxreg0[100..103] == 9",
    "ip4.src == {10.0.0.1, 10.0.0.2, 10.0.0.0/30}",
    "ip4.src == $as1",
    "ip4.dst != 10.0.0.0/29",
    "tcp.dst == {80, 443, 0x100/0xff00}",
    "udp.src < 1024",
    "tcp.src != {1, 2}",
    "eth.src == $macs",
    "eth.dst == {00:00:00:00:00:03, 00:00:00:00:00:04}",
    "inport == \"lsp1\"",
    "outport == @pg",
    "ip6.src == fe80::/10",
    "ip.ttl == {1, 255}",
    "arp.op == 2",
    "flags.loopback == 1",
];

fn random_expr(rng: &mut Rng, depth: u32) -> String {
    if depth == 0 || rng.below(3) == 0 {
        let a = ATOMS[rng.below(ATOMS.len())];
        return if rng.below(4) == 0 {
            format!("!({a})")
        } else {
            a.to_string()
        };
    }
    let n = 2 + rng.below(2);
    let op = if rng.below(2) == 0 { " && " } else { " || " };
    let parts: Vec<String> = (0..n)
        .map(|_| format!("({})", random_expr(rng, depth - 1)))
        .collect();
    let e = parts.join(op);
    if rng.below(5) == 0 {
        format!("!({e})")
    } else {
        e
    }
}

fn check(m: &str, rng: &mut Rng) {
    let l = lookup();
    let annotator = Annotator {
        symtab: SymbolTable::ovn(),
        lookup: &l,
    };
    let expr = parse_match(m).unwrap_or_else(|e| panic!("{m}: {e}"));
    let b = match annotator.annotate(&expr) {
        Ok(b) => b,
        // Nominal fields under negation are rejected, as in OVN: nothing to compare.
        Err(_) => return,
    };
    let flows = match dnf(&b).and_then(|t| {
        to_flows(
            t,
            &FlowOptions {
                metadata: None,
                conj_id: 9,
            },
        )
    }) {
        Ok(f) => f,
        Err(_) => return,
    };
    // Keep the test quick: huge expansions are covered by the expansion bound elsewhere.
    if flows.len() > 3_000 {
        return;
    }
    for p in packets(&b, rng, 200) {
        assert_eq!(
            eval(&b, &p),
            switch(&flows, &p),
            "match {m}\npacket {p:?}\nflows:\n{}",
            flows
                .iter()
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn atoms_keep_their_meaning() {
    let mut rng = Rng(7);
    for a in ATOMS {
        check(a, &mut rng);
        check(&format!("!({a})"), &mut rng);
    }
}

#[test]
fn conjunctions_keep_their_meaning() {
    let mut rng = Rng(11);
    for m in [
        "ip4.src == {10.0.0.1, 10.0.0.2} && tcp.dst == {80, 443}",
        "eth.src == $macs && eth.dst == {00:00:00:00:00:03, 00:00:00:00:00:04} && reg0[0..1] != 1",
        "ip4.src == $as1 && ip4.dst == {10.9.0.1, 10.9.0.2} && udp.src == {1, 2, 3}",
        "outport == @pg && reg2 == {1, 2} && ct.est",
    ] {
        check(m, &mut rng);
    }
}

#[test]
fn random_expressions_keep_their_meaning() {
    let mut rng = Rng(2024);
    for i in 0..400 {
        let m = random_expr(&mut rng, if i % 4 == 0 { 3 } else { 2 });
        let t = std::time::Instant::now();
        check(&m, &mut rng);
        if std::env::var("SLOW").is_ok() && t.elapsed().as_millis() > 500 {
            eprintln!("SLOW {} ms: {m}", t.elapsed().as_millis());
        }
    }
}
