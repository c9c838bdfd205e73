//! When this chassis may report `Chassis_Private.nb_cfg` (what `ovn-nbctl --wait=hv`
//! waits for), sans-IO.
//!
//! Invariant: a value `n` is reported only once the flow installer has installed a
//! generation that was computed from a southbound snapshot (a) whose `SB_Global.nb_cfg`
//! is at least `n` and (b) in which every `Port_Binding` this chassis wants to claim
//! already names it, so the flows that follow from the claims are part of that
//! generation. Claims are written in the same transaction that would otherwise report
//! `nb_cfg`, so without (b) `--wait=hv` returned before the port's flows existed.
//! A newer `nb_cfg` replaces an older one still waiting: reporting it covers both.

/// Tracks the `nb_cfg` value waiting to be reported and the generation that carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NbCfgReport {
    /// `(nb_cfg, generation)`: report `nb_cfg` once `generation` is installed.
    pending: Option<(i64, u64)>,
    /// The highest `nb_cfg` that got a generation (pending or already reported).
    covered: Option<i64>,
}

impl NbCfgReport {
    pub fn new() -> Self {
        Self::default()
    }

    /// One computation pass: `sb_nb_cfg` is `SB_Global.nb_cfg` of the snapshot the
    /// flows of `generation` were computed from; `claims_settled` says that snapshot
    /// needs no claim from this chassis (all its claims are reflected in it).
    pub fn computed(&mut self, sb_nb_cfg: i64, generation: u64, claims_settled: bool) {
        if !claims_settled || self.covered.is_some_and(|c| c >= sb_nb_cfg) {
            return;
        }
        self.covered = Some(sb_nb_cfg);
        self.pending = Some((sb_nb_cfg, generation));
    }

    /// The value to write now that generation `installed` is in the switch, if any.
    pub fn due(&self, installed: u64) -> Option<i64> {
        self.pending
            .filter(|(_, g)| *g <= installed)
            .map(|(n, _)| n)
    }

    /// `n` is written (or found already written): stop waiting for it.
    pub fn reported(&mut self, n: i64) {
        if self.pending.is_some_and(|(p, _)| p == n) {
            self.pending = None;
        }
    }

    /// The value waiting for its generation, for status output and tests.
    pub fn pending(&self) -> Option<i64> {
        self.pending.map(|(n, _)| n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_for_the_generation_computed_after_the_claims() {
        let mut r = NbCfgReport::new();
        // nb_cfg 5 arrives with a new port this chassis has yet to claim (generation 3
        // lacks its flows): nothing may be reported, however far installation gets.
        r.computed(5, 3, false);
        assert_eq!(r.due(3), None);
        assert_eq!(r.due(100), None);
        // The claim is in the replica; generation 4 carries its flows.
        r.computed(5, 4, true);
        assert_eq!(r.due(3), None, "generation 3 has no flows for the claim");
        assert_eq!(r.due(4), Some(5));
        r.reported(5);
        assert_eq!(r.due(10), None);
        // Later passes at the same nb_cfg do not report it again.
        r.computed(5, 6, true);
        assert_eq!(r.due(10), None);
    }

    #[test]
    fn a_newer_nb_cfg_replaces_an_older_one_waiting() {
        let mut r = NbCfgReport::new();
        r.computed(1, 2, true);
        r.computed(2, 5, true);
        assert_eq!(
            r.due(2),
            None,
            "1 is covered by 2, which needs generation 5"
        );
        assert_eq!(r.due(5), Some(2));
        // Reporting a stale value does not drop the newer one.
        r.reported(1);
        assert_eq!(r.pending(), Some(2));
        // An unsettled pass at a newer nb_cfg keeps the settled one waiting.
        r.computed(3, 6, false);
        assert_eq!(r.due(5), Some(2));
        r.reported(2);
        assert_eq!(r.due(6), None);
        r.computed(3, 7, true);
        assert_eq!(r.due(7), Some(3));
    }
}
