//! Logical-flow actions to OpenFlow actions, as ovn-controller 23.03 encodes them (the
//! reference dumps in `controller/tests/data/lflow/` are the spec). One file per family:
//! - [`field`]: controller fields to `openflow` fields, logical registers as ovn-controller
//!   addresses them;
//! - [`control`]: `next`, `output`, `drop`;
//! - [`assign`]: `dst = constant`, `dst = src`, `a <-> b`, `ip.ttl--`;
//! - [`conntrack`]: `ct_next`, `ct_commit`, `ct_commit_nat`, `ct_lb`/`ct_lb_mark`,
//!   `ct_dnat`/`ct_snat`, `ct_clear`;
//! - [`load_balance`]: `ct_lb`/`ct_lb_mark` with backends, through select groups;
//! - [`table_lookup`]: actions that resubmit to a fixed table and read a result bit or
//!   register (`check_in_port_sec()`, `get_fdb`, `lookup_arp`, `chk_lb_hairpin`, ...);
//! - [`controller`]: actions that send the packet to ovn-controller's pinctrl with an
//!   opcode and, for `arp { }`, `reject { }` etc., the nested actions in OpenFlow 1.5 wire
//!   format (`controller(userdata=...)`).
//!
//! Invariants: encoding is a pure function of the actions, the flow's place (pipeline and
//! logical table), the datapath kind and the port names the caller resolves; an action or
//! argument form rovn does not model is an [`EncodeError`], never a panic and never a
//! partial action list.

pub mod args;
pub mod assign;
pub mod conntrack;
pub mod control;
pub mod controller;
pub mod field;
pub mod load_balance;
pub mod table_lookup;

use std::cell::RefCell;

use openflow::wire::action::Action as OfAction;
use openflow::wire::msg::GroupMod;

use super::actions::Action;
use super::logical_fields::Pipeline;
use super::lookup::Lookup;
use super::symtab::SymbolTable;

/// Why an action list could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// An action (or an argument form of it) rovn does not encode.
    #[error("unsupported action `{0}`")]
    Unsupported(String),
    /// A field reference that is unknown, read-only or of the wrong width.
    #[error("bad field in action: {0}")]
    Field(String),
    /// `next(...)` past the last OpenFlow table.
    #[error("next table {0} is outside the OpenFlow table range")]
    Table(u16),
}

/// Where the flow being encoded sits, and what the caller knows.
#[derive(Clone, Copy)]
pub struct EncodeContext<'a> {
    pub symtab: &'a SymbolTable,
    pub lookup: &'a dyn Lookup,
    pub pipeline: Pipeline,
    /// The logical table of the flow.
    pub table_id: u8,
    /// Logical switch (conntrack zone in `reg13`) or router (DNAT/SNAT zones).
    pub is_switch: bool,
    /// Groups the encoded actions need, without ids: an encoder that needs group G
    /// pushes G here and emits `group:I` with I = G's index, for the caller to replace
    /// with a real group id (see [`load_balance`]).
    pub groups: &'a RefCell<Vec<GroupMod>>,
}

impl EncodeContext<'_> {
    /// OpenFlow table of logical table `table` of `pipeline`.
    pub fn of_table(&self, pipeline: Pipeline, table: u8) -> Result<u8, EncodeError> {
        let t = u16::from(pipeline.first_table()) + u16::from(table);
        u8::try_from(t).map_err(|_| EncodeError::Table(t))
    }

    /// The OpenFlow table `next;` goes to.
    pub fn next_table(&self) -> Result<u8, EncodeError> {
        let next = self
            .table_id
            .checked_add(1)
            .ok_or(EncodeError::Table(256))?;
        self.of_table(self.pipeline, next)
    }
}

/// Encodes a whole action list.
pub fn encode_actions(
    actions: &[Action],
    ctx: &EncodeContext<'_>,
) -> Result<Vec<OfAction>, EncodeError> {
    let mut out = Vec::new();
    for a in actions {
        encode_action(a, ctx, &mut out)?;
    }
    Ok(out)
}

fn encode_action(
    a: &Action,
    ctx: &EncodeContext<'_>,
    out: &mut Vec<OfAction>,
) -> Result<(), EncodeError> {
    match a {
        Action::Output | Action::Drop | Action::Next { .. } => control::encode(a, ctx, out),
        Action::Load { .. } | Action::Move { .. } | Action::Exchange { .. } | Action::DecTtl => {
            assign::encode(a, ctx, out)
        }
        Action::CtNext
        | Action::CtCommit(_)
        | Action::CtCommitNat
        | Action::CtClear
        | Action::CtLb { .. }
        | Action::CtNat { .. }
        | Action::CtSnatToVip => conntrack::encode(a, ctx, out),
        Action::CheckInPortSec { .. }
        | Action::CheckOutPortSec { .. }
        | Action::GetFdb { .. }
        | Action::LookupFdb { .. }
        | Action::ChkLbHairpin { .. }
        | Action::ChkLbHairpinReply { .. }
        | Action::GetArp { .. }
        | Action::GetNd { .. }
        | Action::LookupArp { .. }
        | Action::LookupNd { .. } => table_lookup::encode(a, ctx, out),
        Action::PutFdb { .. }
        | Action::PutArp { .. }
        | Action::PutNd { .. }
        | Action::HandleSvcCheck { .. }
        | Action::HandleDhcpv6Reply
        | Action::Log(_)
        | Action::Nested { .. } => controller::encode(a, ctx, out),
        Action::Unknown { name, .. } => Err(EncodeError::Unsupported(name.clone())),
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use super::*;
    use crate::lflow::actions::parse_actions;
    use crate::lflow::lookup::MapLookup;

    /// `ovs-ofctl` text of the actions for a flow in `pipeline` logical table `table`.
    pub fn encode_text(
        text: &str,
        pipeline: Pipeline,
        table: u8,
        lookup: &MapLookup,
    ) -> Result<String, EncodeError> {
        encode_with_groups(text, pipeline, table, lookup).map(|(a, _)| a)
    }

    /// Like [`encode_text`], plus the groups requested (`ovs-ofctl dump-groups` text with
    /// `group_id=I`, I the placeholder index the actions refer to).
    pub fn encode_with_groups(
        text: &str,
        pipeline: Pipeline,
        table: u8,
        lookup: &MapLookup,
    ) -> Result<(String, Vec<String>), EncodeError> {
        let actions = parse_actions(text).expect("test actions parse");
        let groups = RefCell::new(Vec::new());
        let ctx = EncodeContext {
            symtab: SymbolTable::ovn(),
            lookup,
            pipeline,
            table_id: table,
            is_switch: !lookup.router,
            groups: &groups,
        };
        let acts = encode_actions(&actions.0, &ctx)?;
        let groups = groups
            .into_inner()
            .into_iter()
            .enumerate()
            .map(|(i, mut g)| {
                g.group_id = i as u32;
                openflow::text::format_group(&g)
            })
            .collect();
        Ok((openflow::text::format_actions(&acts), groups))
    }

    /// Switch ingress table 6 (OpenFlow 14) with lsp1 = 1, lsp2 = 2.
    pub fn sw(text: &str) -> String {
        let l = MapLookup::new().port("lsp1", 1).remote_port("lsp2", 2);
        encode_text(text, Pipeline::Ingress, 6, &l).unwrap()
    }
}
