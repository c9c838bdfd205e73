//! Benchmark (not a test): `cargo bench -p openflow --bench install [-- N]`.
//!
//! Installs N (default 100,000) distinct flows into a private ovs-vswitchd twice —
//! through rovn's client in one bundle, and with `ovs-ofctl -O OpenFlow15 --bundle
//! add-flows` — and prints flows/s for both and the ratio; then encode/decode/text
//! throughput of the codec. Needs Open vSwitch installed.

#[path = "../tests/common/ovs.rs"]
mod ovs;

use openflow::conn::Client;
use openflow::text::{parse_flow, Flow};
use openflow::wire::msg::{FlowMod, FlowModCommand};
use openflow::wire::{Message, Version};
use std::time::Instant;

fn flows(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let (a, b, c) = ((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
            match i % 4 {
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
            }
        })
        .collect()
}

fn count(ovs: &ovs::Ovs) -> usize {
    ovs.ofctl(&["dump-aggregate", "SWITCH"])
        .split("flow_count=")
        .nth(1)
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    if std::env::var("RUST_LOG").is_ok() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .init();
    }
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let text = flows(n);

    // Codec throughput.
    let t = Instant::now();
    let parsed: Vec<Flow> = text.iter().map(|l| parse_flow(l).unwrap()).collect();
    let parse_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let bytes: Vec<Vec<u8>> = parsed
        .iter()
        .enumerate()
        .map(|(i, f)| {
            Message::FlowMod(f.to_flow_mod(FlowModCommand::Add)).to_bytes(Version::Of15, i as u32)
        })
        .collect();
    let enc_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let decoded: Vec<FlowMod> = bytes
        .iter()
        .map(|b| match Message::parse(b).unwrap().1 {
            Message::FlowMod(f) => f,
            _ => unreachable!(),
        })
        .collect();
    let dec_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let printed: usize = decoded
        .iter()
        .map(|f| Flow::from_flow_mod(f).to_dump_string().len())
        .sum();
    let print_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let same = openflow::table::diff(&parsed, &parsed);
    let diff_s = t.elapsed().as_secs_f64();
    assert!(same.is_empty());
    let rate = |s: f64| n as f64 / s;
    println!("codec, {n} flow_mods:");
    println!("  text parse   {:>12.0} flows/s", rate(parse_s));
    println!("  encode       {:>12.0} msgs/s", rate(enc_s));
    println!("  decode       {:>12.0} msgs/s", rate(dec_s));
    println!(
        "  text print   {:>12.0} flows/s ({printed} bytes)",
        rate(print_s)
    );
    println!(
        "  table diff   {:>12.0} flows/s (desired == installed, {n} flows each)",
        rate(diff_s)
    );

    let Some(ovs) = ovs::Ovs::start() else {
        println!("Open vSwitch not installed: skipping the install benchmark");
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let ours = rt.block_on(async {
        let (c, _u) = Client::connect(&ovs.remote()).await.unwrap();
        let map = Message::Nx(openflow::wire::msg::NxMessage::TlvTableMod {
            command: 0,
            maps: vec![openflow::wire::msg::TlvMap {
                option_class: 0x0102,
                option_type: 0x80,
                option_len: 4,
                index: 0,
            }],
        });
        assert!(c.transact(vec![map]).await.unwrap().is_empty());
        let mods: Vec<Message> = parsed
            .iter()
            .map(|f| Message::FlowMod(f.to_flow_mod(FlowModCommand::Add)))
            .collect();
        if std::env::var("BENCH_PHASES").is_ok() {
            let t = Instant::now();
            let errs = c.transact(mods.clone()).await.unwrap();
            println!(
                "  (plain transact {} flows: {:.2} s, {} errors)",
                mods.len(),
                t.elapsed().as_secs_f64(),
                errs.len()
            );
            let t = Instant::now();
            c.barrier().await.unwrap();
            println!("  (barrier: {:.4} s)", t.elapsed().as_secs_f64());
            let del = Message::FlowMod(FlowMod {
                command: FlowModCommand::Delete,
                table_id: 0xff,
                ..Default::default()
            });
            c.transact(vec![del]).await.unwrap();
        }
        if std::env::var("BENCH_TWICE").is_ok() {
            let t = Instant::now();
            c.bundle(1, mods.clone()).await.unwrap();
            println!("  (first bundle: {:.2} s)", t.elapsed().as_secs_f64());
            let del = Message::FlowMod(FlowMod {
                command: FlowModCommand::Delete,
                table_id: 0xff,
                ..Default::default()
            });
            c.transact(vec![del]).await.unwrap();
        }
        let t = Instant::now();
        let errs = c.bundle(1, mods).await.unwrap();
        let s = t.elapsed().as_secs_f64();
        assert!(errs.is_empty(), "{:?}", &errs[..errs.len().min(3)]);
        s
    });
    assert_eq!(
        count(&ovs),
        n + usize::from(
            std::env::var("BENCH_PHASES").is_err() && std::env::var("BENCH_TWICE").is_err()
        )
    );
    ovs.ofctl(&["del-flows", "SWITCH"]);
    let file = ovs.dir.path().join("flows.txt");
    std::fs::write(&file, text.join("\n")).unwrap();
    let t = Instant::now();
    ovs.ofctl(&["--bundle", "add-flows", "SWITCH", file.to_str().unwrap()]);
    let theirs = t.elapsed().as_secs_f64();
    assert_eq!(count(&ovs), n);
    println!("install {n} flows into ovs-vswitchd (one bundle each):");
    println!(
        "  rovn client          {:>10.0} flows/s ({ours:.2} s)",
        rate(ours)
    );
    println!(
        "  ovs-ofctl add-flows  {:>10.0} flows/s ({theirs:.2} s)",
        rate(theirs)
    );
    println!("  ratio rovn/ovs-ofctl {:>10.2}", theirs / ours);
}
