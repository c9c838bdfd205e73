//! Feedback from the SB to the NB, as ovn-northd gives it: `NB_Global.sb_cfg` once the
//! SB holds `nb_cfg`, `NB_Global.hv_cfg` as the lowest `nb_cfg` any chassis has
//! caught up with, and `Logical_Switch_Port.up` from the port's binding.
//!
//! A pure function of the two replicas (and the time): it returns only the values that
//! differ from the NB, so an idle system writes nothing.

use std::collections::HashMap;

use ovsdb::idl::{IdlError, IdlTxn, Replica};
use ovsdb::typed::{self, nb as n, sb as s, TypedRow};
use uuid::Uuid;

use super::ipam::NbWrites;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// (`sb_cfg`, `sb_cfg_timestamp`).
    pub sb_cfg: Option<(i64, i64)>,
    /// (`hv_cfg`, `hv_cfg_timestamp`).
    pub hv_cfg: Option<(i64, i64)>,
    pub up: Vec<(Uuid, bool)>,
}

impl Feedback {
    pub fn is_empty(&self) -> bool {
        self.sb_cfg.is_none() && self.hv_cfg.is_none() && self.up.is_empty()
    }
}

/// What to write to the NB given both replicas. `ports` also recomputes `up`.
pub fn compute(nb: &Replica, sb: &Replica, ports: bool, now_ms: i64) -> Feedback {
    let _s = tracing::debug_span!("node", name = "feedback").entered();
    let mut f = Feedback::default();
    let Some(g) = typed::rows::<n::NbGlobal>(nb).flatten().next() else {
        return f;
    };
    let sb_nb_cfg = typed::rows::<s::SbGlobal>(sb)
        .flatten()
        .next()
        .map(|x| x.nb_cfg);
    if let Some(done) = sb_nb_cfg {
        let done = done.min(g.nb_cfg);
        if g.sb_cfg != done {
            f.sb_cfg = Some((done, now_ms));
        }
        let mut hv = done;
        let mut ts = 0;
        for cp in typed::rows::<s::ChassisPrivate>(sb).flatten() {
            if cp.chassis.is_none() {
                continue;
            }
            hv = hv.min(cp.nb_cfg);
            ts = ts.max(cp.nb_cfg_timestamp);
        }
        if g.hv_cfg != hv {
            f.hv_cfg = Some((hv, if ts > 0 { ts } else { now_ms }));
        }
    }
    if ports {
        let pbs: HashMap<String, s::PortBinding> = typed::rows::<s::PortBinding>(sb)
            .flatten()
            .map(|p| (p.logical_port.clone(), p))
            .collect();
        for lsp in typed::rows::<n::LogicalSwitchPort>(nb).flatten() {
            let Some(pb) = pbs.get(&lsp.name) else {
                continue;
            };
            let up = if lsp.type_ == "router" {
                true
            } else if pb.chassis.is_some() {
                pb.up.unwrap_or(true)
            } else {
                false
            };
            if lsp.up != Some(up) {
                f.up.push((lsp.uuid, up));
            }
        }
    }
    f
}

/// Writes the IPAM/options write-back and the feedback into one NB transaction.
pub fn write_nb(
    nb: &Replica,
    w: &NbWrites,
    f: &Feedback,
    txn: &mut IdlTxn<'_>,
) -> Result<usize, IdlError> {
    use ovsdb::data::{Atom, Datum};
    let mut ops = 0;
    let g = typed::rows::<n::NbGlobal>(nb).flatten().next();
    if let Some(g) = &g {
        if let Some(o) = &w.options {
            let d = Datum::Map(
                o.iter()
                    .map(|(k, v)| (Atom::String(k.clone()), Atom::String(v.clone())))
                    .collect(),
            );
            txn.set(n::NbGlobal::TABLE, g.uuid, n::NbGlobal::COL_OPTIONS, d)?;
            ops += 1;
        }
        let int = |v: i64| Datum::scalar(Atom::Integer(v));
        if let Some((c, ts)) = f.sb_cfg {
            txn.set(n::NbGlobal::TABLE, g.uuid, n::NbGlobal::COL_SB_CFG, int(c))?;
            txn.set(
                n::NbGlobal::TABLE,
                g.uuid,
                n::NbGlobal::COL_SB_CFG_TIMESTAMP,
                int(ts),
            )?;
            ops += 1;
        }
        if let Some((c, ts)) = f.hv_cfg {
            txn.set(n::NbGlobal::TABLE, g.uuid, n::NbGlobal::COL_HV_CFG, int(c))?;
            txn.set(
                n::NbGlobal::TABLE,
                g.uuid,
                n::NbGlobal::COL_HV_CFG_TIMESTAMP,
                int(ts),
            )?;
            ops += 1;
        }
    }
    for (u, a) in &w.dynamic_addresses {
        if nb.row(n::LogicalSwitchPort::TABLE, u).is_none() {
            continue;
        }
        let d = match a {
            Some(s) => Datum::scalar(Atom::String(s.clone())),
            None => Datum::Set(Default::default()),
        };
        txn.set(
            n::LogicalSwitchPort::TABLE,
            *u,
            n::LogicalSwitchPort::COL_DYNAMIC_ADDRESSES,
            d,
        )?;
        ops += 1;
    }
    for (u, up) in &f.up {
        if nb.row(n::LogicalSwitchPort::TABLE, u).is_none() {
            continue;
        }
        txn.set(
            n::LogicalSwitchPort::TABLE,
            *u,
            n::LogicalSwitchPort::COL_UP,
            Datum::scalar(Atom::Boolean(*up)),
        )?;
        ops += 1;
    }
    Ok(ops)
}
