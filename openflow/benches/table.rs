//! Benchmark (not a test): `cargo bench -p openflow --bench table [-- N]`.
//!
//! Cost of keying and planning N (default 20,000) flows with the typed [`FlowKey`]
//! against the text key it replaced, and of one generation with a 10-flow change via a
//! full [`FlowTable::plan`] and via [`FlowTable::plan_changes`]. Prints times only.

use openflow::table::{FlowKey, FlowTable};
use openflow::text::{format_match, parse_flow, Flow};
use std::time::Instant;

fn flows(n: usize) -> Vec<Flow> {
    (0..n)
        .map(|i| {
            let (a, b, c) = ((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            let s = match i % 4 {
                0 => format!(
                    "cookie={i:#x},table=10,priority=100,ip,metadata={:#x},nw_src=10.{a}.{b}.{c} actions=set_field:{:#x}->reg15,resubmit(,11)",
                    i % 7 + 1,
                    i % 1000
                ),
                1 => format!(
                    "cookie={i:#x},table=11,priority=110,tcp,reg14={:#x},nw_dst=10.{a}.{b}.{c},tp_dst=80 actions=ct(commit,zone=NXM_NX_REG13[0..15],nat),resubmit(,12)",
                    i % 5000
                ),
                2 => format!(
                    "cookie={i:#x},table=12,priority=90,ipv6,metadata={:#x},ipv6_dst=fd00::{a:x}:{b:x}:{c:x} actions=move:NXM_NX_REG14[0..14]->NXM_NX_TUN_METADATA0[16..30],output:1",
                    i % 9 + 1
                ),
                _ => format!(
                    "cookie={i:#x},table=13,priority=50,arp,dl_src=00:00:{a:02x}:{b:02x}:{c:02x}:01,arp_tpa=10.{a}.{b}.{c} actions=set_field:0x1/0x1->reg10,resubmit(,14)"
                ),
            };
            parse_flow(&s).unwrap()
        })
        .collect()
}

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    println!("{label:<46} {:>10.3} ms", t.elapsed().as_secs_f64() * 1e3);
    r
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000);
    let all = flows(n);
    println!("{n} flows");
    time("text keys (table, priority, format_match)", || {
        all.iter()
            .map(|f| (f.table_id, f.priority, format_match(&f.matching, None)))
            .collect::<Vec<_>>()
    });
    time("typed keys (FlowKey::of)", || {
        all.iter().map(FlowKey::of).collect::<Vec<_>>()
    });
    let mut t = FlowTable::new();
    time("commit (key every flow)", || t.commit(&all));
    let mut next = all.clone();
    let mut changed = Vec::new();
    for i in (0..10).map(|k| k * (n / 10)) {
        next[i].cookie ^= 0xffff_0000;
        changed.push(next[i].clone());
    }
    let full = time("plan, full desired set, 10 changed", || t.plan(&next));
    let small = time("plan_changes, 10 changed", || t.plan_changes(&changed, &[]));
    assert_eq!(full.len(), small.len());
    time("apply the 10 flow_mods", || t.apply(&small));
    time("plan, full desired set, nothing changed", || t.plan(&next));
}
