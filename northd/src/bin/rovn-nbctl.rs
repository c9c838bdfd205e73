//! `rovn-nbctl`: the OVN_Northbound command-line tool, a drop-in for `ovn-nbctl`.
//!
//! ```text
//! rovn-nbctl [--db=REMOTE] [--wait=none|sb|hv] [-t SECS] [OPTS] CMD [ARG...] [-- CMD...]
//! rovn-nbctl [--db=REMOTE] apply -f FILE [--dry-run]
//! ```
//!
//! The command line is ovn-nbctl's (several commands separated by `--`, per-command
//! options before each command name), which clap cannot express; it is parsed by
//! `northd::nbctl::args`. See `northd::nbctl` for how an invocation runs.

use std::io::Write;
use std::process::ExitCode;

use northd::nbctl::{apply, args, session};

const PROGRAM: &str = "rovn-nbctl";

const USAGE: &str = "\
rovn-nbctl: OVN northbound DB management utility (compatible with ovn-nbctl)
usage: rovn-nbctl [OPTIONS] COMMAND [ARG...] [-- COMMAND [ARG...]]...

General commands:
  init                      initialize the database
  show [SWITCH]             print overview of database contents
  sync                      wait for northd (with --wait) and do nothing else

Logical switch commands:
  ls-add [SWITCH]           create a logical switch named SWITCH
  ls-del SWITCH             delete SWITCH and all its ports
  ls-list                   print the names of all logical switches

ACL commands:
  [--type={ls|pg}] [--log] [--severity=SEVERITY] [--name=NAME] [--meter=METER]
  [--label=LABEL] [--may-exist]
  acl-add {SWITCH | PORTGROUP} DIRECTION PRIORITY MATCH ACTION
  [--type={switch | port-group}]
  acl-del {SWITCH | PORTGROUP} [DIRECTION [PRIORITY MATCH]]
  [--type={switch | port-group}]
  acl-list {SWITCH | PORTGROUP}

Logical switch port commands:
  lsp-add SWITCH PORT [PARENT TAG]
  lsp-del PORT, lsp-list SWITCH, lsp-get-ls PORT
  lsp-set-addresses PORT [ADDRESS]..., lsp-get-addresses PORT
  lsp-set-port-security PORT [ADDRS]..., lsp-get-port-security PORT
  lsp-get-up PORT, lsp-set-enabled PORT STATE, lsp-get-enabled PORT
  lsp-set-type PORT TYPE, lsp-get-type PORT
  lsp-set-options PORT KEY=VALUE [KEY=VALUE]..., lsp-get-options PORT
  lsp-get-parent PORT, lsp-get-tag PORT
  lsp-set-dhcpv4-options PORT [DHCP_OPT_UUID], lsp-get-dhcpv4-options PORT
  lsp-set-dhcpv6-options PORT [DHCP_OPT_UUID], lsp-get-dhcpv6-options PORT

DHCP Options commands:
  dhcp-options-create CIDR [EXTERNAL_IDS]
  dhcp-options-del DHCP_OPT_UUID, dhcp-options-list
  dhcp-options-set-options DHCP_OPT_UUID KEY=VALUE [KEY=VALUE]...
  dhcp-options-get-options DHCP_OPT_UUID

Logical router commands:
  lr-add [ROUTER], lr-del ROUTER, lr-list
  lrp-add ROUTER PORT MAC NETWORK... [COLUMN[:KEY]=VALUE]...
  lrp-del PORT, lrp-list ROUTER

Port group commands:
  pg-add PG [PORTS]         create port group PG with optional PORTS
  pg-set-ports PG PORTS     set PORTS on port group PG
  pg-del PG                 delete port group PG

Database commands:
  list TABLE [RECORD]...    list records in TABLE
  find TABLE CONDITION...   list records satisfying CONDITION in TABLE
  get TABLE RECORD COLUMN[:KEY]...
  set TABLE RECORD COLUMN[:KEY]=VALUE...
  add TABLE RECORD COLUMN [KEY=]VALUE...
  remove TABLE RECORD COLUMN KEY|VALUE|KEY=VALUE...
  clear TABLE RECORD COLUMN...
  create TABLE COLUMN[:KEY]=VALUE...
  destroy TABLE RECORD...
  wait-until TABLE RECORD [COLUMN[:KEY]=VALUE]...

Declarative:
  apply -f FILE [--dry-run] converge the database to a YAML/JSON document

Options:
  --db=DATABASE             connect to DATABASE (default: $OVN_NB_DB or
                            unix:/var/run/ovn/ovnnb_db.sock)
  --no-wait, --wait=none    do not wait for ovn-northd
  --wait=sb                 wait for ovn-northd to process the change
  --wait=hv                 wait for every chassis to process the change
  -t, --timeout=SECS        give up after SECS seconds
  --format=list|table|csv|json, --data=bare, --no-headings, --bare, --oneline
  -v, --verbose             log to stderr
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let env_db = std::env::var("OVN_NB_DB").ok();
    let inv = match args::parse(&argv, env_db.as_deref()) {
        Ok(i) => i,
        Err(e) => return fail(&e, 1),
    };
    if inv.help {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if inv.version {
        println!("{PROGRAM} (rovn) {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    if inv.commands.is_empty() {
        return fail("missing command name (use --help for help)", 1);
    }
    if let Some(filter) = &inv.verbose {
        let filter = tracing_subscriber::EnvFilter::try_new(filter)
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("debug"));
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail(&format!("cannot start runtime: {e}"), 1),
    };
    let outcome = if inv.commands.iter().any(|c| c.name == "apply") {
        let (path, dry_run) = match apply_args(&inv) {
            Ok(x) => x,
            Err(e) => return fail(&e, 1),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => return fail(&format!("{path}: {e}"), 1),
        };
        let doc = match apply::parse_document(&path, &text) {
            Ok(d) => d,
            Err(e) => return fail(&e, 1),
        };
        runtime.block_on(session::apply(&inv, &doc, dry_run))
    } else {
        runtime.block_on(session::run(&inv))
    };
    print!("{}", outcome.stdout);
    let _ = std::io::stdout().flush();
    if outcome.code != 0 {
        return fail(&outcome.stderr, outcome.code);
    }
    ExitCode::SUCCESS
}

/// `apply -f FILE [--dry-run]` (the only command of its invocation).
fn apply_args(inv: &args::Invocation) -> Result<(String, bool), String> {
    let [cmd] = inv.commands.as_slice() else {
        return Err("'apply' cannot be combined with other commands".into());
    };
    let mut dry_run = cmd.has("--dry-run");
    let mut path = None;
    let mut it = cmd.args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-f" | "--file" => path = it.next().cloned(),
            "--dry-run" => dry_run = true,
            other => match other.strip_prefix("--file=") {
                Some(p) => path = Some(p.to_string()),
                None => return Err(format!("apply: unexpected argument '{other}'")),
            },
        }
    }
    let path = path.ok_or("apply: missing -f FILE")?;
    Ok((path, dry_run))
}

fn fail(msg: &str, code: i32) -> ExitCode {
    for line in msg.lines() {
        eprintln!("{PROGRAM}: {line}");
    }
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
