//! The typed [`FlowKey`] agrees with the text key it replaced — (table, priority,
//! `format_match` text) — on every reference dump in the repository (real
//! ovn-controller br-int dumps, the flow_mod goldens), on the bytes ovs-ofctl encoded
//! for those flows, and on re-encodings a switch may report (field order, NXM headers,
//! masks, xregs, widths): equal typed keys exactly when the texts are equal.

mod common;
use common::*;
use openflow::table::FlowKey;
use openflow::text::{format_match, parse_flow, Flow};
use openflow::wire::{Field, Match, MatchField, Message};
use std::collections::HashMap;
use std::path::Path;

type TextKey = (u8, u16, String);

fn text_key(f: &Flow) -> TextKey {
    (f.table_id, f.priority, format_match(&f.matching, None))
}

/// Every flow of every `*flows*.txt` dump under `dir` (recursively).
fn dump_flows(dir: &Path, out: &mut Vec<Flow>, files: &mut usize, skipped: &mut usize) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            dump_flows(&p, out, files, skipped);
        } else if p.extension().is_some_and(|e| e == "txt")
            && p.file_name().unwrap().to_string_lossy().contains("flows")
        {
            *files += 1;
            let text = std::fs::read_to_string(&p).unwrap();
            for line in text.lines().filter(|l| l.contains("actions=")) {
                let line = ovs::strip_stats(line.trim());
                // A few dump lines use syntax rovn's parser lacks (`tcp_flags=syn`
                // exact form); they are counted and must stay rare.
                match parse_flow(&line) {
                    Ok(f) => out.push(f),
                    Err(_) => *skipped += 1,
                }
            }
        }
    }
}

fn corpus() -> Vec<Flow> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut flows = Vec::new();
    let (mut files, mut skipped) = (0, 0);
    dump_flows(
        &root.join("tests/data"),
        &mut flows,
        &mut files,
        &mut skipped,
    );
    let ctl = root.join("../controller/tests/data");
    dump_flows(&ctl, &mut flows, &mut files, &mut skipped);
    assert!(files >= 10, "reference dumps found: {files}");
    assert!(
        skipped * 100 < flows.len(),
        "{skipped} unparsed of {}",
        flows.len()
    );
    for name in [
        "flow-mod-ovn.golden",
        "flow-mod-extra.golden",
        "flow-mod-of13.golden",
    ] {
        for g in goldens(name) {
            let f = parse_flow(&g.input).unwrap();
            // What ovs-ofctl put on the wire for the same flow.
            let (_, msg) = Message::parse(&hex_decode(&g.hex)).unwrap();
            if let Message::FlowMod(m) = msg {
                let wire = Flow::from_flow_mod(&m);
                assert_eq!(text_key(&wire), text_key(&f), "{}", g.input);
                assert_eq!(FlowKey::of(&wire), FlowKey::of(&f), "{}", g.input);
                flows.push(wire);
            }
            flows.push(f);
        }
    }
    flows
}

/// Re-encodings of `m` that print the same.
fn variants(m: &Match) -> Vec<Match> {
    let mut out = Vec::new();
    // Field order.
    let mut r = m.clone();
    r.fields.reverse();
    out.push(r);
    // All-ones masks and non-preferred wire headers.
    let mut r = m.clone();
    for f in &mut r.fields {
        if f.mask.is_none() && !matches!(f.field, Field::IpDscp | Field::IpFrag) {
            f.mask = Some(vec![0xff; f.value.len()]);
        }
        f.wire = Some((0x0001, 0x7f));
    }
    out.push(r);
    // Register pairs as xregs, as OpenFlow 1.5 switches report them.
    let mut r = m.clone();
    for k in 0..8u8 {
        let hi = r.get(Field::Reg(2 * k)).cloned();
        let lo = r.get(Field::Reg(2 * k + 1)).cloned();
        if let (Some(hi), Some(lo)) = (hi, lo) {
            let v = (hi.value_u128() << 32) | lo.value_u128();
            let mk = (hi.mask_u128() << 32) | lo.mask_u128();
            r.fields
                .retain(|f| f.field != Field::Reg(2 * k) && f.field != Field::Reg(2 * k + 1));
            let mask = (mk != u64::MAX as u128).then_some(mk);
            r.fields
                .push(MatchField::from_u128(Field::XReg(k), v, mask));
        }
    }
    out.push(r);
    // Narrow in_port (NXM) and wider tun_metadata.
    let mut r = m.clone();
    for f in &mut r.fields {
        match f.field {
            Field::InPort if f.mask.is_none() && f.value_u128() < 0xff00 => {
                f.value = (f.value_u128() as u16).to_be_bytes().to_vec();
            }
            Field::TunMetadata(_) => {
                let mut v = vec![0; 4];
                v.extend(&f.value);
                f.value = v;
                if let Some(mk) = &mut f.mask {
                    let mut w = vec![0; 4];
                    w.extend(mk.iter());
                    *mk = w;
                }
            }
            _ => {}
        }
    }
    out.push(r);
    out
}

#[test]
fn typed_key_agrees_with_text_key() {
    let mut flows = corpus();
    let n_ref = flows.len();
    assert!(n_ref > 3000, "corpus: {n_ref} flows");
    for i in 0..n_ref {
        let base = flows[i].clone();
        for m in variants(&base.matching) {
            let v = Flow {
                matching: m,
                ..base.clone()
            };
            assert_eq!(text_key(&v), text_key(&base), "variant of {base}");
            assert_eq!(FlowKey::of(&v), FlowKey::of(&base), "variant of {base}");
            flows.push(v);
        }
    }
    // Partitions: text key → typed key is a function, and so is the reverse.
    let mut by_text: HashMap<TextKey, FlowKey> = HashMap::new();
    let mut by_typed: HashMap<FlowKey, TextKey> = HashMap::new();
    for f in &flows {
        let (t, k) = (text_key(f), FlowKey::of(f));
        if let Some(prev) = by_text.insert(t.clone(), k.clone()) {
            assert_eq!(prev, k, "same text, different typed key: {f}");
        }
        if let Some(prev) = by_typed.insert(k, t.clone()) {
            assert_eq!(prev, t, "same typed key, different text: {f}");
        }
    }
    assert_eq!(by_text.len(), by_typed.len());
    assert!(
        by_text.len() > 1000,
        "distinct identities: {}",
        by_text.len()
    );
}

#[test]
fn different_matches_differ() {
    let k = |s: &str| FlowKey::of(&parse_flow(s).unwrap());
    for (a, b) in [
        (
            "table=1,priority=5,reg14=0x1 actions=drop",
            "table=1,priority=5,reg14=0x2 actions=drop",
        ),
        (
            "table=1,priority=5,reg14=0x1 actions=drop",
            "table=1,priority=5,reg15=0x1 actions=drop",
        ),
        (
            "table=1,priority=5,reg14=0x1 actions=drop",
            "table=1,priority=6,reg14=0x1 actions=drop",
        ),
        (
            "table=1,priority=5,reg14=0x1 actions=drop",
            "table=2,priority=5,reg14=0x1 actions=drop",
        ),
        (
            "table=1,priority=5,reg14=0x1/0x1 actions=drop",
            "table=1,priority=5,reg14=0x1 actions=drop",
        ),
        (
            "table=1,ip,nw_src=10.0.0.0/8 actions=drop",
            "table=1,ip,nw_src=10.0.0.0/16 actions=drop",
        ),
        (
            "table=1,ct_state=+trk actions=drop",
            "table=1,ct_state=+trk-new actions=drop",
        ),
        (
            "table=1,tcp,tp_dst=80 actions=drop",
            "table=1,udp,tp_dst=80 actions=drop",
        ),
        (
            "table=1,dl_vlan=5 actions=drop",
            "table=1,vlan_tci=0x0005 actions=drop",
        ),
        (
            "table=1,ip,nw_frag=later actions=drop",
            "table=1,ip,nw_frag=first actions=drop",
        ),
    ] {
        assert_ne!(k(a), k(b), "{a} vs {b}");
    }
    // Same identity, different actions or cookie: one key.
    assert_eq!(
        k("cookie=0x1,table=1,priority=5,reg14=0x1 actions=drop"),
        k("cookie=0x2,table=1,priority=5,reg14=0x1 actions=resubmit(,2)")
    );
}
