//! The local Open_vSwitch database: where the controller's configuration lives
//! (`external_ids` of the `Open_vSwitch` row) and where pods are attached to the
//! integration bridge (a `Port` + `Interface` whose `external_ids:iface-id` names the
//! logical port, which is how ovn-controller binds it).

use std::collections::BTreeMap;

use ovsdb::data::{Atom, Datum};
use ovsdb::typed::vswitch::{Bridge, Interface, OpenVSwitch, Port};
use ovsdb::typed::{self, TypedRow};

use super::db::{rows, Db};
use super::error::ServiceError;
use super::naming;

/// The OVS tables the service replicates.
pub const TABLES: &[&str] = &["Open_vSwitch", "Bridge", "Port", "Interface"];

/// What the controller reads from the `Open_vSwitch` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalConfig {
    /// `external_ids:system-id`: this chassis' name.
    pub system_id: String,
    /// `external_ids:ovn-bridge`, default `br-int`.
    pub bridge: String,
    /// `external_ids:ovn-remote`: the SB database.
    pub sb_remote: Option<String>,
    /// `external_ids:ovn-nb-remote` (rovn's key): the NB database, unless `--ovnnb-db`.
    pub nb_remote: Option<String>,
}

pub async fn local_config(db: &Db) -> Result<LocalConfig, ServiceError> {
    let row = db
        .read(|r| rows::<OpenVSwitch>(r).into_iter().next())
        .await?;
    let row = row.ok_or_else(|| ServiceError::Unavailable {
        db: db.name,
        remote: db.remote.to_string(),
        why: "no Open_vSwitch row (run ovs-vsctl init)".into(),
    })?;
    let ids = &row.external_ids;
    let system_id = ids
        .get("system-id")
        .cloned()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ServiceError::Unavailable {
            db: db.name,
            remote: db.remote.to_string(),
            why: "external_ids:system-id is not set".into(),
        })?;
    Ok(LocalConfig {
        system_id,
        bridge: ids
            .get("ovn-bridge")
            .cloned()
            .unwrap_or_else(|| "br-int".to_string()),
        sb_remote: ids.get("ovn-remote").cloned(),
        nb_remote: ids.get("ovn-nb-remote").cloned(),
    })
}

/// The interface called `name`, if any.
pub async fn interface(db: &Db, name: &str) -> Result<Option<Interface>, ServiceError> {
    db.read(|r| rows::<Interface>(r).into_iter().find(|i| i.name == name))
        .await
}

/// Attaches `name` to `bridge` with `external_ids` (idempotent: an existing interface of
/// that name that is ours gets its ids rewritten; one that is not ours is an error).
pub async fn attach(
    db: &Db,
    bridge: &str,
    name: &str,
    external_ids: BTreeMap<String, String>,
) -> Result<(), ServiceError> {
    let (br, existing) = db
        .read(|r| {
            let br = rows::<Bridge>(r).into_iter().find(|b| b.name == bridge);
            let existing = rows::<Interface>(r).into_iter().find(|i| i.name == name);
            (br, existing)
        })
        .await?;
    let br = br.ok_or_else(|| ServiceError::Unavailable {
        db: db.name,
        remote: db.remote.to_string(),
        why: format!("bridge {bridge} does not exist (has ovn-controller created it?)"),
    })?;
    if let Some(old) = existing {
        if !naming::is_ours(&old.external_ids) {
            return Err(ServiceError::Config(format!(
                "OVS interface {name} exists and was not created by rovn-cni"
            )));
        }
        let mut new = old.clone();
        new.external_ids = external_ids;
        db.transact(|txn| typed::update(txn, &old, &new)).await?;
        return Ok(());
    }
    db.transact(|txn| {
        txn.comment(&format!("rovn-cni: attach {name} to {bridge}"));
        let iface = typed::insert(
            txn,
            &Interface {
                name: name.to_string(),
                external_ids: external_ids.clone(),
                ..Default::default()
            },
        )?;
        let port = typed::insert(
            txn,
            &Port {
                name: name.to_string(),
                interfaces: [iface].into(),
                external_ids: external_ids.clone(),
                ..Default::default()
            },
        )?;
        txn.insert_into(
            Bridge::TABLE,
            br.uuid,
            "ports",
            Datum::scalar(Atom::Uuid(port)),
        )
    })
    .await?;
    Ok(())
}

/// Removes port `name` if it is ours and made for (`container_id`, `ifname`); returns
/// whether something was removed.
pub async fn detach(
    db: &Db,
    name: &str,
    container_id: &str,
    ifname: &str,
) -> Result<bool, ServiceError> {
    let found = db
        .read(|r| {
            let port = rows::<Port>(r).into_iter().find(|p| p.name == name)?;
            let bridges: Vec<Bridge> = rows::<Bridge>(r)
                .into_iter()
                .filter(|b| b.ports.contains(&port.uuid))
                .collect();
            let ifaces: Vec<Interface> = rows::<Interface>(r)
                .into_iter()
                .filter(|i| port.interfaces.contains(&i.uuid))
                .collect();
            Some((port, bridges, ifaces))
        })
        .await?;
    let Some((port, bridges, ifaces)) = found else {
        return Ok(false);
    };
    if !naming::owned_by(&port.external_ids, container_id, ifname) {
        tracing::info!(
            port = name,
            "OVS port is not ours for this container; leaving it"
        );
        return Ok(false);
    }
    db.transact(|txn| {
        txn.comment(&format!("rovn-cni: detach {name}"));
        for b in &bridges {
            txn.delete_from(
                Bridge::TABLE,
                b.uuid,
                "ports",
                Datum::scalar(Atom::Uuid(port.uuid)),
            )?;
        }
        txn.delete(Port::TABLE, port.uuid)?;
        for i in &ifaces {
            txn.delete(Interface::TABLE, i.uuid)?;
        }
        Ok(())
    })
    .await?;
    Ok(true)
}

/// Our ports for `network`, as (port name, container id, ifname).
pub async fn owned_ports(
    db: &Db,
    network: &str,
) -> Result<Vec<(String, String, String)>, ServiceError> {
    db.read(|r| {
        rows::<Port>(r)
            .into_iter()
            .filter(|p| {
                naming::is_ours(&p.external_ids)
                    && p.external_ids.get(naming::NETWORK_KEY).map(String::as_str) == Some(network)
            })
            .filter_map(|p| {
                let c = p.external_ids.get(naming::CONTAINER_KEY)?.clone();
                let i = p.external_ids.get(naming::IFNAME_KEY)?.clone();
                Some((p.name, c, i))
            })
            .collect()
    })
    .await
}
