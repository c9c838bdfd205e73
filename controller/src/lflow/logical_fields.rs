//! Where OVN keeps its logical pipeline state in Open vSwitch: the one place that says which
//! register holds the logical input port, which bit of the flags register allows loopback,
//! which `ct_mark` bit marks a blocked connection, and which OpenFlow table a logical table
//! becomes. Everything else refers to these names, never to `reg10[0]` literals.
//!
//! Values as the real ovn-controller 23.03 uses them, confirmed in the reference dumps
//! (`ch1-br-int-flows.txt`): `set_field:0x1->metadata` + `set_field:0x1->reg14` on ingress,
//! `reg10=0x1/0x1` for loopback, `reg10=0x10/0x10` for local-only, `set_field:0/0x1000->reg10`
//! around port security, `ct_mark=0x1/0x1` for blocked, `ct_label[96..127]` for the ACL label.

use super::ovs_field::OvsField;

/// Logical datapath key (`Datapath_Binding.tunnel_key`).
pub const LOG_DATAPATH: OvsField = OvsField::Metadata;
/// Logical input port key.
pub const LOG_INPORT: OvsField = OvsField::Reg(14);
/// Logical output port key (or multicast group key).
pub const LOG_OUTPORT: OvsField = OvsField::Reg(15);
/// Logical flags, see [`LogicalFlag`].
pub const LOG_FLAGS: OvsField = OvsField::Reg(10);
/// Conntrack zone for DNAT on a router.
pub const LOG_DNAT_ZONE: OvsField = OvsField::Reg(11);
/// Conntrack zone for SNAT on a router.
pub const LOG_SNAT_ZONE: OvsField = OvsField::Reg(12);
/// Conntrack zone of a logical switch port.
pub const LOG_CT_ZONE: OvsField = OvsField::Reg(13);
/// Where a controller op or a lookup table receives an IPv4 address argument (`put_arp`,
/// `lookup_arp`, `get_arp`): the whole OVS `reg0`.
pub const ARG_IPV4: OvsField = OvsField::Reg(0);
/// Where a controller op or a lookup table receives an IPv6 address argument (`put_nd`,
/// `lookup_nd`, `get_nd`): the whole OVS `xxreg0`.
pub const ARG_IPV6: OvsField = OvsField::Xxreg(0);
/// Number of general-purpose logical registers (`reg0`..`reg9`) a logical flow may use.
pub const LOG_REG_COUNT: u8 = 10;

/// Bits of the logical flags register ([`LOG_FLAGS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogicalFlag {
    /// `flags.loopback`: allow output back to the input port.
    AllowLoopback,
    /// Packet came in from a ramp switch (VTEP).
    RcvFromRamp,
    /// `flags.force_snat_for_dnat`
    ForceSnatForDnat,
    /// `flags.force_snat_for_lb`
    ForceSnatForLb,
    /// Deliver only to local ports (no tunnel).
    LocalOnly,
    /// Packet comes from a nested container.
    NestedContainer,
    /// Result of `lookup_arp`/`lookup_nd`.
    LookupMac,
    /// Result of the LB hairpin lookup.
    LookupLbHairpin,
    /// Result of `lookup_fdb`.
    LookupFdb,
    /// `flags.skip_snat_for_lb`
    SkipSnatForLb,
    /// Packet came in on a localport.
    Localport,
    /// `flags.use_snat_zone`
    UseSnatZone,
    /// Scratch bit for `check_in_port_sec()`/`check_out_port_sec()`.
    CheckPortSec,
    /// Scratch bit for `check_ecmp_nh*()`.
    LookupCommitEcmpNh,
}

impl LogicalFlag {
    pub const ALL: [LogicalFlag; 14] = [
        LogicalFlag::AllowLoopback,
        LogicalFlag::RcvFromRamp,
        LogicalFlag::ForceSnatForDnat,
        LogicalFlag::ForceSnatForLb,
        LogicalFlag::LocalOnly,
        LogicalFlag::NestedContainer,
        LogicalFlag::LookupMac,
        LogicalFlag::LookupLbHairpin,
        LogicalFlag::LookupFdb,
        LogicalFlag::SkipSnatForLb,
        LogicalFlag::Localport,
        LogicalFlag::UseSnatZone,
        LogicalFlag::CheckPortSec,
        LogicalFlag::LookupCommitEcmpNh,
    ];

    /// Bit number within [`LOG_FLAGS`].
    pub const fn bit(self) -> u16 {
        match self {
            LogicalFlag::AllowLoopback => 0,
            LogicalFlag::RcvFromRamp => 1,
            LogicalFlag::ForceSnatForDnat => 2,
            LogicalFlag::ForceSnatForLb => 3,
            LogicalFlag::LocalOnly => 4,
            LogicalFlag::NestedContainer => 5,
            LogicalFlag::LookupMac => 6,
            LogicalFlag::LookupLbHairpin => 7,
            LogicalFlag::LookupFdb => 8,
            LogicalFlag::SkipSnatForLb => 9,
            LogicalFlag::Localport => 10,
            LogicalFlag::UseSnatZone => 11,
            LogicalFlag::CheckPortSec => 12,
            LogicalFlag::LookupCommitEcmpNh => 13,
        }
    }

    /// The `flags.*` symbol a logical flow uses for this bit, if logical flows may use it.
    pub const fn symbol(self) -> Option<&'static str> {
        match self {
            LogicalFlag::AllowLoopback => Some("flags.loopback"),
            LogicalFlag::ForceSnatForDnat => Some("flags.force_snat_for_dnat"),
            LogicalFlag::ForceSnatForLb => Some("flags.force_snat_for_lb"),
            LogicalFlag::SkipSnatForLb => Some("flags.skip_snat_for_lb"),
            LogicalFlag::UseSnatZone => Some("flags.use_snat_zone"),
            _ => None,
        }
    }

    /// Mask of this bit within [`LOG_FLAGS`].
    pub const fn mask(self) -> u32 {
        1 << self.bit()
    }
}

/// Bits of `ct_mark` that OVN assigns (the `ct_mark.*` symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CtMarkField {
    /// `ct_mark.blocked`: the connection was allowed, then an ACL change blocks it.
    Blocked,
    /// `ct_mark.natted`: the connection was NATed by a load balancer.
    Natted,
    /// `ct_mark.skip_snat`
    SkipSnat,
    /// `ct_mark.force_snat`
    ForceSnat,
    /// `ct_mark.ecmp_reply_port`
    EcmpReplyPort,
}

impl CtMarkField {
    pub const ALL: [CtMarkField; 5] = [
        CtMarkField::Blocked,
        CtMarkField::Natted,
        CtMarkField::SkipSnat,
        CtMarkField::ForceSnat,
        CtMarkField::EcmpReplyPort,
    ];

    /// Bit range `lo..=hi` within `ct_mark`.
    pub const fn bits(self) -> (u16, u16) {
        match self {
            CtMarkField::Blocked => (0, 0),
            CtMarkField::Natted => (1, 1),
            CtMarkField::SkipSnat => (2, 2),
            CtMarkField::ForceSnat => (3, 3),
            CtMarkField::EcmpReplyPort => (16, 31),
        }
    }

    pub const fn symbol(self) -> &'static str {
        match self {
            CtMarkField::Blocked => "ct_mark.blocked",
            CtMarkField::Natted => "ct_mark.natted",
            CtMarkField::SkipSnat => "ct_mark.skip_snat",
            CtMarkField::ForceSnat => "ct_mark.force_snat",
            CtMarkField::EcmpReplyPort => "ct_mark.ecmp_reply_port",
        }
    }
}

/// Ranges of `ct_label` that OVN assigns (the `ct_label.*` symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CtLabelField {
    /// `ct_label.blocked` (older OVN kept it here rather than in `ct_mark`).
    Blocked,
    /// `ct_label.natted`
    Natted,
    /// `ct_label.skip_snat`
    SkipSnat,
    /// `ct_label.force_snat`
    ForceSnat,
    /// `ct_label.ecmp_reply_eth`
    EcmpReplyEth,
    /// `ct_label.ecmp_reply_port`
    EcmpReplyPort,
    /// `ct_label.label`: the ACL label (`ACL.label` in the northbound database).
    Label,
}

impl CtLabelField {
    pub const ALL: [CtLabelField; 7] = [
        CtLabelField::Blocked,
        CtLabelField::Natted,
        CtLabelField::SkipSnat,
        CtLabelField::ForceSnat,
        CtLabelField::EcmpReplyEth,
        CtLabelField::EcmpReplyPort,
        CtLabelField::Label,
    ];

    /// Bit range `lo..=hi` within `ct_label`.
    pub const fn bits(self) -> (u16, u16) {
        match self {
            CtLabelField::Blocked => (0, 0),
            CtLabelField::Natted => (1, 1),
            CtLabelField::SkipSnat => (2, 2),
            CtLabelField::ForceSnat => (3, 3),
            CtLabelField::EcmpReplyEth => (32, 79),
            CtLabelField::EcmpReplyPort => (80, 95),
            CtLabelField::Label => (96, 127),
        }
    }

    pub const fn symbol(self) -> &'static str {
        match self {
            CtLabelField::Blocked => "ct_label.blocked",
            CtLabelField::Natted => "ct_label.natted",
            CtLabelField::SkipSnat => "ct_label.skip_snat",
            CtLabelField::ForceSnat => "ct_label.force_snat",
            CtLabelField::EcmpReplyEth => "ct_label.ecmp_reply_eth",
            CtLabelField::EcmpReplyPort => "ct_label.ecmp_reply_port",
            CtLabelField::Label => "ct_label.label",
        }
    }
}

/// Bits of the OVS `ct_state` field, as the `ct.*` symbols name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CtStateBit {
    New,
    Est,
    Rel,
    Rpl,
    Inv,
    Trk,
    Snat,
    Dnat,
}

impl CtStateBit {
    pub const ALL: [CtStateBit; 8] = [
        CtStateBit::New,
        CtStateBit::Est,
        CtStateBit::Rel,
        CtStateBit::Rpl,
        CtStateBit::Inv,
        CtStateBit::Trk,
        CtStateBit::Snat,
        CtStateBit::Dnat,
    ];

    pub const fn bit(self) -> u16 {
        match self {
            CtStateBit::New => 0,
            CtStateBit::Est => 1,
            CtStateBit::Rel => 2,
            CtStateBit::Rpl => 3,
            CtStateBit::Inv => 4,
            CtStateBit::Trk => 5,
            CtStateBit::Snat => 6,
            CtStateBit::Dnat => 7,
        }
    }

    /// The name `ovs-ofctl` prints in `ct_state=+new-est+trk`.
    pub const fn ofctl_name(self) -> &'static str {
        match self {
            CtStateBit::New => "new",
            CtStateBit::Est => "est",
            CtStateBit::Rel => "rel",
            CtStateBit::Rpl => "rpl",
            CtStateBit::Inv => "inv",
            CtStateBit::Trk => "trk",
            CtStateBit::Snat => "snat",
            CtStateBit::Dnat => "dnat",
        }
    }

    /// The logical-flow symbol: `ct.new`, `ct.trk`, ...
    pub const fn symbol(self) -> &'static str {
        match self {
            CtStateBit::New => "ct.new",
            CtStateBit::Est => "ct.est",
            CtStateBit::Rel => "ct.rel",
            CtStateBit::Rpl => "ct.rpl",
            CtStateBit::Inv => "ct.inv",
            CtStateBit::Trk => "ct.trk",
            CtStateBit::Snat => "ct.snat",
            CtStateBit::Dnat => "ct.dnat",
        }
    }
}

/// The OpenFlow tables outside the two logical pipelines, numbered as ovn-controller 23.03
/// numbers them (`ch1-br-int-flows.txt`), so that flow dumps of a rovn chassis read like
/// those of an OVN chassis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum OfTable {
    /// Classify the packet's physical input: local port or tunnel, load metadata/inport.
    PhyToLog = 0,
    /// `output` action lands here (large-packet detection; passes through for switches).
    OutputLargePktDetect = 37,
    /// Large-packet handling; loopback-allowed packets skip to local output.
    OutputLargePktProcess = 38,
    /// Send to a remote chassis through its tunnel (or skip when local only).
    RemoteOutput = 39,
    /// Deliver to a local port, or expand a multicast group into its local members.
    LocalOutput = 40,
    /// Drop a packet about to go back to its input port unless loopback is allowed.
    CheckLoopback = 41,
    /// Save `in_port` around delivery when loopback is allowed.
    SaveInport = 64,
    /// Logical output port to physical port.
    LogToPhy = 65,
    /// `get_arp`/`lookup_arp` (routers).
    MacBinding = 66,
    /// `lookup_arp` result.
    MacLookup = 67,
    /// Load-balancer hairpin check.
    ChkLbHairpin = 68,
    /// Load-balancer hairpin reply check.
    ChkLbHairpinReply = 69,
    /// Load-balancer hairpin SNAT.
    CtSnatHairpin = 70,
    /// `get_fdb`: MAC to learned port.
    GetFdb = 71,
    /// `lookup_fdb`: is this MAC learned on this port.
    LookupFdb = 72,
    /// `check_in_port_sec()`.
    ChkInPortSec = 73,
    /// `check_in_port_sec()` for ND/ARP.
    ChkInPortSecNd = 74,
    /// `check_out_port_sec()`.
    ChkOutPortSec = 75,
    /// ECMP next-hop MAC.
    EcmpNhMac = 76,
    /// ECMP next hop.
    EcmpNh = 77,
}

impl OfTable {
    /// The OpenFlow table number.
    pub const fn id(self) -> u8 {
        self as u8
    }
}

/// Which logical pipeline a logical flow belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pipeline {
    Ingress,
    Egress,
}

impl Pipeline {
    pub const fn name(self) -> &'static str {
        match self {
            Pipeline::Ingress => "ingress",
            Pipeline::Egress => "egress",
        }
    }

    /// First OpenFlow table of the pipeline: logical table N runs in OpenFlow table
    /// `first_table() + N`. Ingress starts at 8 and egress at 42 in ovn-controller 23.03
    /// (reference dump: `ls_out_apply_port_sec`, egress table 9, is OpenFlow table 51).
    pub const fn first_table(self) -> u8 {
        match self {
            Pipeline::Ingress => 8,
            Pipeline::Egress => 42,
        }
    }

    /// OpenFlow table of logical table `table_id` of this pipeline (`None` past table 255).
    pub const fn openflow_table(self, table_id: u8) -> Option<u8> {
        self.first_table().checked_add(table_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_bits_match_the_reference_dump() {
        // table=38: reg10=0x1/0x1 (loopback), table=39: reg10=0x10/0x10 (local only),
        // table=8: set_field:0/0x1000->reg10 (port security scratch bit).
        assert_eq!(LogicalFlag::AllowLoopback.mask(), 0x1);
        assert_eq!(LogicalFlag::LocalOnly.mask(), 0x10);
        assert_eq!(LogicalFlag::CheckPortSec.mask(), 0x1000);
        assert_eq!(LogicalFlag::ForceSnatForLb.mask(), 0x8);
    }

    #[test]
    fn tables_match_the_reference_dump() {
        assert_eq!(Pipeline::Ingress.openflow_table(26), Some(34)); // ls_in_l2_unknown
        assert_eq!(Pipeline::Egress.openflow_table(9), Some(51));
        assert_eq!(Pipeline::Egress.openflow_table(250), None); // ls_out_apply_port_sec
        assert_eq!(OfTable::RemoteOutput.id(), 39);
        assert_eq!(OfTable::LocalOutput.id(), 40);
        assert_eq!(OfTable::LogToPhy.id(), 65);
    }
}
