//! Engine node `sb_sync`: writes the difference between what the NB compiles to and
//! what the SB holds into one SB transaction.
//!
//! Tables: `SB_Global` (nb_cfg, options), `Datapath_Binding`, `Port_Binding`,
//! `Multicast_Group`, `Port_Group`, `Address_Set` (compared in full against the replica
//! when `tables` is set — a few rows per switch — and written only where they differ),
//! and `Logical_Flow` (only the keys the `lflow` node or SB changes touched, or every
//! key on a recompute). Rows the NB no longer has are deleted; columns other clients own
//! (Port_Binding `chassis`, `up`, `encap` ...) are never written.
//!
//! Invariants: tunnel keys already in the SB are kept (the allocators are seeded with
//! them) and a key in use is never handed out; a row is inserted only when no row with
//! its identity exists, so repeated runs converge to one row per identity.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use ovsdb::data::{Atom, Datum};
use ovsdb::idl::{IdlError, IdlTxn, Replica};
use ovsdb::typed::{self, sb as t, TypedRow};
use uuid::Uuid;

use super::lflow::{FlowKey, LflowNode};
use super::sb_index::SbIndex;
use crate::lflow::Origin;
use crate::nb::NbSnapshot;
use crate::pipeline::Pipeline;
use crate::sb;

/// Operation counts of one SB transaction, per kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncStats {
    pub inserted: usize,
    pub updated: usize,
    pub deleted: usize,
    pub flows_inserted: usize,
    pub flows_deleted: usize,
}

impl SyncStats {
    pub fn total(&self) -> usize {
        self.inserted + self.updated + self.deleted
    }
}

/// Rows the transaction inserts and deletes, so the caller can tell when the replica
/// reflects the commit.
#[derive(Debug, Default, Clone)]
pub struct Written {
    /// (table, provisional uuid).
    pub inserted: Vec<(&'static str, Uuid)>,
    pub deleted: Vec<(&'static str, Uuid)>,
}

pub struct SyncInput<'a> {
    pub nb: &'a NbSnapshot,
    pub nb_cfg: i64,
    pub lflows: &'a LflowNode,
    pub index: &'a SbIndex,
    pub replica: &'a Replica,
    /// Compare the non-flow tables.
    pub tables: bool,
    /// Compare every flow (recompute) instead of `keys`.
    pub all_flows: bool,
    pub keys: &'a HashSet<Arc<FlowKey>>,
}

struct Tx<'t, 'r> {
    txn: &'t mut IdlTxn<'r>,
    stats: SyncStats,
    written: Written,
}

impl<'r> Tx<'_, 'r> {
    fn insert<T: TypedRow>(&mut self, row: &T) -> Result<Uuid, IdlError> {
        let u = typed::insert(self.txn, row)?;
        self.stats.inserted += 1;
        self.written.inserted.push((T::TABLE, u));
        Ok(u)
    }
    /// A `Logical_Flow` row, written column by column (the hot path of a recompute:
    /// no typed row and no comparison with defaults).
    fn insert_flow(&mut self, k: &FlowKey, origin: Origin, dp: Uuid) -> Result<(), IdlError> {
        const T: &str = t::LogicalFlow::TABLE;
        let u = self.txn.insert(T)?;
        let s = |v: &str| Datum::scalar(Atom::String(v.to_string()));
        let i = |v: i64| Datum::scalar(Atom::Integer(v));
        let mut ids = BTreeMap::from([(
            Atom::String("stage-name".into()),
            Atom::String(k.stage.name().into()),
        )]);
        if let Origin::Port(o) | Origin::Acl(o) = origin {
            let hint = o.simple().to_string();
            ids.insert(
                Atom::String("stage-hint".into()),
                Atom::String(hint[..8].to_string()),
            );
        }
        let pipeline = match k.stage.pipeline() {
            Pipeline::Ingress => "ingress",
            Pipeline::Egress => "egress",
        };
        self.txn.set(
            T,
            u,
            t::LogicalFlow::COL_LOGICAL_DATAPATH,
            Datum::scalar(Atom::Uuid(dp)),
        )?;
        self.txn
            .set(T, u, t::LogicalFlow::COL_PIPELINE, s(pipeline))?;
        self.txn.set(
            T,
            u,
            t::LogicalFlow::COL_TABLE_ID,
            i(i64::from(k.stage.table())),
        )?;
        self.txn
            .set(T, u, t::LogicalFlow::COL_PRIORITY, i(i64::from(k.priority)))?;
        self.txn
            .set(T, u, t::LogicalFlow::COL_MATCH, s(&k.match_))?;
        self.txn
            .set(T, u, t::LogicalFlow::COL_ACTIONS, s(&k.actions))?;
        self.txn
            .set(T, u, t::LogicalFlow::COL_EXTERNAL_IDS, Datum::Map(ids))?;
        self.stats.inserted += 1;
        self.written.inserted.push((T, u));
        Ok(())
    }
    fn update<T: TypedRow>(&mut self, old: &T, new: &T) -> Result<(), IdlError> {
        if old.to_values() != new.to_values() {
            typed::update(self.txn, old, new)?;
            self.stats.updated += 1;
        }
        Ok(())
    }
    fn delete(&mut self, table: &'static str, u: Uuid) -> Result<(), IdlError> {
        self.txn.delete(table, u)?;
        self.stats.deleted += 1;
        self.written.deleted.push((table, u));
        Ok(())
    }
}

fn rows<T: TypedRow>(replica: &Replica) -> Vec<T> {
    let mut v: Vec<T> = typed::rows::<T>(replica).flatten().collect();
    v.sort_by_key(|r| r.uuid());
    v
}

/// Fills `txn` with the SB difference.
pub fn sync(input: &SyncInput<'_>, txn: &mut IdlTxn<'_>) -> Result<(SyncStats, Written), IdlError> {
    let _s = tracing::debug_span!("node", name = "sb_sync").entered();
    let mut tx = Tx {
        txn,
        stats: SyncStats::default(),
        written: Written::default(),
    };
    let r = input.replica;
    let nb = input.nb;

    // SB_Global: nb_cfg and the NB options (ovn-controller reads e.g. svc_monitor_mac).
    let globals = rows::<t::SbGlobal>(r);
    let mut want_g = globals.first().cloned().unwrap_or_default();
    want_g.nb_cfg = input.nb_cfg;
    want_g.options = nb.global.options.clone();
    match globals.first() {
        Some(g) => tx.update(g, &want_g)?,
        None => {
            tx.insert(&want_g)?;
        }
    }
    for g in globals.iter().skip(1) {
        tx.delete(t::SbGlobal::TABLE, g.uuid)?;
    }

    // Datapaths: needed by everything else, including flows.
    let mut dp_of: HashMap<Uuid, Uuid> = input
        .index
        .dp_by_switch
        .iter()
        .filter(|(s, _)| nb.switches.contains_key(s))
        .map(|(s, (dp, _))| (*s, *dp))
        .collect();
    let mut dps: Vec<sb::DatapathBinding> = Vec::new();
    if input.tables {
        let existing: BTreeMap<Uuid, u32> = input
            .index
            .dp_by_switch
            .iter()
            .map(|(s, (_, k))| (*s, *k))
            .collect();
        dps = sb::datapath_bindings(nb, &existing);
        let want: HashMap<Uuid, &sb::DatapathBinding> = dps.iter().map(|d| (d.switch, d)).collect();
        for row in rows::<t::DatapathBinding>(r) {
            let ls = row
                .external_ids
                .get("logical-switch")
                .and_then(|s| Uuid::parse_str(s).ok());
            let keep = ls.is_some_and(|ls| {
                want.contains_key(&ls)
                    && input.index.dp_by_switch.get(&ls).map(|x| x.0) == Some(row.uuid)
            });
            if !keep {
                tx.delete(t::DatapathBinding::TABLE, row.uuid)?;
                continue;
            }
            let d = want[&ls.unwrap_or_default()];
            let mut new = row.clone();
            new.tunnel_key = i64::from(d.tunnel_key);
            new.external_ids = dp_external_ids(nb, d);
            tx.update(&row, &new)?;
        }
        for d in &dps {
            if let std::collections::hash_map::Entry::Vacant(e) = dp_of.entry(d.switch) {
                let row = t::DatapathBinding {
                    tunnel_key: i64::from(d.tunnel_key),
                    external_ids: dp_external_ids(nb, d),
                    ..Default::default()
                };
                e.insert(tx.insert(&row)?);
            }
        }
    }

    if input.tables {
        sync_ports_and_groups(input, &mut tx, &dp_of, &dps)?;
    }

    // Logical flows.
    let mut check: Vec<&FlowKey> = if input.all_flows {
        let mut v: Vec<&FlowKey> = input.lflows.keys().map(|k| k.as_ref()).collect();
        v.extend(
            input
                .index
                .flows
                .keys()
                .filter(|k| input.lflows.wanted(k).is_none())
                .map(|k| k.as_ref()),
        );
        v
    } else {
        input.keys.iter().map(|k| k.as_ref()).collect()
    };
    check.sort();
    check.dedup();
    for k in check {
        let have = input.index.flows.get(k).map(Vec::as_slice).unwrap_or(&[]);
        match input.lflows.wanted(k) {
            Some(origin) => {
                for extra in have.iter().skip(1) {
                    tx.delete(t::LogicalFlow::TABLE, *extra)?;
                    tx.stats.flows_deleted += 1;
                }
                if have.is_empty() {
                    let Some(dp) = dp_of.get(&k.switch) else {
                        continue; // the switch has no datapath (out of keys)
                    };
                    tx.insert_flow(k, origin, *dp)?;
                    tx.stats.flows_inserted += 1;
                }
            }
            None => {
                for u in have {
                    tx.delete(t::LogicalFlow::TABLE, *u)?;
                    tx.stats.flows_deleted += 1;
                }
            }
        }
    }
    if input.all_flows {
        let mut foreign: Vec<&Uuid> = input.index.foreign.iter().collect();
        foreign.sort();
        for u in foreign {
            tx.delete(t::LogicalFlow::TABLE, *u)?;
            tx.stats.flows_deleted += 1;
        }
    }
    Ok((tx.stats, tx.written))
}

fn dp_external_ids(nb: &NbSnapshot, d: &sb::DatapathBinding) -> BTreeMap<String, String> {
    let mut m = BTreeMap::from([
        ("logical-switch".to_string(), d.switch.to_string()),
        ("name".to_string(), d.name.clone()),
    ]);
    if let Some(n2) = nb
        .switches
        .get(&d.switch)
        .and_then(|ls| ls.external_ids.get("neutron:network_name"))
    {
        m.insert("name2".into(), n2.clone());
    }
    m
}

fn sync_ports_and_groups(
    input: &SyncInput<'_>,
    tx: &mut Tx<'_, '_>,
    dp_of: &HashMap<Uuid, Uuid>,
    dps: &[sb::DatapathBinding],
) -> Result<(), IdlError> {
    let r = input.replica;
    let nb = input.nb;
    let dp_uuids: HashSet<Uuid> = dp_of.values().copied().collect();

    // Port bindings, keyed by logical_port.
    let pb_rows = rows::<t::PortBinding>(r);
    let existing: BTreeMap<String, u32> = pb_rows
        .iter()
        .filter(|p| dp_uuids.contains(&p.datapath))
        .map(|p| {
            (
                p.logical_port.clone(),
                u32::try_from(p.tunnel_key).unwrap_or(0),
            )
        })
        .collect();
    let want = sb::port_bindings(nb, &existing);
    let want_by_name: HashMap<&str, &sb::PortBinding> =
        want.iter().map(|p| (p.logical_port.as_str(), p)).collect();
    let mut pb_of: HashMap<String, Uuid> = HashMap::new();
    for row in &pb_rows {
        let Some(w) = want_by_name.get(row.logical_port.as_str()) else {
            tx.delete(t::PortBinding::TABLE, row.uuid)?;
            continue;
        };
        let Some(dp) = dp_of.get(&w.switch) else {
            tx.delete(t::PortBinding::TABLE, row.uuid)?;
            continue;
        };
        if pb_of.contains_key(&row.logical_port) {
            tx.delete(t::PortBinding::TABLE, row.uuid)?;
            continue;
        }
        let mut new = row.clone();
        fill_pb(&mut new, w, *dp);
        tx.update(row, &new)?;
        pb_of.insert(row.logical_port.clone(), row.uuid);
    }
    for w in &want {
        if pb_of.contains_key(&w.logical_port) {
            continue;
        }
        let Some(dp) = dp_of.get(&w.switch) else {
            continue;
        };
        let mut row = t::PortBinding::default();
        fill_pb(&mut row, w, *dp);
        let u = tx.insert(&row)?;
        pb_of.insert(w.logical_port.clone(), u);
    }

    // Multicast groups, keyed by (datapath, name).
    let want_mc = sb::multicast_groups(nb);
    let mut want_mc_by: HashMap<(Uuid, &str), &sb::MulticastGroup> = HashMap::new();
    for m in &want_mc {
        if let Some(dp) = dp_of.get(&m.switch) {
            want_mc_by.insert((*dp, m.name), m);
        }
    }
    let mc_ports = |m: &sb::MulticastGroup| -> BTreeSet<Uuid> {
        m.ports
            .iter()
            .filter_map(|n| pb_of.get(n).copied())
            .collect()
    };
    let mut seen: HashSet<(Uuid, String)> = HashSet::new();
    for row in rows::<t::MulticastGroup>(r) {
        let id = (row.datapath, row.name.clone());
        match want_mc_by.get(&(row.datapath, row.name.as_str())) {
            Some(m) if !seen.contains(&id) => {
                let mut new = row.clone();
                new.tunnel_key = i64::from(m.tunnel_key);
                new.ports = mc_ports(m);
                tx.update(&row, &new)?;
                seen.insert(id);
            }
            _ => tx.delete(t::MulticastGroup::TABLE, row.uuid)?,
        }
    }
    for ((dp, name), m) in &want_mc_by {
        if seen.contains(&(*dp, name.to_string())) {
            continue;
        }
        tx.insert(&t::MulticastGroup {
            datapath: *dp,
            name: name.to_string(),
            tunnel_key: i64::from(m.tunnel_key),
            ports: mc_ports(m),
            ..Default::default()
        })?;
    }

    // Port groups and address sets, keyed by name.
    let want_pg: BTreeMap<String, BTreeSet<String>> = sb::port_groups(nb, dps)
        .into_iter()
        .map(|p| (p.name, p.ports.into_iter().collect()))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    for row in rows::<t::PortGroup>(r) {
        match want_pg.get(&row.name) {
            Some(ports) if !seen.contains(&row.name) => {
                let mut new = row.clone();
                new.ports = ports.clone();
                tx.update(&row, &new)?;
                seen.insert(row.name.clone());
            }
            _ => tx.delete(t::PortGroup::TABLE, row.uuid)?,
        }
    }
    for (name, ports) in &want_pg {
        if !seen.contains(name) {
            tx.insert(&t::PortGroup {
                name: name.clone(),
                ports: ports.clone(),
                ..Default::default()
            })?;
        }
    }
    let want_as: BTreeMap<String, BTreeSet<String>> = sb::address_sets(nb)
        .into_iter()
        .map(|a| (a.name, a.addresses.into_iter().collect()))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    for row in rows::<t::AddressSet>(r) {
        match want_as.get(&row.name) {
            Some(addrs) if !seen.contains(&row.name) => {
                let mut new = row.clone();
                new.addresses = addrs.clone();
                tx.update(&row, &new)?;
                seen.insert(row.name.clone());
            }
            _ => tx.delete(t::AddressSet::TABLE, row.uuid)?,
        }
    }
    for (name, addrs) in &want_as {
        if !seen.contains(name) {
            tx.insert(&t::AddressSet {
                name: name.clone(),
                addresses: addrs.clone(),
                ..Default::default()
            })?;
        }
    }
    Ok(())
}

/// Sets the Port_Binding columns northd owns.
fn fill_pb(row: &mut t::PortBinding, w: &sb::PortBinding, dp: Uuid) {
    row.logical_port = w.logical_port.clone();
    row.datapath = dp;
    row.tunnel_key = i64::from(w.tunnel_key);
    row.type_ = w.type_.clone();
    row.mac = w.mac.iter().cloned().collect();
    row.options = w.options.clone();
    row.port_security = w.port_security.iter().cloned().collect();
    row.tag = w.tag.map(i64::from);
    row.parent_port = w.parent_port.clone();
}
