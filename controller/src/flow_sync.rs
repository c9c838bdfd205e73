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
    remote: String,
    /// Started with the first desired flows, so a restarted controller never installs
    /// an empty table over the flows its predecessor left.
    desired: Option<watch::Sender<Arc<DesiredFlows>>>,
    installed_tx: Option<watch::Sender<u64>>,
    installed: watch::Receiver<u64>,
    stats: Arc<Stats>,
}

impl FlowSync {
    /// The installer for the switch at `remote` (`unix:PATH` of `<bridge>.mgmt`); it
    /// connects when the first flows are handed over.
    pub fn start(remote: String) -> FlowSync {
        let (itx, irx) = watch::channel(0u64);
        FlowSync {
            remote,
            desired: None,
            installed_tx: Some(itx),
            installed: irx,
            stats: Arc::new(Stats::default()),
        }
    }

    /// Replaces the desired flows with generation `generation` of them.
    pub fn install(&mut self, generation: u64, flows: Vec<Flow>) {
        let d = Arc::new(DesiredFlows { generation, flows });
        match &self.desired {
            Some(tx) => {
                let _ = tx.send(d);
            }
            None => {
                let (dtx, drx) = watch::channel(d);
                let installer = Installer::new(self.remote.clone());
                self.stats = installer.stats();
                if let Some(itx) = self.installed_tx.take() {
                    tokio::spawn(installer.run(drx, itx));
                }
                self.desired = Some(dtx);
            }
        }
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
