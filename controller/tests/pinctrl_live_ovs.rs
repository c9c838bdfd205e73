//! pinctrl against a real ovs-vswitchd (userspace datapath, private ovsdb-server; skipped
//! when Open vSwitch is not installed, fatal under `CI`): flows compiled by
//! [`FlowCompiler`] are installed, a TCP SYN is injected into the logical ingress pipeline,
//! the switch sends the packet-in of the `reject { }` / `log()` / `put_fdb()` actions,
//! pinctrl handles it, and the packet-out it returns must come back through the pipeline
//! as a RST with swapped addresses and the reloaded logical registers: a catch flow in
//! the egress table the nested actions resubmit to counts it.

mod common;

use std::time::{Duration, Instant};

use common::ovs::Ovs;
use controller::lflow::logical_fields::Pipeline;
use controller::lflow::{FlowCompiler, LogicalFlowRow, MapLookup};
use controller::pinctrl::{FdbEntry, PacketIn, Pinctrl, PinctrlOutput};
use openflow::conn::{Client, Unsolicited};
use openflow::text::{parse_flow, Flow};
use openflow::wire::action::{port, Action, NxAction};
use openflow::wire::msg::{FlowModCommand, NxMessage, PacketOut, SwitchConfig};
use openflow::wire::oxm::MatchField;
use openflow::wire::{Field, Message};

const MAC1: [u8; 6] = [0, 0, 0, 0, 1, 1];
const MAC2: [u8; 6] = [0, 0, 0, 0, 1, 2];

/// A TCP SYN 10.0.0.11:40000 -> 10.0.0.12:80 from MAC1 to MAC2.
fn tcp_syn() -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&MAC2);
    p.extend_from_slice(&MAC1);
    p.extend_from_slice(&[0x08, 0x00]);
    let mut ip = vec![
        0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 11, 10, 0, 0, 12,
    ];
    let sum = |b: &[u8], init: u32| {
        let mut s = init;
        for w in b.chunks(2) {
            s += u32::from(u16::from_be_bytes([w[0], *w.get(1).unwrap_or(&0)]));
        }
        while s >> 16 != 0 {
            s = (s & 0xffff) + (s >> 16);
        }
        !(s as u16)
    };
    let ck = sum(&ip, 0);
    ip[10..12].copy_from_slice(&ck.to_be_bytes());
    let mut tcp = vec![
        0x9c, 0x40, 0, 80, 0, 0, 0x10, 0, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0,
    ];
    let pseudo: u32 = (10 << 8) + 11 + (10 << 8) + 12 + 6 + 20;
    let ck = sum(&tcp, pseudo);
    tcp[16..18].copy_from_slice(&ck.to_be_bytes());
    p.extend_from_slice(&ip);
    p.extend_from_slice(&tcp);
    p
}

fn compile(
    compiler: &mut FlowCompiler,
    n: u128,
    pipeline: Pipeline,
    table: u8,
    m: &str,
    a: &str,
) -> Vec<Flow> {
    let lookup = MapLookup::new().port("lsp1", 1).remote_port("lsp2", 2);
    let row = LogicalFlowRow {
        uuid: uuid::Uuid::from_u128(n << 96 | 0x4000_8000_0000_0000),
        pipeline,
        table_id: table,
        priority: 100,
        match_: m,
        actions: a,
        datapath_key: 1,
    };
    compiler.compile(&row, &lookup).unwrap()
}

/// Packet-out running `resubmit(,table)` with metadata=1, reg14=1 (the logical inport).
fn inject(pkt: Vec<u8>, table: u8) -> Message {
    Message::PacketOut(PacketOut {
        buffer_id: u32::MAX,
        in_port: port::CONTROLLER,
        actions: vec![
            Action::SetField(MatchField::from_u128(Field::Metadata, 1, None)),
            Action::SetField(MatchField::from_u128(Field::Reg(14), 1, None)),
            Action::Nx(NxAction::Resubmit {
                in_port: 0xfff8,
                table,
                ct: false,
                legacy: false,
            }),
        ],
        data: pkt,
    })
}

async fn next_packet_in(u: &mut Unsolicited) -> PacketIn {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let msg = tokio::time::timeout_at(deadline, u.recv())
            .await
            .expect("no packet-in within 10 s")
            .expect("connection closed");
        if let (_, Message::Nx(NxMessage::PacketIn2(props))) = msg {
            return PacketIn::from_packet_in2(&props).expect("packet-in decodes");
        }
    }
}

fn n_packets(ovs: &Ovs, filter: &str) -> u64 {
    let out = ovs.ofctl(&["dump-flows", "SWITCH", filter]);
    let line = out
        .lines()
        .find(|l| l.contains("n_packets="))
        .unwrap_or_else(|| panic!("{out}"));
    let v = &line[line.find("n_packets=").unwrap() + 10..];
    v[..v.find(',').unwrap()].parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pinctrl_round_trip_through_ovs_vswitchd() {
    let Some(ovs) = Ovs::start() else { return };
    let (c, mut unsolicited) = Client::connect(&ovs.remote()).await.unwrap();
    // As ovn-controller sets up its pinctrl connection: a service connection only gets
    // asynchronous messages once it sets a miss_send_len, and packet-ins as
    // NXT_PACKET_IN2 carry the userdata and the pipeline metadata.
    assert!(c
        .transact(vec![
            Message::SetConfig(SwitchConfig {
                flags: 0,
                miss_send_len: u16::MAX,
            }),
            Message::Nx(NxMessage::SetPacketInFormat(2)),
        ])
        .await
        .unwrap()
        .is_empty());

    let mut compiler = FlowCompiler::new();
    let mut flows = Vec::new();
    // Ingress table 8 (OpenFlow 16): reject TCP to port 80, log it, learn the source MAC.
    flows.extend(compile(
        &mut compiler,
        1,
        Pipeline::Ingress,
        8,
        "ip4 && tcp && tcp.dst == 80",
        "reject { /* eth.dst <-> eth.src; ip.dst <-> ip.src; is implicit. */ next(pipeline=egress,table=5); };",
    ));
    flows.extend(compile(
        &mut compiler,
        2,
        Pipeline::Ingress,
        3,
        "1",
        "put_fdb(inport, eth.src); next;",
    ));
    flows.extend(compile(
        &mut compiler,
        3,
        Pipeline::Ingress,
        4,
        "ip4",
        "log(name=\"acl-web\", verdict=reject, severity=alert); next(8);",
    ));
    // Egress table 5 (OpenFlow 47): count the reply the nested actions deliver.
    let catch = "table=47, priority=100,tcp,reg14=0x1,metadata=0x1,dl_src=00:00:00:00:01:02,dl_dst=00:00:00:00:01:01,nw_src=10.0.0.12,nw_dst=10.0.0.11,tp_src=80,tp_dst=40000,tcp_flags=+rst actions=drop";
    flows.push(parse_flow(catch).unwrap());
    let mods: Vec<Message> = flows
        .iter()
        .map(|f| Message::FlowMod(f.to_flow_mod(FlowModCommand::Add)))
        .collect();
    assert_eq!(
        c.transact(mods).await.unwrap(),
        vec![],
        "flows rejected by OVS"
    );

    let mut pinctrl = Pinctrl::new();
    let mut outputs = Vec::new();
    // Table 11 (put_fdb) → 12 (log) → 16 (reject).
    assert!(c
        .transact(vec![inject(tcp_syn(), 11)])
        .await
        .unwrap()
        .is_empty());
    for _ in 0..3 {
        let pi = next_packet_in(&mut unsolicited).await;
        assert_eq!(pi.datapath(), Some(1));
        assert_eq!(pi.reg(14), Some(1));
        for out in pinctrl.handle_packet_in(&pi, Instant::now()) {
            if let PinctrlOutput::PacketOut(po) = &out {
                let errs = c
                    .transact(vec![Message::PacketOut(po.clone())])
                    .await
                    .unwrap();
                assert!(errs.is_empty(), "packet-out rejected: {errs:?}");
            }
            outputs.push(out);
        }
    }
    c.barrier().await.unwrap();
    assert!(pinctrl.errors().is_empty(), "{:?}", pinctrl.errors());
    assert!(outputs.contains(&PinctrlOutput::FdbLearned(FdbEntry {
        dp_key: 1,
        mac: MAC1,
        port_key: 1
    })));
    let log = outputs
        .iter()
        .find_map(|o| match o {
            PinctrlOutput::Log(r) => Some(r.to_string()),
            _ => None,
        })
        .expect("a log record");
    assert!(
        log.starts_with("name=\"acl-web\", verdict=reject, severity=alert, direction=from-lport: tcp,vlan_tci=0x0000,dl_src=00:00:00:00:01:01"),
        "{log}"
    );
    // The RST went through the pipeline with the nested actions applied.
    let mut hits = 0;
    for _ in 0..50 {
        hits = n_packets(&ovs, "table=47,tcp");
        if hits > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(hits, 1, "the reset did not reach the egress catch flow");
}
