//! Field assignment: `dst = constant;` (a `set_field`, masked when only some bits of the
//! OpenFlow field are written), `dst = src;` (a `move`), `a <-> b;` (pushed and popped
//! through the stack, as ovn-controller does) and `ip.ttl--;` (`dec_ttl()`).
//!
//! Invariants: a constant must fit the destination's width, `move`/`<->` need equal
//! widths, and port names in `inport = "p"`/`outport = "p"` resolve through
//! [`Lookup::port_key_any`](crate::lflow::Lookup::port_key_any); an unknown name loads 0,
//! which no logical port has.

use openflow::wire::action::{Action as OfAction, NxAction};
use openflow::wire::oxm::MatchField;

use crate::lflow::actions::{Action, LoadValue};
use crate::lflow::ast::FieldRef;

use super::field::{field_bits, resolve, resolve_dst, Bits};
use super::{EncodeContext, EncodeError};

/// `set_field:value->field` for `bits` (masked unless `bits` is the whole field).
pub fn load_bits(bits: Bits, value: u128) -> OfAction {
    let shifted = if bits.ofs >= 128 {
        0
    } else {
        value << bits.ofs
    };
    let mask = (!bits.is_whole()).then(|| bits.mask());
    OfAction::SetField(MatchField::from_u128(bits.field, shifted, mask))
}

/// `move:src->dst`.
pub fn move_bits(src: Bits, dst: Bits) -> OfAction {
    OfAction::CopyField {
        src: src.subfield(),
        dst: dst.subfield(),
    }
}

/// `push:bits`.
pub fn push(bits: Bits) -> OfAction {
    OfAction::Nx(NxAction::StackPush(bits.nxm_subfield()))
}

/// `pop:bits`.
pub fn pop(bits: Bits) -> OfAction {
    OfAction::Nx(NxAction::StackPop(bits.nxm_subfield()))
}

/// The value of `dst = value`, checked against the destination.
fn load_value(
    dst: &FieldRef,
    bits: Bits,
    value: &LoadValue,
    ctx: &EncodeContext<'_>,
) -> Result<u128, EncodeError> {
    let v = match value {
        LoadValue::Port(name) => {
            if !matches!(dst.name.as_str(), "inport" | "outport") {
                return Err(EncodeError::Field(format!(
                    "a port name can only be assigned to inport or outport, not {dst}"
                )));
            }
            u128::from(ctx.lookup.port_key_any(name).unwrap_or(0))
        }
        LoadValue::Int(c) => {
            if c.mask.is_some() {
                return Err(EncodeError::Field(format!(
                    "cannot assign a masked constant to {dst}"
                )));
            }
            c.value
        }
    };
    if bits.n_bits < 128 && v >> bits.n_bits != 0 {
        return Err(EncodeError::Field(format!(
            "constant {value} does not fit in {dst} ({} bits)",
            bits.n_bits
        )));
    }
    Ok(v)
}

pub fn encode(
    a: &Action,
    ctx: &EncodeContext<'_>,
    out: &mut Vec<OfAction>,
) -> Result<(), EncodeError> {
    match a {
        Action::Load { dst, value } => {
            let bits = resolve_dst(ctx.symtab, dst)?;
            let v = load_value(dst, bits, value, ctx)?;
            out.push(load_bits(bits, v));
        }
        Action::Move { dst, src } => {
            let d = resolve_dst(ctx.symtab, dst)?;
            let s = resolve(ctx.symtab, src)?;
            same_width(d, s, dst, src)?;
            out.push(move_bits(s, d));
        }
        Action::Exchange { a, b } => {
            let ba = resolve_dst(ctx.symtab, a)?;
            let bb = resolve_dst(ctx.symtab, b)?;
            same_width(ba, bb, a, b)?;
            out.extend([push(bb), push(ba), pop(bb), pop(ba)]);
        }
        Action::DecTtl => out.push(OfAction::Nx(NxAction::DecTtlCntIds(Vec::new()))),
        other => return Err(EncodeError::Unsupported(other.to_string())),
    }
    Ok(())
}

fn same_width(x: Bits, y: Bits, xr: &FieldRef, yr: &FieldRef) -> Result<(), EncodeError> {
    if x.n_bits != y.n_bits || x.n_bits == 0 || x.n_bits > field_bits(x.field) {
        return Err(EncodeError::Field(format!(
            "{xr} is {} bits but {yr} is {} bits",
            x.n_bits, y.n_bits
        )));
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
    fn loads_as_the_reference_dump() {
        assert_eq!(
            sw("reg0[15] = 0;"),
            "set_field:0/0x8000000000000000000000000000->xxreg0"
        );
        assert_eq!(
            sw("reg0[1] = 1;"),
            "set_field:0x2000000000000000000000000/0x2000000000000000000000000->xxreg0"
        );
        assert_eq!(sw("outport = \"lsp1\";"), "set_field:0x1->reg15");
        assert_eq!(sw("outport = \"lsp2\";"), "set_field:0x2->reg15");
        assert_eq!(sw("outport = \"nosuch\";"), "set_field:0->reg15");
        assert_eq!(sw("flags.loopback = 1;"), "set_field:0x1/0x1->reg10");
        assert_eq!(
            sw("eth.src = 00:00:00:00:01:01; arp.op = 2; arp.spa = 10.0.0.11;"),
            "set_field:00:00:00:00:01:01->eth_src,set_field:2->arp_op,set_field:10.0.0.11->arp_spa"
        );
        assert_eq!(sw("reg8[0..15] = 0;"), "set_field:0/0xffff00000000->xreg4");
        assert_eq!(sw("reg7 = 0;"), "set_field:0/0xffffffff->xxreg1");
        assert_eq!(
            sw("ip.ttl = 255; icmp6.type = 129;"),
            "set_field:255->nw_ttl,set_field:129->icmpv6_type"
        );
    }

    #[test]
    fn moves_and_exchanges_as_the_reference_dump() {
        assert_eq!(
            sw("eth.dst = eth.src; outport = inport;"),
            "move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],move:NXM_NX_REG14[]->NXM_NX_REG15[]"
        );
        assert_eq!(
            sw("eth.src = xreg0[0..47];"),
            "move:NXM_NX_XXREG0[64..111]->NXM_OF_ETH_SRC[]"
        );
        assert_eq!(
            sw("arp.tpa <-> arp.spa;"),
            "push:NXM_OF_ARP_SPA[],push:NXM_OF_ARP_TPA[],pop:NXM_OF_ARP_SPA[],pop:NXM_OF_ARP_TPA[]"
        );
        assert_eq!(sw("ip.ttl--;"), "dec_ttl()");
    }

    #[test]
    fn bad_assignments_are_errors() {
        let l = MapLookup::new();
        let e = |t: &str| encode_text(t, Pipeline::Ingress, 0, &l).unwrap_err();
        assert!(matches!(e("reg0[0] = 2;"), EncodeError::Field(_)));
        assert!(matches!(e("eth.type = 1;"), EncodeError::Field(_)));
        assert!(matches!(e("eth.src = reg0;"), EncodeError::Field(_)));
        assert!(matches!(e("reg0 = \"lsp1\";"), EncodeError::Field(_)));
        assert!(matches!(e("nosuch = 1;"), EncodeError::Field(_)));
    }
}
