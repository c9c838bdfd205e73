//! The Geneve option mapping OVN relies on: option class 0x0102, type 0x80, 4 bytes, read
//! and written as `tun_metadata0`. ovs-vswitchd forgets it when it restarts, so the
//! installer re-establishes it on every connection before installing flows that use the
//! field. Pure: [`parse_reply`] reads the switch's table, [`plan`] decides what to send.

use openflow::wire::msg::{NxMessage, TlvMap};

/// NXT_TLV_TABLE_REQUEST subtype.
pub const TLV_TABLE_REQUEST: u32 = 25;
/// NXT_TLV_TABLE_REPLY subtype.
pub const TLV_TABLE_REPLY: u32 = 26;
/// NXT_TLV_TABLE_MOD command "add".
pub const TLV_ADD: u16 = 0;

/// OVN's mapping.
pub const OVN_GENEVE_OPTION: TlvMap = TlvMap {
    option_class: 0x0102,
    option_type: 0x80,
    option_len: 4,
    index: 0,
};

/// What to do about the mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlvPlan {
    /// The switch already maps OVN's option to `tun_metadata0`.
    Present,
    /// Send this NXT_TLV_TABLE_MOD.
    Add(NxMessage),
    /// `tun_metadata0` or OVN's option is mapped differently: flows using the field would
    /// mean something else. The installer refuses to install rather than misdeliver.
    Conflict(TlvMap),
}

/// Parses the body of an NXT_TLV_TABLE_REPLY: max option space (4), max fields (2),
/// 10 bytes padding, then 8-byte mappings (class 2, type 1, len 1, index 2, pad 2).
pub fn parse_reply(body: &[u8]) -> Result<Vec<TlvMap>, String> {
    let maps = body
        .get(16..)
        .ok_or_else(|| format!("TLV table reply too short ({} bytes)", body.len()))?;
    if maps.len() % 8 != 0 {
        return Err(format!("TLV table reply: {} bytes of mappings", maps.len()));
    }
    Ok(maps
        .chunks_exact(8)
        .map(|c| TlvMap {
            option_class: u16::from_be_bytes([c[0], c[1]]),
            option_type: c[2],
            option_len: c[3],
            index: u16::from_be_bytes([c[4], c[5]]),
        })
        .collect())
}

/// Decides how to get [`OVN_GENEVE_OPTION`] in place given the switch's `current` table.
pub fn plan(current: &[TlvMap]) -> TlvPlan {
    let want = OVN_GENEVE_OPTION;
    for m in current {
        let same_option = m.option_class == want.option_class && m.option_type == want.option_type;
        if same_option && m.index == want.index && m.option_len == want.option_len {
            return TlvPlan::Present;
        }
        if same_option || m.index == want.index {
            return TlvPlan::Conflict(*m);
        }
    }
    TlvPlan::Add(NxMessage::TlvTableMod {
        command: TLV_ADD,
        maps: vec![want],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(maps: &[[u8; 8]]) -> Vec<u8> {
        let mut b = vec![0, 0, 0, 0xf8, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        for m in maps {
            b.extend_from_slice(m);
        }
        b
    }

    #[test]
    fn empty_table_gets_the_mapping() {
        let cur = parse_reply(&reply(&[])).unwrap();
        assert_eq!(
            plan(&cur),
            TlvPlan::Add(NxMessage::TlvTableMod {
                command: 0,
                maps: vec![OVN_GENEVE_OPTION]
            })
        );
    }

    #[test]
    fn existing_mapping_is_kept() {
        let cur = parse_reply(&reply(&[[1, 2, 0x80, 4, 0, 0, 0, 0]])).unwrap();
        assert_eq!(cur, vec![OVN_GENEVE_OPTION]);
        assert_eq!(plan(&cur), TlvPlan::Present);
    }

    #[test]
    fn conflicts_are_reported() {
        let other = [0, 9, 1, 4, 0, 0, 0, 0]; // another option on tun_metadata0
        let cur = parse_reply(&reply(&[other])).unwrap();
        assert!(matches!(plan(&cur), TlvPlan::Conflict(_)));
        let moved = [1, 2, 0x80, 4, 0, 3, 0, 0]; // OVN's option on tun_metadata3
        assert!(matches!(
            plan(&parse_reply(&reply(&[moved])).unwrap()),
            TlvPlan::Conflict(_)
        ));
        let unrelated = [0, 9, 1, 4, 0, 5, 0, 0];
        assert!(matches!(
            plan(&parse_reply(&reply(&[unrelated])).unwrap()),
            TlvPlan::Add(_)
        ));
    }

    #[test]
    fn bad_replies_are_errors() {
        assert!(parse_reply(&[0; 4]).is_err());
        assert!(parse_reply(&[0; 20]).is_err());
    }
}
