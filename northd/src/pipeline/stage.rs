//! `Stage`: every logical switch stage of OVN 23.03, as ovn-northd(8) describes them and
//! `ovn-sbctl lflow-list` shows them (`table=N (name)`).

use std::fmt;

/// Which of the two logical pipelines a stage belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pipeline {
    Ingress,
    Egress,
}

impl Pipeline {
    pub fn as_str(self) -> &'static str {
        match self {
            Pipeline::Ingress => "ingress",
            Pipeline::Egress => "egress",
        }
    }
}

macro_rules! stages {
    ($( $variant:ident = ($pipeline:ident, $table:expr, $name:expr), )*) => {
        /// A logical switch stage. Ordered by pipeline, then table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Stage {
            $( $variant, )*
        }

        impl Stage {
            /// Every stage, ingress then egress, in table order.
            pub const ALL: &'static [Stage] = &[ $( Stage::$variant, )* ];

            pub fn pipeline(self) -> Pipeline {
                match self { $( Stage::$variant => Pipeline::$pipeline, )* }
            }
            /// The logical table number (`table=N` in `lflow-list`, `table_id` in SB).
            pub fn table(self) -> u8 {
                match self { $( Stage::$variant => $table, )* }
            }
            /// The stage name (`external_ids:stage-name` in SB).
            pub fn name(self) -> &'static str {
                match self { $( Stage::$variant => $name, )* }
            }
        }
    };
}

stages! {
    InCheckPortSec = (Ingress, 0, "ls_in_check_port_sec"),
    InApplyPortSec = (Ingress, 1, "ls_in_apply_port_sec"),
    InLookupFdb = (Ingress, 2, "ls_in_lookup_fdb"),
    InPutFdb = (Ingress, 3, "ls_in_put_fdb"),
    InPreAcl = (Ingress, 4, "ls_in_pre_acl"),
    InPreLb = (Ingress, 5, "ls_in_pre_lb"),
    InPreStateful = (Ingress, 6, "ls_in_pre_stateful"),
    InAclHint = (Ingress, 7, "ls_in_acl_hint"),
    InAcl = (Ingress, 8, "ls_in_acl"),
    InQosMark = (Ingress, 9, "ls_in_qos_mark"),
    InQosMeter = (Ingress, 10, "ls_in_qos_meter"),
    InLbAffCheck = (Ingress, 11, "ls_in_lb_aff_check"),
    InLb = (Ingress, 12, "ls_in_lb"),
    InLbAffLearn = (Ingress, 13, "ls_in_lb_aff_learn"),
    InPreHairpin = (Ingress, 14, "ls_in_pre_hairpin"),
    InNatHairpin = (Ingress, 15, "ls_in_nat_hairpin"),
    InHairpin = (Ingress, 16, "ls_in_hairpin"),
    InAclAfterLb = (Ingress, 17, "ls_in_acl_after_lb"),
    InStateful = (Ingress, 18, "ls_in_stateful"),
    InArpRsp = (Ingress, 19, "ls_in_arp_rsp"),
    InDhcpOptions = (Ingress, 20, "ls_in_dhcp_options"),
    InDhcpResponse = (Ingress, 21, "ls_in_dhcp_response"),
    InDnsLookup = (Ingress, 22, "ls_in_dns_lookup"),
    InDnsResponse = (Ingress, 23, "ls_in_dns_response"),
    InExternalPort = (Ingress, 24, "ls_in_external_port"),
    InL2Lkup = (Ingress, 25, "ls_in_l2_lkup"),
    InL2Unknown = (Ingress, 26, "ls_in_l2_unknown"),
    OutPreAcl = (Egress, 0, "ls_out_pre_acl"),
    OutPreLb = (Egress, 1, "ls_out_pre_lb"),
    OutPreStateful = (Egress, 2, "ls_out_pre_stateful"),
    OutAclHint = (Egress, 3, "ls_out_acl_hint"),
    OutAcl = (Egress, 4, "ls_out_acl"),
    OutQosMark = (Egress, 5, "ls_out_qos_mark"),
    OutQosMeter = (Egress, 6, "ls_out_qos_meter"),
    OutStateful = (Egress, 7, "ls_out_stateful"),
    OutCheckPortSec = (Egress, 8, "ls_out_check_port_sec"),
    OutApplyPortSec = (Egress, 9, "ls_out_apply_port_sec"),
}

impl Stage {
    /// `next(pipeline=P,table=N)`: jump to this stage from another pipeline.
    pub fn next_action(self) -> String {
        format!(
            "next(pipeline={},table={})",
            self.pipeline().as_str(),
            self.table()
        )
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_dense_per_pipeline() {
        for p in [Pipeline::Ingress, Pipeline::Egress] {
            let tables: Vec<u8> = Stage::ALL
                .iter()
                .filter(|s| s.pipeline() == p)
                .map(|s| s.table())
                .collect();
            assert_eq!(tables, (0..tables.len() as u8).collect::<Vec<_>>());
        }
        assert_eq!(Stage::InL2Unknown.table(), 26);
        assert_eq!(Stage::OutApplyPortSec.table(), 9);
    }
}
