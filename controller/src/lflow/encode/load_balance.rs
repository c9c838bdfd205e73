//! `ct_lb_mark(backends=...)` / `ct_lb(backends=...)`: load balancing through an OpenFlow
//! select group, as ovn-controller 23.03 encodes it.
//!
//! The flow's action is `group:G`; group G is
//! `type=select,selection_method=dp_hash` (or `selection_method=hash,fields(...)` when the
//! action has `hash_fields="..."`) with one bucket per backend, in order:
//! `bucket=bucket_id:I,weight:100,actions=ct(commit,table=NEXT,zone=Z[0..15],
//! nat(dst=BACKEND),exec(set_field:0x2/0x2->ct_mark))` — `ct_label` instead of `ct_mark`
//! for `ct_lb` — where Z is the datapath's zone register (`reg13` on a switch, the DNAT
//! zone `reg11` on a router) and bit 1 is OVN's "natted" conntrack flag. With
//! `skip_snat` (or `force_snat`) the exec also sets `ct_mark.skip_snat` (bit 2, captured:
//! `set_field:0x4/0x4->ct_mark`) or `ct_mark.force_snat` (bit 3, by the same rule; no
//! capture has it).
//!
//! Group ids are not the encoder's to choose: it records the group in
//! [`EncodeContext::groups`] and emits `group:I` with I the group's index in that list, a
//! placeholder the [`crate::lflow::FlowCompiler`] replaces with the id it allocates
//! (the only `group` actions encoders emit are these). Other options are reported
//! unsupported.

use std::net::IpAddr;

use openflow::wire::action::nx::{ct_flags, nat_flags, Ct, Nat, NatAddrs};
use openflow::wire::action::{Action as OfAction, NxAction};
use openflow::wire::field::Field;
use openflow::wire::msg::{Bucket, GroupMod, GroupType, Selection};
use openflow::wire::oxm::MatchField;

use super::conntrack::zone;
use super::{EncodeContext, EncodeError};
use crate::lflow::logical_fields::{CtMarkField, LOG_CT_ZONE, LOG_DNAT_ZONE};

/// OVN's `natted` conntrack flag (ct_mark / ct_label bit 1).
const CT_NATTED: u128 = 1 << CtMarkField::Natted.bits().0;
/// The bucket weight ovn-controller gives every backend.
const WEIGHT: u16 = 100;

/// A backend: address and optional port.
type Backend = (IpAddr, Option<u16>);

/// One backend: address and optional port.
fn backend(s: &str) -> Option<Backend> {
    if let Some(rest) = s.strip_prefix('[') {
        let (ip, tail) = rest.split_once(']')?;
        let ip: IpAddr = ip.parse().ok()?;
        let port = match tail {
            "" => None,
            t => Some(t.strip_prefix(':')?.parse().ok()?),
        };
        return Some((ip, port));
    }
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some((ip, None));
    }
    let (ip, port) = s.rsplit_once(':')?;
    match ip.parse().ok()? {
        IpAddr::V4(a) => Some((IpAddr::V4(a), Some(port.parse().ok()?))),
        IpAddr::V6(_) => None, // an IPv6 address with a port needs brackets
    }
}

/// The parsed arguments of `ct_lb[_mark](...)`.
#[derive(Debug, Default)]
struct LbArgs {
    backends: Vec<Backend>,
    /// `hash_fields="..."`.
    fields: Vec<Field>,
    /// `skip_snat` or `force_snat`: the conntrack flag to set besides `natted`.
    snat: Option<CtMarkField>,
}

/// Parses the arguments.
fn parse_args(args: &str, name: &str) -> Result<LbArgs, EncodeError> {
    // The reason names the form, not the values, so that skip counts group by form.
    let bad = |why: &str| EncodeError::Unsupported(format!("{name}({why})"));
    let mut a = LbArgs::default();
    for part in args.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(list) = part.strip_prefix("backends=") {
            for b in list.split(',').map(str::trim).filter(|b| !b.is_empty()) {
                a.backends
                    .push(backend(b).ok_or_else(|| bad("bad backend"))?);
            }
        } else if let Some(h) = part.strip_prefix("hash_fields=") {
            for f in h.trim_matches('"').split(',').map(str::trim) {
                a.fields
                    .push(Field::from_name(f).ok_or_else(|| bad("unknown hash field"))?);
            }
        } else if part == "skip_snat" || part == "force_snat" {
            if a.snat.is_some() {
                return Err(bad("backends; skip_snat and force_snat"));
            }
            a.snat = Some(if part == "skip_snat" {
                CtMarkField::SkipSnat
            } else {
                CtMarkField::ForceSnat
            });
        } else {
            let option = part.split('=').next().unwrap_or(part);
            return Err(bad(&format!("backends; {option}")));
        }
    }
    if a.backends.is_empty() {
        return Err(bad("no backends"));
    }
    Ok(a)
}

/// Encodes `ct_lb_mark(ARGS)` (`mark`) or `ct_lb(ARGS)`.
pub fn encode(
    mark: bool,
    args: &str,
    ctx: &EncodeContext<'_>,
    out: &mut Vec<OfAction>,
) -> Result<(), EncodeError> {
    let name = if mark { "ct_lb_mark" } else { "ct_lb" };
    let LbArgs {
        backends,
        fields,
        snat,
    } = parse_args(args, name)?;
    let zone_reg = if ctx.is_switch {
        LOG_CT_ZONE
    } else {
        LOG_DNAT_ZONE
    };
    let table = ctx.next_table()?;
    let flag = if mark { Field::CtMark } else { Field::CtLabel };
    let buckets = backends
        .iter()
        .enumerate()
        .map(|(i, (ip, port))| {
            let addrs = match ip {
                IpAddr::V4(a) => NatAddrs::V4(*a, None),
                IpAddr::V6(a) => NatAddrs::V6(*a, None),
            };
            let nat = OfAction::Nx(NxAction::Nat(Nat {
                flags: nat_flags::DST,
                addrs,
                ports: port.map(|p| (p, None)),
            }));
            let set_bit =
                |bit: u128| OfAction::SetField(MatchField::from_u128(flag, bit, Some(bit)));
            let mut exec = vec![nat, set_bit(CT_NATTED)];
            if let Some(f) = snat {
                exec.push(set_bit(1 << f.bits().0));
            }
            Bucket {
                bucket_id: i as u32,
                weight: Some(WEIGHT),
                watch_port: None,
                watch_group: None,
                actions: vec![OfAction::Nx(NxAction::Ct(Ct {
                    flags: ct_flags::COMMIT,
                    zone_src: Some(zone(zone_reg)),
                    zone_imm: 0,
                    recirc_table: table,
                    alg: 0,
                    actions: exec,
                }))],
            }
        })
        .collect();
    let selection = if fields.is_empty() {
        Selection::dp_hash()
    } else {
        Selection::hash(fields)
    };
    let group = GroupMod {
        command: 0,
        group_type: GroupType::Select,
        group_id: 0,
        command_bucket_id: 0xffff_ffff,
        buckets,
        selection: Some(selection),
    };
    let mut groups = ctx.groups.borrow_mut();
    out.push(OfAction::Group(groups.len() as u32));
    groups.push(group);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lflow::encode::test_util::encode_with_groups;
    use crate::lflow::logical_fields::Pipeline;
    use crate::lflow::lookup::MapLookup;

    /// Groups as real ovn-controller 23.03 installed them (`dump-groups`, ids zeroed)
    /// for the same logical-flow actions (controller/tests/data/lflow/lb-*).
    #[test]
    fn groups_as_the_reference_dump() {
        let sw = MapLookup::new();
        let lr = MapLookup::new().router();
        let cases: &[(&MapLookup, u8, &str, &str)] = &[
            (
                &sw,
                12,
                "reg0[1] = 0; ct_lb_mark(backends=10.0.0.11:80,10.0.0.12:80);",
                "group_id=0,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=ct(commit,table=21,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.11:80),exec(set_field:0x2/0x2->ct_mark)),bucket=bucket_id:1,weight:100,actions=ct(commit,table=21,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.12:80),exec(set_field:0x2/0x2->ct_mark))",
            ),
            (
                &lr,
                7,
                "ct_lb_mark(backends=10.0.0.11:80,10.0.0.12:80);",
                "group_id=0,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=ct(commit,table=16,zone=NXM_NX_REG11[0..15],nat(dst=10.0.0.11:80),exec(set_field:0x2/0x2->ct_mark)),bucket=bucket_id:1,weight:100,actions=ct(commit,table=16,zone=NXM_NX_REG11[0..15],nat(dst=10.0.0.12:80),exec(set_field:0x2/0x2->ct_mark))",
            ),
            (
                &sw,
                12,
                "reg0[1] = 0; ct_lb_mark(backends=[fd00::11]:80,[fd00::12]:80);",
                "group_id=0,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=ct(commit,table=21,zone=NXM_NX_REG13[0..15],nat(dst=[fd00::11]:80),exec(set_field:0x2/0x2->ct_mark)),bucket=bucket_id:1,weight:100,actions=ct(commit,table=21,zone=NXM_NX_REG13[0..15],nat(dst=[fd00::12]:80),exec(set_field:0x2/0x2->ct_mark))",
            ),
            (
                &sw,
                12,
                "reg0[1] = 0; ct_lb_mark(backends=10.0.0.11,10.0.0.12);",
                "group_id=0,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=ct(commit,table=21,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.11),exec(set_field:0x2/0x2->ct_mark)),bucket=bucket_id:1,weight:100,actions=ct(commit,table=21,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.12),exec(set_field:0x2/0x2->ct_mark))",
            ),
            (
                &sw,
                12,
                "reg0[1] = 0; ct_lb_mark(backends=10.0.0.11:443,10.0.0.12:443; hash_fields=\"ip_dst,ip_src,tcp_src\");",
                "group_id=0,type=select,selection_method=hash,fields(ip_src,ip_dst,tcp_src),bucket=bucket_id:0,weight:100,actions=ct(commit,table=21,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.11:443),exec(set_field:0x2/0x2->ct_mark)),bucket=bucket_id:1,weight:100,actions=ct(commit,table=21,zone=NXM_NX_REG13[0..15],nat(dst=10.0.0.12:443),exec(set_field:0x2/0x2->ct_mark))",
            ),
        ];
        // A later capture (gateway router lr1, lb1 with options:skip_snat=true).
        let skip = "group_id=0,type=select,selection_method=dp_hash,bucket=bucket_id:0,weight:100,actions=ct(commit,table=16,zone=NXM_NX_REG11[0..15],nat(dst=10.0.0.11:80),exec(set_field:0x2/0x2->ct_mark,set_field:0x4/0x4->ct_mark)),bucket=bucket_id:1,weight:100,actions=ct(commit,table=16,zone=NXM_NX_REG11[0..15],nat(dst=10.0.0.12:80),exec(set_field:0x2/0x2->ct_mark,set_field:0x4/0x4->ct_mark))";
        let (a, g) = encode_with_groups(
            "flags.skip_snat_for_lb = 1; ct_lb_mark(backends=10.0.0.11:80,10.0.0.12:80; skip_snat);",
            Pipeline::Ingress,
            7,
            &lr,
        )
        .unwrap();
        assert_eq!(a, "set_field:0x200/0x200->reg10,group:0");
        assert_eq!(g, [skip]);
        for (lookup, table, actions, group) in cases {
            let (a, g) = encode_with_groups(actions, Pipeline::Ingress, *table, lookup).unwrap();
            assert!(a.ends_with("group:0"), "{a}");
            assert_eq!(g, [group.to_string()], "{actions}");
        }
    }

    #[test]
    fn backends_parse() {
        let v4: IpAddr = "10.0.0.11".parse().unwrap();
        let v6: IpAddr = "fd00::11".parse().unwrap();
        assert_eq!(backend("10.0.0.11:80"), Some((v4, Some(80))));
        assert_eq!(backend("10.0.0.11"), Some((v4, None)));
        assert_eq!(backend("[fd00::11]:80"), Some((v6, Some(80))));
        assert_eq!(backend("[fd00::11]"), Some((v6, None)));
        assert_eq!(backend("fd00::11"), Some((v6, None)));
        assert_eq!(backend("10.0.0.11:x"), None);
        assert_eq!(backend("[fd00::11]80"), None);
        assert!(parse_args("backends=10.0.0.1:80; affinity_timeout=5", "ct_lb_mark").is_err());
        assert!(parse_args("backends=10.0.0.1:80; skip_snat; force_snat", "ct_lb_mark").is_err());
        assert!(parse_args("backends=", "ct_lb_mark").is_err());
        let LbArgs {
            backends: b,
            fields: f,
            ..
        } = parse_args(
            "backends=10.0.0.1:80,10.0.0.2:80; hash_fields=\"ip_dst,ip_src,tcp_src\"",
            "ct_lb_mark",
        )
        .unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(f, [Field::Ipv4Dst, Field::Ipv4Src, Field::TcpSrc]);
    }
}
