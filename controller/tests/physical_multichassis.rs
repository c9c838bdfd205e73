//! Tunnels and multicast with three chassis: what each chassis sends where. Expected flows
//! are written out in ovs-ofctl syntax, following the patterns the real ovn-controller
//! shows in the two-chassis captures (one output per remote chassis, encapsulation loaded
//! once, local members expanded in table 40).

mod physical_common;
use controller::physical::{physical_flows, EncapKind, LocalView};
use physical_common::*;

fn table(view: &LocalView, t: u8) -> Vec<String> {
    ours(&physical_flows(view))
        .into_iter()
        .filter(|l| l.starts_with(&format!("table={t}, ")))
        .collect()
}

fn sorted(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

const GENEVE_A: &str = "set_field:0x1/0xffffff->tun_id";

#[test]
fn hv1_sends_each_remote_port_to_its_chassis_and_floods_once_per_chassis() {
    let v = three_chassis_view("hv1");
    let enc = |dp: u32, out: u32| {
        format!(
            "set_field:{:#x}/0xffffff->tun_id,set_field:{:#x}->tun_metadata0,move:NXM_NX_REG14[0..14]->NXM_NX_TUN_METADATA0[16..30]",
            dp, out
        )
    };
    assert_eq!(enc(1, 1).split(',').next().unwrap(), GENEVE_A);
    let want = sorted(&[
        "table=39, priority=150,reg10=0x10/0x10 actions=resubmit(,40)",
        "table=39, priority=150,reg10=0x2/0x3 actions=resubmit(,40)",
        "table=39, priority=0 actions=resubmit(,40)",
        &format!("table=39, priority=100,reg15=0x2,metadata=0x1 actions={},output:12,resubmit(,40)", enc(1, 2)),
        &format!("table=39, priority=100,reg15=0x3,metadata=0x1 actions={},output:13,resubmit(,40)", enc(1, 3)),
        &format!("table=39, priority=100,reg15=0x1,metadata=0x2 actions={},output:12,resubmit(,40)", enc(2, 1)),
        &format!("table=39, priority=100,reg15=0x2,metadata=0x2 actions={},output:13,resubmit(,40)", enc(2, 2)),
        // The group goes once to hv2 and once to hv3, encapsulated once; a5 (unbound) is
        // nowhere; local members follow in table 40.
        &format!("table=39, priority=100,reg15=0x8000,metadata=0x1 actions={},output:12,output:13,resubmit(,40)", enc(1, 0x8000)),
        // ls-b has no member here, so no table-40 flow and no resubmit to it (as the
        // real ovn-controller does for ls2's flood in the `router` capture).
        &format!("table=39, priority=100,reg15=0x8000,metadata=0x2 actions={},output:12,output:13", enc(2, 0x8000)),
    ]);
    let mut want = want;
    want.sort();
    assert_eq!(table(&v, 39), want);

    assert_eq!(
        table(&v, 40),
        sorted(&[
            "table=40, priority=100,reg15=0x1,metadata=0x1 actions=set_field:0xb->reg13,set_field:0x65->reg11,set_field:0xc9->reg12,resubmit(,41)",
            "table=40, priority=100,reg15=0x4,metadata=0x1 actions=set_field:0xe->reg13,set_field:0x65->reg11,set_field:0xc9->reg12,resubmit(,41)",
            "table=40, priority=100,reg15=0x8000,metadata=0x1 actions=set_field:0xb->reg13,set_field:0x1->reg15,resubmit(,41),set_field:0xe->reg13,set_field:0x4->reg15,resubmit(,41),set_field:0x8000->reg15",
            "table=40, priority=0 actions=drop",
        ])
    );
    // Tunnel input from both remotes lands in local delivery.
    let t0 = table(&v, 0);
    for port in [12, 13] {
        assert!(
            t0.contains(&format!("table=0, priority=100,in_port={port} actions=move:NXM_NX_TUN_ID[0..23]->OXM_OF_METADATA[0..23],move:NXM_NX_TUN_METADATA0[16..30]->NXM_NX_REG14[0..14],move:NXM_NX_TUN_METADATA0[0..15]->NXM_NX_REG15[0..15],resubmit(,40)")),
            "{t0:#?}"
        );
    }
    assert!(
        !t0.iter().any(|l| l.contains("in_port=11")),
        "no tunnel to ourselves"
    );
    // Local VIFs enter ingress with their zones.
    assert!(t0.contains(&"table=0, priority=100,in_port=4 actions=set_field:0xe->reg13,set_field:0x65->reg11,set_field:0xc9->reg12,set_field:0x1->metadata,set_field:0x4->reg14,resubmit(,8)".to_string()));
}

#[test]
fn hv3_has_no_local_members_of_ls_b_flood_except_itself() {
    let v = three_chassis_view("hv3");
    let t39 = table(&v, 39);
    // ls-b's group has b2 on hv2 (remote) and b3 here: one output, to hv2 only.
    assert!(
        t39.iter().any(
            |l| l.starts_with("table=39, priority=100,reg15=0x8000,metadata=0x2 ")
                && l.ends_with(",output:12,resubmit(,40)")
        ),
        "{t39:#?}"
    );
    // ls-a's group: a1 and a4 both on hv1 → hv1 once; a2 on hv2.
    let a = t39
        .iter()
        .find(|l| l.starts_with("table=39, priority=100,reg15=0x8000,metadata=0x1 "))
        .unwrap();
    assert_eq!(a.matches("output:11").count(), 1, "{a}");
    assert_eq!(a.matches("output:12").count(), 1, "{a}");
    assert_eq!(a.matches("output:13").count(), 0, "{a}");
    let t65 = table(&v, 65);
    assert_eq!(
        t65,
        sorted(&[
            "table=65, priority=100,reg15=0x3,metadata=0x1 actions=output:3",
            "table=65, priority=100,reg15=0x2,metadata=0x2 actions=output:7",
            "table=65, priority=0 actions=drop",
        ])
    );
}

#[test]
fn a_group_with_only_local_members_sends_nothing_remote() {
    let mut v = three_chassis_view("hv1");
    v.mcast_groups[0].ports = vec!["a1".into(), "a4".into()];
    let t39 = table(&v, 39);
    assert!(
        !t39.iter().any(|l| l.contains("reg15=0x8000,metadata=0x1")),
        "{t39:#?}"
    );
    assert!(table(&v, 40)
        .iter()
        .any(|l| l.contains("reg15=0x8000,metadata=0x1")));
}

#[test]
fn a_chassis_without_a_tunnel_is_unreachable() {
    let mut v = three_chassis_view("hv1");
    v.tunnels.retain(|t| t.chassis != "hv3");
    let t39 = table(&v, 39);
    assert!(!t39.iter().any(|l| l.contains("output:13")), "{t39:#?}");
    assert!(!t39.iter().any(|l| l.contains("reg15=0x3,metadata=0x1")));
    assert!(!table(&v, 0).iter().any(|l| l.contains("in_port=13")));
}

#[test]
fn vxlan_tunnels_carry_keys_in_the_vni() {
    let mut v = three_chassis_view("hv1");
    for t in &mut v.tunnels {
        if t.chassis == "hv3" {
            t.kind = EncapKind::Vxlan;
        }
    }
    let t39 = table(&v, 39);
    // a3 on hv3: VNI = dp 1 | port 3 << 12.
    assert!(t39.contains(&"table=39, priority=100,reg15=0x3,metadata=0x1 actions=set_field:0x3001/0xffffff->tun_id,output:13,resubmit(,40)".to_string()), "{t39:#?}");
    // The group re-encapsulates when switching from Geneve (hv2) to VXLAN (hv3).
    let g = t39
        .iter()
        .find(|l| l.starts_with("table=39, priority=100,reg15=0x8000,metadata=0x1 "))
        .unwrap();
    // Geneve for hv2, then VXLAN for hv3: the group index in bits 12..22 with bit 23 set.
    assert_eq!(
        g,
        "table=39, priority=100,reg15=0x8000,metadata=0x1 actions=set_field:0x1/0xffffff->tun_id,set_field:0x8000->tun_metadata0,move:NXM_NX_REG14[0..14]->NXM_NX_TUN_METADATA0[16..30],output:12,set_field:0x800001/0xffffff->tun_id,output:13,resubmit(,40)"
    );
    let t0 = table(&v, 0);
    assert!(t0.contains(&"table=0, priority=100,in_port=13 actions=move:NXM_NX_TUN_ID[12..23]->NXM_NX_REG15[0..11],move:NXM_NX_TUN_ID[0..11]->OXM_OF_METADATA[0..11],resubmit(,40)".to_string()), "{t0:#?}");
    assert!(t0.contains(&"table=0, priority=105,tun_id=0x800000/0x800000,in_port=13 actions=set_field:0x8000/0x8000->reg15,move:NXM_NX_TUN_ID[12..22]->NXM_NX_REG15[0..10],move:NXM_NX_TUN_ID[0..11]->OXM_OF_METADATA[0..11],resubmit(,40)".to_string()), "{t0:#?}");
}

#[test]
fn output_is_deterministic_and_identities_are_unique() {
    let v = three_chassis_view("hv2");
    let a = physical_flows(&v);
    let b = physical_flows(&v);
    assert_eq!(a, b);
    let keys: std::collections::HashSet<_> = a.iter().map(openflow::table::FlowKey::of).collect();
    assert_eq!(
        keys.len(),
        a.len(),
        "two flows share (table, priority, match)"
    );
}
