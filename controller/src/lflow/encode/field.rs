//! The one place where the controller's view of OVS fields ([`OvsField`]) meets the
//! `openflow` crate's typed fields ([`Field`]), and where a logical field reference used by
//! an action (`reg0[15]`, `xreg0[0..47]`, `ct_label.label`) becomes bits of an OpenFlow
//! field.
//!
//! Invariant: the logical registers are addressed in actions exactly as ovn-controller
//! addresses them, which is what `ovs-ofctl dump-flows` then shows: `reg0`..`reg7` and
//! `xreg0`..`xreg3` are bit ranges of `xxreg0`/`xxreg1` (reg0 the most significant 32 bits
//! of xxreg0), `reg8`/`reg9` are the high/low halves of `xreg4`. Matches are unaffected:
//! Open vSwitch stores every register match as the 32-bit registers anyway.

use openflow::wire::action::Subfield;
use openflow::wire::field::Field;
use openflow::wire::oxm::OxmHeader;

use crate::lflow::ast::FieldRef;
use crate::lflow::logical_fields::LOG_REG_COUNT;
use crate::lflow::ovs_field::OvsField;
use crate::lflow::symtab::SymbolTable;

use super::EncodeError;

/// The `openflow` field for an OVS field of the controller's symbol table.
pub fn of_field(f: OvsField) -> Field {
    match f {
        OvsField::PktMark => Field::PktMark,
        OvsField::ConjId => Field::ConjId,
        OvsField::CtState => Field::CtState,
        OvsField::CtMark => Field::CtMark,
        OvsField::CtLabel => Field::CtLabel,
        OvsField::CtNwSrc => Field::CtNwSrc,
        OvsField::CtNwDst => Field::CtNwDst,
        OvsField::CtIpv6Src => Field::CtIpv6Src,
        OvsField::CtIpv6Dst => Field::CtIpv6Dst,
        OvsField::CtNwProto => Field::CtNwProto,
        OvsField::CtTpSrc => Field::CtTpSrc,
        OvsField::CtTpDst => Field::CtTpDst,
        OvsField::Reg(n) => Field::Reg(n),
        OvsField::Xreg(n) => Field::XReg(n),
        OvsField::Xxreg(n) => Field::XXReg(n),
        OvsField::Metadata => Field::Metadata,
        OvsField::InPort => Field::InPort,
        OvsField::VlanTci => Field::VlanTci,
        OvsField::EthSrc => Field::EthSrc,
        OvsField::EthDst => Field::EthDst,
        OvsField::EthType => Field::EthType,
        OvsField::Ipv4Src => Field::Ipv4Src,
        OvsField::Ipv4Dst => Field::Ipv4Dst,
        OvsField::Ipv6Src => Field::Ipv6Src,
        OvsField::Ipv6Dst => Field::Ipv6Dst,
        OvsField::Ipv6Label => Field::Ipv6Label,
        OvsField::ArpSpa => Field::ArpSpa,
        OvsField::ArpTpa => Field::ArpTpa,
        OvsField::IpProto => Field::IpProto,
        OvsField::ArpOp => Field::ArpOp,
        OvsField::ArpSha => Field::ArpSha,
        OvsField::ArpTha => Field::ArpTha,
        OvsField::IpDscp => Field::IpDscp,
        OvsField::IpEcn => Field::IpEcn,
        OvsField::IpTtl => Field::IpTtl,
        OvsField::IpFrag => Field::IpFrag,
        OvsField::TcpSrc => Field::TcpSrc,
        OvsField::TcpDst => Field::TcpDst,
        OvsField::UdpSrc => Field::UdpSrc,
        OvsField::UdpDst => Field::UdpDst,
        OvsField::SctpSrc => Field::SctpSrc,
        OvsField::SctpDst => Field::SctpDst,
        OvsField::TcpFlags => Field::TcpFlags,
        OvsField::Icmpv4Type => Field::Icmpv4Type,
        OvsField::Icmpv4Code => Field::Icmpv4Code,
        OvsField::Icmpv6Type => Field::Icmpv6Type,
        OvsField::Icmpv6Code => Field::Icmpv6Code,
        OvsField::NdTarget => Field::NdTarget,
        OvsField::NdSll => Field::NdSll,
        OvsField::NdTll => Field::NdTll,
    }
}

/// Bits `ofs..ofs+n_bits` of one OpenFlow field: what an action reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bits {
    pub field: Field,
    pub ofs: u16,
    pub n_bits: u16,
}

impl Bits {
    /// The whole of `field`.
    pub fn whole(field: Field) -> Bits {
        Bits {
            field,
            ofs: 0,
            n_bits: field_bits(field),
        }
    }

    /// Whether these bits are the entire field.
    pub fn is_whole(&self) -> bool {
        self.ofs == 0 && self.n_bits == field_bits(self.field)
    }

    pub fn subfield(&self) -> Subfield {
        Subfield {
            field: OxmHeader::of(self.field),
            ofs: self.ofs,
            n_bits: self.n_bits,
        }
    }

    /// The subfield with the field's NXM header when it has one: what Open vSwitch puts in
    /// `push`/`pop` (NXAST_STACK_*) actions, e.g. `NXM_OF_ETH_SRC` rather than OXM
    /// `eth_src` (seen in the nested actions of the reference `icmp4 { }` userdata).
    pub fn nxm_subfield(&self) -> Subfield {
        let field = OxmHeader::named(&self.field.subfield_name())
            .filter(|h| h.field == self.field)
            .unwrap_or_else(|| OxmHeader::of(self.field));
        Subfield {
            field,
            ofs: self.ofs,
            n_bits: self.n_bits,
        }
    }

    /// The mask of these bits within the field, as an integer (fields up to 128 bits).
    pub fn mask(&self) -> u128 {
        let ones = if self.n_bits >= 128 {
            u128::MAX
        } else {
            (1u128 << self.n_bits) - 1
        };
        ones << self.ofs
    }
}

/// Width in bits of an OpenFlow field, as the field registry states it.
pub fn field_bits(field: Field) -> u16 {
    field.info().map(|i| i.width as u16 * 8).unwrap_or(0)
}

/// Where a logical register lives for actions: `reg0`..`reg7`, `xreg0`..`xreg3` inside
/// `xxreg0`/`xxreg1`, `reg8`/`reg9` inside `xreg4`. Other fields are themselves.
pub fn action_home(field: OvsField) -> (Field, u16) {
    match field {
        OvsField::Reg(n) if n < 8 => (Field::XXReg(n / 4), 32 * (3 - u16::from(n % 4))),
        OvsField::Reg(n) if n < LOG_REG_COUNT => (Field::XReg(n / 2), 32 * (1 - u16::from(n % 2))),
        OvsField::Xreg(n) if n < 4 => (Field::XXReg(n / 2), 64 * (1 - u16::from(n % 2))),
        other => (of_field(other), 0),
    }
}

/// Resolves a field reference of an action to the bits it denotes, as ovn-controller
/// addresses them (see the module invariant). String fields (`inport`, `outport`) resolve
/// to their register.
pub fn resolve(symtab: &SymbolTable, r: &FieldRef) -> Result<Bits, EncodeError> {
    let rf = symtab
        .resolve(r)
        .map_err(|e| EncodeError::Field(format!("{r}: {e}")))?;
    let (field, base) = action_home(rf.field);
    Ok(Bits {
        field,
        ofs: base + rf.lo as u16,
        n_bits: rf.width as u16,
    })
}

/// Like [`resolve`] but for a destination: the symbol must be writable.
pub fn resolve_dst(symtab: &SymbolTable, r: &FieldRef) -> Result<Bits, EncodeError> {
    let sym = symtab
        .get(&r.name)
        .ok_or_else(|| EncodeError::Field(format!("unknown symbol `{}`", r.name)))?;
    if !sym.rw {
        return Err(EncodeError::Field(format!(
            "`{}` is read-only in actions",
            r.name
        )));
    }
    resolve(symtab, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_registers_live_where_ovn_controller_puts_them() {
        let t = SymbolTable::ovn();
        let b = resolve(t, &FieldRef::bits("reg0", 15, 15)).unwrap();
        assert_eq!((b.field, b.ofs, b.n_bits), (Field::XXReg(0), 111, 1));
        let b = resolve(t, &FieldRef::new("reg3")).unwrap();
        assert_eq!((b.field, b.ofs, b.n_bits), (Field::XXReg(0), 0, 32));
        let b = resolve(t, &FieldRef::new("reg7")).unwrap();
        assert_eq!((b.field, b.ofs, b.n_bits), (Field::XXReg(1), 0, 32));
        let b = resolve(t, &FieldRef::bits("reg8", 0, 15)).unwrap();
        assert_eq!((b.field, b.ofs, b.n_bits), (Field::XReg(4), 32, 16));
        let b = resolve(t, &FieldRef::bits("xreg0", 0, 47)).unwrap();
        assert_eq!((b.field, b.ofs, b.n_bits), (Field::XXReg(0), 64, 48));
        let b = resolve(t, &FieldRef::new("outport")).unwrap();
        assert_eq!((b.field, b.ofs, b.n_bits), (Field::Reg(15), 0, 32));
        let b = resolve(t, &FieldRef::new("flags.loopback")).unwrap();
        assert_eq!((b.field, b.ofs, b.n_bits), (Field::Reg(10), 0, 1));
        assert!(b.mask() == 1 && !b.is_whole());
        assert!(resolve(t, &FieldRef::new("eth.src")).unwrap().is_whole());
    }

    #[test]
    fn every_symbol_field_maps_to_an_openflow_field_wide_enough() {
        let t = SymbolTable::ovn();
        let mut n = 0;
        for sym in t.iter() {
            let Ok(r) = t.resolve(&FieldRef::new(sym.name.clone())) else {
                continue;
            };
            let f = of_field(r.field);
            assert!(
                f.info().is_some(),
                "{}: {f:?} unknown to openflow",
                sym.name
            );
            assert!(
                u32::from(field_bits(f)) >= r.field.width(),
                "{}: {f:?} is {} bits, {} needs {}",
                sym.name,
                field_bits(f),
                r.field,
                r.field.width()
            );
            let b = resolve(t, &FieldRef::new(sym.name.clone())).unwrap();
            assert!(b.ofs + b.n_bits <= field_bits(b.field), "{}", sym.name);
            n += 1;
        }
        assert!(n > 80);
    }

    #[test]
    fn read_only_fields_are_refused_as_destinations() {
        let t = SymbolTable::ovn();
        assert!(resolve_dst(t, &FieldRef::new("eth.type")).is_err());
        assert!(resolve_dst(t, &FieldRef::new("nosuch")).is_err());
    }
}
