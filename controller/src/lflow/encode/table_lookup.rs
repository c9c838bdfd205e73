//! Actions that look something up in one of ovn-controller's fixed tables and return a
//! result: the arguments are put where the table's flows match ([`super::args`]), the
//! result bit is cleared, the packet is resubmitted to the table, and the bit (or the
//! register the table loads) is copied to the destination.
//!
//! | action | table | arguments | result |
//! |---|---|---|---|
//! | `R = check_in_port_sec()` | 73 | — | `flags[12]` |
//! | `R = check_out_port_sec()` | 75 | — | `flags[12]` |
//! | `P = get_fdb(A)` | 71 | A → eth.dst | `outport` |
//! | `R = lookup_fdb(P, A)` | 72 | P → inport, A → eth.src | `flags[8]` |
//! | `R = chk_lb_hairpin()` | 68 | — | `flags[7]` |
//! | `R = chk_lb_hairpin_reply()` | 69 | — | `flags[7]` |
//! | `get_arp(P, A)` | 66 | P → outport, A → reg0 | sets eth.dst |
//! | `get_nd(P, A)` | 66 | P → outport, A → xxreg0 | sets eth.dst |
//! | `R = lookup_arp(P, A, M)` | 67 | P → inport, A → reg0, M → eth.src | `flags[6]` |
//! | `R = lookup_nd(P, A, M)` | 67 | P → inport, A → xxreg0, M → eth.src | `flags[6]` |
//!
//! Result destinations must be one bit wide (the port of `get_fdb`: 32 bits).

use openflow::wire::action::Action as OfAction;
use openflow::wire::field::Field;

use crate::lflow::actions::Action;
use crate::lflow::ast::FieldRef;
use crate::lflow::logical_fields::{
    LogicalFlag, OfTable, ARG_IPV4, ARG_IPV6, LOG_FLAGS, LOG_INPORT, LOG_OUTPORT,
};

use super::args::{self, Arg};
use super::assign::{load_bits, move_bits};
use super::control::resubmit;
use super::field::{of_field, resolve, resolve_dst, Bits};
use super::{EncodeContext, EncodeError};

fn flag_bits(flag: LogicalFlag) -> Bits {
    Bits {
        field: of_field(LOG_FLAGS),
        ofs: flag.bit(),
        n_bits: 1,
    }
}

fn one_bit_dst(ctx: &EncodeContext<'_>, dst: &FieldRef) -> Result<Bits, EncodeError> {
    let d = resolve_dst(ctx.symtab, dst)?;
    if d.n_bits != 1 {
        return Err(EncodeError::Field(format!(
            "result {dst} must be 1 bit, not {}",
            d.n_bits
        )));
    }
    Ok(d)
}

fn arg(ctx: &EncodeContext<'_>, src: &FieldRef, dst: Field) -> Result<Arg, EncodeError> {
    Ok(Arg {
        src: resolve(ctx.symtab, src)?,
        dst,
    })
}

/// Clear `flag`, set up `args`, resubmit to `table`, copy `flag` to `dst`, restore.
fn flag_lookup(
    ctx: &EncodeContext<'_>,
    dst: &FieldRef,
    flag: LogicalFlag,
    table: OfTable,
    arg_list: &[Arg],
    out: &mut Vec<OfAction>,
) -> Result<(), EncodeError> {
    let d = one_bit_dst(ctx, dst)?;
    args::setup(arg_list, out)?;
    out.push(load_bits(flag_bits(flag), 0));
    out.push(resubmit(table.id()));
    out.push(move_bits(flag_bits(flag), d));
    args::restore(arg_list, out)
}

pub fn encode(
    a: &Action,
    ctx: &EncodeContext<'_>,
    out: &mut Vec<OfAction>,
) -> Result<(), EncodeError> {
    let inport = of_field(LOG_INPORT);
    let outport = of_field(LOG_OUTPORT);
    match a {
        Action::CheckInPortSec { dst } => flag_lookup(
            ctx,
            dst,
            LogicalFlag::CheckPortSec,
            OfTable::ChkInPortSec,
            &[],
            out,
        ),
        Action::CheckOutPortSec { dst } => flag_lookup(
            ctx,
            dst,
            LogicalFlag::CheckPortSec,
            OfTable::ChkOutPortSec,
            &[],
            out,
        ),
        Action::ChkLbHairpin { dst } => flag_lookup(
            ctx,
            dst,
            LogicalFlag::LookupLbHairpin,
            OfTable::ChkLbHairpin,
            &[],
            out,
        ),
        Action::ChkLbHairpinReply { dst } => flag_lookup(
            ctx,
            dst,
            LogicalFlag::LookupLbHairpin,
            OfTable::ChkLbHairpinReply,
            &[],
            out,
        ),
        Action::LookupFdb { dst, port, mac } => {
            let a = [arg(ctx, port, inport)?, arg(ctx, mac, Field::EthSrc)?];
            flag_lookup(
                ctx,
                dst,
                LogicalFlag::LookupFdb,
                OfTable::LookupFdb,
                &a,
                out,
            )
        }
        Action::LookupArp { dst, port, ip, mac } | Action::LookupNd { dst, port, ip, mac } => {
            let ip_home = if matches!(a, Action::LookupArp { .. }) {
                of_field(ARG_IPV4)
            } else {
                of_field(ARG_IPV6)
            };
            let Some(mac) = mac else {
                return Err(EncodeError::Unsupported(
                    "lookup_arp_ip/lookup_nd_ip".to_string(),
                ));
            };
            let a = [
                arg(ctx, port, inport)?,
                arg(ctx, ip, ip_home)?,
                arg(ctx, mac, Field::EthSrc)?,
            ];
            flag_lookup(
                ctx,
                dst,
                LogicalFlag::LookupMac,
                OfTable::MacLookup,
                &a,
                out,
            )
        }
        Action::GetFdb { dst, mac } => {
            let d = resolve_dst(ctx.symtab, dst)?;
            if d.n_bits != 32 {
                return Err(EncodeError::Field(format!(
                    "get_fdb result {dst} is not a port"
                )));
            }
            let a = [arg(ctx, mac, Field::EthDst)?];
            args::setup(&a, out)?;
            out.push(load_bits(Bits::whole(outport), 0));
            out.push(resubmit(OfTable::GetFdb.id()));
            args::restore(&a, out)?;
            if d != Bits::whole(outport) {
                out.push(move_bits(Bits::whole(outport), d));
            }
            Ok(())
        }
        Action::GetArp { port, ip } | Action::GetNd { port, ip } => {
            let ip_home = if matches!(a, Action::GetArp { .. }) {
                of_field(ARG_IPV4)
            } else {
                of_field(ARG_IPV6)
            };
            let a = [arg(ctx, port, outport)?, arg(ctx, ip, ip_home)?];
            args::setup(&a, out)?;
            out.push(load_bits(Bits::whole(Field::EthDst), 0));
            out.push(resubmit(OfTable::MacBinding.id()));
            args::restore(&a, out)
        }
        other => Err(EncodeError::Unsupported(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use crate::lflow::encode::test_util::sw;

    #[test]
    fn port_security_and_fdb_as_the_reference_dump() {
        assert_eq!(
            sw("reg0[15] = check_in_port_sec(); next;"),
            "set_field:0/0x1000->reg10,resubmit(,73),move:NXM_NX_REG10[12]->NXM_NX_XXREG0[111],resubmit(,15)"
        );
        assert_eq!(
            sw("reg0[15] = check_out_port_sec();"),
            "set_field:0/0x1000->reg10,resubmit(,75),move:NXM_NX_REG10[12]->NXM_NX_XXREG0[111]"
        );
        assert_eq!(
            sw("outport = get_fdb(eth.dst); next;"),
            "set_field:0->reg15,resubmit(,71),resubmit(,15)"
        );
        assert_eq!(
            sw("reg0[11] = lookup_fdb(inport, eth.src);"),
            "set_field:0/0x100->reg10,resubmit(,72),move:NXM_NX_REG10[8]->NXM_NX_XXREG0[107]"
        );
    }

    #[test]
    fn router_lookups_as_the_reference_dump() {
        assert_eq!(
            sw("reg9[2] = lookup_arp(inport, arp.spa, arp.sha);"),
            "push:NXM_NX_REG0[],push:NXM_OF_ETH_SRC[],push:NXM_NX_ARP_SHA[],push:NXM_OF_ARP_SPA[],pop:NXM_NX_REG0[],pop:NXM_OF_ETH_SRC[],set_field:0/0x40->reg10,resubmit(,67),move:NXM_NX_REG10[6]->OXM_OF_PKT_REG4[2],pop:NXM_OF_ETH_SRC[],pop:NXM_NX_REG0[]"
        );
        assert_eq!(
            sw("get_arp(outport, reg0);"),
            "push:NXM_NX_REG0[],push:NXM_NX_XXREG0[96..127],pop:NXM_NX_REG0[],set_field:00:00:00:00:00:00->eth_dst,resubmit(,66),pop:NXM_NX_REG0[]"
        );
        assert_eq!(
            sw("get_nd(outport, xxreg0);"),
            "set_field:00:00:00:00:00:00->eth_dst,resubmit(,66)"
        );
        assert_eq!(
            sw("reg0[6] = chk_lb_hairpin(); reg0[12] = chk_lb_hairpin_reply();"),
            "set_field:0/0x80->reg10,resubmit(,68),move:NXM_NX_REG10[7]->NXM_NX_XXREG0[102],set_field:0/0x80->reg10,resubmit(,69),move:NXM_NX_REG10[7]->NXM_NX_XXREG0[108]"
        );
    }
}
