//! Parses one field value (with optional `/mask`) in ovs-ofctl syntax into big-endian
//! bytes of the field's width.

use super::lex::{err, ParseError};
use super::value::{parse_flags, parse_port, parse_uint};
use crate::wire::field::{Field, Fmt};
use crate::wire::oxm::be_u128;
use std::net::{Ipv4Addr, Ipv6Addr};

fn int_bytes(v: u128, w: usize) -> Result<Vec<u8>, ParseError> {
    if w < 16 && v >> (8 * w) != 0 {
        return err(format!("value {v:#x} too wide for {w} bytes"));
    }
    Ok(v.to_be_bytes()[16 - w.min(16)..].to_vec())
}

fn mac(s: &str) -> Result<Vec<u8>, ParseError> {
    let p: Vec<&str> = s.split(':').collect();
    if p.len() != 6 {
        return err(format!("bad MAC {s}"));
    }
    p.iter()
        .map(|x| u8::from_str_radix(x, 16).map_err(|_| ParseError(format!("bad MAC {s}"))))
        .collect()
}

fn prefix_mask(bits: u32, w: usize) -> Vec<u8> {
    let total = (w * 8) as u32;
    let v: u128 = if bits == 0 {
        0
    } else {
        (u128::MAX >> (128 - bits)) << (total - bits)
    };
    v.to_be_bytes()[16 - w..].to_vec()
}

/// (value, mask) for `field` from text. The mask is `None` when absent or all ones.
pub fn parse_value(field: Field, s: &str) -> Result<(Vec<u8>, Option<Vec<u8>>), ParseError> {
    let info = field
        .info()
        .ok_or_else(|| ParseError(format!("unknown field {field:?}")))?;
    let w = info.width;
    let (vs, ms) = match s.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let (value, mask) = match info.fmt {
        Fmt::Hex | Fmt::Dec | Fmt::Port => {
            let v = if info.fmt == Fmt::Port {
                parse_port(vs).map(|p| p as u128)
            } else {
                parse_uint(vs)
            }
            .ok_or_else(|| ParseError(format!("bad value {vs} for {}", info.name)))?;
            if let Field::TunMetadata(_) = field {
                let m = ms.map(|m| parse_uint(m).unwrap_or(0));
                let need = |x: u128| ((128 - x.leading_zeros()) as usize).div_ceil(8).max(1);
                let n = need(v).max(m.map(need).unwrap_or(1));
                return Ok((int_bytes(v, n)?, m.map(|m| int_bytes(m, n)).transpose()?));
            }
            let m = match ms {
                Some(m) => Some(int_bytes(
                    parse_uint(m).ok_or_else(|| ParseError(format!("bad mask {m}")))?,
                    w,
                )?),
                None => None,
            };
            (int_bytes(v, w)?, m)
        }
        Fmt::Mac => (mac(vs)?, ms.map(mac).transpose()?),
        Fmt::Ipv4 => {
            let a: Ipv4Addr = vs
                .parse()
                .map_err(|_| ParseError(format!("bad IPv4 {vs}")))?;
            let m = match ms {
                Some(m) => Some(match m.parse::<u32>() {
                    Ok(bits) if bits <= 32 => prefix_mask(bits, 4),
                    _ => m
                        .parse::<Ipv4Addr>()
                        .map_err(|_| ParseError(format!("bad mask {m}")))?
                        .octets()
                        .to_vec(),
                }),
                None => None,
            };
            (a.octets().to_vec(), m)
        }
        Fmt::Ipv6 => {
            let a: Ipv6Addr = vs
                .parse()
                .map_err(|_| ParseError(format!("bad IPv6 {vs}")))?;
            let m = match ms {
                Some(m) => Some(match m.parse::<u32>() {
                    Ok(bits) if bits <= 128 => prefix_mask(bits, 16),
                    _ => m
                        .parse::<Ipv6Addr>()
                        .map_err(|_| ParseError(format!("bad mask {m}")))?
                        .octets()
                        .to_vec(),
                }),
                None => None,
            };
            (a.octets().to_vec(), m)
        }
        Fmt::CtState | Fmt::TcpFlags | Fmt::TunFlags => {
            let (v, m) =
                parse_flags(s, info.fmt).ok_or_else(|| ParseError(format!("bad flags {s}")))?;
            (int_bytes(v, w)?, Some(int_bytes(m, w)?))
        }
        Fmt::Frag => {
            let (v, m) = match vs {
                "no" => (0, 1),
                "yes" => (1, 1),
                "first" => (1, 3),
                "later" => (3, 3),
                "not_later" => (0, 2),
                _ => return err(format!("bad nw_frag {vs}")),
            };
            (vec![v], (m != 3).then(|| vec![m]))
        }
    };
    // A mask covering the whole field is no mask; ipv6_label has 20 bits in 4 bytes.
    let full = |m: &Vec<u8>| match field {
        Field::Ipv6Label => be_u128(m) & 0xf_ffff == 0xf_ffff,
        _ => m.iter().all(|b| *b == 0xff),
    };
    let mask = mask.filter(|m| !full(m) || info.fmt == Fmt::CtState);
    if let Some(m) = &mask {
        if m.len() != value.len() {
            return err("mask width differs from value width");
        }
        if !matches!(info.fmt, Fmt::CtState | Fmt::TcpFlags | Fmt::TunFlags) && !info.maskable {
            return err(format!("{} cannot be masked", info.name));
        }
    }
    Ok((value, mask))
}
