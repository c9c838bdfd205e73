//! `rovn-ofctl`: a small ovs-ofctl work-alike on rovn's OpenFlow stack.
//!
//! SWITCH is an OVS remote (`unix:/run/openvswitch/br-int.mgmt`, `tcp:127.0.0.1:6653`).

use clap::{Parser, Subcommand};
use openflow::conn::{Client, ConnError, TxnError};
use openflow::text::group::parse_tlv_maps;
use openflow::text::{parse_flow, parse_flow_spec, parse_group, Flow};
use openflow::wire::msg::multipart::{kind, FlowStatsRequest, MultipartBody};
use openflow::wire::msg::{FlowMod, FlowModCommand, Multipart, NxMessage};
use openflow::wire::Message;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rovn-ofctl",
    about = "Administer an OpenFlow switch (ovs-ofctl syntax)"
)]
struct Cli {
    /// Accepted for ovs-ofctl compatibility (OpenFlow13/OpenFlow15); the highest common
    /// version is negotiated.
    #[arg(short = 'O', long = "protocols", global = true)]
    protocols: Option<String>,
    /// Apply flow changes in one atomic bundle.
    #[arg(long, global = true)]
    bundle: bool,
    /// Match priority and all fields exactly (del-flows).
    #[arg(long, global = true)]
    strict: bool,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Add one flow.
    AddFlow { switch: String, flow: String },
    /// Add the flows in FILE (one per line, `#` comments), `-` for stdin.
    AddFlows { switch: String, file: String },
    /// Delete flows matching FLOW (all flows without FLOW).
    DelFlows {
        switch: String,
        flow: Option<String>,
    },
    /// Print flows.
    DumpFlows {
        switch: String,
        flow: Option<String>,
        /// Leave out duration, packet and byte counts.
        #[arg(long)]
        no_stats: bool,
    },
    /// Add a group (`group_id=1,type=select,bucket=...`).
    AddGroup { switch: String, group: String },
    /// Map Geneve options to tun_metadata fields.
    AddTlvMap { switch: String, map: String },
    /// Print port statistics.
    DumpPorts {
        switch: String,
        port: Option<String>,
    },
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("rovn-ofctl: {msg}");
    ExitCode::FAILURE
}

async fn connect(s: &str) -> Result<Client, ConnError> {
    Client::connect(s).await.map(|(c, _)| c)
}

fn report(errors: &[TxnError], what: &[String]) -> ExitCode {
    if errors.is_empty() {
        return ExitCode::SUCCESS;
    }
    for e in errors {
        match e.index.and_then(|i| what.get(i)) {
            Some(w) => eprintln!("rovn-ofctl: {}: {w}", e.error.name()),
            None => eprintln!("rovn-ofctl: {}", e.error.name()),
        }
    }
    ExitCode::FAILURE
}

async fn apply(c: &Client, mods: Vec<Message>, what: Vec<String>, bundle: bool) -> ExitCode {
    let r = if bundle {
        c.bundle(1, mods).await
    } else {
        c.transact(mods).await
    };
    match r {
        Ok(e) => report(&e, &what),
        Err(e) => fail(e),
    }
}

fn stats_line(f: &openflow::wire::msg::FlowStats) -> String {
    let flow = Flow::from_stats(f);
    let plain = flow.to_dump_string();
    // Insert statistics where ovs-ofctl puts them.
    let rest = plain
        .split_once(", table=")
        .map(|x| x.1)
        .unwrap_or("")
        .split_once(", ")
        .map(|x| x.1)
        .unwrap_or("");
    let (attrs, tail) = match rest.find("priority=").or_else(|| rest.find(" actions=")) {
        Some(i) => rest.split_at(i),
        None => ("", rest),
    };
    let idle_age = f.idle_time.map(|t| t.0).unwrap_or(f.duration_sec);
    format!(
        "cookie={:#x}, duration={}.{:03}s, table={}, n_packets={}, n_bytes={}, {attrs}idle_age={idle_age}, {tail}",
        flow.cookie,
        f.duration_sec,
        f.duration_nsec / 1_000_000,
        flow.table_id,
        f.packet_count,
        f.byte_count,
    )
    .replace("cookie=0x0,", "cookie=0x0,")
}

async fn main_async(cli: Cli) -> ExitCode {
    match cli.cmd {
        Cmd::AddFlow { switch, flow } => {
            let f = match parse_flow(&flow) {
                Ok(f) => f,
                Err(e) => return fail(format!("{flow}: {e}")),
            };
            let c = match connect(&switch).await {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            apply(
                &c,
                vec![Message::FlowMod(f.to_flow_mod(FlowModCommand::Add))],
                vec![flow],
                cli.bundle,
            )
            .await
        }
        Cmd::AddFlows { switch, file } => {
            let text = if file == "-" {
                std::io::read_to_string(std::io::stdin())
            } else {
                std::fs::read_to_string(&file)
            };
            let text = match text {
                Ok(t) => t,
                Err(e) => return fail(format!("{file}: {e}")),
            };
            let mut mods = Vec::new();
            let mut what = Vec::new();
            for (n, line) in text.lines().enumerate() {
                let l = line.trim();
                if l.is_empty() || l.starts_with('#') {
                    continue;
                }
                match parse_flow(l) {
                    Ok(f) => mods.push(Message::FlowMod(f.to_flow_mod(FlowModCommand::Add))),
                    Err(e) => return fail(format!("{file}:{}: {e}", n + 1)),
                }
                what.push(l.to_string());
            }
            let c = match connect(&switch).await {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            apply(&c, mods, what, cli.bundle).await
        }
        Cmd::DelFlows { switch, flow } => {
            let spec = match flow
                .as_deref()
                .map(|f| parse_flow_spec(f, false))
                .transpose()
            {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let mut fm = FlowMod {
                command: if cli.strict {
                    FlowModCommand::DeleteStrict
                } else {
                    FlowModCommand::Delete
                },
                table_id: 0xff,
                ..Default::default()
            };
            if let Some(s) = &spec {
                fm = s.flow.to_flow_mod(fm.command);
                fm.instructions.clear();
                fm.cookie_mask = s.cookie_mask;
                if !s.table_given {
                    fm.table_id = 0xff;
                }
            }
            let c = match connect(&switch).await {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            apply(
                &c,
                vec![Message::FlowMod(fm)],
                vec![flow.unwrap_or_default()],
                cli.bundle,
            )
            .await
        }
        Cmd::DumpFlows {
            switch,
            flow,
            no_stats,
        } => {
            let mut req = FlowStatsRequest::default();
            if let Some(f) = &flow {
                match parse_flow_spec(f, false) {
                    Ok(s) => {
                        if s.table_given {
                            req.table_id = s.flow.table_id;
                        }
                        req.cookie = s.flow.cookie;
                        req.cookie_mask = s.cookie_mask;
                        req.matching = s.flow.matching;
                    }
                    Err(e) => return fail(e),
                }
            }
            let c = match connect(&switch).await {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let msg = Message::MultipartRequest(Multipart {
                kind: kind::FLOW,
                flags: 0,
                body: MultipartBody::FlowStatsRequest(req),
            });
            let parts = match c.request(msg).await {
                Ok(p) => p,
                Err(e) => return fail(e),
            };
            for p in parts {
                if let Message::MultipartReply(Multipart {
                    body: MultipartBody::FlowStatsReply(fs),
                    ..
                }) = p
                {
                    for f in &fs {
                        if no_stats {
                            println!(" {}", Flow::from_stats(f).to_no_stats_string());
                        } else {
                            println!(" {}", stats_line(f));
                        }
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Cmd::AddGroup { switch, group } => {
            let g = match parse_group(&group) {
                Ok(g) => g,
                Err(e) => return fail(e),
            };
            let c = match connect(&switch).await {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            apply(&c, vec![Message::GroupMod(g)], vec![group], false).await
        }
        Cmd::AddTlvMap { switch, map } => {
            let maps = match parse_tlv_maps(&map) {
                Ok(m) => m,
                Err(e) => return fail(e),
            };
            let c = match connect(&switch).await {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let m = Message::Nx(NxMessage::TlvTableMod { command: 0, maps });
            apply(&c, vec![m], vec![map], false).await
        }
        Cmd::DumpPorts { switch, port } => {
            let port_no = match port.as_deref().map(openflow::text::value::parse_port) {
                None => 0xffff_ffff,
                Some(Some(p)) => p,
                Some(None) => return fail("bad port"),
            };
            let c = match connect(&switch).await {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let msg = Message::MultipartRequest(Multipart {
                kind: kind::PORT_STATS,
                flags: 0,
                body: MultipartBody::PortStatsRequest { port_no },
            });
            let parts = match c.request(msg).await {
                Ok(p) => p,
                Err(e) => return fail(e),
            };
            for p in parts {
                if let Message::MultipartReply(Multipart {
                    body: MultipartBody::PortStatsReply(ps),
                    ..
                }) = p
                {
                    println!("{} ports", ps.len());
                    for s in ps {
                        let name = openflow::text::value::port_name(s.port_no);
                        println!(
                            "  port {name:>5}: rx pkts={}, bytes={}, drop={}, errs={}",
                            s.rx_packets, s.rx_bytes, s.rx_dropped, s.rx_errors
                        );
                        println!(
                            "           tx pkts={}, bytes={}, drop={}, errs={}",
                            s.tx_packets, s.tx_bytes, s.tx_dropped, s.tx_errors
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(e),
    };
    rt.block_on(main_async(cli))
}
