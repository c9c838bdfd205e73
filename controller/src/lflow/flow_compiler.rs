//! The daemon's entry point to the logical-flow compiler: one `Logical_Flow` row (for one
//! datapath) in, the OpenFlow flows ovn-controller would install for it out, typed as
//! `openflow::text::Flow`, ready for the flow table diff.
//!
//! Invariants:
//! - every flow carries cookie = the first 32 bits of the logical flow's UUID, its
//!   OpenFlow table is the logical table's ([`Pipeline::openflow_table`]) and its priority
//!   the logical flow's;
//! - a logical flow whose match needs a conjunctive match gets one conjunction id per
//!   (logical flow, datapath), kept until [`FlowCompiler::release`]; the id is the
//!   first 32 bits of the UUID when free (as ovn-controller prefers), otherwise the next
//!   free one. Ids of flows that need none are not kept;
//! - port names resolve as in ovn-controller: every port of the datapath, local or not
//!   ([`Lookup::port_key_any`]), in matches and actions alike; then, in the ingress
//!   pipeline only, flows matching an `inport` that is not local
//!   ([`Lookup::is_local_port_key`]) are dropped, since such packets never enter this
//!   chassis' ingress pipeline. (A match on a remote `outport`, or on a remote `inport` in
//!   egress, must stay: those packets do pass here.) Port groups (`@pg`) expand to their
//!   local members only, as ovn-controller's port-group sets do.
//! - a logical flow with `ct_lb`/`ct_lb_mark(backends=...)` gets its select group(s) from
//!   the compiler's group table, as ovn-controller's: a group is identified by its content
//!   (type, selection method, buckets), so logical flows wanting the same group share one
//!   id; ids are the lowest free from 1 up; a group lives while some logical flow that
//!   needed it has not been [`FlowCompiler::release`]d. [`FlowCompiler::groups`] is the
//!   desired group table the switch must hold (see its doc for the install order);
//! - a flow that cannot be compiled is skipped: logged once per reason kind, counted in
//!   [`FlowCompiler::skipped`], and leaves no state behind.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use openflow::text::Flow;
use openflow::wire::action::{Action as OfAction, NxAction};
use openflow::wire::instruction::Instruction;
use openflow::wire::matching::Match;
use openflow::wire::msg::GroupMod;
use openflow::wire::oxm::MatchField as OfMatchField;

use super::actions::parse_actions;
use super::compile::MatchCompiler;
use super::encode::field::of_field;
use super::encode::{encode_actions, EncodeContext, EncodeError};
use super::flow_match::{FlowMatch, MatchFlow};
use super::logical_fields::{Pipeline, LOG_INPORT};
use super::lookup::Lookup;
use super::normalize::FlowOptions;
use super::parser::parse_match;
use super::symtab::SymbolTable;
use super::translate::SkipReason;

/// The columns of a `Logical_Flow` row the compiler needs, for one datapath.
#[derive(Debug, Clone, Copy)]
pub struct LogicalFlowRow<'a> {
    pub uuid: uuid::Uuid,
    pub pipeline: Pipeline,
    pub table_id: u8,
    pub priority: u16,
    pub match_: &'a str,
    pub actions: &'a str,
    /// `Datapath_Binding.tunnel_key` of the datapath the flow is compiled for.
    pub datapath_key: u32,
}

/// Compiles logical flows to OpenFlow, owning the conjunction ids and the group table.
#[derive(Debug, Default)]
pub struct FlowCompiler {
    conj_ids: BTreeMap<(uuid::Uuid, u32), u32>,
    used_ids: BTreeSet<u32>,
    /// Desired groups by id (`group_id` set, command ADD).
    groups: BTreeMap<u32, GroupMod>,
    /// Group content (`group_id` 0) → id.
    group_ids: HashMap<GroupMod, u32>,
    /// Logical flows holding each group.
    group_refs: BTreeMap<u32, BTreeSet<uuid::Uuid>>,
    logged: HashSet<String>,
    skipped: BTreeMap<String, u64>,
}

/// Replaces the placeholder `group:I` actions (I = index into `ids`) with real ids.
fn resolve_groups(actions: &mut [OfAction], ids: &[u32]) {
    for a in actions {
        match a {
            OfAction::Group(i) => {
                if let Some(id) = ids.get(*i as usize) {
                    *i = *id;
                }
            }
            OfAction::Nx(NxAction::Clone(inner)) => resolve_groups(inner, ids),
            _ => {}
        }
    }
}

/// The caller's lookup with every port name resolving, local or not.
struct AllPorts<'a>(&'a dyn Lookup);

impl Lookup for AllPorts<'_> {
    fn port_key(&self, name: &str) -> Option<u32> {
        self.0.port_key_any(name)
    }
    fn address_set(&self, name: &str) -> Option<Vec<String>> {
        self.0.address_set(name)
    }
    /// Port groups keep their local members only, as ovn-controller's port-group sets do
    /// (reference: `outport == @pg_pods` installs lsp1's flows only on ch1).
    fn port_group(&self, name: &str) -> Option<Vec<String>> {
        self.0.port_group(name).map(|members| {
            members
                .into_iter()
                .filter(|m| self.0.port_key(m).is_some())
                .collect()
        })
    }
    fn is_chassis_resident(&self, port: &str) -> bool {
        self.0.is_chassis_resident(port)
    }
    fn port_key_any(&self, name: &str) -> Option<u32> {
        self.0.port_key_any(name)
    }
    fn is_router(&self) -> bool {
        self.0.is_router()
    }
    fn is_local_port_key(&self, key: u32) -> bool {
        self.0.is_local_port_key(key)
    }
}

/// Whether ovn-controller installs `m` here: not when it is an ingress flow for packets
/// from a port that is not local.
fn inport_is_local(m: &MatchFlow, pipeline: Pipeline, lookup: &dyn Lookup) -> bool {
    if pipeline != Pipeline::Ingress {
        return true;
    }
    match m.flow_match.get(LOG_INPORT) {
        Some(f) if f.mask != 0 => lookup.is_local_port_key(f.value as u32),
        _ => true,
    }
}

/// The cookie ovn-controller gives a logical flow's OpenFlow flows.
pub fn lflow_cookie(uuid: &uuid::Uuid) -> u64 {
    let b = uuid.as_bytes();
    u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// The typed OpenFlow match for a compiled match.
pub fn to_openflow_match(m: &FlowMatch) -> Match {
    Match {
        fields: m
            .fields
            .iter()
            .map(|f| {
                let mask = (!f.is_exact()).then_some(f.mask);
                OfMatchField::from_u128(of_field(f.field), f.value, mask)
            })
            .collect(),
    }
}

impl From<EncodeError> for SkipReason {
    fn from(e: EncodeError) -> Self {
        match e {
            EncodeError::Unsupported(name) => SkipReason::UnsupportedAction(name),
            other => SkipReason::Encode(other),
        }
    }
}

impl FlowCompiler {
    pub fn new() -> Self {
        Self::default()
    }

    /// The OpenFlow flows for one logical flow on one datapath. `lookup` resolves the
    /// names of that datapath as this chassis sees them. An empty vector means the match
    /// is false here (e.g. it names a port bound elsewhere).
    pub fn compile(
        &mut self,
        row: &LogicalFlowRow,
        lookup: &dyn Lookup,
    ) -> Result<Vec<Flow>, SkipReason> {
        let key = (row.uuid, row.datapath_key);
        let fresh = !self.conj_ids.contains_key(&key);
        let conj_id = self.conj_id(key);
        let result = Self::compile_inner(row, lookup, conj_id);
        let uses_conj = matches!(&result, Ok((_, used, _)) if *used);
        if fresh && !uses_conj {
            self.free(key);
        }
        match result {
            Ok((mut flows, _, groups)) => {
                if !groups.is_empty() {
                    let ids: Vec<u32> = groups
                        .into_iter()
                        .map(|g| self.group_id(g, row.uuid))
                        .collect();
                    for f in &mut flows {
                        for i in &mut f.instructions {
                            if let Instruction::ApplyActions(a) = i {
                                resolve_groups(a, &ids);
                            }
                        }
                    }
                }
                Ok(flows)
            }
            Err(reason) => {
                let kind = reason.kind();
                *self.skipped.entry(kind.clone()).or_default() += 1;
                if self.logged.insert(kind) {
                    tracing::warn!(
                        lflow = %row.uuid,
                        pipeline = row.pipeline.name(),
                        table = row.table_id,
                        priority = row.priority,
                        "skipping logical flow: {reason} (further flows skipped for this reason are only counted)"
                    );
                }
                Err(reason)
            }
        }
    }

    /// Frees the conjunction ids of a removed or changed logical flow (all datapaths),
    /// and its hold on groups: a group no other logical flow holds leaves
    /// [`FlowCompiler::groups`] and its id becomes free. Call it before recompiling a
    /// changed logical flow.
    pub fn release(&mut self, lflow: uuid::Uuid) {
        let keys: Vec<_> = self
            .conj_ids
            .range((lflow, 0)..=(lflow, u32::MAX))
            .map(|(k, _)| *k)
            .collect();
        for k in keys {
            self.free(k);
        }
        let mut unused = Vec::new();
        for (id, refs) in &mut self.group_refs {
            if refs.remove(&lflow) && refs.is_empty() {
                unused.push(*id);
            }
        }
        for id in unused {
            self.group_refs.remove(&id);
            if let Some(mut g) = self.groups.remove(&id) {
                g.group_id = 0;
                self.group_ids.remove(&g);
            }
        }
    }

    /// The groups the compiled flows refer to (`group:ID`), by id: what the switch's
    /// group table must hold. Each is a complete OpenFlow 1.5 ADD group_mod (select,
    /// OVS selection method), also printable with `openflow::text::format_group`.
    ///
    /// For the daemon: diff this against the installed groups by id — add the new ones,
    /// OFPGC_MODIFY those whose content changed (an id freed by [`Self::release`] may be
    /// reused for a different group), delete the rest — and order the bundle so that
    /// group adds/modifies come before the flow adds that use them and group deletes
    /// after the flow deletes (OVS rejects a flow naming a missing group, and deleting a
    /// group deletes the flows that use it).
    pub fn groups(&self) -> &BTreeMap<u32, GroupMod> {
        &self.groups
    }

    /// The id of group `g` (content, `group_id` 0), allocated if new, held by `lflow`.
    fn group_id(&mut self, g: GroupMod, lflow: uuid::Uuid) -> u32 {
        let id = match self.group_ids.get(&g) {
            Some(id) => *id,
            None => {
                let id = (1..)
                    .find(|i| !self.groups.contains_key(i))
                    .expect("fewer than 2^32 groups");
                let mut with_id = g.clone();
                with_id.group_id = id;
                self.groups.insert(id, with_id);
                self.group_ids.insert(g, id);
                id
            }
        };
        self.group_refs.entry(id).or_default().insert(lflow);
        id
    }

    /// How many logical flows were skipped, per [`SkipReason::kind`].
    pub fn skipped(&self) -> &BTreeMap<String, u64> {
        &self.skipped
    }

    /// Conjunction ids currently held.
    pub fn conj_ids_in_use(&self) -> usize {
        self.used_ids.len()
    }

    fn conj_id(&mut self, key: (uuid::Uuid, u32)) -> u32 {
        if let Some(id) = self.conj_ids.get(&key) {
            return *id;
        }
        let mut id = lflow_cookie(&key.0) as u32;
        while id == 0 || self.used_ids.contains(&id) {
            id = id.wrapping_add(1);
        }
        self.used_ids.insert(id);
        self.conj_ids.insert(key, id);
        id
    }

    fn free(&mut self, key: (uuid::Uuid, u32)) {
        if let Some(id) = self.conj_ids.remove(&key) {
            self.used_ids.remove(&id);
        }
    }

    /// The flows (with placeholder group ids), whether they use the conjunction id, and
    /// the groups they need.
    fn compile_inner(
        row: &LogicalFlowRow,
        lookup: &dyn Lookup,
        conj_id: u32,
    ) -> Result<(Vec<Flow>, bool, Vec<GroupMod>), SkipReason> {
        let table = row
            .pipeline
            .openflow_table(row.table_id)
            .ok_or(SkipReason::Table(row.table_id))?;
        let expr = parse_match(row.match_).map_err(SkipReason::Match)?;
        let actions = parse_actions(row.actions).map_err(SkipReason::Actions)?;
        if let Some(name) = actions.unknown_names().first() {
            return Err(SkipReason::UnsupportedAction(name.to_string()));
        }
        let symtab = SymbolTable::ovn();
        let groups = RefCell::new(Vec::new());
        let ctx = EncodeContext {
            symtab,
            lookup,
            pipeline: row.pipeline,
            table_id: row.table_id,
            is_switch: !lookup.is_router(),
            groups: &groups,
        };
        let of_actions = encode_actions(&actions.0, &ctx)?;
        let all_ports = AllPorts(lookup);
        let compiler = MatchCompiler {
            symtab,
            lookup: &all_ports,
        };
        let opts = FlowOptions {
            metadata: Some(u64::from(row.datapath_key)),
            conj_id,
        };
        let matches = compiler
            .compile(&expr, &actions.prerequisites(symtab), &opts)
            .map_err(SkipReason::Compile)?;
        let cookie = lflow_cookie(&row.uuid);
        let mut used = false;
        let flows = matches
            .iter()
            .filter(|m| inport_is_local(m, row.pipeline, lookup))
            .map(|m: &MatchFlow| {
                let acts = if m.conjunctions.is_empty() {
                    of_actions.clone()
                } else {
                    used = true;
                    m.conjunctions
                        .iter()
                        .map(|c| {
                            OfAction::Nx(NxAction::Conjunction {
                                clause: c.clause - 1,
                                n_clauses: c.n_clauses,
                                id: c.id,
                            })
                        })
                        .collect()
                };
                if m.flow_match
                    .get(super::ovs_field::OvsField::ConjId)
                    .is_some()
                {
                    used = true;
                }
                Flow {
                    cookie,
                    table_id: table,
                    priority: row.priority,
                    matching: to_openflow_match(&m.flow_match),
                    instructions: if acts.is_empty() {
                        Vec::new()
                    } else {
                        vec![Instruction::ApplyActions(acts)]
                    },
                    ..Flow::default()
                }
            })
            .collect();
        Ok((flows, used, groups.into_inner()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lflow::lookup::MapLookup;

    fn row<'a>(uuid: &str, m: &'a str, a: &'a str) -> LogicalFlowRow<'a> {
        LogicalFlowRow {
            uuid: uuid.parse().unwrap(),
            pipeline: Pipeline::Ingress,
            table_id: 6,
            priority: 100,
            match_: m,
            actions: a,
            datapath_key: 1,
        }
    }

    const U1: &str = "31415926-0000-4000-8000-000000000001";
    const U2: &str = "31415926-0000-4000-8000-000000000002";

    #[test]
    fn compiles_to_typed_flows_with_the_lflow_cookie() {
        let l = MapLookup::new();
        let mut c = FlowCompiler::new();
        let flows = c.compile(&row(U1, "reg0[0] == 1", "ct_next;"), &l).unwrap();
        let text: Vec<String> = flows.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            text,
            [
                "cookie=0x31415926, table=14, priority=100,ip,reg0=0x1/0x1,metadata=0x1 actions=ct(table=15,zone=NXM_NX_REG13[0..15])",
                "cookie=0x31415926, table=14, priority=100,ipv6,reg0=0x1/0x1,metadata=0x1 actions=ct(table=15,zone=NXM_NX_REG13[0..15])",
            ]
        );
        assert_eq!(c.conj_ids_in_use(), 0);
        let flows = c.compile(&row(U1, "1", "drop;"), &l).unwrap();
        assert_eq!(
            flows[0].to_string(),
            "cookie=0x31415926, table=14, priority=100,metadata=0x1 actions=drop"
        );
    }

    #[test]
    fn conjunction_ids_are_held_per_lflow_until_released() {
        let l = MapLookup::new();
        let mut c = FlowCompiler::new();
        let m = "ip4.src == {10.0.0.1, 10.0.0.2} && tcp.dst == {80, 443}";
        let f1 = c.compile(&row(U1, m, "next;"), &l).unwrap();
        let f2 = c.compile(&row(U2, m, "next;"), &l).unwrap();
        assert_eq!(c.conj_ids_in_use(), 2);
        let conj = |fs: &[Flow]| {
            fs.iter()
                .find_map(|f| {
                    f.matching
                        .get(openflow::wire::field::Field::ConjId)
                        .cloned()
                })
                .unwrap()
                .value_u128()
        };
        // Both UUIDs start with 0x31415926: the second flow gets the next id.
        assert_eq!(conj(&f1), 0x31415926);
        assert_eq!(conj(&f2), 0x31415927);
        assert!(f1
            .iter()
            .any(|f| f.to_string().contains("actions=conjunction(826366246,1/2)")));
        // Recompiling keeps the id; release frees it.
        let again = c.compile(&row(U1, m, "next;"), &l).unwrap();
        assert_eq!(again, f1);
        c.release(U1.parse().unwrap());
        assert_eq!(c.conj_ids_in_use(), 1);
        c.release(U2.parse().unwrap());
        assert_eq!(c.conj_ids_in_use(), 0);
    }

    #[test]
    fn remote_ports_as_ovn_controller_sees_them() {
        let l = MapLookup::new()
            .port("lsp1", 1)
            .remote_port("lsp2", 2)
            .port_group("pg", &["lsp1", "lsp2"]);
        let mut c = FlowCompiler::new();
        let text = |c: &mut FlowCompiler, p: Pipeline, m: &str| -> Vec<String> {
            let mut r = row(U1, m, "next;");
            r.pipeline = p;
            c.compile(&r, &l)
                .unwrap()
                .iter()
                .map(|f| {
                    let s = f.to_string();
                    s[s.find("priority=").unwrap()..s.find(" actions").unwrap()].to_string()
                })
                .collect()
        };
        // Packets from a remote port never run this chassis' ingress pipeline...
        assert!(text(&mut c, Pipeline::Ingress, "inport == \"lsp2\"").is_empty());
        // ...but packets *to* it do, and its packets arrive here for egress.
        assert_eq!(
            text(&mut c, Pipeline::Ingress, "outport == \"lsp2\""),
            ["priority=100,reg15=0x2,metadata=0x1"]
        );
        assert_eq!(
            text(&mut c, Pipeline::Egress, "inport == \"lsp2\""),
            ["priority=100,reg14=0x2,metadata=0x1"]
        );
        assert_eq!(
            text(&mut c, Pipeline::Ingress, "inport == \"lsp1\""),
            ["priority=100,reg14=0x1,metadata=0x1"]
        );
        // Port groups keep their local members.
        assert_eq!(
            text(&mut c, Pipeline::Egress, "outport == @pg"),
            ["priority=100,reg15=0x1,metadata=0x1"]
        );
    }

    #[test]
    fn load_balancer_groups_are_shared_by_content_and_freed_on_release() {
        let l = MapLookup::new();
        let mut c = FlowCompiler::new();
        let lb = "ct_lb_mark(backends=10.0.0.11:80,10.0.0.12:80);";
        let other = "ct_lb_mark(backends=10.0.0.11:53);";
        let action = |fs: &[Flow]| {
            let s = fs[0].to_string();
            s[s.find("actions=").unwrap()..].to_string()
        };
        let f1 = c
            .compile(&row(U1, "ip4.dst == 10.0.0.100", lb), &l)
            .unwrap();
        let f2 = c
            .compile(&row(U2, "ip4.dst == 10.0.0.101", lb), &l)
            .unwrap();
        let u3 = "31415926-0000-4000-8000-000000000003";
        let f3 = c
            .compile(&row(u3, "ip4.dst == 10.0.0.102", other), &l)
            .unwrap();
        assert_eq!(action(&f1), "actions=group:1");
        assert_eq!(action(&f2), "actions=group:1");
        assert_eq!(action(&f3), "actions=group:2");
        let text: Vec<String> = c
            .groups()
            .values()
            .map(openflow::text::format_group)
            .collect();
        assert_eq!(
            text,
            [
                "group_id=1,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=ct(commit,table=15,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.11:80),exec(set_field:0x2/0x2->ct_mark)),bucket=bucket_id:1,weight:100,actions=ct(commit,table=15,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.12:80),exec(set_field:0x2/0x2->ct_mark))",
                "group_id=2,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=ct(commit,table=15,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.11:53),exec(set_field:0x2/0x2->ct_mark))",
            ]
        );
        // Group 1 lives while either holder does; its id is then the lowest free again.
        c.release(U1.parse().unwrap());
        assert_eq!(c.groups().len(), 2);
        c.release(U2.parse().unwrap());
        assert_eq!(c.groups().keys().copied().collect::<Vec<_>>(), [2]);
        let f4 = c
            .compile(
                &row(U1, "ip4.dst == 10.0.0.103", "ct_lb(backends=10.0.0.13);"),
                &l,
            )
            .unwrap();
        assert_eq!(action(&f4), "actions=group:1");
        assert!(openflow::text::format_group(&c.groups()[&1]).ends_with(
            "actions=ct(commit,table=15,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.13),exec(set_field:0x2/0x2->ct_label))"
        ));
        c.release(U1.parse().unwrap());
        c.release(u3.parse().unwrap());
        assert!(c.groups().is_empty());
    }

    #[test]
    fn skipped_flows_are_counted_and_hold_nothing() {
        let l = MapLookup::new();
        let mut c = FlowCompiler::new();
        for _ in 0..2 {
            let r = c.compile(
                &row(
                    U1,
                    "ip4.src == {1.1.1.1, 1.1.1.2} && tcp.dst == {1, 2}",
                    "ct_lb_mark(backends=10.0.0.1:80; affinity_timeout=60);",
                ),
                &l,
            );
            assert_eq!(
                r,
                Err(SkipReason::UnsupportedAction(
                    "ct_lb_mark(backends; affinity_timeout)".into()
                ))
            );
        }
        assert!(matches!(
            c.compile(&row(U1, "1", "eth.type = 1;"), &l),
            Err(SkipReason::Encode(_))
        ));
        assert!(matches!(
            c.compile(&row(U1, "ip4 &&", "next;"), &l),
            Err(SkipReason::Match(_))
        ));
        assert_eq!(
            c.skipped()["action:ct_lb_mark(backends; affinity_timeout)"],
            2
        );
        assert!(c.groups().is_empty());
        assert_eq!(c.skipped().values().sum::<u64>(), 4);
        assert_eq!(c.conj_ids_in_use(), 0);
    }
}
