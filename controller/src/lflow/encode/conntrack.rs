//! Connection-tracking actions, encoded as ovn-controller 23.03 does:
//! - `ct_next;` → `ct(table=NEXT,zone=Z)`;
//! - `ct_commit { ct_mark.X = v; ct_label.Y = r; };` →
//!   `ct(commit,zone=Z,nat(src),exec(set_field/move...))` (the nested assignments may only
//!   write `ct_mark`/`ct_label`);
//! - `ct_commit_nat;` → `ct(commit,table=NEXT,zone=Z,nat)`;
//! - `ct_lb;`/`ct_lb_mark;` without backends → `ct(table=NEXT,zone=Z,nat)`;
//! - `ct_dnat;` → `ct(table=NEXT,zone=reg11,nat)`, `ct_snat;` → `ct(table=NEXT,zone=reg12,nat)`;
//!   with an address (and optional port range), `ct_dnat(IP[, LO-HI])` →
//!   `ct(commit,table=NEXT,zone=reg11,nat(dst=IP[:LO-HI]))`, `ct_snat(...)` likewise with
//!   `reg12` and `nat(src=...)`;
//! - `ct_dnat_in_czone` / `ct_snat_in_czone` (gateway-port NAT in one "common" zone): the
//!   same, both in the DNAT zone reg11;
//! - `ct_snat_to_vip;` → `resubmit(,70)` ([`OfTable::CtSnatHairpin`]);
//! - `ct_clear;` → `ct_clear`.
//!
//! `Z` is the datapath's zone register, 16 bits: [`LOG_CT_ZONE`] (reg13) on a logical
//! switch; on a router the DNAT zone [`LOG_DNAT_ZONE`] (reg11), except `ct_commit` which uses
//! the SNAT zone [`LOG_SNAT_ZONE`] (reg12). Load balancing with backends goes through a
//! select group ([`super::load_balance`]).

use std::net::IpAddr;

use openflow::wire::action::nx::{ct_flags, nat_flags, Ct, Nat, NatAddrs};
use openflow::wire::action::{Action as OfAction, NxAction, Subfield};
use openflow::wire::field::Field;
use openflow::wire::oxm::OxmHeader;

use crate::lflow::actions::{Action, NatKind};
use crate::lflow::logical_fields::{OfTable, LOG_CT_ZONE, LOG_DNAT_ZONE, LOG_SNAT_ZONE};
use crate::lflow::ovs_field::OvsField;

use super::assign;
use super::control::resubmit;
use super::field::of_field;
use super::{EncodeContext, EncodeError};

/// `NXM_NX_REGn[0..15]`: a conntrack zone register.
pub(super) fn zone(reg: OvsField) -> Subfield {
    Subfield {
        field: OxmHeader::of(of_field(reg)),
        ofs: 0,
        n_bits: 16,
    }
}

fn ct(flags: u16, zone_reg: OvsField, table: Option<u8>, actions: Vec<OfAction>) -> OfAction {
    OfAction::Nx(NxAction::Ct(Ct {
        flags,
        zone_src: Some(zone(zone_reg)),
        zone_imm: 0,
        recirc_table: table.unwrap_or(255),
        alg: 0,
        actions,
    }))
}

/// The `nat(...)` of `ct_dnat(ARGS)`/`ct_snat(ARGS)`: an address, then optionally a port
/// or port range.
fn nat_to(args: &str, snat: bool, name: &str) -> Result<OfAction, EncodeError> {
    let bad = || EncodeError::Unsupported(format!("{name}({args})"));
    let mut parts = args.split(',').map(str::trim);
    let ip: IpAddr = parts.next().and_then(|a| a.parse().ok()).ok_or_else(bad)?;
    let ports = match parts.next() {
        None => None,
        Some(r) => {
            let (lo, hi) = match r.split_once('-') {
                Some((lo, hi)) => (lo.trim(), Some(hi.trim())),
                None => (r, None),
            };
            let lo: u16 = lo.parse().map_err(|_| bad())?;
            let hi: Option<u16> = hi.map(|h| h.parse()).transpose().map_err(|_| bad())?;
            Some((lo, hi))
        }
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    let addrs = match ip {
        IpAddr::V4(a) => NatAddrs::V4(a, None),
        IpAddr::V6(a) => NatAddrs::V6(a, None),
    };
    Ok(OfAction::Nx(NxAction::Nat(Nat {
        flags: if snat { nat_flags::SRC } else { nat_flags::DST },
        addrs,
        ports,
    })))
}

fn nat(flags: u16) -> OfAction {
    OfAction::Nx(NxAction::Nat(Nat {
        flags,
        addrs: NatAddrs::None,
        ports: None,
    }))
}

/// The zone a NAT action uses: DNAT zone, SNAT zone, or for the `_in_czone` ("common
/// zone") variants the DNAT zone for both directions.
fn nat_zone(kind: NatKind) -> OvsField {
    match kind {
        NatKind::Dnat | NatKind::DnatInCzone | NatKind::SnatInCzone => LOG_DNAT_ZONE,
        NatKind::Snat => LOG_SNAT_ZONE,
    }
}

pub fn encode(
    a: &Action,
    ctx: &EncodeContext<'_>,
    out: &mut Vec<OfAction>,
) -> Result<(), EncodeError> {
    let zone_reg = if ctx.is_switch {
        LOG_CT_ZONE
    } else {
        LOG_DNAT_ZONE
    };
    match a {
        Action::CtNext => out.push(ct(0, zone_reg, Some(ctx.next_table()?), Vec::new())),
        Action::CtCommit(nested) => {
            let mut exec = vec![nat(nat_flags::SRC)];
            for n in nested.iter().flatten() {
                let before = exec.len();
                assign::encode(n, ctx, &mut exec)
                    .map_err(|_| EncodeError::Unsupported(format!("ct_commit {{ {n} }}")))?;
                let writes_ct = exec[before..].iter().all(|x| match x {
                    OfAction::SetField(f) => matches!(f.field, Field::CtMark | Field::CtLabel),
                    OfAction::CopyField { dst, .. } => {
                        matches!(dst.field.field, Field::CtMark | Field::CtLabel)
                    }
                    _ => false,
                });
                if !writes_ct {
                    return Err(EncodeError::Field(format!(
                        "ct_commit may only assign ct_mark and ct_label, not `{n}`"
                    )));
                }
            }
            let commit_zone = if ctx.is_switch {
                LOG_CT_ZONE
            } else {
                LOG_SNAT_ZONE
            };
            out.push(ct(ct_flags::COMMIT, commit_zone, None, exec));
        }
        Action::CtCommitNat => out.push(ct(
            ct_flags::COMMIT,
            zone_reg,
            Some(ctx.next_table()?),
            vec![nat(0)],
        )),
        Action::CtLb { args: None, .. } => {
            out.push(ct(0, zone_reg, Some(ctx.next_table()?), vec![nat(0)]))
        }
        Action::CtNat { kind, args: None } => {
            out.push(ct(
                0,
                nat_zone(*kind),
                Some(ctx.next_table()?),
                vec![nat(0)],
            ));
        }
        Action::CtSnatToVip => out.push(resubmit(OfTable::CtSnatHairpin.id())),
        Action::CtClear => out.push(OfAction::Nx(NxAction::CtClear)),
        Action::CtLb {
            mark,
            args: Some(args),
        } => super::load_balance::encode(*mark, args, ctx, out)?,
        Action::CtNat {
            kind,
            args: Some(args),
        } => {
            let snat = matches!(kind, NatKind::Snat | NatKind::SnatInCzone);
            let n = nat_to(args, snat, kind.name())?;
            out.push(ct(
                ct_flags::COMMIT,
                nat_zone(*kind),
                Some(ctx.next_table()?),
                vec![n],
            ));
        }
        other => return Err(EncodeError::Unsupported(other.to_string())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::lflow::encode::test_util::{encode_text, sw};
    use crate::lflow::encode::EncodeError;
    use crate::lflow::logical_fields::Pipeline;
    use crate::lflow::lookup::MapLookup;

    #[test]
    fn switch_conntrack_as_the_reference_dump() {
        assert_eq!(sw("ct_next;"), "ct(table=15,zone=NXM_NX_REG13[0..15])");
        assert_eq!(
            sw("ct_lb_mark;"),
            "ct(table=15,zone=NXM_NX_REG13[0..15],nat)"
        );
        assert_eq!(
            sw("ct_commit { ct_mark.blocked = 0; ct_label.label = reg3; }; next;"),
            "ct(commit,zone=NXM_NX_REG13[0..15],nat(src),exec(set_field:0/0x1->ct_mark,move:NXM_NX_XXREG0[0..31]->NXM_NX_CT_LABEL[96..127])),resubmit(,15)"
        );
        assert_eq!(
            sw("ct_commit { ct_mark.blocked = 1; };"),
            "ct(commit,zone=NXM_NX_REG13[0..15],nat(src),exec(set_field:0x1/0x1->ct_mark))"
        );
        assert_eq!(
            sw("ct_commit_nat;"),
            "ct(commit,table=15,zone=NXM_NX_REG13[0..15],nat)"
        );
        assert_eq!(sw("ct_clear; next;"), "ct_clear,resubmit(,15)");
        assert_eq!(sw("ct_snat;"), "ct(table=15,zone=NXM_NX_REG12[0..15],nat)");
        assert_eq!(sw("ct_snat_to_vip; next;"), "resubmit(,70),resubmit(,15)");
    }

    #[test]
    fn router_zones() {
        let l = MapLookup::new().router();
        let r = |t: &str| encode_text(t, Pipeline::Ingress, 5, &l).unwrap();
        assert_eq!(r("ct_dnat;"), "ct(table=14,zone=NXM_NX_REG11[0..15],nat)");
        assert_eq!(r("ct_next;"), "ct(table=14,zone=NXM_NX_REG11[0..15])");
        assert_eq!(
            r("ct_commit_nat;"),
            "ct(commit,table=14,zone=NXM_NX_REG11[0..15],nat)"
        );
    }

    #[test]
    fn unsupported_forms() {
        let l = MapLookup::new();
        let e = |t: &str| encode_text(t, Pipeline::Ingress, 5, &l).unwrap_err();
        assert!(matches!(
            e("ct_lb_mark(backends=10.0.0.1:80; affinity_timeout=60);"),
            EncodeError::Unsupported(_)
        ));
        assert!(matches!(
            e("ct_commit { eth.src = eth.dst; };"),
            EncodeError::Field(_)
        ));
        assert!(matches!(e("ct_dnat(nope);"), EncodeError::Unsupported(_)));
        assert!(matches!(
            e("ct_snat_in_czone(10.0.0.1, 5-x);"),
            EncodeError::Unsupported(_)
        ));
    }

    #[test]
    fn nat_to_an_address() {
        let l = MapLookup::new().router();
        let r = |t: &str| encode_text(t, Pipeline::Egress, 3, &l).unwrap();
        assert_eq!(
            r("ct_snat(192.168.1.100);"),
            "ct(commit,table=46,zone=NXM_NX_REG12[0..15],nat(src=192.168.1.100))"
        );
        assert_eq!(
            r("ct_dnat(10.0.0.12);"),
            "ct(commit,table=46,zone=NXM_NX_REG11[0..15],nat(dst=10.0.0.12))"
        );
        assert_eq!(
            r("ct_snat(fd01::100, 1000);"),
            "ct(commit,table=46,zone=NXM_NX_REG12[0..15],nat(src=[fd01::100]:1000))"
        );
    }

    /// As real ovn-controller 23.03 encoded them for a gateway router port with NAT and a
    /// port range (controller/tests/data/lflow/gw-*).
    #[test]
    fn common_zone_nat_and_port_ranges() {
        let l = MapLookup::new().router();
        let r = |t: &str, p: Pipeline, table: u8| encode_text(t, p, table, &l).unwrap();
        use Pipeline::{Egress, Ingress};
        assert_eq!(
            r("ct_snat_in_czone;", Ingress, 4),
            "ct(table=13,zone=NXM_NX_REG11[0..15],nat)"
        );
        assert_eq!(
            r("ct_dnat_in_czone;", Egress, 1),
            "ct(table=44,zone=NXM_NX_REG11[0..15],nat)"
        );
        assert_eq!(
            r("ct_dnat_in_czone(10.0.0.11,2000-3000);", Ingress, 7),
            "ct(commit,table=16,zone=NXM_NX_REG11[0..15],nat(dst=10.0.0.11:2000-3000))"
        );
        assert_eq!(
            r("ct_snat_in_czone(192.168.1.200);", Egress, 3),
            "ct(commit,table=46,zone=NXM_NX_REG11[0..15],nat(src=192.168.1.200))"
        );
        assert_eq!(
            r("eth.src = 00:00:00:00:aa:01; reg9[4] = 0; ct_snat(192.168.1.201,2000-3000);", Egress, 3),
            "set_field:00:00:00:00:aa:01->eth_src,set_field:0/0x10->xreg4,ct(commit,table=46,zone=NXM_NX_REG12[0..15],nat(src=192.168.1.201:2000-3000))"
        );
    }
}
