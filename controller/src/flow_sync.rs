//! The daemon's handle on the flow installer ([`crate::ofctrl::Installer`]): it hands
//! over `(generation, flows)` and learns which generation is installed (the feedback
//! behind `Port_Binding.up` and the `nb_cfg` handshake).
//!
//! Invariants: generations handed over only increase; `installed()` reports a generation
//! only after the installer saw the switch commit it; dropping the handle stops the
//! installer task.

use std::sync::Arc;

use openflow::text::Flow;
use tokio::sync::watch;

use crate::ofctrl::{DesiredFlows, Installer, Stats};

/// Handle to the installer task of one switch.
pub struct FlowSync {
    desired: watch::Sender<Arc<DesiredFlows>>,
    installed: watch::Receiver<u64>,
    stats: Arc<Stats>,
}

impl FlowSync {
    /// Starts the installer for the switch at `remote` (`unix:PATH` of `<bridge>.mgmt`).
    pub fn start(remote: String) -> FlowSync {
        let (dtx, drx) = watch::channel(Arc::new(DesiredFlows::default()));
        let (itx, irx) = watch::channel(0u64);
        let installer = Installer::new(remote);
        let stats = installer.stats();
        tokio::spawn(installer.run(drx, itx));
        FlowSync {
            desired: dtx,
            installed: irx,
            stats,
        }
    }

    /// Replaces the desired flows with generation `generation` of them.
    pub fn install(&self, generation: u64, flows: Vec<Flow>) {
        let _ = self
            .desired
            .send(Arc::new(DesiredFlows { generation, flows }));
    }

    /// The last installed generation (watch it to learn of progress).
    pub fn installed(&self) -> watch::Receiver<u64> {
        self.installed.clone()
    }

    /// Whether the switch has been reached at least once (the installer reconnects by
    /// itself; an installed generation is the precise signal).
    pub fn is_connected(&self) -> bool {
        Stats::get(&self.stats.connects) > 0
    }
}
