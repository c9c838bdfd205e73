//! This chassis in the southbound database: its `Chassis` row (name = `system-id`,
//! hostname, encapsulations, `other_config`), one `Encap` row per (type, IP), and its
//! `Chassis_Private` row (name, chassis, `nb_cfg`).
//!
//! Invariants: `sync_chassis` only adds operations when the rows differ from what the
//! configuration says, so calling it every main-loop iteration is idempotent; `Encap` rows
//! are replaced (not edited) when the encapsulation changes, as ovn-controller does, and
//! the unreferenced ones are garbage collected by the server (`Encap` is not a root
//! table); `delete_chassis` removes exactly the rows named after this chassis.

use std::collections::{BTreeMap, BTreeSet};

use ovsdb::idl::{IdlError, IdlTxn};
use ovsdb::typed::sb::{Chassis, ChassisPrivate, Encap as SbEncap, EncapType};
use ovsdb::typed::{insert, update};

use crate::config::{Config, EncapKindExt};
use crate::sb::SbSnapshot;

/// `Chassis.other_config` as rovn-controller advertises it. Only what is true for rovn:
/// no optional ovn-northd features are claimed, so ovn-northd writes flows in their most
/// conservative form, which every chassis (rovn or ovn-controller) understands.
pub fn other_config(cfg: &Config, iface_types: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert("datapath-type".into(), cfg.datapath_type.clone());
    m.insert(
        "iface-types".into(),
        iface_types.iter().cloned().collect::<Vec<_>>().join(","),
    );
    m.insert("is-interconn".into(), "false".into());
    m.insert("ovn-bridge-mappings".into(), String::new());
    m.insert("ovn-chassis-mac-mappings".into(), String::new());
    m.insert("ovn-cms-options".into(), String::new());
    m.insert("ovn-enable-lflow-cache".into(), "true".into());
    m.insert("ovn-monitor-all".into(), "false".into());
    m.insert("port-up-notif".into(), "true".into());
    m
}

fn encap_matches(e: &SbEncap, cfg: &Config) -> bool {
    e.chassis_name == cfg.system_id
        && cfg.encaps.iter().any(|c| {
            c.kind.sb_name() == e.type_.as_str()
                && c.ip == e.ip
                && e.options.get("csum").map(String::as_str) == Some("true")
        })
}

/// Adds the operations that make this chassis' rows match `cfg`; returns whether any
/// were added. `iface_types` is `Open_vSwitch.iface_types`.
pub fn sync_chassis(
    txn: &mut IdlTxn<'_>,
    sb: &SbSnapshot,
    cfg: &Config,
    iface_types: &BTreeSet<String>,
) -> Result<bool, IdlError> {
    let mut changed = false;
    let other = other_config(cfg, iface_types);
    let chassis_uuid = match sb.chassis_named(&cfg.system_id) {
        Some(ch) => {
            let encaps: Vec<&SbEncap> = ch.encaps.iter().filter_map(|u| sb.encaps.get(u)).collect();
            let encaps_ok =
                encaps.len() == cfg.encaps.len() && encaps.iter().all(|e| encap_matches(e, cfg));
            let mut new = ch.clone();
            new.hostname = cfg.hostname.clone();
            for (k, v) in &other {
                new.other_config.insert(k.clone(), v.clone());
            }
            if !encaps_ok {
                new.encaps = insert_encaps(txn, cfg)?;
                tracing::info!(chassis = %cfg.system_id, "updating the chassis' encapsulations");
            }
            if new != *ch {
                update(txn, ch, &new)?;
                changed = true;
            }
            ch.uuid
        }
        None => {
            let encaps = insert_encaps(txn, cfg)?;
            let u = insert(
                txn,
                &Chassis {
                    name: cfg.system_id.clone(),
                    hostname: cfg.hostname.clone(),
                    encaps,
                    other_config: other,
                    ..Default::default()
                },
            )?;
            tracing::info!(chassis = %cfg.system_id, "registering the chassis");
            changed = true;
            u
        }
    };
    match sb.chassis_private_named(&cfg.system_id) {
        Some(cp) if cp.chassis == Some(chassis_uuid) => {}
        Some(cp) => {
            let mut new = cp.clone();
            new.chassis = Some(chassis_uuid);
            update(txn, cp, &new)?;
            changed = true;
        }
        None => {
            insert(
                txn,
                &ChassisPrivate {
                    name: cfg.system_id.clone(),
                    chassis: Some(chassis_uuid),
                    ..Default::default()
                },
            )?;
            changed = true;
        }
    }
    Ok(changed)
}

fn insert_encaps(txn: &mut IdlTxn<'_>, cfg: &Config) -> Result<BTreeSet<uuid::Uuid>, IdlError> {
    cfg.encaps
        .iter()
        .map(|e| {
            insert(
                txn,
                &SbEncap {
                    type_: EncapType::from(e.kind.sb_name()),
                    ip: e.ip.clone(),
                    chassis_name: cfg.system_id.clone(),
                    options: BTreeMap::from([("csum".into(), "true".into())]),
                    ..Default::default()
                },
            )
        })
        .collect()
}

/// Writes `nb_cfg` (and its timestamp, milliseconds since the epoch) to this chassis'
/// `Chassis_Private` row; `false` when there is no such row yet.
pub fn write_nb_cfg(
    txn: &mut IdlTxn<'_>,
    sb: &SbSnapshot,
    name: &str,
    nb_cfg: i64,
    now_ms: i64,
) -> Result<bool, IdlError> {
    let Some(cp) = sb.chassis_private_named(name) else {
        return Ok(false);
    };
    if cp.nb_cfg == nb_cfg {
        return Ok(false);
    }
    let mut new = cp.clone();
    new.nb_cfg = nb_cfg;
    new.nb_cfg_timestamp = now_ms;
    update(txn, cp, &new)?;
    Ok(true)
}

/// Deletes this chassis' `Chassis` and `Chassis_Private` rows (graceful exit), and
/// releases every port binding still claimed by it.
pub fn delete_chassis(txn: &mut IdlTxn<'_>, sb: &SbSnapshot, name: &str) -> Result<bool, IdlError> {
    let mut any = false;
    if let Some(ch) = sb.chassis_named(name) {
        for pb in sb
            .port_bindings
            .values()
            .filter(|p| p.chassis == Some(ch.uuid))
        {
            let mut new = pb.clone();
            new.chassis = None;
            if new.up.is_some() {
                new.up = Some(false);
            }
            update(txn, pb, &new)?;
        }
        txn.delete("Chassis", ch.uuid)?;
        any = true;
    }
    if let Some(cp) = sb.chassis_private_named(name) {
        txn.delete("Chassis_Private", cp.uuid)?;
        any = true;
    }
    Ok(any)
}
