//! Typed constants of the logical-flow language: integers written in decimal or hex, IPv4 and
//! IPv6 addresses, Ethernet addresses, each optionally masked (`10.0.0.0/24`, `0x100/0xff00`,
//! `01:00:00:00:00:00/01:00:00:00:00:00`). Values are kept as `u128` (the widest field OVN
//! matches on is 128 bits: `ct_label`, `ip6.src`, `xxreg0`), together with the notation they
//! were written in, so that `Display` gives back the canonical text.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The notation a constant was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Decimal,
    Hex,
    Ipv4,
    Ipv6,
    Ethernet,
}

impl Format {
    /// Number of bits a constant in this notation can carry at most.
    pub fn max_bits(self) -> u32 {
        match self {
            Format::Decimal | Format::Hex | Format::Ipv6 => 128,
            Format::Ipv4 => 32,
            Format::Ethernet => 48,
        }
    }
}

/// The mask part of a masked constant, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mask {
    /// `/24` after an address: a CIDR prefix length.
    Prefix(u8),
    /// `/0xff00`, `/255.255.0.0`, `/ff:ff:ff:00:00:00`: an explicit bit mask.
    Bits(u128, Format),
}

/// An integer constant, possibly masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Constant {
    pub value: u128,
    pub format: Format,
    pub mask: Option<Mask>,
}

impl Constant {
    pub fn new(value: u128, format: Format) -> Self {
        Constant {
            value,
            format,
            mask: None,
        }
    }

    pub fn decimal(value: u128) -> Self {
        Constant::new(value, Format::Decimal)
    }

    /// The mask as bits, relative to a field `width` bits wide (`None`: exact match).
    /// A prefix length counts from the top of the address notation (32 for IPv4, 128 for
    /// IPv6, 48 for Ethernet), whatever the field width.
    pub fn mask_bits(&self) -> Option<u128> {
        match self.mask? {
            Mask::Bits(m, _) => Some(m),
            Mask::Prefix(len) => {
                let total = self.format.max_bits();
                let len = u32::from(len).min(total);
                Some(prefix_mask(total, len))
            }
        }
    }

    /// Parses one constant from text, as found in an `Address_Set` row (`"10.0.0.0/8"`,
    /// `"fd00::1"`, `"00:00:00:00:00:01"`).
    pub fn parse(text: &str) -> Option<Constant> {
        let tokens = crate::lflow::lexer::tokenize(text).ok()?;
        match tokens.as_slice() {
            [crate::lflow::lexer::Token::Integer(c)] => Some(*c),
            _ => None,
        }
    }
}

/// `len` leading one bits in a `total`-bit word.
pub fn prefix_mask(total: u32, len: u32) -> u128 {
    if len == 0 {
        0
    } else {
        let ones = width_mask(len);
        ones << (total - len)
    }
}

/// All ones in the low `bits` bits.
pub fn width_mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

/// If `mask` (in a `total`-bit word) is a CIDR mask, its prefix length.
pub fn cidr_len(mask: u128, total: u32) -> Option<u32> {
    let full = width_mask(total);
    let mask = mask & full;
    let len = (mask.count_ones()).min(total);
    (prefix_mask(total, len) == mask).then_some(len)
}

pub(crate) fn fmt_value(f: &mut fmt::Formatter<'_>, v: u128, format: Format) -> fmt::Result {
    match format {
        Format::Decimal => write!(f, "{v}"),
        Format::Hex => write!(f, "{v:#x}"),
        Format::Ipv4 => write!(f, "{}", Ipv4Addr::from(v as u32)),
        Format::Ipv6 => write!(f, "{}", Ipv6Addr::from(v)),
        Format::Ethernet => fmt_mac(f, v as u64),
    }
}

pub(crate) fn fmt_mac(f: &mut fmt::Formatter<'_>, v: u64) -> fmt::Result {
    let b = v.to_be_bytes();
    write!(
        f,
        "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
        b[2], b[3], b[4], b[5], b[6], b[7]
    )
}

impl fmt::Display for Constant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_value(f, self.value, self.format)?;
        match self.mask {
            None => Ok(()),
            Some(Mask::Prefix(len)) => write!(f, "/{len}"),
            Some(Mask::Bits(m, format)) => {
                f.write_str("/")?;
                fmt_value(f, m, format)
            }
        }
    }
}

/// Writes a JSON-style quoted string.
pub(crate) fn fmt_quoted(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\t' => f.write_str("\\t")?,
            '\r' => f.write_str("\\r")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(prefix_mask(32, 24), 0xffff_ff00);
        assert_eq!(prefix_mask(128, 10) >> 118, 0x3ff);
        assert_eq!(cidr_len(0xffff_ff00, 32), Some(24));
        assert_eq!(cidr_len(0xff00_ff00, 32), None);
        assert_eq!(cidr_len(0, 32), Some(0));
    }

    #[test]
    fn display_keeps_notation() {
        let c = Constant {
            value: 0x0a00_0000,
            format: Format::Ipv4,
            mask: Some(Mask::Prefix(8)),
        };
        assert_eq!(c.to_string(), "10.0.0.0/8");
        assert_eq!(c.mask_bits(), Some(0xff00_0000));
        let c = Constant {
            value: 0x100,
            format: Format::Hex,
            mask: Some(Mask::Bits(0xff00, Format::Hex)),
        };
        assert_eq!(c.to_string(), "0x100/0xff00");
        assert_eq!(
            Constant::new(0x0101, Format::Ethernet).to_string(),
            "00:00:00:00:01:01"
        );
    }
}
