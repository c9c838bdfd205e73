//! `--wait=sb|hv`: the transaction increments `NB_Global.nb_cfg` (verified, so two
//! writers never hand out the same number), then the tool waits until ovn-northd has
//! copied the new value to `sb_cfg` (`sb`) or every chassis has caught up and northd
//! has written `hv_cfg` (`hv`).
//!
//! Invariant: ovn-nbctl always works against an `NB_Global` row and creates it when the
//! database has none; [`ensure_nb_global`] does the same, so the resulting databases
//! match.

use ovsdb::idl::Replica;
use ovsdb::typed::nb::NbGlobal;

use super::args::WaitFor;
use super::work::WorkDb;

/// Inserts the `NB_Global` row if there is none; returns whether it did.
pub fn ensure_nb_global(db: &mut WorkDb) -> Result<bool, String> {
    if db.all::<NbGlobal>()?.is_empty() {
        db.insert(&NbGlobal::default())?;
        return Ok(true);
    }
    Ok(false)
}

/// Increments `nb_cfg` in the working copy; returns the value to wait for.
pub fn bump_nb_cfg(db: &mut WorkDb) -> Result<i64, String> {
    ensure_nb_global(db)?;
    let mut g = db
        .all::<NbGlobal>()?
        .into_iter()
        .next()
        .ok_or("no NB_Global row")?;
    g.nb_cfg = if g.nb_cfg == i64::MAX {
        1
    } else {
        g.nb_cfg + 1
    };
    db.put(&g)?;
    Ok(g.nb_cfg)
}

/// True once the replica shows that `wait` has reached `target`.
pub fn reached(replica: &Replica, wait: WaitFor, target: i64) -> bool {
    let Some(g) = ovsdb::typed::rows::<NbGlobal>(replica).find_map(Result::ok) else {
        return false;
    };
    match wait {
        WaitFor::None => true,
        WaitFor::Sb => g.sb_cfg >= target,
        WaitFor::Hv => g.hv_cfg >= target,
    }
}
