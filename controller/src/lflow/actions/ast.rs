//! Typed logical-flow actions (`ovn-sb(5)`, Logical_Flow `actions`). `Display` writes the
//! canonical text, one action per `;`, which parses back to the same value. Actions rovn
//! does not model yet are kept as [`Action::Unknown`] with their canonical text, so a flow
//! using them can be logged and skipped.

use std::fmt;

use crate::lflow::ast::{Expr, FieldRef};
use crate::lflow::logical_fields::Pipeline;
use crate::lflow::parser::parse_match;
use crate::lflow::symtab::SymbolTable;
use crate::lflow::value::{fmt_quoted, Constant};

/// Actions that run a nested action list on a new packet built from the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NestedKind {
    Arp,
    NdNs,
    NdNa,
    NdNaRouter,
    Icmp4,
    Icmp4Error,
    Icmp6,
    Icmp6Error,
    TcpReset,
    SctpAbort,
    Reject,
    Clone,
}

impl NestedKind {
    pub const ALL: [NestedKind; 12] = [
        NestedKind::Arp,
        NestedKind::NdNs,
        NestedKind::NdNa,
        NestedKind::NdNaRouter,
        NestedKind::Icmp4,
        NestedKind::Icmp4Error,
        NestedKind::Icmp6,
        NestedKind::Icmp6Error,
        NestedKind::TcpReset,
        NestedKind::SctpAbort,
        NestedKind::Reject,
        NestedKind::Clone,
    ];

    pub fn name(self) -> &'static str {
        match self {
            NestedKind::Arp => "arp",
            NestedKind::NdNs => "nd_ns",
            NestedKind::NdNa => "nd_na",
            NestedKind::NdNaRouter => "nd_na_router",
            NestedKind::Icmp4 => "icmp4",
            NestedKind::Icmp4Error => "icmp4_error",
            NestedKind::Icmp6 => "icmp6",
            NestedKind::Icmp6Error => "icmp6_error",
            NestedKind::TcpReset => "tcp_reset",
            NestedKind::SctpAbort => "sctp_abort",
            NestedKind::Reject => "reject",
            NestedKind::Clone => "clone",
        }
    }

    pub fn from_name(name: &str) -> Option<NestedKind> {
        NestedKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What the packet must be for the action to apply (added to the flow's match).
    pub fn prerequisite(self) -> Option<&'static str> {
        match self {
            NestedKind::Arp | NestedKind::Icmp4 | NestedKind::Icmp4Error => Some("ip4"),
            NestedKind::NdNs | NestedKind::Icmp6 | NestedKind::Icmp6Error => Some("ip6"),
            NestedKind::NdNa | NestedKind::NdNaRouter => Some("nd_ns"),
            NestedKind::TcpReset => Some("tcp"),
            NestedKind::SctpAbort => Some("sctp"),
            NestedKind::Reject | NestedKind::Clone => None,
        }
    }
}

/// The conntrack NAT actions: `ct_dnat`, `ct_snat` and their common-zone variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NatKind {
    Dnat,
    Snat,
    DnatInCzone,
    SnatInCzone,
}

impl NatKind {
    pub const ALL: [NatKind; 4] = [
        NatKind::Dnat,
        NatKind::Snat,
        NatKind::DnatInCzone,
        NatKind::SnatInCzone,
    ];

    pub fn name(self) -> &'static str {
        match self {
            NatKind::Dnat => "ct_dnat",
            NatKind::Snat => "ct_snat",
            NatKind::DnatInCzone => "ct_dnat_in_czone",
            NatKind::SnatInCzone => "ct_snat_in_czone",
        }
    }

    pub fn from_name(name: &str) -> Option<NatKind> {
        NatKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Parameters of `log(...)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LogParams {
    pub name: Option<String>,
    pub verdict: Option<String>,
    pub severity: Option<String>,
    pub meter: Option<String>,
}

/// The value assigned by `field = value;`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LoadValue {
    Int(Constant),
    /// A port or multicast group name, for `inport`/`outport`.
    Port(String),
}

impl fmt::Display for LoadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadValue::Int(c) => write!(f, "{c}"),
            LoadValue::Port(p) => fmt_quoted(f, p),
        }
    }
}

/// One action.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Action {
    /// `output;`
    Output,
    /// `drop;`
    Drop,
    /// `next;`, `next(N);`, `next(pipeline=P, table=N);`
    Next {
        pipeline: Option<Pipeline>,
        table: Option<u8>,
    },
    /// `field = constant;`, `outport = "name";`
    Load { dst: FieldRef, value: LoadValue },
    /// `dst = src;`
    Move { dst: FieldRef, src: FieldRef },
    /// `a <-> b;`
    Exchange { a: FieldRef, b: FieldRef },
    /// `ip.ttl--;`
    DecTtl,
    /// `ct_next;`
    CtNext,
    /// `ct_commit;` (`None`) or `ct_commit { ... };`
    CtCommit(Option<Vec<Action>>),
    /// `ct_commit_nat;`
    CtCommitNat,
    /// `ct_clear;`
    CtClear,
    /// `ct_lb;`/`ct_lb_mark;` and their argument forms (kept as text for now).
    CtLb { mark: bool, args: Option<String> },
    /// `R = check_in_port_sec();`
    CheckInPortSec { dst: FieldRef },
    /// `R = check_out_port_sec();`
    CheckOutPortSec { dst: FieldRef },
    /// `P = get_fdb(A);`
    GetFdb { dst: FieldRef, mac: FieldRef },
    /// `put_fdb(P, A);`
    PutFdb { port: FieldRef, mac: FieldRef },
    /// `R = lookup_fdb(P, A);`
    LookupFdb {
        dst: FieldRef,
        port: FieldRef,
        mac: FieldRef,
    },
    /// `handle_svc_check(P);`
    HandleSvcCheck { port: FieldRef },
    /// `ct_dnat;`, `ct_snat(IP);`, `ct_dnat_in_czone(...)`, ... (arguments kept as text).
    CtNat { kind: NatKind, args: Option<String> },
    /// `ct_snat_to_vip;`
    CtSnatToVip,
    /// `R = chk_lb_hairpin();`
    ChkLbHairpin { dst: FieldRef },
    /// `R = chk_lb_hairpin_reply();`
    ChkLbHairpinReply { dst: FieldRef },
    /// `get_arp(P, A);`
    GetArp { port: FieldRef, ip: FieldRef },
    /// `put_arp(P, A, E);`
    PutArp {
        port: FieldRef,
        ip: FieldRef,
        mac: FieldRef,
    },
    /// `get_nd(P, A);`
    GetNd { port: FieldRef, ip: FieldRef },
    /// `put_nd(P, A, E);`
    PutNd {
        port: FieldRef,
        ip: FieldRef,
        mac: FieldRef,
    },
    /// `R = lookup_arp(P, A, M);`, `R = lookup_arp_ip(P, A);` (`mac: None`)
    LookupArp {
        dst: FieldRef,
        port: FieldRef,
        ip: FieldRef,
        mac: Option<FieldRef>,
    },
    /// `R = lookup_nd(P, A, M);`, `R = lookup_nd_ip(P, A);` (`mac: None`)
    LookupNd {
        dst: FieldRef,
        port: FieldRef,
        ip: FieldRef,
        mac: Option<FieldRef>,
    },
    /// `handle_dhcpv6_reply;`
    HandleDhcpv6Reply,
    /// `log(...);`
    Log(LogParams),
    /// `arp { ... };`, `nd_na { ... };`, `reject { ... };`, ...
    Nested {
        kind: NestedKind,
        actions: Vec<Action>,
    },
    /// Anything else, as canonical text without the final `;`.
    Unknown { name: String, text: String },
}

impl Action {
    /// Conditions the flow's match must include for this action to make sense
    /// (`ovn-sb(5)`: assigning to a field adds the field's prerequisites; `ct_next` needs IP;
    /// `arp { }` needs IPv4, ...). Unknown symbols contribute nothing here; they fail when
    /// the action is encoded.
    pub fn prerequisites(&self, symtab: &SymbolTable) -> Vec<Expr> {
        let fields = |refs: &[&FieldRef]| -> Vec<Expr> {
            refs.iter()
                .filter_map(|r| symtab.resolve(r).ok())
                .flat_map(|rf| rf.prereqs)
                .collect()
        };
        let named = |p: &str| parse_match(p).into_iter().collect::<Vec<_>>();
        match self {
            Action::Load { dst, .. } => fields(&[dst]),
            Action::Move { dst, src } => fields(&[dst, src]),
            Action::Exchange { a, b } => fields(&[a, b]),
            Action::CheckInPortSec { dst } | Action::CheckOutPortSec { dst } => fields(&[dst]),
            Action::GetFdb { dst, mac } => fields(&[dst, mac]),
            Action::PutFdb { port, mac } => fields(&[port, mac]),
            Action::LookupFdb { dst, port, mac } => fields(&[dst, port, mac]),
            Action::ChkLbHairpin { dst } | Action::ChkLbHairpinReply { dst } => fields(&[dst]),
            Action::GetArp { port, ip } | Action::GetNd { port, ip } => fields(&[port, ip]),
            Action::PutArp { port, ip, mac } | Action::PutNd { port, ip, mac } => {
                fields(&[port, ip, mac])
            }
            Action::LookupArp { dst, port, ip, mac } | Action::LookupNd { dst, port, ip, mac } => {
                let mut refs = vec![dst, port, ip];
                refs.extend(mac.as_ref());
                fields(&refs)
            }
            Action::CtNat { .. } | Action::CtSnatToVip => named("ip"),
            Action::DecTtl
            | Action::CtNext
            | Action::CtCommit(_)
            | Action::CtCommitNat
            | Action::CtLb { .. } => named("ip"),
            Action::Nested { kind, .. } => kind.prerequisite().map(named).unwrap_or_default(),
            Action::Output
            | Action::Drop
            | Action::Next { .. }
            | Action::CtClear
            | Action::HandleSvcCheck { .. }
            | Action::HandleDhcpv6Reply
            | Action::Log(_)
            | Action::Unknown { .. } => Vec::new(),
        }
    }

    /// Unknown actions anywhere in this action (nested lists included).
    pub fn unknown_names(&self) -> Vec<&str> {
        match self {
            Action::Unknown { name, .. } => vec![name.as_str()],
            Action::Nested { actions, .. } | Action::CtCommit(Some(actions)) => {
                actions.iter().flat_map(|a| a.unknown_names()).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// A whole `actions` column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Actions(pub Vec<Action>);

impl Actions {
    /// Prerequisites of every action, for the flow's match.
    pub fn prerequisites(&self, symtab: &SymbolTable) -> Vec<Expr> {
        self.0
            .iter()
            .flat_map(|a| a.prerequisites(symtab))
            .collect()
    }

    /// Names of actions rovn does not model (to log once and skip the flow).
    pub fn unknown_names(&self) -> Vec<&str> {
        self.0.iter().flat_map(|a| a.unknown_names()).collect()
    }

    /// An empty list, like `drop;`, drops the packet.
    pub fn is_drop(&self) -> bool {
        self.0.is_empty() || self.0 == [Action::Drop]
    }
}

fn fmt_list(f: &mut fmt::Formatter<'_>, actions: &[Action]) -> fmt::Result {
    for (i, a) in actions.iter().enumerate() {
        if i > 0 {
            f.write_str(" ")?;
        }
        write!(f, "{a}")?;
    }
    Ok(())
}

fn fmt_block(f: &mut fmt::Formatter<'_>, name: &str, actions: &[Action]) -> fmt::Result {
    if actions.is_empty() {
        return write!(f, "{name} {{ }};");
    }
    write!(f, "{name} {{ ")?;
    fmt_list(f, actions)?;
    f.write_str(" };")
}

impl fmt::Display for Actions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_list(f, &self.0)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Output => f.write_str("output;"),
            Action::Drop => f.write_str("drop;"),
            Action::Next {
                pipeline: None,
                table: None,
            } => f.write_str("next;"),
            Action::Next {
                pipeline: None,
                table: Some(t),
            } => write!(f, "next({t});"),
            Action::Next {
                pipeline: Some(p),
                table,
            } => {
                write!(
                    f,
                    "next(pipeline={}, table={});",
                    p.name(),
                    table.unwrap_or(0)
                )
            }
            Action::Load { dst, value } => write!(f, "{dst} = {value};"),
            Action::Move { dst, src } => write!(f, "{dst} = {src};"),
            Action::Exchange { a, b } => write!(f, "{a} <-> {b};"),
            Action::DecTtl => f.write_str("ip.ttl--;"),
            Action::CtNext => f.write_str("ct_next;"),
            Action::CtCommit(None) => f.write_str("ct_commit;"),
            Action::CtCommit(Some(actions)) => fmt_block(f, "ct_commit", actions),
            Action::CtCommitNat => f.write_str("ct_commit_nat;"),
            Action::CtClear => f.write_str("ct_clear;"),
            Action::CtLb { mark, args } => {
                f.write_str(if *mark { "ct_lb_mark" } else { "ct_lb" })?;
                if let Some(a) = args {
                    write!(f, "({a})")?;
                }
                f.write_str(";")
            }
            Action::CheckInPortSec { dst } => write!(f, "{dst} = check_in_port_sec();"),
            Action::CheckOutPortSec { dst } => write!(f, "{dst} = check_out_port_sec();"),
            Action::GetFdb { dst, mac } => write!(f, "{dst} = get_fdb({mac});"),
            Action::PutFdb { port, mac } => write!(f, "put_fdb({port}, {mac});"),
            Action::LookupFdb { dst, port, mac } => {
                write!(f, "{dst} = lookup_fdb({port}, {mac});")
            }
            Action::HandleSvcCheck { port } => write!(f, "handle_svc_check({port});"),
            Action::CtNat { kind, args: None } => write!(f, "{};", kind.name()),
            Action::CtNat {
                kind,
                args: Some(a),
            } => write!(f, "{}({a});", kind.name()),
            Action::CtSnatToVip => f.write_str("ct_snat_to_vip;"),
            Action::ChkLbHairpin { dst } => write!(f, "{dst} = chk_lb_hairpin();"),
            Action::ChkLbHairpinReply { dst } => write!(f, "{dst} = chk_lb_hairpin_reply();"),
            Action::GetArp { port, ip } => write!(f, "get_arp({port}, {ip});"),
            Action::PutArp { port, ip, mac } => write!(f, "put_arp({port}, {ip}, {mac});"),
            Action::GetNd { port, ip } => write!(f, "get_nd({port}, {ip});"),
            Action::PutNd { port, ip, mac } => write!(f, "put_nd({port}, {ip}, {mac});"),
            Action::LookupArp {
                dst,
                port,
                ip,
                mac: Some(m),
            } => {
                write!(f, "{dst} = lookup_arp({port}, {ip}, {m});")
            }
            Action::LookupArp {
                dst,
                port,
                ip,
                mac: None,
            } => {
                write!(f, "{dst} = lookup_arp_ip({port}, {ip});")
            }
            Action::LookupNd {
                dst,
                port,
                ip,
                mac: Some(m),
            } => {
                write!(f, "{dst} = lookup_nd({port}, {ip}, {m});")
            }
            Action::LookupNd {
                dst,
                port,
                ip,
                mac: None,
            } => {
                write!(f, "{dst} = lookup_nd_ip({port}, {ip});")
            }
            Action::HandleDhcpv6Reply => f.write_str("handle_dhcpv6_reply;"),
            Action::Log(p) => {
                f.write_str("log(")?;
                let mut first = true;
                let mut item = |f: &mut fmt::Formatter<'_>, k: &str, v: &str, quote: bool| {
                    if !std::mem::take(&mut first) {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}=")?;
                    if quote {
                        fmt_quoted(f, v)
                    } else {
                        f.write_str(v)
                    }
                };
                if let Some(v) = &p.name {
                    item(f, "name", v, true)?;
                }
                if let Some(v) = &p.verdict {
                    item(f, "verdict", v, false)?;
                }
                if let Some(v) = &p.severity {
                    item(f, "severity", v, false)?;
                }
                if let Some(v) = &p.meter {
                    item(f, "meter", v, true)?;
                }
                f.write_str(");")
            }
            Action::Nested { kind, actions } => fmt_block(f, kind.name(), actions),
            Action::Unknown { text, .. } => write!(f, "{text};"),
        }
    }
}
