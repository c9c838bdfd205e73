//! Load-balancer groups end to end against a real ovs-vswitchd (userspace datapath,
//! private ovsdb-server; skipped when Open vSwitch is missing, fails under `CI`):
//! every logical flow of the load-balancer corpus is compiled, the desired groups
//! ([`FlowCompiler::groups`] through [`diff_groups`]) and then the flows are installed
//! through the `openflow` client, and the switch must accept all of them and hold
//! exactly our groups. Then a load balancer changes (its logical flow is released and a
//! new one compiled: the freed group id is reused with new buckets) and one goes away:
//! the group diff (MODIFY before the flow changes, DELETE after) must leave the switch's
//! group table equal to the desired one again, with no error.

mod common;

use std::collections::BTreeMap;

use common::ovs::Ovs;
use common::{data, lb_datapaths, logical_flows};
use controller::lflow::group_diff::{GROUP_DELETE, GROUP_MODIFY};
use controller::lflow::logical_fields::Pipeline;
use controller::lflow::{diff_groups, FlowCompiler, GroupDiff, LogicalFlowRow};
use openflow::conn::Client;
use openflow::text::{format_group, Flow};
use openflow::wire::msg::{FlowMod, FlowModCommand, GroupMod};
use openflow::wire::Message;

fn uuid(n: u128) -> uuid::Uuid {
    uuid::Uuid::from_u128(n << 96 | 0x4000_8000_0000_0000)
}

fn switch_groups(ovs: &Ovs) -> Vec<String> {
    let mut v: Vec<String> = ovs
        .ofctl(&["dump-groups", "SWITCH"])
        .lines()
        .filter(|l| l.contains("group_id="))
        .map(|l| l.trim().to_string())
        .collect();
    v.sort();
    v
}

fn ours(c: &FlowCompiler) -> Vec<String> {
    let mut v: Vec<String> = c.groups().values().map(format_group).collect();
    v.sort();
    v
}

async fn apply(c: &Client, groups: GroupDiff, flows: Vec<Message>) {
    let mut msgs: Vec<Message> = groups
        .before_flows
        .into_iter()
        .map(Message::GroupMod)
        .collect();
    msgs.extend(flows);
    msgs.extend(groups.after_flows.into_iter().map(Message::GroupMod));
    let errors = c.transact(msgs).await.unwrap();
    assert!(errors.is_empty(), "{errors:?}");
}

fn delete_cookie(cookie: u64) -> Message {
    Message::FlowMod(FlowMod {
        command: FlowModCommand::Delete,
        table_id: 0xff,
        cookie,
        cookie_mask: u64::MAX,
        ..Default::default()
    })
}

fn adds(flows: &[Flow]) -> Vec<Message> {
    flows
        .iter()
        .map(|f| Message::FlowMod(f.to_flow_mod(FlowModCommand::Add)))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_balancer_groups_install_and_change_on_a_real_switch() {
    let Some(ovs) = Ovs::start() else { return };
    let (c, _unsolicited) = Client::connect(&ovs.remote()).await.unwrap();
    let datapaths = lb_datapaths();
    let mut compiler = FlowCompiler::new();
    let mut flows = Vec::new();
    // The logical flows that use lb1 on ls1 and on lr1.
    let (mut lb1_ls, mut lb1_lr) = (None, None);
    for (n, lf) in logical_flows(&data("lb-sb-lflow-list.txt"))
        .iter()
        .enumerate()
    {
        let (_, key, lookup) = datapaths
            .iter()
            .find(|(d, _, _)| *d == lf.datapath)
            .unwrap();
        let row = LogicalFlowRow {
            uuid: uuid(n as u128 + 1),
            pipeline: lf.pipeline,
            table_id: lf.table,
            priority: lf.priority,
            match_: &lf.matches,
            actions: &lf.actions,
            datapath_key: *key,
        };
        if lf.actions.contains("backends=10.0.0.11:80,10.0.0.12:80") {
            if lf.datapath == "ls1" {
                lb1_ls = Some(row.uuid);
            } else {
                lb1_lr = Some(row.uuid);
            }
        }
        flows.extend(compiler.compile(&row, lookup).unwrap());
    }
    assert!(compiler.groups().len() >= 6);
    assert!(flows.len() > 400);

    // Install: groups first, then the flows that use them.
    let groups = diff_groups(compiler.groups(), &BTreeMap::new());
    assert!(groups.after_flows.is_empty());
    apply(&c, groups, adds(&flows)).await;
    assert_eq!(switch_groups(&ovs), ours(&compiler));
    let installed_flows = ovs.ofctl(&["dump-flows", "SWITCH"]);
    assert!(
        installed_flows.matches("group:").count() >= 6,
        "{installed_flows}"
    );
    let installed: BTreeMap<u32, GroupMod> = compiler.groups().clone();

    // lb1 on ls1 changes backends: release its logical flow, compile the new one.
    let (lb1_ls, lb1_lr) = (lb1_ls.unwrap(), lb1_lr.unwrap());
    let old_id = installed
        .iter()
        .find(|(_, g)| format_group(g).contains("table=21") && g.buckets.len() == 2)
        .map(|(id, _)| *id)
        .unwrap();
    compiler.release(lb1_ls);
    let row = LogicalFlowRow {
        uuid: uuid(1000),
        pipeline: Pipeline::Ingress,
        table_id: 12,
        priority: 120,
        match_: "ct.new && ip4.dst == 10.0.0.100 && tcp.dst == 80",
        actions: "reg0[1] = 0; ct_lb_mark(backends=10.0.0.11:80,10.0.0.13:80);",
        datapath_key: 1,
    };
    let new_flows = compiler.compile(&row, &datapaths[0].2).unwrap();
    let groups = diff_groups(compiler.groups(), &installed);
    let cmds: Vec<(u32, u16)> = groups
        .before_flows
        .iter()
        .map(|g| (g.group_id, g.command))
        .collect();
    assert!(cmds.contains(&(old_id, GROUP_MODIFY)), "{cmds:?}");
    let mut change = vec![delete_cookie(cookie(lb1_ls))];
    change.extend(adds(&new_flows));
    apply(&c, groups, change).await;
    assert_eq!(switch_groups(&ovs), ours(&compiler));
    let installed: BTreeMap<u32, GroupMod> = compiler.groups().clone();

    // lb1 leaves lr1: its flows go, then its group.
    compiler.release(lb1_lr);
    let groups = diff_groups(compiler.groups(), &installed);
    assert!(groups.before_flows.is_empty());
    assert_eq!(groups.after_flows.len(), 1);
    assert_eq!(groups.after_flows[0].command, GROUP_DELETE);
    apply(&c, groups, vec![delete_cookie(cookie(lb1_lr))]).await;
    assert_eq!(switch_groups(&ovs), ours(&compiler));
}

/// The cookie ovn-controller (and rovn) gives a logical flow's flows.
fn cookie(u: uuid::Uuid) -> u64 {
    controller::lflow::flow_compiler::lflow_cookie(&u)
}
