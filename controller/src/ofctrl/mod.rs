//! The OpenFlow installer: keeps br-int's flow table equal to the flows the controller
//! wants, across ovs-vswitchd restarts, and says when a generation is really in.
//!
//! ```text
//!   daemon ──watch<Arc<DesiredFlows>>──► Installer::run ──OpenFlow 1.5──► ovs-vswitchd
//!          ◄──watch<u64> installed generation (after a barrier)──┘
//! ```
//!
//! On every (re)connect to `unix:<OVS_RUNDIR>/br-int.mgmt` the installer
//! 1. makes sure Geneve option 0x0102/0x80/4 is mapped to `tun_metadata0` ([`tlv`]),
//! 2. dumps what the switch has and takes that as the installed table (stale flows from
//!    a previous run or another controller included),
//! 3. installs the current desired flows with one atomic bundle holding only the
//!    difference — unchanged flows are never touched, so a resync never drops traffic,
//!
//! and after that applies each new desired generation as one atomic bundle of the diff
//! against what it believes is installed ([`sync`]). After the bundle commits it sends a
//! barrier and publishes the generation on the `installed` channel, so the daemon can
//! write `nb_cfg` only when the flows are in. A lost connection (ovs-vswitchd killed or
//! restarted) is retried with exponential backoff and followed by the full procedure
//! above.
//!
//! Failure policy: if the switch rejects a bundle (a flow it cannot accept, e.g. one that
//! names a group that does not exist), nothing of it is applied; the installer logs each
//! rejected flow, counts it ([`Stats::failures`], [`Stats::rejected_flows`]) and retries
//! the bundle without those flows, so one bad flow never holds back the rest. The
//! generation is reported once everything else is in; the left-out flows are tried again
//! with the next generation. An error not tied to one flow_mod stops that generation. If OVN's Geneve
//! option is mapped differently on the switch, no flows are installed (they would
//! misinterpret tunnel metadata); the connection is retried with backoff.
//!
//! Invariants: the installer is the only writer of br-int's flows; the desired flows carry
//! no two flows with one (table, priority, match).

pub mod installer;
pub mod sync;
pub mod tlv;

pub use installer::{Installer, Stats};

use openflow::text::Flow;

/// One complete set of flows the controller wants installed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesiredFlows {
    /// Increases with every recomputation; reported back once installed.
    pub generation: u64,
    /// Every flow of br-int (logical and physical).
    pub flows: Vec<Flow>,
}
