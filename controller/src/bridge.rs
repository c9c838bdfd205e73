//! The integration bridge: created when missing, as ovn-controller creates it
//! (`fail_mode=secure`, `other_config:disable-in-band=true`, the configured
//! `datapath_type`, one internal port of the same name), and its `datapath_type` kept equal
//! to `ovn-bridge-datapath-type`.
//!
//! Invariant: the controller never deletes the bridge and never touches bridges other
//! than the configured one.

use std::collections::{BTreeMap, BTreeSet};

use ovsdb::idl::{IdlError, IdlTxn};
use ovsdb::typed::vswitch::{Bridge, BridgeFailMode, Interface, OpenVSwitch, Port};
use ovsdb::typed::{insert, update};

use crate::config::Config;
use crate::ovs::OvsSnapshot;

/// Adds to `txn` what makes the integration bridge exist as configured; returns whether
/// anything was added.
pub fn ensure_bridge(
    txn: &mut IdlTxn<'_>,
    ovs: &OvsSnapshot,
    cfg: &Config,
) -> Result<bool, IdlError> {
    let Some(root) = &ovs.root else {
        return Ok(false);
    };
    match ovs.bridge(&cfg.bridge) {
        Some(b) => {
            if b.datapath_type != cfg.datapath_type {
                let mut new = b.clone();
                new.datapath_type = cfg.datapath_type.clone();
                update(txn, b, &new)?;
                return Ok(true);
            }
            Ok(false)
        }
        None => {
            create_bridge(txn, root, cfg)?;
            Ok(true)
        }
    }
}

fn create_bridge(txn: &mut IdlTxn<'_>, root: &OpenVSwitch, cfg: &Config) -> Result<(), IdlError> {
    let iface = insert(
        txn,
        &Interface {
            name: cfg.bridge.clone(),
            type_: "internal".into(),
            ..Default::default()
        },
    )?;
    let port = insert(
        txn,
        &Port {
            name: cfg.bridge.clone(),
            interfaces: BTreeSet::from([iface]),
            ..Default::default()
        },
    )?;
    let bridge = insert(
        txn,
        &Bridge {
            name: cfg.bridge.clone(),
            datapath_type: cfg.datapath_type.clone(),
            fail_mode: Some(BridgeFailMode::Secure),
            other_config: BTreeMap::from([("disable-in-band".into(), "true".into())]),
            ports: BTreeSet::from([port]),
            ..Default::default()
        },
    )?;
    let mut new_root = root.clone();
    new_root.bridges.insert(bridge);
    update(txn, root, &new_root)?;
    txn.verify("Open_vSwitch", root.uuid, "bridges")?;
    tracing::info!(bridge = %cfg.bridge, datapath_type = %cfg.datapath_type, "creating the integration bridge");
    Ok(())
}
