//! Every match and every action string real ovn-northd wrote in the reference dumps goes
//! through the lexer, the parsers and the match compiler without error, and prints back to
//! its canonical text. Also: malformed input of any kind yields errors, never a panic.

use std::path::PathBuf;

use controller::lflow::actions::parse_actions;
use controller::lflow::lexer::tokenize;
use controller::lflow::{parse_match, FlowOptions, MapLookup, MatchCompiler, SymbolTable};

const FILES: [&str; 5] = [
    "router-sb-lflow-list.txt",
    "sb-lflow-list.txt",
    "sb-lflow-list-with-acl.txt",
    "sb-lflow-list-stateful-acl.txt",
    "probe-sb-lflow-list.txt",
];

fn corpus() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in FILES {
        let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/lflow")
            .join(f);
        let text = std::fs::read_to_string(&p).unwrap();
        for line in text.lines() {
            let Some(pos) = line.find("match=(") else {
                continue;
            };
            let (m, a) = line[pos + 7..].split_once("), action=(").unwrap();
            out.push((m.to_string(), a.strip_suffix(')').unwrap().to_string()));
        }
    }
    assert!(out.len() > 250);
    out
}

fn lookup() -> MapLookup {
    MapLookup::new()
        .port("lsp1", 1)
        .port("lsp2", 2)
        .port("_MC_flood", 0x8000)
        .address_set("svc_monitor_mac", &["d6:90:c5:85:7a:4c"])
        .address_set("as1", &["10.1.0.1", "10.1.0.2", "10.2.0.0/16"])
        .address_set("as6", &["fd00::1", "fd00::2"])
        .address_set("_rtr_lb_2_ip4", &["10.0.0.100"])
        .port_group("pg_pods", &["lsp1", "lsp2"])
}

/// The text without any white space.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text without comments, white space collapsed.
fn without_comments(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("*/")
            .map_or(rest.len(), |e| start + e + 2);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_reference_match_parses_compiles_and_round_trips() {
    let l = lookup();
    let compiler = MatchCompiler::new(&l);
    for (m, _) in corpus() {
        let e = parse_match(&m).unwrap_or_else(|err| panic!("{m}: {err}"));
        // Same text as northd wrote, white space and redundant parentheses aside (northd
        // writes `a ||b` and `x && (y == 1)` at times); grouping itself is checked by the
        // re-parse below.
        let strip = |s: &str| squeeze(s).replace(['(', ')'], "");
        assert_eq!(strip(&e.to_string()), strip(&m));
        assert_eq!(parse_match(&e.to_string()).unwrap(), e);
        compiler
            .compile(&e, &[], &FlowOptions::default())
            .unwrap_or_else(|err| panic!("{m}: {err}"));
    }
}

#[test]
fn every_reference_action_parses_and_round_trips() {
    let symtab = SymbolTable::ovn();
    let mut unknown = std::collections::BTreeSet::new();
    // Every action of the reference pipelines is modelled.
    let expected_unknown: [&str; 0] = [];
    let mut failures = Vec::new();
    for (_, a) in corpus() {
        let actions = parse_actions(&a).unwrap_or_else(|err| panic!("{a}: {err}"));
        if squeeze(&actions.to_string()) != squeeze(&without_comments(&a)) {
            failures.push(format!("{a}\n  -> {actions}"));
        }
        assert_eq!(parse_actions(&actions.to_string()).unwrap(), actions);
        unknown.extend(actions.unknown_names().iter().map(|s| s.to_string()));
        for p in actions.prerequisites(symtab) {
            assert!(!p.to_string().is_empty());
        }
    }
    assert!(
        failures.is_empty(),
        "not canonical:\n{}",
        failures.join("\n")
    );
    assert_eq!(
        unknown.iter().map(String::as_str).collect::<Vec<_>>(),
        expected_unknown
    );
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
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
}

/// Everything a string can go through; errors are fine, panics are not.
fn exercise(compiler: &MatchCompiler<'_>, s: &str) {
    let _ = tokenize(s);
    if let Ok(e) = parse_match(s) {
        let _ = e.to_string();
        if let Ok(flows) = compiler.compile(
            &e,
            &[],
            &FlowOptions {
                metadata: Some(1),
                conj_id: 1,
            },
        ) {
            for f in flows.iter().take(50) {
                let _ = f.to_string();
            }
        }
    }
    if let Ok(a) = parse_actions(s) {
        let text = a.to_string();
        let _ = a.prerequisites(SymbolTable::ovn());
        // Canonical text is stable: printing what we parsed parses to the same thing.
        assert_eq!(parse_actions(&text).ok(), Some(a), "{s:?} -> {text:?}");
    }
}

#[test]
fn truncated_and_mutated_input_never_panics() {
    let l = lookup();
    let compiler = MatchCompiler::new(&l);
    let corpus = corpus();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    const ALPHABET: &[u8] = b" ()[]{}!=<>&|,;.:/$@\"\\-0123456789abcdefx*";
    for (m, a) in &corpus {
        for s in [m, a] {
            // Prefixes (every third cut keeps the debug-build test quick).
            for cut in (0..=s.len()).step_by(3) {
                if s.is_char_boundary(cut) {
                    exercise(&compiler, &s[..cut]);
                }
            }
            // Random byte edits.
            for _ in 0..8 {
                let mut b = s.clone().into_bytes();
                for _ in 0..1 + rng.below(3) {
                    let c = ALPHABET[rng.below(ALPHABET.len())];
                    match rng.below(3) {
                        0 if !b.is_empty() => {
                            let i = rng.below(b.len());
                            b[i] = c;
                        }
                        1 => {
                            let i = rng.below(b.len() + 1);
                            b.insert(i, c);
                        }
                        _ if !b.is_empty() => {
                            let i = rng.below(b.len());
                            b.remove(i);
                        }
                        _ => {}
                    }
                }
                exercise(&compiler, &String::from_utf8_lossy(&b));
            }
        }
    }
}

#[test]
fn token_soup_never_panics() {
    let l = lookup();
    let compiler = MatchCompiler::new(&l);
    let mut rng = Rng(42);
    let words = [
        "ip4",
        "ip",
        "tcp.src",
        "reg0",
        "reg0[3]",
        "reg0[1..4]",
        "xxreg0[100..127]",
        "ct.est",
        "!",
        "(",
        ")",
        "{",
        "}",
        "&&",
        "||",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "1",
        "0",
        "0xffff",
        "10.0.0.0/8",
        "fe80::/10",
        "00:00:00:00:00:01",
        "\"lsp1\"",
        "$as1",
        "@pg_pods",
        ",",
        ";",
        "next",
        "output",
        "=",
        "<->",
        "ct_commit",
        "arp",
        "reject",
        "foo",
        "inport",
        "outport",
        "eth.src",
        "ct_label",
        "vlan.pcp",
        "nd.target",
        "..",
        "[",
        "]",
        "ip.ttl",
        "--",
        "is_chassis_resident",
        "get_fdb",
        "ct_lb_mark",
        "99999999999999999999999999999999999999999",
        "0x1ffffffffffffffffffffffffffffffff",
    ];
    for _ in 0..20_000 {
        let n = 1 + rng.below(12);
        let s: Vec<&str> = (0..n).map(|_| words[rng.below(words.len())]).collect();
        exercise(&compiler, &s.join(" "));
    }
}

#[test]
fn expansion_is_bounded() {
    let l = lookup();
    let compiler = MatchCompiler::new(&l);
    // 128 × 128 × 128 per-bit alternatives across three different fields would be millions
    // of flows; the compiler must refuse rather than exhaust memory.
    let m = "(ip6.src != ::1 || tcp.src == 1) && (ip6.dst != ::1 || udp.src == 1) && (nd.target != ::1 || sctp.src == 1)";
    assert!(compiler.compile_str(m, &FlowOptions::default()).is_err());
}
