//! pinctrl end to end on constructed packets: the userdata comes from compiling a logical
//! flow with [`FlowCompiler`], as the switch would send it back.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::time::{Duration, Instant};

use openflow::wire::action::{port, Action as OfAction, NxAction};
use openflow::wire::field::Field;
use openflow::wire::instruction::Instruction;
use openflow::wire::msg::nicira::{pin2, Property};
use openflow::wire::oxm::MatchField;

use super::compose::{checksum, ethernet, finish_l4, ipv4, ipv6, pseudo_v4, pseudo_v6};
use super::packet::{parse, Headers, ETH_TYPE_IPV4, ETH_TYPE_IPV6, L3, L4};
use super::*;
use crate::lflow::logical_fields::Pipeline;
use crate::lflow::{FlowCompiler, LogicalFlowRow, MapLookup};

const MAC1: [u8; 6] = [0, 0, 0, 0, 1, 1];
const MAC2: [u8; 6] = [0, 0, 0, 0, 1, 2];
const IP1: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 11);
const IP2: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 12);

fn template(vlan: Option<u16>) -> Headers {
    Headers {
        eth_dst: MAC2,
        eth_src: MAC1,
        vlan_tci: vlan,
        eth_type: 0,
        l3: L3::Other,
        l4: L4::None,
        l3_ofs: 14,
    }
}

fn tcp4(flags: u8, vlan: Option<u16>) -> Vec<u8> {
    let mut tcp = vec![
        0x9c, 0x40, 0, 80, 0, 0, 0x10, 0, 0, 0, 0x20, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0,
    ];
    tcp = finish_l4(tcp.clone(), pseudo_v4(IP1, IP2, 6, 20), 16);
    ethernet(
        &template(vlan),
        MAC2,
        MAC1,
        ETH_TYPE_IPV4,
        &ipv4(IP1, IP2, 6, 64, &tcp),
    )
}

fn udp6() -> Vec<u8> {
    let (s, d): (Ipv6Addr, Ipv6Addr) = ("fd00::11".parse().unwrap(), "fd00::12".parse().unwrap());
    let udp = finish_l4(
        vec![0x30, 0x39, 0, 53, 0, 12, 0, 0, 1, 2, 3, 4],
        pseudo_v6(s, d, 17, 12),
        6,
    );
    ethernet(
        &template(None),
        MAC2,
        MAC1,
        ETH_TYPE_IPV6,
        &ipv6(s, d, 17, 64, &udp),
    )
}

fn neighbour_solicitation(target: Ipv6Addr) -> Vec<u8> {
    let s: Ipv6Addr = "fd00::11".parse().unwrap();
    let d = compose::solicited_node(target);
    let mut icmp = vec![135, 0, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&target.octets());
    icmp.extend_from_slice(&[1, 1]);
    icmp.extend_from_slice(&MAC1);
    let icmp = finish_l4(icmp.clone(), pseudo_v6(s, d, 58, icmp.len()), 2);
    ethernet(
        &template(None),
        [0x33, 0x33, 0xff, 0, 0, 1],
        MAC1,
        ETH_TYPE_IPV6,
        &ipv6(s, d, 58, 255, &icmp),
    )
}

/// The userdata of the controller action of the first flow of a logical flow.
fn userdata(m: &str, a: &str, pipeline: Pipeline, table: u8) -> Vec<u8> {
    let l = MapLookup::new().port("lsp1", 1);
    let row = LogicalFlowRow {
        uuid: uuid::Uuid::from_u128(7),
        pipeline,
        table_id: table,
        priority: 100,
        match_: m,
        actions: a,
        datapath_key: 1,
    };
    let flows = FlowCompiler::new().compile(&row, &l).unwrap();
    let Instruction::ApplyActions(acts) = &flows[0].instructions[0] else {
        panic!("no actions");
    };
    acts.iter()
        .find_map(|x| match x {
            OfAction::Nx(NxAction::Controller2(c)) => c.userdata.clone(),
            _ => None,
        })
        .expect("a controller action")
}

/// The pipeline state OVS reports: metadata, and registers as OpenFlow 1.5 xregs.
fn metadata(inport: u32) -> Vec<MatchField> {
    vec![
        MatchField::from_u128(Field::Metadata, 1, None),
        MatchField::from_u128(Field::XReg(7), u128::from(inport) << 32 | 0x8000, None),
        MatchField::from_u128(Field::Reg(13), 2, None),
    ]
}

fn pin(table: u8, userdata: Vec<u8>, packet: Vec<u8>) -> PacketIn {
    PacketIn {
        table_id: table,
        cookie: 7,
        metadata: metadata(1),
        userdata,
        packet,
    }
}

fn the_packet_out(out: &[PinctrlOutput]) -> &PacketOut {
    match out {
        [PinctrlOutput::PacketOut(po)] => po,
        other => panic!("expected one packet-out, got {other:?}"),
    }
}

#[test]
fn reject_answers_tcp_with_a_reset_addressed_back_to_the_sender() {
    // The action as ovn-northd writes it: the address swap is implicit in `reject`.
    let ud = userdata(
        "ip4 && tcp",
        "reject { /* eth.dst <-> eth.src; ip.dst <-> ip.src; is implicit. */ outport <-> inport; next(pipeline=egress,table=5); };",
        Pipeline::Ingress,
        8,
    );
    let mut p = Pinctrl::new();
    let out = p.handle_packet_in(&pin(16, ud, tcp4(0x02, Some(0x1005))), Instant::now());
    let po = the_packet_out(&out);
    assert_eq!(po.in_port, port::CONTROLLER);
    assert_eq!(
        openflow::text::format_actions(&po.actions),
        "set_field:0x1->metadata,set_field:0x100008000->xreg7,set_field:0x2->reg13,\
         push:NXM_NX_REG14[],push:NXM_NX_REG15[],pop:NXM_NX_REG14[],pop:NXM_NX_REG15[],\
         resubmit(,47)"
    );
    let h = parse(&po.data).unwrap();
    assert_eq!(h.vlan_tci, Some(0x1005));
    // The SYN went MAC1/IP1:40000 -> MAC2/IP2:80; the RST goes back.
    assert_eq!((h.eth_src, h.eth_dst), (MAC2, MAC1), "Ethernet swapped");
    let L3::Ipv4 { src, dst, .. } = h.l3 else {
        panic!("not IPv4: {:?}", h.l3)
    };
    assert_eq!((src, dst), (IP2, IP1), "IP swapped");
    let tcp = &po.data[18 + 20..];
    assert_eq!(checksum(pseudo_v4(src, dst, 6, tcp.len()), tcp), 0);
    assert_eq!(
        h.l4,
        L4::Tcp {
            src: 80,
            dst: 40000,
            seq: 0,
            ack: 0x1001,
            flags: 0x14,
            payload_len: 0
        }
    );
    assert!(p.errors().is_empty());
}

#[test]
fn reject_answers_udp6_with_port_unreachable() {
    let ud = userdata(
        "ip6 && udp",
        "reject { /* eth.dst <-> eth.src; ip.dst <-> ip.src; is implicit. */ outport <-> inport; next(pipeline=egress,table=5); };",
        Pipeline::Ingress,
        8,
    );
    let pkt = udp6();
    let out = Pinctrl::new().handle_packet_in(&pin(16, ud, pkt.clone()), Instant::now());
    let po = the_packet_out(&out);
    let h = parse(&po.data).unwrap();
    assert!(matches!(
        h.l4,
        L4::Icmp6 {
            kind: 1,
            code: 4,
            ..
        }
    ));
    assert_eq!(
        &po.data[14 + 40 + 8..],
        &pkt[14..],
        "quotes the whole small datagram"
    );
    // Addressed back to the sender, with a checksum right for those addresses.
    assert_eq!((h.eth_src, h.eth_dst), (MAC2, MAC1), "Ethernet swapped");
    let L3::Ipv6 { src, dst, .. } = h.l3 else {
        panic!("not IPv6: {:?}", h.l3)
    };
    let (s6, d6): (Ipv6Addr, Ipv6Addr) = ("fd00::11".parse().unwrap(), "fd00::12".parse().unwrap());
    assert_eq!((src, dst), (d6, s6), "IP swapped");
    let icmp = &po.data[54..];
    assert_eq!(checksum(pseudo_v6(src, dst, 58, icmp.len()), icmp), 0);
}

#[test]
fn icmp4_and_tcp_reset_ops() {
    let ud = userdata(
        "ip4",
        "icmp4 { eth.dst <-> eth.src; ip4.dst <-> ip4.src; ip.ttl = 255; icmp4.type = 3; icmp4.code = 3; next; };",
        Pipeline::Ingress,
        10,
    );
    let out = Pinctrl::new().handle_packet_in(&pin(18, ud, tcp4(0x02, None)), Instant::now());
    let h = parse(&the_packet_out(&out).data).unwrap();
    assert_eq!(h.l4, L4::Icmp { kind: 3, code: 1 });
    // Unlike `reject`, `icmp4` leaves the swap to its nested actions.
    assert_eq!((h.eth_src, h.eth_dst), (MAC1, MAC2));
    assert!(matches!(
        h.l3,
        L3::Ipv4 {
            src: IP1,
            dst: IP2,
            ..
        }
    ));
    let ud = userdata("tcp", "tcp_reset { next; };", Pipeline::Ingress, 10);
    // An ACKed segment is reset with seq = its ack and no ACK flag.
    let out = Pinctrl::new().handle_packet_in(&pin(18, ud, tcp4(0x10, None)), Instant::now());
    let h = parse(&the_packet_out(&out).data).unwrap();
    assert!(matches!(
        h.l4,
        L4::Tcp {
            seq: 0x2000,
            flags: 0x04,
            ..
        }
    ));
}

#[test]
fn arp_request_for_an_ipv4_packet() {
    let ud = userdata(
        "ip4",
        "arp { eth.dst = ff:ff:ff:ff:ff:ff; arp.op = 1; output; };",
        Pipeline::Ingress,
        14,
    );
    let out = Pinctrl::new().handle_packet_in(&pin(22, ud, tcp4(0x02, None)), Instant::now());
    let po = the_packet_out(&out);
    assert!(openflow::text::format_actions(&po.actions)
        .ends_with("set_field:ff:ff:ff:ff:ff:ff->eth_dst,set_field:1->arp_op,resubmit(,37)"));
    let h = parse(&po.data).unwrap();
    assert_eq!(
        h.l3,
        L3::Arp {
            op: 1,
            sha: MAC1,
            spa: IP1,
            tha: [0; 6],
            tpa: IP2
        }
    );
}

#[test]
fn nd_na_answers_a_solicitation() {
    let target: Ipv6Addr = "fd00::12".parse().unwrap();
    let ud = userdata(
        "nd_ns && nd.target == fd00::12",
        "nd_na { eth.src = 00:00:00:00:01:02; ip6.src = fd00::12; nd.target = fd00::12; nd.tll = 00:00:00:00:01:02; outport = inport; flags.loopback = 1; output; };",
        Pipeline::Ingress,
        19,
    );
    let out = Pinctrl::new()
        .handle_packet_in(&pin(27, ud, neighbour_solicitation(target)), Instant::now());
    let po = the_packet_out(&out);
    let h = parse(&po.data).unwrap();
    assert_eq!(h.eth_dst, MAC1);
    let L3::Ipv6 {
        src, dst, hlimit, ..
    } = h.l3
    else {
        panic!("{h:?}")
    };
    assert_eq!(
        (src, dst, hlimit),
        (target, "fd00::11".parse().unwrap(), 255)
    );
    // The defaults (the solicitation's destination MAC) are overwritten by the actions.
    let ns_dst = [0x33, 0x33, 0xff, 0, 0, 1];
    assert_eq!(
        h.l4,
        L4::Icmp6 {
            kind: 136,
            code: 0,
            nd_target: Some(target),
            nd_lladdr: Some(ns_dst)
        }
    );
    assert_eq!(h.eth_src, ns_dst);
    assert!(openflow::text::format_actions(&po.actions)
        .contains("set_field:00:00:00:00:01:02->eth_src,set_field:fd00::12->ipv6_src,set_field:fd00::12->nd_target,set_field:00:00:00:00:01:02->nd_tll"));
    assert_eq!(po.data[14 + 40 + 4], 0x60, "solicited + override");
    let icmp = &po.data[54..];
    assert_eq!(checksum(pseudo_v6(src, dst, 58, icmp.len()), icmp), 0);
}

#[test]
fn acl_log_line_in_ovn_controller_format() {
    let ud = userdata(
        "ip4 && tcp",
        "log(name=\"web-deny\", verdict=drop, severity=warning); /* drop */",
        Pipeline::Egress,
        4,
    );
    let out = Pinctrl::new().handle_packet_in(&pin(46, ud, tcp4(0x02, None)), Instant::now());
    let [PinctrlOutput::Log(rec)] = out.as_slice() else {
        panic!("{out:?}");
    };
    assert_eq!(
        rec.to_string(),
        "name=\"web-deny\", verdict=drop, severity=warning, direction=to-lport: \
         tcp,vlan_tci=0x0000,dl_src=00:00:00:00:01:01,dl_dst=00:00:00:00:01:02,\
         nw_src=10.0.0.11,nw_dst=10.0.0.12,nw_tos=0,nw_ecn=0,nw_ttl=64,nw_frag=no,\
         tp_src=40000,tp_dst=80,tcp_flags=syn"
    );
    let ud = userdata("ip4", "log(verdict=allow); next;", Pipeline::Ingress, 8);
    let out = Pinctrl::new().handle_packet_in(&pin(16, ud, tcp4(0x12, None)), Instant::now());
    let [PinctrlOutput::Log(rec)] = out.as_slice() else {
        panic!("{out:?}");
    };
    assert!(rec.to_string().starts_with(
        "name=\"<unnamed>\", verdict=allow, severity=info, direction=from-lport: tcp,"
    ));
    assert!(rec.to_string().ends_with("tcp_flags=syn|ack"));
}

#[test]
fn put_fdb_learns_once_and_again_when_the_mac_moves() {
    let ud = userdata("1", "put_fdb(inport, eth.src); next;", Pipeline::Ingress, 3);
    let mut p = Pinctrl::new();
    let t0 = Instant::now();
    let learned = FdbEntry {
        dp_key: 1,
        mac: MAC1,
        port_key: 1,
    };
    let out = p.handle_packet_in(&pin(11, ud.clone(), tcp4(2, None)), t0);
    assert_eq!(out, [PinctrlOutput::FdbLearned(learned)]);
    let t1 = t0 + Duration::from_secs(1);
    assert!(p
        .handle_packet_in(&pin(11, ud.clone(), tcp4(2, None)), t1)
        .is_empty());
    assert_eq!(p.fdb_entries().collect::<Vec<_>>(), [(learned, t1)]);
    let mut moved = pin(11, ud, tcp4(2, None));
    moved.metadata = metadata(3);
    let out = p.handle_packet_in(&moved, t1);
    assert_eq!(
        out,
        [PinctrlOutput::FdbLearned(FdbEntry {
            port_key: 3,
            ..learned
        })]
    );
}

#[test]
fn put_arp_learns_a_mac_binding() {
    let ud = userdata(
        "arp",
        "put_arp(inport, arp.spa, arp.sha); next;",
        Pipeline::Ingress,
        3,
    );
    let mut pi = pin(11, ud, tcp4(2, None));
    pi.metadata.push(MatchField::from_u128(
        Field::XReg(0),
        u128::from(u32::from(IP1)) << 32,
        None,
    ));
    let out = Pinctrl::new().handle_packet_in(&pi, Instant::now());
    assert_eq!(
        out,
        [PinctrlOutput::MacBindingLearned(MacBinding {
            dp_key: 1,
            port_key: 1,
            ip: IpAddr::V4(IP1),
            mac: MAC1
        })]
    );
}

#[test]
fn put_nd_reads_the_address_from_xxreg0() {
    let ud = userdata(
        "nd_na",
        "put_nd(inport, nd.target, nd.tll); next;",
        Pipeline::Ingress,
        3,
    );
    let mut pi = pin(11, ud, udp6());
    let ip: Ipv6Addr = "fd00::1:2".parse().unwrap();
    let v = u128::from(ip);
    // OVS reports the registers of OpenFlow 1.5 as 64-bit xregs.
    pi.metadata
        .push(MatchField::from_u128(Field::XReg(0), v >> 64, None));
    pi.metadata.push(MatchField::from_u128(
        Field::XReg(1),
        v & u128::from(u64::MAX),
        None,
    ));
    let out = Pinctrl::new().handle_packet_in(&pi, Instant::now());
    assert_eq!(
        out,
        [PinctrlOutput::MacBindingLearned(MacBinding {
            dp_key: 1,
            port_key: 1,
            ip: IpAddr::V6(ip),
            mac: MAC1
        })]
    );
}

#[test]
fn bad_packet_ins_are_counted_not_fatal() {
    let mut p = Pinctrl::new();
    let now = Instant::now();
    assert!(p
        .handle_packet_in(&pin(8, vec![0, 0], tcp4(2, None)), now)
        .is_empty());
    assert!(p
        .handle_packet_in(&pin(8, vec![0, 0, 0, 99, 0, 0, 0, 0], tcp4(2, None)), now)
        .is_empty());
    let arp_op = vec![0, 0, 0, 0, 0, 0, 0, 0];
    assert!(p
        .handle_packet_in(&pin(8, arp_op.clone(), vec![1, 2, 3]), now)
        .is_empty());
    let mut truncated = tcp4(2, None);
    truncated.truncate(40);
    assert!(p
        .handle_packet_in(&pin(8, arp_op.clone(), truncated), now)
        .is_empty());
    assert!(
        p.handle_packet_in(&pin(8, arp_op, udp6()), now).is_empty(),
        "arp needs IPv4"
    );
    let mut garbage_actions = vec![0, 0, 0, 0xb, 0, 0, 0, 0];
    garbage_actions.extend_from_slice(&[0xff, 0xff, 0, 3]);
    assert!(p
        .handle_packet_in(&pin(8, garbage_actions, tcp4(2, None)), now)
        .is_empty());
    assert!(p
        .handle_packet_in(&pin(8, vec![0, 0, 0, 0x12, 0, 0, 0, 0], tcp4(2, None)), now)
        .is_empty());
    let mut no_md = pin(8, vec![0, 0, 0, 0x19, 0, 0, 0, 0], tcp4(2, None));
    no_md.metadata.clear();
    assert!(p.handle_packet_in(&no_md, now).is_empty());
    let e = p.errors();
    for k in [
        "short-userdata",
        "unknown-opcode",
        "malformed-packet",
        "wrong-packet",
        "bad-actions",
        "unsupported:HandleSvcCheck",
        "missing-metadata",
    ] {
        assert!(e.contains_key(k), "{k} not counted: {e:?}");
    }
    assert_eq!(e["malformed-packet"], 2);
}

#[test]
fn packet_in2_properties_decode() {
    let md: Vec<u8> = {
        let mut b = Vec::new();
        for f in metadata(1) {
            f.emit(&mut b);
        }
        b
    };
    let mut cookie = vec![0; 4];
    cookie.extend_from_slice(&7u64.to_be_bytes());
    let props = vec![
        Property {
            kind: pin2::PACKET,
            value: tcp4(2, None),
        },
        Property {
            kind: pin2::TABLE_ID,
            value: vec![16],
        },
        Property {
            kind: pin2::COOKIE,
            value: cookie,
        },
        Property {
            kind: pin2::METADATA,
            value: md,
        },
        Property {
            kind: pin2::USERDATA,
            value: vec![0, 0, 0, 0x19, 0, 0, 0, 0],
        },
    ];
    let pi = PacketIn::from_packet_in2(&props).unwrap();
    assert_eq!(pi, pin(16, vec![0, 0, 0, 0x19, 0, 0, 0, 0], tcp4(2, None)));
    assert_eq!(
        (pi.datapath(), pi.reg(14), pi.reg(15), pi.reg(13), pi.reg(0)),
        (Some(1), Some(1), Some(0x8000), Some(2), None)
    );
    assert!(matches!(
        PacketIn::from_packet_in2(&props[1..]),
        Err(PacketInError::Missing("packet"))
    ));
    let mut bad = props.clone();
    bad[3].value = vec![0, 1];
    assert!(matches!(
        PacketIn::from_packet_in2(&bad),
        Err(PacketInError::Bad("metadata"))
    ));
}
