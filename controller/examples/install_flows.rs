//! Installs flows on a bridge with the ofctrl installer and keeps them there for a while:
//! the physical flows computed from a captured LocalView (`tests/data/physical/<scenario>`,
//! chassis `chN`) plus any flows from a file in `ovs-ofctl dump-flows` syntax (e.g. the
//! logical tables of a real chassis). Used to check end to end that a chassis whose
//! physical tables come from rovn forwards real traffic.
//!
//! `cargo run -p controller --example install_flows -- unix:/path/br-int.mgmt SCENARIO chN [FLOWS_FILE] [SECONDS]`

#[path = "../tests/physical_common/mod.rs"]
mod physical_common;

use controller::ofctrl::{DesiredFlows, Installer};
use controller::physical::physical_flows;
use std::sync::Arc;
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), String> {
    tracing_subscriber::fmt().with_env_filter("info").init();
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: install_flows REMOTE SCENARIO CHASSIS [FLOWS_FILE] [SECONDS]";
    let (remote, scenario, chassis) = match &args[1..] {
        [r, s, c, ..] => (r.clone(), s.clone(), c.clone()),
        _ => return Err(usage.into()),
    };
    let physical_tables = [0u8, 37, 38, 39, 40, 41, 64, 65, 71, 72, 73, 74, 75];
    let mut flows = physical_flows(&physical_common::load_view(&scenario, &chassis));
    let n_physical = flows.len();
    if let Some(file) = args.get(4) {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        for line in text.lines() {
            let l = physical_common::normalise(line);
            if l.is_empty() || l.starts_with("OFPST") || l.starts_with("NXST") {
                continue;
            }
            let f = openflow::text::parse_flow(&l).map_err(|e| format!("{l}: {e:?}"))?;
            if !physical_tables.contains(&f.table_id) {
                flows.push(f);
            }
        }
    }
    let secs: u64 = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(10);
    println!(
        "{n_physical} physical flows + {} from file",
        flows.len() - n_physical
    );
    let (_dtx, drx) = tokio::sync::watch::channel(Arc::new(DesiredFlows {
        generation: 1,
        flows,
    }));
    let (itx, mut irx) = tokio::sync::watch::channel(0);
    let installer = Installer::new(remote);
    let stats = installer.stats();
    tokio::spawn(installer.run(drx, itx));
    tokio::time::timeout(Duration::from_secs(10), irx.wait_for(|g| *g == 1))
        .await
        .map_err(|_| "generation 1 not installed in 10 s".to_string())?
        .map_err(|e| e.to_string())?;
    println!(
        "installed generation 1 ({} flow_mods); holding for {secs} s",
        controller::ofctrl::Stats::get(&stats.flow_mods)
    );
    tokio::time::sleep(Duration::from_secs(secs)).await;
    Ok(())
}
