//! The pod's logical switch port in OVN_Northbound: find the switch, create or claim the
//! port, wait for northd's IPAM, delete what we created.

use std::time::Duration;

use ovsdb::data::{Atom, Datum};
use ovsdb::typed::nb::{LogicalSwitch, LogicalSwitchPort};
use ovsdb::typed::{self, TypedRow};

use super::addressing::{self, PortAddresses};
use super::db::{rows, Db};
use super::error::ServiceError;
use super::naming;

/// The NB tables the service replicates.
pub const TABLES: &[&str] = &["Logical_Switch", "Logical_Switch_Port"];

/// The switch called `name`; a missing switch is a configuration error.
pub async fn switch(db: &Db, name: &str) -> Result<LogicalSwitch, ServiceError> {
    let found = db
        .read(|r| {
            rows::<LogicalSwitch>(r)
                .into_iter()
                .find(|s| s.name == name)
        })
        .await?;
    found.ok_or_else(|| {
        ServiceError::Config(format!(
            "logical switch {name:?} does not exist in OVN_Northbound"
        ))
    })
}

/// The port called `name`, if any.
pub async fn port(db: &Db, name: &str) -> Result<Option<LogicalSwitchPort>, ServiceError> {
    db.read(|r| {
        rows::<LogicalSwitchPort>(r)
            .into_iter()
            .find(|p| p.name == name)
    })
    .await
}

/// Inserts `lsp` into switch `ls`.
pub async fn create_port(
    db: &Db,
    ls: &LogicalSwitch,
    lsp: &LogicalSwitchPort,
) -> Result<(), ServiceError> {
    db.transact(|txn| {
        txn.comment(&format!("rovn-cni: add port {}", lsp.name));
        let uuid = typed::insert(txn, lsp)?;
        txn.insert_into(
            LogicalSwitch::TABLE,
            ls.uuid,
            "ports",
            Datum::scalar(Atom::Uuid(uuid)),
        )
    })
    .await?;
    Ok(())
}

/// Rewrites the columns in which `new` differs from `old`.
pub async fn update_port(
    db: &Db,
    old: &LogicalSwitchPort,
    new: &LogicalSwitchPort,
) -> Result<(), ServiceError> {
    db.transact(|txn| typed::update(txn, old, new)).await?;
    Ok(())
}

/// Removes the port from every switch listing it and deletes it.
pub async fn delete_port(db: &Db, lsp: &LogicalSwitchPort) -> Result<(), ServiceError> {
    let switches: Vec<LogicalSwitch> = db
        .read(|r| {
            rows::<LogicalSwitch>(r)
                .into_iter()
                .filter(|s| s.ports.contains(&lsp.uuid))
                .collect()
        })
        .await?;
    db.transact(|txn| {
        txn.comment(&format!("rovn-cni: delete port {}", lsp.name));
        for s in &switches {
            txn.delete_from(
                LogicalSwitch::TABLE,
                s.uuid,
                "ports",
                Datum::scalar(Atom::Uuid(lsp.uuid)),
            )?;
        }
        txn.delete(LogicalSwitchPort::TABLE, lsp.uuid)
    })
    .await?;
    Ok(())
}

/// The addresses the port ends up with: the static entry as written, or (for dynamic
/// entries) northd's `dynamic_addresses` once it is there. `None` on timeout.
pub async fn wait_addresses(
    db: &Db,
    name: &str,
    timeout: Duration,
) -> Result<Option<PortAddresses>, ServiceError> {
    db.wait_for(timeout, |r| {
        let p = rows::<LogicalSwitchPort>(r)
            .into_iter()
            .find(|p| p.name == name)?;
        let entry = p.addresses.iter().next()?.clone();
        if addressing::is_dynamic(&entry) {
            p.dynamic_addresses
                .as_deref()
                .and_then(addressing::parse_port_addresses)
                .filter(|a| !a.ips.is_empty())
        } else {
            addressing::parse_port_addresses(&entry)
        }
    })
    .await
}

/// Our ports for `network` on `chassis`.
pub async fn owned_ports(
    db: &Db,
    chassis: &str,
    network: &str,
) -> Result<Vec<LogicalSwitchPort>, ServiceError> {
    db.read(|r| {
        rows::<LogicalSwitchPort>(r)
            .into_iter()
            .filter(|p| {
                naming::is_ours(&p.external_ids)
                    && p.external_ids.get(naming::CHASSIS_KEY).map(String::as_str) == Some(chassis)
                    && p.external_ids.get(naming::NETWORK_KEY).map(String::as_str) == Some(network)
            })
            .collect()
    })
    .await
}
