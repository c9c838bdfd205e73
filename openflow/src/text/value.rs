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

/// Every ct_state flag OVS knows (`CS_SUPPORTED_MASK`): the mask of an exact ct_state.
pub const CT_STATE_ALL: u128 = 0xff;
/// Every TCP flag bit (`TCP_FLAGS(OVS_BE16_MAX)`): the mask of an exact tcp_flags.
pub const TCP_FLAGS_ALL: u128 = 0xfff;
const CT_STATE: [&str; 8] = ["new", "est", "rel", "rpl", "inv", "trk", "snat", "dnat"];
const TUN_FLAGS: [&str; 1] = ["oam"];
const TCP_FLAGS: [&str; 12] = [
    "fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns", "[200]", "[400]", "[800]",
];

/// `+`/`-` per masked flag (`+syn-ack`).
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

/// OVS's `format_flags_masked`: a value masked with every flag the field has (`max`) lists
/// its set flags joined by `|` (`syn|ack`, `0` for none); any other mask lists each
/// masked flag with `+`/`-` (`+syn-ack`); an empty mask is `0/0`.
fn flags_masked(v: u128, m: u128, max: u128, names: &[&str]) -> String {
    let m = m & max;
    if m == max {
        let set: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(i, _)| v & (1 << i) != 0)
            .map(|(_, n)| *n)
            .collect();
        return if set.is_empty() {
            "0".into()
        } else {
            set.join("|")
        };
    }
    if m == 0 {
        return "0/0".into();
    }
    flags(v, m, names)
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
            let m = mask.map(be_u128).unwrap_or(CT_STATE_ALL);
            flags_masked(v, m, CT_STATE_ALL, &CT_STATE)
        }
        Fmt::TcpFlags => {
            let m = mask.map(be_u128).unwrap_or(TCP_FLAGS_ALL);
            flags_masked(v, m, TCP_FLAGS_ALL, &TCP_FLAGS)
        }
        // OVS prints tun_flags against a wider maximum: always the `+`/`-` form.
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

/// Parses a flags value as OVS's `parse_flags` does, into (value, mask):
/// - `+syn-ack`: the named flags set (`+`) or clear (`-`), only those masked;
/// - `syn|ack`, `0x12`, `0`: exactly these flags, masked with every flag the field has;
/// - `0x2/0x12`: value and mask as numbers.
///
/// Names are the ones the printer uses (`[200]` for TCP's unnamed bits); a bit the field
/// does not have is an error. For `tun_flags` every form is masked with its one flag.
pub fn parse_flags(s: &str, fmt: Fmt) -> Option<(u128, u128)> {
    let (names, all): (&[&str], u128) = match fmt {
        Fmt::TcpFlags => (&TCP_FLAGS, TCP_FLAGS_ALL),
        Fmt::TunFlags => (&TUN_FLAGS, 1),
        _ => (&CT_STATE, CT_STATE_ALL),
    };
    let name_bit = |name: &str| -> Option<u128> {
        match names.iter().position(|n| *n == name) {
            Some(i) => Some(1 << i),
            None => parse_uint(name).filter(|v| v & !all == 0),
        }
    };
    if s.starts_with(['+', '-']) {
        let (mut v, mut m) = (0u128, 0u128);
        let mut rest = s;
        while !rest.is_empty() {
            let plus = rest.starts_with('+');
            if !plus && !rest.starts_with('-') {
                return None;
            }
            rest = &rest[1..];
            let end = rest.find(['+', '-']).unwrap_or(rest.len());
            let i = names.iter().position(|n| *n == &rest[..end])?;
            rest = &rest[end..];
            m |= 1 << i;
            if plus {
                v |= 1 << i;
            }
        }
        return Some((v, m));
    }
    if let Some((v, m)) = s.split_once('/') {
        let (v, m) = (parse_uint(v)?, parse_uint(m)?);
        return (v & !all == 0 && m & !all == 0).then_some((v, m));
    }
    let mut v = 0;
    for name in s.split('|') {
        v |= name_bit(name)?;
    }
    Some((v, all))
}

/// Formats bytes as `01.02.03`.
pub fn dotted_hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(".")
}
