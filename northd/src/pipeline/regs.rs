//! The register bits, registers, logical flags and conntrack fields the switch pipeline
//! uses, declared once with their ovn-northd(8) names. Flow generators use these
//! constants and their helpers (`is_set()`, `set()`, ...); no raw `reg0[N]` anywhere else.

use std::fmt;

/// One bit of a logical register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegBit {
    pub reg: &'static str,
    pub bit: u8,
    /// The name ovn-northd(8) uses for it.
    pub name: &'static str,
}

impl RegBit {
    /// `reg0[N] == 1`
    pub fn is_set(self) -> String {
        format!("{self} == 1")
    }
    /// `reg0[N] == 0`
    pub fn is_clear(self) -> String {
        format!("{self} == 0")
    }
    /// `reg0[N] = 1`
    pub fn set(self) -> String {
        format!("{self} = 1")
    }
    /// `reg0[N] = 0`
    pub fn clear(self) -> String {
        format!("{self} = 0")
    }
    /// `reg0[N] = EXPR` (the bit loaded from an action such as `check_in_port_sec()`).
    pub fn load(self, expr: &str) -> String {
        format!("{self} = {expr}")
    }
}

impl fmt::Display for RegBit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.reg, self.bit)
    }
}

const fn bit(bit: u8, name: &'static str) -> RegBit {
    RegBit {
        reg: "reg0",
        bit,
        name,
    }
}

/// Set in `pre_acl`/`pre_lb`: send the packet through conntrack (`ct_next`) in `pre_stateful`.
pub const CONNTRACK_DEFRAG: RegBit = bit(0, "REGBIT_CONNTRACK_DEFRAG");
/// Commit the connection in `stateful`.
pub const CONNTRACK_COMMIT: RegBit = bit(1, "REGBIT_CONNTRACK_COMMIT");
/// Send the packet through `ct_lb_mark` in `pre_stateful`.
pub const CONNTRACK_NAT: RegBit = bit(2, "REGBIT_CONNTRACK_NAT");
pub const DHCP_OPTS_RESULT: RegBit = bit(3, "REGBIT_DHCP_OPTS_RESULT");
pub const DNS_LOOKUP_RESULT: RegBit = bit(4, "REGBIT_DNS_LOOKUP_RESULT");
pub const ND_RA_OPTS_RESULT: RegBit = bit(5, "REGBIT_ND_RA_OPTS_RESULT");
pub const HAIRPIN: RegBit = bit(6, "REGBIT_HAIRPIN");
/// ACL hint: the packet may match an allow ACL and is a new connection.
pub const ACL_HINT_ALLOW_NEW: RegBit = bit(7, "REGBIT_ACL_HINT_ALLOW_NEW");
/// ACL hint: the packet may match an allow ACL on an existing, unblocked connection.
pub const ACL_HINT_ALLOW: RegBit = bit(8, "REGBIT_ACL_HINT_ALLOW");
/// ACL hint: the packet may match a drop/reject ACL (nothing to commit).
pub const ACL_HINT_DROP: RegBit = bit(9, "REGBIT_ACL_HINT_DROP");
/// ACL hint: the packet may match a drop/reject ACL on a committed connection, which
/// must be marked blocked.
pub const ACL_HINT_BLOCK: RegBit = bit(10, "REGBIT_ACL_HINT_BLOCK");
/// Result of `lookup_fdb()` in `lookup_fdb`.
pub const LKUP_FDB: RegBit = bit(11, "REGBIT_LKUP_FDB");
pub const HAIRPIN_REPLY: RegBit = bit(12, "REGBIT_HAIRPIN_REPLY");
/// The ACL that allowed the packet has a label (in [`REG_LABEL`]) to commit.
pub const ACL_LABEL: RegBit = bit(13, "REGBIT_ACL_LABEL");
pub const FROM_RAMP: RegBit = bit(14, "REGBIT_FROM_RAMP");
/// Result of `check_in_port_sec()` / `check_out_port_sec()`: 1 means drop.
pub const PORT_SEC_DROP: RegBit = bit(15, "REGBIT_PORT_SEC_DROP");
/// The packet matched an `allow-stateless` ACL: skip conntrack.
pub const ACL_STATELESS: RegBit = bit(16, "REGBIT_ACL_STATELESS");
/// A reply or related packet of an allowed connection: skip the ACLs after LB too.
pub const ACL_HINT_ALLOW_REL: RegBit = bit(17, "REGBIT_ACL_HINT_ALLOW_REL");

/// All of them, in bit order.
pub const ALL_REG0_BITS: &[RegBit] = &[
    CONNTRACK_DEFRAG,
    CONNTRACK_COMMIT,
    CONNTRACK_NAT,
    DHCP_OPTS_RESULT,
    DNS_LOOKUP_RESULT,
    ND_RA_OPTS_RESULT,
    HAIRPIN,
    ACL_HINT_ALLOW_NEW,
    ACL_HINT_ALLOW,
    ACL_HINT_DROP,
    ACL_HINT_BLOCK,
    LKUP_FDB,
    HAIRPIN_REPLY,
    ACL_LABEL,
    FROM_RAMP,
    PORT_SEC_DROP,
    ACL_STATELESS,
    ACL_HINT_ALLOW_REL,
];

/// The whole of reg0 (cleared before `reject`, so the generated reply starts clean).
pub const REG0: &str = "reg0";
/// Holds the label of the ACL that allowed the packet, committed as `ct_label.label`.
pub const REG_LABEL: &str = "reg3";
/// `flags.loopback`: allow the packet to leave by the port it came in on.
pub const FLAG_LOOPBACK: &str = "flags.loopback";
/// `ct_mark.blocked`: the connection was committed and later denied by an ACL.
pub const CT_MARK_BLOCKED: &str = "ct_mark.blocked";
/// `ct_label.label`: the ACL label stored with the connection.
pub const CT_LABEL_LABEL: &str = "ct_label.label";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_distinct_and_print_as_ovn() {
        for (i, b) in ALL_REG0_BITS.iter().enumerate() {
            assert_eq!(b.bit as usize, i);
        }
        assert_eq!(PORT_SEC_DROP.is_set(), "reg0[15] == 1");
        assert_eq!(CONNTRACK_DEFRAG.set(), "reg0[0] = 1");
    }
}
