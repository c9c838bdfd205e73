//! The group_mods that bring a switch's group table from what it holds to what
//! [`FlowCompiler::groups`](super::FlowCompiler::groups) wants, split by when they must be
//! sent relative to the flow_mods of the same change.
//!
//! Invariants: a group id present on both sides with the same content sends nothing; with
//! different content (an id freed and reused) it is modified in place; every ADD/MODIFY
//! goes before the flow_mods (a flow naming a missing group is rejected) and every DELETE
//! after them (deleting a group also deletes the flows that use it, including flows that
//! are about to be replaced). Output is ordered by group id.

use std::collections::BTreeMap;

use openflow::wire::msg::{GroupMod, GroupType};

/// `OFPGC_ADD`.
pub const GROUP_ADD: u16 = 0;
/// `OFPGC_MODIFY`.
pub const GROUP_MODIFY: u16 = 1;
/// `OFPGC_DELETE`.
pub const GROUP_DELETE: u16 = 2;

/// The group_mods of one change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupDiff {
    /// ADDs and MODIFYs: send before the change's flow_mods.
    pub before_flows: Vec<GroupMod>,
    /// DELETEs: send after the change's flow_mods.
    pub after_flows: Vec<GroupMod>,
}

impl GroupDiff {
    /// Nothing to send.
    pub fn is_empty(&self) -> bool {
        self.before_flows.is_empty() && self.after_flows.is_empty()
    }
}

/// Content equality, ignoring the command of the stored group_mods.
fn same(a: &GroupMod, b: &GroupMod) -> bool {
    a.group_type == b.group_type && a.buckets == b.buckets && a.selection == b.selection
}

/// The group_mods turning `installed` into `desired` (both by group id).
pub fn diff_groups(
    desired: &BTreeMap<u32, GroupMod>,
    installed: &BTreeMap<u32, GroupMod>,
) -> GroupDiff {
    let mut d = GroupDiff::default();
    for (id, g) in desired {
        let command = match installed.get(id) {
            Some(old) if same(old, g) => continue,
            Some(_) => GROUP_MODIFY,
            None => GROUP_ADD,
        };
        let mut m = g.clone();
        m.group_id = *id;
        m.command = command;
        d.before_flows.push(m);
    }
    for id in installed.keys().filter(|id| !desired.contains_key(id)) {
        d.after_flows.push(GroupMod {
            command: GROUP_DELETE,
            group_type: GroupType::All,
            group_id: *id,
            command_bucket_id: 0xffff_ffff,
            buckets: Vec::new(),
            selection: None,
        });
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use openflow::text::parse_group;

    fn table(groups: &[&str]) -> BTreeMap<u32, GroupMod> {
        groups
            .iter()
            .map(|g| {
                let g = parse_group(g).unwrap();
                (g.group_id, g)
            })
            .collect()
    }

    #[test]
    fn adds_modifies_and_deletes_in_order() {
        let a = "group_id=1,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=resubmit(,1)";
        let b = "group_id=2,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=resubmit(,2)";
        let b2 = "group_id=2,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=resubmit(,3)";
        let c = "group_id=3,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=resubmit(,4)";
        assert!(diff_groups(&table(&[a, b]), &table(&[a, b])).is_empty());
        let d = diff_groups(&table(&[a, b2, c]), &table(&[a, b]));
        let cmds: Vec<(u32, u16)> = d
            .before_flows
            .iter()
            .map(|g| (g.group_id, g.command))
            .collect();
        assert_eq!(cmds, [(2, GROUP_MODIFY), (3, GROUP_ADD)]);
        assert!(d.after_flows.is_empty());
        let d = diff_groups(&table(&[b]), &table(&[a, b]));
        assert!(d.before_flows.is_empty());
        assert_eq!(d.after_flows.len(), 1);
        assert_eq!(
            (d.after_flows[0].group_id, d.after_flows[0].command),
            (1, GROUP_DELETE)
        );
        // The command stored with a group does not make it differ.
        let mut installed = table(&[a]);
        installed.get_mut(&1).unwrap().command = GROUP_MODIFY;
        assert!(diff_groups(&table(&[a]), &installed).is_empty());
    }
}
