//! Conversions from the typed NB rows (`ovsdb::typed::nb`, as the IDL replica holds
//! them) to the views northd compiles.
//!
//! Bad content is logged and skipped here, never passed on: an address entry that does
//! not parse is dropped from the port (the port itself stays), an ACL with an unknown
//! direction or action, or whose match does not parse, is dropped. Every such row is
//! reported once per conversion with its name or uuid so an operator can find it.

use ovsdb::typed::nb as t;

use super::match_check::check_match;
use super::{
    Acl, AclAction, AddressSet, Direction, LogicalSwitch, LogicalSwitchPort, LspAddress, LspType,
    NbGlobal, PortAddresses, PortGroup, Severity,
};

pub fn global(g: &t::NbGlobal) -> NbGlobal {
    NbGlobal {
        uuid: g.uuid,
        options: g.options.clone(),
    }
}

pub fn switch(ls: &t::LogicalSwitch) -> LogicalSwitch {
    LogicalSwitch {
        uuid: ls.uuid,
        name: ls.name.clone(),
        ports: ls.ports.iter().copied().collect(),
        acls: ls.acls.iter().copied().collect(),
        other_config: ls.other_config.clone(),
        external_ids: ls.external_ids.clone(),
    }
}

pub fn port(p: &t::LogicalSwitchPort) -> LogicalSwitchPort {
    let mut addresses = Vec::new();
    let mut addresses_text = Vec::new();
    for s in &p.addresses {
        match LspAddress::parse(s) {
            Some(a) => {
                addresses.push(a);
                addresses_text.push(s.clone());
            }
            None => tracing::warn!(port = %p.name, address = %s,
                "malformed address in Logical_Switch_Port addresses; entry skipped"),
        }
    }
    let dynamic_addresses = p.dynamic_addresses.as_deref().and_then(|s| {
        let d = PortAddresses::parse(s);
        if d.is_none() {
            tracing::warn!(port = %p.name, dynamic_addresses = %s, "malformed dynamic_addresses; ignored");
        }
        d
    });
    LogicalSwitchPort {
        uuid: p.uuid,
        name: p.name.clone(),
        type_: LspType::parse(&p.type_),
        addresses,
        addresses_text,
        dynamic_addresses,
        port_security: p.port_security.iter().cloned().collect(),
        enabled: p.enabled,
        options: p.options.clone(),
        tag: p.tag.and_then(|t| u16::try_from(t).ok()),
        parent_name: p.parent_name.clone(),
        external_ids: p.external_ids.clone(),
    }
}

/// The ACL, or `None` (logged) when ovn-northd 23.03 could not use it.
pub fn acl(a: &t::Acl) -> Option<Acl> {
    let direction = match a.direction {
        t::AclDirection::FromLport => Direction::FromLport,
        t::AclDirection::ToLport => Direction::ToLport,
        t::AclDirection::Other(ref o) => {
            tracing::warn!(acl = %a.uuid, direction = %o, "ACL with unknown direction skipped");
            return None;
        }
    };
    let Some(action) = AclAction::parse(a.action.as_str()) else {
        tracing::warn!(acl = %a.uuid, action = %a.action.as_str(), "ACL with unknown action skipped");
        return None;
    };
    if let Err(e) = check_match(&a.match_) {
        tracing::warn!(acl = %a.uuid, r#match = %a.match_, error = %e,
            "ACL match does not parse; ACL skipped");
        return None;
    }
    Some(Acl {
        uuid: a.uuid,
        direction,
        priority: a.priority.clamp(0, 32767) as u16,
        match_: a.match_.clone(),
        action,
        log: a.log,
        name: a.name.clone(),
        severity: a
            .severity
            .as_ref()
            .and_then(|s| Severity::parse(s.as_str())),
        meter: a.meter.clone(),
        label: a.label.clamp(0, u32::MAX.into()) as u32,
    })
}

pub fn port_group(pg: &t::PortGroup) -> PortGroup {
    PortGroup {
        uuid: pg.uuid,
        name: pg.name.clone(),
        ports: pg.ports.iter().copied().collect(),
        acls: pg.acls.iter().copied().collect(),
    }
}

pub fn address_set(a: &t::AddressSet) -> AddressSet {
    AddressSet {
        uuid: a.uuid,
        name: a.name.clone(),
        addresses: a.addresses.iter().cloned().collect(),
    }
}
