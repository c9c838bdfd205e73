//! Logical flows as typed values, and the generators that compute them from the NB.
//!
//! A [`LogicalFlow`] knows its datapath (the NB logical switch), its [`Stage`], priority,
//! match and actions, and the NB object that produced it ([`Origin`]). Each generator is
//! a pure function of one NB object and the switch context it lives in, one file per
//! concern:
//!
//! | file | flows |
//! |---|---|
//! | `defaults.rs` | the fixed flows of every stage, and the no-op flows of features outside this compiler (LB, DHCP, DNS, hairpin, QoS, ...) |
//! | `port_security.rs` | ingress/egress port security (`check_in_port_sec()`, disabled ports), FDB learning for ports with `unknown` |
//! | `acl.rs` | ACLs: stateless and stateful semantics, hints, labels, logging |
//! | `arp_nd.rs` | ARP/ND responders for known addresses |
//! | `l2_lookup.rs` | destination lookup: unicast, flood, unknown |
//! | `localnet.rs` | localnet ports (conntrack bypass, no ARP responder) |
//!
//! An incremental engine calls [`switch_flows`] per switch, or the per-object functions
//! ([`port_flows`], [`acl_flows`]) when one port or ACL changed, and replaces exactly the
//! flows whose [`Origin`] is that object.

mod acl;
mod arp_nd;
mod defaults;
mod l2_lookup;
mod localnet;
mod port_security;

use std::collections::BTreeSet;
use std::fmt;

use uuid::Uuid;

use crate::nb::{Acl, Direction, LogicalSwitch, LogicalSwitchPort, NbSnapshot};
use crate::pipeline::Stage;

/// The NB object a flow was generated from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// A fixed flow of the switch's pipeline (its shape may depend on switch-wide facts,
    /// such as whether the switch has stateful ACLs).
    Switch(Uuid),
    /// A `Logical_Switch_Port`.
    Port(Uuid),
    /// An `ACL` (of the switch or of a port group with ports on it).
    Acl(Uuid),
}

/// One logical flow of one logical switch.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LogicalFlow {
    /// The NB `Logical_Switch` whose SB `Datapath_Binding` the flow belongs to.
    pub datapath: Uuid,
    pub stage: Stage,
    pub priority: u16,
    pub match_: String,
    pub actions: String,
    pub origin: Origin,
}

impl LogicalFlow {
    /// SB `Logical_Flow.pipeline`.
    pub fn pipeline(&self) -> crate::pipeline::Pipeline {
        self.stage.pipeline()
    }
    /// SB `Logical_Flow.table_id`.
    pub fn table_id(&self) -> u8 {
        self.stage.table()
    }
    /// SB `Logical_Flow.external_ids`: the stage name, which ovn-sbctl and
    /// ovn-controller's traces show.
    pub fn external_ids(&self) -> [(&'static str, &'static str); 1] {
        [("stage-name", self.stage.name())]
    }
    /// The flow as one line of `ovn-sbctl lflow-list`.
    pub fn lflow_list_line(&self) -> String {
        format!(
            "  table={:<2}({:<19}), priority={:<5}, match=({}), action=({})",
            self.stage.table(),
            self.stage.name(),
            self.priority,
            self.match_,
            self.actions
        )
    }
}

impl fmt::Display for LogicalFlow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lflow_list_line())
    }
}

/// Switch-wide facts every generator may need, computed once per switch.
#[derive(Debug, Clone)]
pub struct SwitchContext<'a> {
    pub nb: &'a NbSnapshot,
    pub ls: &'a LogicalSwitch,
    pub ports: Vec<&'a LogicalSwitchPort>,
    /// The switch's own ACLs and those of every port group with a port on it.
    pub acls: Vec<&'a Acl>,
    /// Some ACL is `allow-related` (in 23.03 `allow` alone does not make a switch
    /// stateful); conntrack is then used for all IP traffic.
    pub has_stateful: bool,
    /// Some enabled port has `unknown` among its addresses.
    pub has_unknown: bool,
}

/// Which port groups each port is in: built once, it lets [`SwitchContext::with_index`]
/// find a switch's port-group ACLs without scanning every group.
pub type PortGroupIndex = std::collections::HashMap<Uuid, Vec<Uuid>>;

/// The [`PortGroupIndex`] of a snapshot.
pub fn port_group_index(nb: &NbSnapshot) -> PortGroupIndex {
    let mut m = PortGroupIndex::new();
    for pg in nb.port_groups.values() {
        for p in &pg.ports {
            m.entry(*p).or_default().push(pg.uuid);
        }
    }
    m
}

impl<'a> SwitchContext<'a> {
    pub fn new(nb: &'a NbSnapshot, ls: &'a LogicalSwitch) -> SwitchContext<'a> {
        let ports: Vec<&LogicalSwitchPort> = nb.switch_ports(ls).collect();
        let port_ids: BTreeSet<Uuid> = ports.iter().map(|p| p.uuid).collect();
        let groups = nb
            .port_groups
            .values()
            .filter(|pg| pg.ports.iter().any(|p| port_ids.contains(p)));
        let acl_ids = ls
            .acls
            .iter()
            .copied()
            .chain(groups.flat_map(|pg| pg.acls.iter().copied()))
            .collect();
        SwitchContext::finish(nb, ls, ports, acl_ids)
    }

    /// As [`SwitchContext::new`], finding the switch's port groups through `index`.
    pub fn with_index(
        nb: &'a NbSnapshot,
        ls: &'a LogicalSwitch,
        index: &PortGroupIndex,
    ) -> SwitchContext<'a> {
        let ports: Vec<&LogicalSwitchPort> = nb.switch_ports(ls).collect();
        let mut acl_ids: BTreeSet<Uuid> = ls.acls.iter().copied().collect();
        for p in &ports {
            for pg in index.get(&p.uuid).into_iter().flatten() {
                if let Some(pg) = nb.port_groups.get(pg) {
                    acl_ids.extend(pg.acls.iter().copied());
                }
            }
        }
        SwitchContext::finish(nb, ls, ports, acl_ids)
    }

    fn finish(
        nb: &'a NbSnapshot,
        ls: &'a LogicalSwitch,
        ports: Vec<&'a LogicalSwitchPort>,
        acl_ids: BTreeSet<Uuid>,
    ) -> SwitchContext<'a> {
        let acls: Vec<&Acl> = acl_ids.iter().filter_map(|u| nb.acls.get(u)).collect();
        let has_stateful = acls
            .iter()
            .any(|a| a.action == crate::nb::AclAction::AllowRelated);
        let has_unknown = ports.iter().any(|p| p.is_enabled() && p.has_unknown());
        SwitchContext {
            nb,
            ls,
            ports,
            acls,
            has_stateful,
            has_unknown,
        }
    }
    pub fn has_acls(&self) -> bool {
        !self.acls.is_empty()
    }
    /// The name of the `$svc_monitor_mac` address set, referenced by fixed flows.
    pub fn svc_monitor_mac_set(&self) -> &'static str {
        "$svc_monitor_mac"
    }
}

/// Collects flows for one datapath, tagging each with its origin.
#[derive(Debug)]
pub struct FlowSink {
    datapath: Uuid,
    pub flows: Vec<LogicalFlow>,
}

impl FlowSink {
    pub fn new(datapath: Uuid) -> FlowSink {
        FlowSink {
            datapath,
            flows: Vec::new(),
        }
    }
    pub fn add(
        &mut self,
        origin: Origin,
        stage: Stage,
        priority: u16,
        match_: impl Into<String>,
        actions: impl Into<String>,
    ) {
        self.flows.push(LogicalFlow {
            datapath: self.datapath,
            stage,
            priority,
            match_: match_.into(),
            actions: actions.into(),
            origin,
        });
    }
}

/// Every flow of one logical switch, sorted as `lflow-list` shows them and without
/// duplicates (the SB holds one row per distinct flow).
pub fn switch_flows(nb: &NbSnapshot, ls: &LogicalSwitch) -> Vec<LogicalFlow> {
    finish(switch_flows_by_origin(nb, ls))
}

/// Every flow of one logical switch, one entry per (origin, flow): two NB objects that
/// produce the same flow both appear. This is what an incremental engine keeps, so that
/// removing one object's flows never removes a flow another object still wants; the
/// SB row exists while at least one origin holds it.
pub fn switch_flows_by_origin(nb: &NbSnapshot, ls: &LogicalSwitch) -> Vec<LogicalFlow> {
    switch_flows_in(&SwitchContext::new(nb, ls))
}

/// [`switch_flows_by_origin`] for a context already built.
pub fn switch_flows_in(cx: &SwitchContext<'_>) -> Vec<LogicalFlow> {
    let _span = tracing::debug_span!("switch_flows", switch = %cx.ls.name).entered();
    let cx = cx.clone();
    let mut sink = FlowSink::new(cx.ls.uuid);
    defaults::build(&cx, &mut sink);
    for p in &cx.ports {
        port_flows_into(&cx, p, &mut sink);
    }
    for a in &cx.acls {
        acl::build(&cx, a, &mut sink);
    }
    sink.flows
}

/// The fixed flows of a switch (origin [`Origin::Switch`]); they change only with
/// switch-wide facts (ACLs present, stateful, ports with `unknown`).
pub fn switch_default_flows(cx: &SwitchContext<'_>) -> Vec<LogicalFlow> {
    let mut sink = FlowSink::new(cx.ls.uuid);
    defaults::build(cx, &mut sink);
    finish(sink.flows)
}

/// What to add to and remove from the SB `Logical_Flow` table to go from one set of
/// flows to another (flows compared without their origin, as the SB sees them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowDiff {
    pub added: Vec<LogicalFlow>,
    pub removed: Vec<LogicalFlow>,
}

/// The SB identity of a flow: everything but its origin.
fn sb_key(f: &LogicalFlow) -> (Uuid, Stage, u16, &str, &str) {
    (f.datapath, f.stage, f.priority, &f.match_, &f.actions)
}

/// Which SB flows to add and remove to go from `old` to `new`.
pub fn diff(old: &[LogicalFlow], new: &[LogicalFlow]) -> FlowDiff {
    let o: BTreeSet<_> = old.iter().map(sb_key).collect();
    let n: BTreeSet<_> = new.iter().map(sb_key).collect();
    let mut d = FlowDiff {
        added: new
            .iter()
            .filter(|f| !o.contains(&sb_key(f)))
            .cloned()
            .collect(),
        removed: old
            .iter()
            .filter(|f| !n.contains(&sb_key(f)))
            .cloned()
            .collect(),
    };
    d.added = finish(d.added);
    d.removed = finish(d.removed);
    d
}

/// Renders flows as `ovn-sbctl lflow-list` does: per datapath (ordered by name), the
/// ingress then the egress pipeline, each flow on one line. `datapath` gives a flow's
/// datapath name and the uuid to print for it.
pub fn lflow_list_text(flows: &[LogicalFlow], datapath: impl Fn(Uuid) -> (String, Uuid)) -> String {
    let mut by_dp: std::collections::BTreeMap<(String, Uuid), Vec<LogicalFlow>> =
        std::collections::BTreeMap::new();
    for f in flows {
        by_dp
            .entry(datapath(f.datapath))
            .or_default()
            .push(f.clone());
    }
    let mut out = String::new();
    for ((name, uuid), flows) in by_dp {
        let flows = finish(flows);
        for p in [
            crate::pipeline::Pipeline::Ingress,
            crate::pipeline::Pipeline::Egress,
        ] {
            out += &format!("Datapath: \"{name}\" ({uuid})  Pipeline: {}\n", p.as_str());
            for f in flows.iter().filter(|f| f.stage.pipeline() == p) {
                out += &f.lflow_list_line();
                out.push('\n');
            }
        }
    }
    out
}

/// The flows one port contributes to its switch.
pub fn port_flows(cx: &SwitchContext<'_>, lsp: &LogicalSwitchPort) -> Vec<LogicalFlow> {
    let mut sink = FlowSink::new(cx.ls.uuid);
    port_flows_into(cx, lsp, &mut sink);
    finish(sink.flows)
}

/// The flows one ACL contributes to a switch it applies to.
pub fn acl_flows(cx: &SwitchContext<'_>, acl: &Acl) -> Vec<LogicalFlow> {
    let mut sink = FlowSink::new(cx.ls.uuid);
    acl::build(cx, acl, &mut sink);
    finish(sink.flows)
}

fn port_flows_into(cx: &SwitchContext<'_>, lsp: &LogicalSwitchPort, sink: &mut FlowSink) {
    port_security::build(cx, lsp, sink);
    localnet::build(cx, lsp, sink);
    arp_nd::build(cx, lsp, sink);
    l2_lookup::build(cx, lsp, sink);
}

/// Every flow of every switch.
pub fn all_flows(nb: &NbSnapshot) -> Vec<LogicalFlow> {
    nb.switches
        .values()
        .flat_map(|ls| switch_flows(nb, ls))
        .collect()
}

fn finish(mut flows: Vec<LogicalFlow>) -> Vec<LogicalFlow> {
    flows.sort_by(|a, b| {
        (
            a.stage,
            std::cmp::Reverse(a.priority),
            &a.match_,
            &a.actions,
        )
            .cmp(&(
                b.stage,
                std::cmp::Reverse(b.priority),
                &b.match_,
                &b.actions,
            ))
    });
    flows.dedup_by(|a, b| {
        a.stage == b.stage
            && a.priority == b.priority
            && a.match_ == b.match_
            && a.actions == b.actions
    });
    flows
}

/// `inport == "NAME"` or `outport == "NAME"`.
pub(crate) fn port_eq(dir: Direction, name: &str) -> String {
    match dir {
        Direction::FromLport => format!("inport == \"{name}\""),
        Direction::ToLport => format!("outport == \"{name}\""),
    }
}
