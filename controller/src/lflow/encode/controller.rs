//! Actions carried out by ovn-controller itself (pinctrl): the flow sends the packet to
//! the controller with `controller(userdata=...)`. The userdata starts with an 8-byte
//! header, a 32-bit big-endian [`Opcode`] and 4 zero bytes, followed by the opcode's
//! payload:
//! - `arp { }`, `nd_na { }`, `nd_ns { }`, `icmp4 { }`, `reject { }`, `tcp_reset { }`...:
//!   the nested actions, encoded like the flow's own, in OpenFlow 1.5 wire format; pinctrl
//!   builds the new packet and sends it back through the pipeline with these actions;
//! - `log(...)`: verdict (u8), severity (u8), then the ACL name;
//! - `put_arp`/`put_nd`/`put_fdb`/`handle_svc_check`: nothing; the arguments travel in
//!   the packet's fields ([`super::args`]).
//!
//! `clone { }` is not a controller action: it is `clone(...)` around its nested actions.

use openflow::wire::action::nx::Controller2;
use openflow::wire::action::{emit_actions, Action as OfAction, NxAction};
use openflow::wire::field::Field;

use crate::lflow::actions::{Action, LogParams, NestedKind};

use super::args::{self, Arg};
use super::field::{of_field, resolve};
use super::{encode_actions, EncodeContext, EncodeError};
use crate::lflow::logical_fields::{ARG_IPV4, ARG_IPV6, LOG_INPORT};

/// Operation codes of the controller actions, numbered as ovn-controller 23.03 numbers
/// them (the first 32 bits of the userdata): the declaration order below is the numbering,
/// `Arp` is 0. Codes rovn does not know are kept as [`Opcode::Unknown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Opcode {
    Arp,
    PutArp,
    PutDhcpOpts,
    NdNa,
    PutNd,
    PutDhcpv6Opts,
    DnsLookup,
    Log,
    PutNdRaOpts,
    NdNs,
    Icmp,
    TcpReset,
    NdNaRouter,
    PutIcmp4FragMtu,
    Icmp4Error,
    Event,
    Igmp,
    BindVport,
    HandleSvcCheck,
    Dhcp6Server,
    Icmp6Error,
    PutIcmp6FragMtu,
    Reject,
    BfdMsg,
    SctpAbort,
    PutFdb,
    Unknown(u32),
}

impl Opcode {
    /// The known opcodes, in numeric order.
    pub const KNOWN: [Opcode; 26] = [
        Opcode::Arp,
        Opcode::PutArp,
        Opcode::PutDhcpOpts,
        Opcode::NdNa,
        Opcode::PutNd,
        Opcode::PutDhcpv6Opts,
        Opcode::DnsLookup,
        Opcode::Log,
        Opcode::PutNdRaOpts,
        Opcode::NdNs,
        Opcode::Icmp,
        Opcode::TcpReset,
        Opcode::NdNaRouter,
        Opcode::PutIcmp4FragMtu,
        Opcode::Icmp4Error,
        Opcode::Event,
        Opcode::Igmp,
        Opcode::BindVport,
        Opcode::HandleSvcCheck,
        Opcode::Dhcp6Server,
        Opcode::Icmp6Error,
        Opcode::PutIcmp6FragMtu,
        Opcode::Reject,
        Opcode::BfdMsg,
        Opcode::SctpAbort,
        Opcode::PutFdb,
    ];

    /// The number on the wire.
    pub fn code(self) -> u32 {
        match self {
            Opcode::Unknown(n) => n,
            known => Opcode::KNOWN
                .iter()
                .position(|k| *k == known)
                .map_or(u32::MAX, |i| i as u32),
        }
    }

    /// The opcode of a number on the wire.
    pub fn from_code(n: u32) -> Opcode {
        usize::try_from(n)
            .ok()
            .and_then(|i| Opcode::KNOWN.get(i).copied())
            .unwrap_or(Opcode::Unknown(n))
    }

    /// The opcode of a nested-action block (`None` for `clone`).
    pub fn of_nested(kind: NestedKind) -> Option<Opcode> {
        Some(match kind {
            NestedKind::Arp => Opcode::Arp,
            NestedKind::NdNs => Opcode::NdNs,
            NestedKind::NdNa => Opcode::NdNa,
            NestedKind::NdNaRouter => Opcode::NdNaRouter,
            NestedKind::Icmp4 | NestedKind::Icmp6 => Opcode::Icmp,
            NestedKind::Icmp4Error => Opcode::Icmp4Error,
            NestedKind::Icmp6Error => Opcode::Icmp6Error,
            NestedKind::TcpReset => Opcode::TcpReset,
            NestedKind::SctpAbort => Opcode::SctpAbort,
            NestedKind::Reject => Opcode::Reject,
            NestedKind::Clone => return None,
        })
    }
}

/// ACL log verdicts as `log(verdict=...)` names them and pinctrl receives them.
pub const LOG_VERDICTS: [&str; 3] = ["allow", "drop", "reject"];

/// Syslog severities `log(severity=...)` accepts, with their numbers.
pub const LOG_SEVERITIES: [(&str, u8); 5] = [
    ("alert", 1),
    ("warning", 4),
    ("notice", 5),
    ("info", 6),
    ("debug", 7),
];

/// `controller(userdata=OPCODE 00000000 payload)`.
pub fn controller_op(op: Opcode, payload: &[u8]) -> OfAction {
    let mut userdata = Vec::with_capacity(8 + payload.len());
    userdata.extend_from_slice(&op.code().to_be_bytes());
    userdata.extend_from_slice(&[0; 4]);
    userdata.extend_from_slice(payload);
    OfAction::Nx(NxAction::Controller2(Controller2 {
        userdata: Some(userdata),
        ..Default::default()
    }))
}

fn log_payload(p: &LogParams) -> Result<Vec<u8>, EncodeError> {
    let verdict = match &p.verdict {
        None => 0,
        Some(v) => LOG_VERDICTS
            .iter()
            .position(|n| n == v)
            .ok_or_else(|| EncodeError::Field(format!("log verdict `{v}`")))?
            as u8,
    };
    let severity = match &p.severity {
        None => 6,
        Some(s) => LOG_SEVERITIES
            .iter()
            .find(|(n, _)| n == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| EncodeError::Field(format!("log severity `{s}`")))?,
    };
    let mut v = vec![verdict, severity];
    if let Some(name) = &p.name {
        v.extend_from_slice(name.as_bytes());
    }
    Ok(v)
}

fn with_args(op: Opcode, arg_list: &[Arg], out: &mut Vec<OfAction>) -> Result<(), EncodeError> {
    args::setup(arg_list, out)?;
    out.push(controller_op(op, &[]));
    args::restore(arg_list, out)
}

pub fn encode(
    a: &Action,
    ctx: &EncodeContext<'_>,
    out: &mut Vec<OfAction>,
) -> Result<(), EncodeError> {
    let arg = |src, dst| -> Result<Arg, EncodeError> {
        Ok(Arg {
            src: resolve(ctx.symtab, src)?,
            dst,
        })
    };
    let inport = of_field(LOG_INPORT);
    match a {
        Action::Nested { kind, actions } => {
            let groups_before = ctx.groups.borrow().len();
            let inner = encode_actions(actions, ctx)?;
            match Opcode::of_nested(*kind) {
                None => out.push(OfAction::Nx(NxAction::Clone(inner))),
                // Group ids are resolved in the flow's actions, not in packet-in payloads.
                Some(_) if ctx.groups.borrow().len() != groups_before => {
                    return Err(EncodeError::Unsupported(format!(
                        "load balancing inside {}",
                        kind.name()
                    )))
                }
                Some(op) => {
                    let mut payload = Vec::new();
                    emit_actions(&inner, &mut payload);
                    out.push(controller_op(op, &payload));
                }
            }
            Ok(())
        }
        Action::Log(p) => {
            // A meter would need a meter table shared with the daemon: not modelled, the
            // log is sent unmetered.
            out.push(controller_op(Opcode::Log, &log_payload(p)?));
            Ok(())
        }
        Action::HandleDhcpv6Reply => {
            out.push(controller_op(Opcode::Dhcp6Server, &[]));
            Ok(())
        }
        Action::HandleSvcCheck { port } => {
            with_args(Opcode::HandleSvcCheck, &[arg(port, inport)?], out)
        }
        Action::PutFdb { port, mac } => with_args(
            Opcode::PutFdb,
            &[arg(port, inport)?, arg(mac, Field::EthSrc)?],
            out,
        ),
        Action::PutArp { port, ip, mac } => with_args(
            Opcode::PutArp,
            &[
                arg(port, inport)?,
                arg(ip, of_field(ARG_IPV4))?,
                arg(mac, Field::EthSrc)?,
            ],
            out,
        ),
        Action::PutNd { port, ip, mac } => with_args(
            Opcode::PutNd,
            &[
                arg(port, inport)?,
                arg(ip, of_field(ARG_IPV6))?,
                arg(mac, Field::EthSrc)?,
            ],
            out,
        ),
        other => Err(EncodeError::Unsupported(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use crate::lflow::encode::test_util::{encode_text, sw};
    use crate::lflow::logical_fields::Pipeline;
    use crate::lflow::lookup::MapLookup;

    #[test]
    fn opcodes_are_numbered_as_ovn_controller() {
        use super::Opcode;
        assert_eq!(Opcode::Arp.code(), 0);
        assert_eq!(Opcode::HandleSvcCheck.code(), 18);
        assert_eq!(Opcode::PutFdb.code(), 25);
        for (i, op) in Opcode::KNOWN.iter().enumerate() {
            assert_eq!(Opcode::from_code(i as u32), *op);
        }
        assert_eq!(Opcode::from_code(99), Opcode::Unknown(99));
        assert_eq!(Opcode::Unknown(99).code(), 99);
    }

    #[test]
    fn svc_check_and_fdb_learning() {
        assert_eq!(
            sw("handle_svc_check(inport);"),
            "controller(userdata=00.00.00.12.00.00.00.00)"
        );
        assert_eq!(
            sw("put_fdb(inport, eth.src); next;"),
            "controller(userdata=00.00.00.19.00.00.00.00),resubmit(,15)"
        );
        assert_eq!(
            sw("reg0 = 0; handle_dhcpv6_reply;"),
            "set_field:0/0xffffffff000000000000000000000000->xxreg0,controller(userdata=00.00.00.13.00.00.00.00)"
        );
        assert_eq!(
            sw("put_arp(inport, arp.spa, arp.sha); next;"),
            "push:NXM_NX_REG0[],push:NXM_OF_ETH_SRC[],push:NXM_NX_ARP_SHA[],push:NXM_OF_ARP_SPA[],pop:NXM_NX_REG0[],pop:NXM_OF_ETH_SRC[],controller(userdata=00.00.00.01.00.00.00.00),pop:NXM_OF_ETH_SRC[],pop:NXM_NX_REG0[],resubmit(,15)"
        );
    }

    #[test]
    fn nested_actions_travel_as_openflow15_in_the_userdata() {
        // Router lr1 ingress, as in router-ch1-br-int-flows.txt (table 22 = logical 14).
        let l = MapLookup::new().router();
        let t = encode_text(
            "arp { eth.dst = ff:ff:ff:ff:ff:ff; arp.spa = reg1; arp.tpa = reg0; arp.op = 1; output; };",
            Pipeline::Ingress,
            14,
            &l,
        )
        .unwrap();
        assert_eq!(t, "controller(userdata=00.00.00.00.00.00.00.00.00.19.00.10.80.00.06.06.ff.ff.ff.ff.ff.ff.00.00.00.1c.00.18.00.20.00.40.00.00.00.00.00.01.de.10.80.00.2c.04.00.00.00.00.00.1c.00.18.00.20.00.60.00.00.00.00.00.01.de.10.80.00.2e.04.00.00.00.00.00.19.00.10.80.00.2a.02.00.01.00.00.00.00.00.00.ff.ff.00.10.00.00.23.20.00.0e.ff.f8.25.00.00.00)");
        let t = encode_text(
            "nd_ns { nd.target = xxreg0; output; };",
            Pipeline::Ingress,
            14,
            &l,
        )
        .unwrap();
        assert_eq!(t, "controller(userdata=00.00.00.09.00.00.00.00.00.1c.00.18.00.80.00.00.00.00.00.00.00.01.de.10.80.00.3e.10.00.00.00.00.ff.ff.00.10.00.00.23.20.00.0e.ff.f8.25.00.00.00)");
    }

    #[test]
    fn clone_and_log() {
        let l = MapLookup::new()
            .port("ls1-lr1", 3)
            .port("_MC_flood_l2", 0x8004);
        assert_eq!(
            encode_text(
                "clone {outport = \"ls1-lr1\"; output; }; outport = \"_MC_flood_l2\"; output;",
                Pipeline::Ingress,
                25,
                &l
            )
            .unwrap(),
            "clone(set_field:0x3->reg15,resubmit(,37)),set_field:0x8004->reg15,resubmit(,37)"
        );
        // verdict drop (1), severity warning (4), name "acl1".
        assert_eq!(
            sw("log(name=\"acl1\", verdict=drop, severity=warning); next;"),
            "controller(userdata=00.00.00.07.00.00.00.00.01.04.61.63.6c.31),resubmit(,15)"
        );
    }
}
