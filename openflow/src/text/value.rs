//! Formatting of single field values in ovs-ofctl syntax (hex, decimal, MAC, IP, port
//! names, ct_state and tcp_flags flag lists).

use crate::wire::action::port;
use crate::wire::field::{Field, Fmt};
use crate::wire::oxm::be_u128;
use std::fmt::Write;
use std::net::{Ipv4Addr, Ipv6Addr};

/// `%#x` as C prints it: `0` for zero, else `0x...`.
pub fn hex(v: u128) -> String {
    if v == 0 {
        "0".into()
    } else {
        format!("{v:#x}")
    }
}

/// A 32-bit OpenFlow port number as ovs-ofctl prints it.
pub fn port_name(p: u32) -> String {
    match p {
        port::IN_PORT => "IN_PORT".into(),
        port::TABLE => "TABLE".into(),
        port::NORMAL => "NORMAL".into(),
        port::FLOOD => "FLOOD".into(),
        port::ALL => "ALL".into(),
        port::CONTROLLER => "CONTROLLER".into(),
        port::LOCAL => "LOCAL".into(),
        port::ANY => "ANY".into(),
        p => p.to_string(),
    }
}

/// A 16-bit (OpenFlow 1.0 / NXM) port number widened to 32 bits.
pub fn port16_to_32(p: u16) -> u32 {
    if p >= 0xff00 {
        0xffff_0000 | p as u32
    } else {
        p as u32
    }
}

/// Parses a port name or number into a 32-bit port.
pub fn parse_port(s: &str) -> Option<u32> {
    Some(match s {
        "IN_PORT" | "in_port" => port::IN_PORT,
        "TABLE" => port::TABLE,
        "NORMAL" => port::NORMAL,
        "FLOOD" => port::FLOOD,
        "ALL" => port::ALL,
        "CONTROLLER" => port::CONTROLLER,
        "LOCAL" => port::LOCAL,
        "ANY" | "NONE" => port::ANY,
        _ => parse_uint(s)? as u32,
    })
}

/// Parses a decimal or `0x` hex integer.
pub fn parse_uint(s: &str) -> Option<u128> {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u128::from_str_radix(h, 16).ok()
    } else {
        s.parse().ok()
    }
}

fn mac(b: &[u8]) -> String {
    let mut s = String::new();
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        let _ = write!(s, "{x:02x}");
    }
    s
}

fn ipv4(b: &[u8]) -> Ipv4Addr {
    let mut a = [0u8; 4];
    let n = b.len().min(4);
    a[4 - n..].copy_from_slice(&b[b.len() - n..]);
    Ipv4Addr::from(a)
}

fn ipv6(b: &[u8]) -> Ipv6Addr {
    let mut a = [0u8; 16];
    let n = b.len().min(16);
    a[16 - n..].copy_from_slice(&b[b.len() - n..]);
    Ipv6Addr::from(a)
}

/// Prefix length if `mask` is a CIDR mask.
fn cidr(mask: &[u8]) -> Option<u32> {
    if mask.is_empty() || mask.len() > 16 {
        return None;
    }
    let ones: u32 = mask.iter().map(|b| b.count_ones()).sum();
    let v = be_u128(mask);
    let bits = (mask.len() * 8) as u32;
    let expect = if ones == 0 {
        0
    } else {
        (u128::MAX >> (128 - ones)) << (bits - ones)
    };
    (v == expect).then_some(ones)
}

const CT_STATE: [&str; 8] = ["new", "est", "rel", "rpl", "inv", "trk", "snat", "dnat"];
const TUN_FLAGS: [&str; 1] = ["oam"];
const TCP_FLAGS: [&str; 12] = [
    "fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns", "[200]", "[400]", "[800]",
];

fn flags(v: u128, m: u128, names: &[&str]) -> String {
    let mut s = String::new();
    for (i, n) in names.iter().enumerate() {
        if m & (1 << i) != 0 {
            s.push(if v & (1 << i) != 0 { '+' } else { '-' });
            s.push_str(n);
        }
    }
    s
}

/// Formats `value` with optional `mask` for field `f`.
pub fn format_value(f: Field, value: &[u8], mask: Option<&[u8]>) -> String {
    let fmt = f.info().map(|i| i.fmt).unwrap_or(Fmt::Hex);
    let all_ones = mask.is_none_or(|m| m.iter().all(|b| *b == 0xff));
    let v = be_u128(value);
    match fmt {
        Fmt::Hex => {
            if all_ones {
                hex(v)
            } else {
                format!("{}/{}", hex(v), hex(be_u128(mask.unwrap_or(&[]))))
            }
        }
        Fmt::Dec | Fmt::Port if all_ones => {
            if fmt == Fmt::Port {
                if value.len() == 2 {
                    port_name(port16_to_32(v as u16))
                } else {
                    port_name(v as u32)
                }
            } else {
                v.to_string()
            }
        }
        Fmt::Dec | Fmt::Port => format!("{}/{}", hex(v), hex(be_u128(mask.unwrap_or(&[])))),
        Fmt::Mac => match mask {
            Some(m) if !all_ones => format!("{}/{}", mac(value), mac(m)),
            _ => mac(value),
        },
        Fmt::Ipv4 => match mask {
            Some(m) if !all_ones => match cidr(m) {
                Some(p) => format!("{}/{p}", ipv4(value)),
                None => format!("{}/{}", ipv4(value), ipv4(m)),
            },
            _ => ipv4(value).to_string(),
        },
        Fmt::Ipv6 => match mask {
            Some(m) if !all_ones => match cidr(m) {
                Some(p) => format!("{}/{p}", ipv6(value)),
                None => format!("{}/{}", ipv6(value), ipv6(m)),
            },
            _ => ipv6(value).to_string(),
        },
        Fmt::CtState => {
            let m = mask.map(be_u128).unwrap_or(0xff);
            flags(v, m, &CT_STATE)
        }
        Fmt::TcpFlags => {
            let m = mask.map(be_u128).unwrap_or(0xfff);
            flags(v, m, &TCP_FLAGS)
        }
        Fmt::TunFlags => {
            let m = mask.map(be_u128).unwrap_or(1);
            flags(v, m, &TUN_FLAGS)
        }
        Fmt::Frag => {
            let m = mask.map(be_u128).unwrap_or(3);
            match (v & m, m) {
                (0, 3) | (0, 1) => "no",
                (1, 3) => "first",
                (3, 3) | (2, 2) => "later",
                (1, 1) => "yes",
                (0, 2) => "not_later",
                _ => "no",
            }
            .into()
        }
    }
}

/// Parses a flag list like `+trk-new` into (value, mask) for a field of format `fmt`.
pub fn parse_flags(s: &str, fmt: Fmt) -> Option<(u128, u128)> {
    let names: &[&str] = match fmt {
        Fmt::TcpFlags => &TCP_FLAGS,
        Fmt::TunFlags => &TUN_FLAGS,
        _ => &CT_STATE,
    };
    let (mut v, mut m) = (0u128, 0u128);
    let mut rest = s;
    while !rest.is_empty() {
        let plus = match rest.as_bytes()[0] {
            b'+' => true,
            b'-' => false,
            _ => return None,
        };
        rest = &rest[1..];
        let end = rest.find(['+', '-']).unwrap_or(rest.len());
        let name = &rest[..end];
        rest = &rest[end..];
        let i = names.iter().position(|n| *n == name)?;
        m |= 1 << i;
        if plus {
            v |= 1 << i;
        }
    }
    Some((v, m))
}

/// Formats bytes as `01.02.03`.
pub fn dotted_hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(".")
}
