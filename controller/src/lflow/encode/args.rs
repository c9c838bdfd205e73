//! How ovn-controller passes arguments to a fixed lookup table or to pinctrl: each argument
//! is moved into the field the receiver reads it from (`reg0` for an IPv4 address,
//! `xxreg0` for an IPv6 one, `eth.src`, `inport`...), and those fields are restored
//! afterwards, all through the OpenFlow stack.
//!
//! For arguments `(src_i -> dst_i)` that are not already in place (`src_i` is not the
//! whole of `dst_i`), [`setup`] pushes every `dst_i` (saving it), then every `src_i` in
//! reverse order, then pops every `dst_i` in order; [`restore`] pops the saved `dst_i` in
//! reverse order. This is the sequence the reference dumps show, e.g. for `put_arp`:
//! `push:NXM_NX_REG0[],push:NXM_OF_ETH_SRC[],push:NXM_NX_ARP_SHA[],push:NXM_OF_ARP_SPA[],
//! pop:NXM_NX_REG0[],pop:NXM_OF_ETH_SRC[]`.

use openflow::wire::action::Action as OfAction;
use openflow::wire::field::Field;

use super::assign::{pop, push};
use super::field::Bits;
use super::EncodeError;

/// One argument: where the value is, and the whole field the receiver reads.
#[derive(Debug, Clone, Copy)]
pub struct Arg {
    pub src: Bits,
    pub dst: Field,
}

fn needed(args: &[Arg]) -> Result<Vec<(Bits, Bits)>, EncodeError> {
    let mut v = Vec::new();
    for a in args {
        let dst = Bits::whole(a.dst);
        if a.src == dst {
            continue;
        }
        if a.src.n_bits != dst.n_bits {
            return Err(EncodeError::Field(format!(
                "argument of {} bits where {} needs {}",
                a.src.n_bits,
                a.dst.name(),
                dst.n_bits
            )));
        }
        v.push((a.src, dst));
    }
    Ok(v)
}

/// Moves the arguments into place, saving what they overwrite.
pub fn setup(args: &[Arg], out: &mut Vec<OfAction>) -> Result<(), EncodeError> {
    let n = needed(args)?;
    out.extend(n.iter().map(|(_, d)| push(*d)));
    out.extend(n.iter().rev().map(|(s, _)| push(*s)));
    out.extend(n.iter().map(|(_, d)| pop(*d)));
    Ok(())
}

/// Restores the fields [`setup`] overwrote.
pub fn restore(args: &[Arg], out: &mut Vec<OfAction>) -> Result<(), EncodeError> {
    let n = needed(args)?;
    out.extend(n.iter().rev().map(|(_, d)| pop(*d)));
    Ok(())
}
