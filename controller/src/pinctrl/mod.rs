//! pinctrl: the controller actions of logical flows, carried out in the controller. Sans-IO:
//! a packet-in goes in ([`PacketIn`], decoded from an `NXT_PACKET_IN2`), packet-outs, ACL
//! log records and learned entries come out ([`PinctrlOutput`]); the daemon owns the
//! OpenFlow connection and the southbound writes.
//!
//! The packet-in's userdata is what [`crate::lflow::encode::controller`] put in the flow:
//! an [`Opcode`] and its payload. For the nested-action ops (`arp`, `nd_ns`, `nd_na`,
//! `nd_na_router`, `icmp4`/`icmp6`, `icmp4_error`/`icmp6_error`, `tcp_reset`, `reject`) a
//! new packet is built from the triggering one ([`compose`]) and sent back into the
//! pipeline as ovn-controller does: a packet-out from `in_port=CONTROLLER` whose actions
//! first reload the logical pipeline state of the packet-in (`metadata` and the registers,
//! as `set_field`s) and then run the nested actions from the userdata, which end in
//! `next`/`output`, i.e. a resubmit into the logical tables.
//!
//! Invariants: nothing here panics on input; a packet-in that cannot be handled (unknown
//! opcode, malformed packet, wrong packet for the op) produces no output, is logged at
//! debug level and counted in [`Pinctrl::errors`].

pub mod acl_log;
pub mod compose;
pub mod learn;
pub mod packet;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Instant;

use openflow::wire::action::{parse_actions, port, Action as OfAction};
use openflow::wire::error::Reader;
use openflow::wire::field::Field;
use openflow::wire::msg::nicira::{pin2, Property};
use openflow::wire::msg::PacketOut;
use openflow::wire::oxm::MatchField;

pub use crate::lflow::encode::controller::Opcode;
use crate::lflow::logical_fields::{ARG_IPV4, ARG_IPV6, LOG_INPORT};
use crate::lflow::ovs_field::OvsField;
pub use acl_log::AclLogRecord;
pub use learn::{FdbEntry, MacBinding};

use packet::{Headers, L3, L4};

/// A packet sent to the controller by a `controller(userdata=...)` action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacketIn {
    /// The OpenFlow table of the flow that sent it.
    pub table_id: u8,
    /// That flow's cookie (the logical flow's UUID prefix).
    pub cookie: u64,
    /// Pipeline state when it was sent: `metadata`, registers, `in_port`...
    pub metadata: Vec<MatchField>,
    /// The controller action's userdata.
    pub userdata: Vec<u8>,
    /// The packet.
    pub packet: Vec<u8>,
}

/// A packet-in that cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PacketInError {
    #[error("NXT_PACKET_IN2 without {0}")]
    Missing(&'static str),
    #[error("bad NXT_PACKET_IN2 property {0}")]
    Bad(&'static str),
}

impl PacketIn {
    /// Decodes the properties of an `NXT_PACKET_IN2`.
    pub fn from_packet_in2(props: &[Property]) -> Result<PacketIn, PacketInError> {
        let get = |k: u16| {
            props
                .iter()
                .find(|p| p.kind == k)
                .map(|p| p.value.as_slice())
        };
        let packet = get(pin2::PACKET).ok_or(PacketInError::Missing("packet"))?;
        let userdata = get(pin2::USERDATA).ok_or(PacketInError::Missing("userdata"))?;
        let table_id = match get(pin2::TABLE_ID) {
            Some([t, ..]) => *t,
            Some(_) => return Err(PacketInError::Bad("table_id")),
            None => 0,
        };
        let cookie = match get(pin2::COOKIE) {
            Some(c) if c.len() == 12 => u64::from_be_bytes(c[4..].try_into().unwrap_or([0; 8])),
            Some(_) => return Err(PacketInError::Bad("cookie")),
            None => 0,
        };
        let mut metadata = Vec::new();
        if let Some(md) = get(pin2::METADATA) {
            let mut r = Reader::new(md);
            while !r.is_empty() {
                metadata
                    .push(MatchField::parse(&mut r).map_err(|_| PacketInError::Bad("metadata"))?);
            }
        }
        Ok(PacketIn {
            table_id,
            cookie,
            metadata,
            userdata: userdata.to_vec(),
            packet: packet.to_vec(),
        })
    }

    /// 32-bit register `n` of the pipeline state, whichever register field carries it.
    pub fn reg(&self, n: u8) -> Option<u32> {
        self.metadata.iter().find_map(|f| {
            let (first, count) = match f.field {
                Field::Reg(i) => (i, 1),
                Field::XReg(i) => (2 * i, 2),
                Field::XXReg(i) => (4 * i, 4),
                _ => return None,
            };
            if n < first || n >= first + count {
                return None;
            }
            let shift = 32 * u32::from(first + count - 1 - n);
            let mask = (f.mask_u128() >> shift) as u32;
            (mask == u32::MAX).then_some((f.value_u128() >> shift) as u32)
        })
    }

    /// The value of a logical field of the pipeline state: a 32-bit register, an `xxreg`
    /// (from its four registers) or `metadata`.
    pub fn field(&self, f: OvsField) -> Option<u128> {
        match f {
            OvsField::Reg(n) => self.reg(n).map(u128::from),
            OvsField::Xxreg(n) => (0..4).try_fold(0u128, |v, i| {
                self.reg(4 * n + i).map(|r| v << 32 | u128::from(r))
            }),
            OvsField::Metadata => self.datapath().map(u128::from),
            _ => None,
        }
    }

    /// The logical datapath (`metadata`).
    pub fn datapath(&self) -> Option<u32> {
        self.metadata
            .iter()
            .find(|f| f.field == Field::Metadata)
            .map(|f| f.value_u128() as u32)
    }
}

impl PacketIn {
    /// A 32-bit logical field, or the error naming it.
    fn reg_field(&self, f: OvsField) -> Result<u32, Unhandled> {
        self.field(f)
            .map(|v| v as u32)
            .ok_or(Unhandled::Metadata(match f {
                LOG_INPORT => "reg14 (inport)",
                _ => "reg0",
            }))
    }
}

/// What pinctrl asks the daemon to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinctrlOutput {
    /// Send this packet-out to the switch.
    PacketOut(PacketOut),
    /// An ACL log record (already emitted through `tracing`).
    Log(AclLogRecord),
    /// A new or moved FDB entry to write to the southbound `FDB` table.
    FdbLearned(FdbEntry),
    /// A new or changed MAC binding to write to the southbound `MAC_Binding` table.
    MacBindingLearned(MacBinding),
}

/// Why a packet-in produced nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum Unhandled {
    #[error("userdata shorter than the 8-byte header")]
    ShortUserdata,
    #[error("unknown opcode {0}")]
    UnknownOpcode(u32),
    #[error("opcode {0:?} not handled by rovn")]
    Unsupported(Opcode),
    #[error("{0}")]
    Packet(#[from] packet::MalformedPacket),
    #[error("{0}")]
    Compose(#[from] compose::ComposeError),
    #[error("nested actions do not decode")]
    Actions,
    #[error("{0}")]
    Log(#[from] acl_log::LogPayloadError),
    #[error("pipeline state lacks {0}")]
    Metadata(&'static str),
}

impl Unhandled {
    fn kind(&self) -> String {
        match self {
            Unhandled::ShortUserdata => "short-userdata".into(),
            Unhandled::UnknownOpcode(_) => "unknown-opcode".into(),
            Unhandled::Unsupported(op) => format!("unsupported:{op:?}"),
            Unhandled::Packet(_) => "malformed-packet".into(),
            Unhandled::Compose(_) => "wrong-packet".into(),
            Unhandled::Actions => "bad-actions".into(),
            Unhandled::Log(_) => "bad-log".into(),
            Unhandled::Metadata(_) => "missing-metadata".into(),
        }
    }
}

/// The pinctrl state: learned entries and error counters.
#[derive(Debug, Default)]
pub struct Pinctrl {
    learned: learn::Learned,
    errors: BTreeMap<String, u64>,
}

impl Pinctrl {
    pub fn new() -> Self {
        Self::default()
    }

    /// Handles one packet-in.
    pub fn handle_packet_in(&mut self, pi: &PacketIn, now: Instant) -> Vec<PinctrlOutput> {
        match self.handle(pi, now) {
            Ok(out) => out,
            Err(e) => {
                tracing::debug!(table = pi.table_id, cookie = pi.cookie, "pinctrl: {e}");
                *self.errors.entry(e.kind()).or_default() += 1;
                Vec::new()
            }
        }
    }

    /// Packet-ins that produced nothing, per reason.
    pub fn errors(&self) -> &BTreeMap<String, u64> {
        &self.errors
    }

    /// FDB entries learned so far, with when each was last seen.
    pub fn fdb_entries(&self) -> impl Iterator<Item = (FdbEntry, Instant)> + '_ {
        self.learned.fdb_entries()
    }

    /// MAC bindings learned so far, with when each was last seen.
    pub fn mac_bindings(&self) -> impl Iterator<Item = (MacBinding, Instant)> + '_ {
        self.learned.mac_bindings()
    }

    fn handle(&mut self, pi: &PacketIn, now: Instant) -> Result<Vec<PinctrlOutput>, Unhandled> {
        if pi.userdata.len() < 8 {
            return Err(Unhandled::ShortUserdata);
        }
        let code = u32::from_be_bytes([
            pi.userdata[0],
            pi.userdata[1],
            pi.userdata[2],
            pi.userdata[3],
        ]);
        let op = Opcode::from_code(code);
        if let Opcode::Unknown(n) = op {
            return Err(Unhandled::UnknownOpcode(n));
        }
        let payload = &pi.userdata[8..];
        let h = packet::parse(&pi.packet)?;
        let inject = |pkt: Vec<u8>| -> Result<Vec<PinctrlOutput>, Unhandled> {
            Ok(vec![PinctrlOutput::PacketOut(packet_out(
                pi, pkt, payload,
            )?)])
        };
        match op {
            Opcode::Arp => inject(compose::arp_request(&h)?),
            Opcode::NdNs => inject(compose::nd_ns(&h)?),
            Opcode::NdNa => inject(compose::nd_na(&h, false)?),
            Opcode::NdNaRouter => inject(compose::nd_na(&h, true)?),
            Opcode::Icmp | Opcode::Icmp4Error | Opcode::Icmp6Error => match h.l3 {
                L3::Ipv4 { .. } => inject(compose::icmp4_error(&pi.packet, &h, 3, 1)?),
                _ => inject(compose::icmp6_error(&pi.packet, &h, 1, 1)?),
            },
            Opcode::TcpReset => inject(compose::tcp_reset(&h)?),
            Opcode::Reject => inject(reject(&pi.packet, &h)?),
            Opcode::Log => {
                let rec = AclLogRecord::decode(payload, pi.table_id, packet::summary(&h))?;
                rec.emit();
                Ok(vec![PinctrlOutput::Log(rec)])
            }
            Opcode::PutFdb => {
                let e = FdbEntry {
                    dp_key: pi.datapath().ok_or(Unhandled::Metadata("metadata"))?,
                    port_key: pi.reg_field(LOG_INPORT)?,
                    mac: h.eth_src,
                };
                Ok(if self.learned.fdb(e, now) {
                    vec![PinctrlOutput::FdbLearned(e)]
                } else {
                    Vec::new()
                })
            }
            Opcode::PutArp | Opcode::PutNd => {
                let ip = if op == Opcode::PutArp {
                    IpAddr::V4(Ipv4Addr::from(pi.reg_field(ARG_IPV4)?))
                } else {
                    let v = pi.field(ARG_IPV6).ok_or(Unhandled::Metadata("xxreg0"))?;
                    IpAddr::V6(Ipv6Addr::from(v))
                };
                let b = MacBinding {
                    dp_key: pi.datapath().ok_or(Unhandled::Metadata("metadata"))?,
                    port_key: pi.reg_field(LOG_INPORT)?,
                    ip,
                    mac: h.eth_src,
                };
                Ok(if self.learned.binding(b, now) {
                    vec![PinctrlOutput::MacBindingLearned(b)]
                } else {
                    Vec::new()
                })
            }
            other => Err(Unhandled::Unsupported(other)),
        }
    }
}

/// `reject { }`: a TCP RST for TCP, otherwise an ICMP port unreachable, addressed back
/// to the sender (the swap is implicit for `reject`: its nested actions do not do it).
fn reject(pkt: &[u8], h: &Headers) -> Result<Vec<u8>, compose::ComposeError> {
    let back = compose::addressed_back(h);
    match (back.l3, back.l4) {
        (_, L4::Tcp { .. }) => compose::tcp_reset(&back),
        (L3::Ipv4 { .. }, _) => compose::icmp4_error(pkt, &back, 3, 3),
        _ => compose::icmp6_error(pkt, &back, 1, 4),
    }
}

/// The packet-out that runs `nested` (OpenFlow 1.5 actions) on `pkt` in the pipeline
/// state of `pi`.
fn packet_out(pi: &PacketIn, pkt: Vec<u8>, nested: &[u8]) -> Result<PacketOut, Unhandled> {
    let mut actions: Vec<OfAction> = pi
        .metadata
        .iter()
        .filter(|f| {
            matches!(
                f.field,
                Field::Metadata | Field::Reg(_) | Field::XReg(_) | Field::XXReg(_)
            )
        })
        .map(|f| OfAction::SetField(f.clone()))
        .collect();
    actions.extend(parse_actions(nested).map_err(|_| Unhandled::Actions)?);
    Ok(PacketOut {
        buffer_id: u32::MAX,
        in_port: port::CONTROLLER,
        actions,
        data: pkt,
    })
}

#[cfg(test)]
mod tests;
