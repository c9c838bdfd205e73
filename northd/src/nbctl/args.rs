//! The `ovn-nbctl` command line: global options, then commands separated by `--`, each
//! with its own `--option[=value]`s before its name.
//!
//! `ovn-nbctl [GLOBAL-OPTS] [CMD-OPTS] CMD ARG... [-- [CMD-OPTS] CMD ARG...]...`
//!
//! clap cannot express this grammar (several commands, options that belong to the
//! command that follows them, `--` as a separator), so it is parsed here, as
//! ovs-vsctl and ovn-nbctl parse it: an option before the first command is global if
//! it is one of [`GLOBAL_OPTIONS`], otherwise it belongs to the first command. Checking
//! a command's options against what it accepts happens in `commands`.
//!
//! Invariant: parsing is pure (the environment is passed in) and never panics.

use std::collections::BTreeMap;

/// Where to wait after committing (`--wait`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WaitFor {
    /// Do not wait (default; `--no-wait`, `--wait=none`).
    #[default]
    None,
    /// Until ovn-northd has processed the change (`NB_Global.sb_cfg`).
    Sb,
    /// Until every chassis has (`NB_Global.hv_cfg`).
    Hv,
}

/// How `list`, `find` and `get`-like output is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableStyle {
    /// `list` (default), `table`, `csv` or `json`.
    pub format: String,
    /// `--data=bare`: values without quotes or brackets.
    pub bare_data: bool,
    /// `--no-headings`.
    pub headings: bool,
    /// `--oneline`: each command's output on one line (`\n` and `\\` escaped).
    pub oneline: bool,
}

impl Default for TableStyle {
    fn default() -> TableStyle {
        TableStyle {
            format: "list".into(),
            bare_data: false,
            headings: true,
            oneline: false,
        }
    }
}

/// One command: its options (`--name` → value), name and arguments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Command {
    pub options: BTreeMap<String, Option<String>>,
    pub name: String,
    pub args: Vec<String>,
}

impl Command {
    pub fn has(&self, opt: &str) -> bool {
        self.options.contains_key(opt)
    }
    pub fn value(&self, opt: &str) -> Option<&str> {
        self.options.get(opt).and_then(|v| v.as_deref())
    }
}

/// A whole invocation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Invocation {
    /// `--db`, else `$OVN_NB_DB`, else the default socket.
    pub db: String,
    pub wait: WaitFor,
    /// `-t/--timeout` in seconds (0: none).
    pub timeout: u64,
    /// `-v`: log filter.
    pub verbose: Option<String>,
    pub style: TableStyle,
    pub commands: Vec<Command>,
    /// `--help` / `--version` asked.
    pub help: bool,
    pub version: bool,
}

/// The default NB remote.
pub const DEFAULT_DB: &str = "unix:/var/run/ovn/ovnnb_db.sock";

/// Options that are global when they come before the first command.
pub const GLOBAL_OPTIONS: &[&str] = &[
    "--db",
    "--wait",
    "--no-wait",
    "--timeout",
    "--verbose",
    "--format",
    "--data",
    "--no-headings",
    "--bare",
    "--pretty",
    "--oneline",
    "--no-syslog",
    "--leader-only",
    "--no-leader-only",
    "--print-wait-time",
    "--help",
    "--version",
];

/// Parses `args` (without the program name); `env_db` is `$OVN_NB_DB`.
pub fn parse(args: &[String], env_db: Option<&str>) -> Result<Invocation, String> {
    let mut inv = Invocation {
        db: env_db.unwrap_or(DEFAULT_DB).to_string(),
        ..Invocation::default()
    };
    let mut i = 0;
    let mut pending: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut first = true;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            first = false;
            continue;
        }
        if let Some(opt) = a.strip_prefix('-').filter(|_| a.len() > 1) {
            let (name, value) = split_option(opt, args.get(i + 1));
            let mut consumed = 1;
            if let Some((n, v, used_next)) = value {
                // Short options take their value from the next word.
                if used_next {
                    consumed = 2;
                }
                if first && is_global(&n) {
                    apply_global(&mut inv, &n, v)?;
                } else {
                    pending.insert(n, v);
                }
            } else if first && is_global(&name) {
                apply_global(&mut inv, &name, None)?;
            } else {
                pending.insert(name, None);
            }
            i += consumed;
            continue;
        }
        // A command name, and its arguments up to the next "--".
        let mut cmd = Command {
            options: std::mem::take(&mut pending),
            name: a.clone(),
            args: Vec::new(),
        };
        i += 1;
        while i < args.len() && args[i] != "--" {
            cmd.args.push(args[i].clone());
            i += 1;
        }
        inv.commands.push(cmd);
        first = false;
    }
    if !pending.is_empty() {
        let names: Vec<&String> = pending.keys().collect();
        return Err(format!(
            "missing command name (use --help for help) after {names:?}"
        ));
    }
    Ok(inv)
}

/// Splits `-x`, `--name`, `--name=value`; short options with values (`-t N`) take the
/// next word. Returns the long name and, when a value was given, `(name, value,
/// used_next_word)`.
#[allow(clippy::type_complexity)]
fn split_option(
    opt: &str,
    next: Option<&String>,
) -> (String, Option<(String, Option<String>, bool)>) {
    if let Some(long) = opt.strip_prefix('-') {
        return match long.split_once('=') {
            Some((n, v)) => {
                let n = format!("--{n}");
                (n.clone(), Some((n, Some(v.to_string()), false)))
            }
            None => (format!("--{long}"), None),
        };
    }
    match opt {
        "t" => (
            "--timeout".into(),
            Some(("--timeout".into(), next.cloned(), next.is_some())),
        ),
        "v" => ("--verbose".into(), None),
        // `-vSPEC`: verbose with a log filter.
        v if v.starts_with('v') => {
            let spec = v[1..].trim_start_matches('=').to_string();
            (
                "--verbose".into(),
                Some(("--verbose".into(), Some(spec), false)),
            )
        }
        "h" => ("--help".into(), None),
        "V" => ("--version".into(), None),
        other => (format!("-{other}"), None),
    }
}

fn is_global(name: &str) -> bool {
    GLOBAL_OPTIONS.contains(&name)
}

fn apply_global(inv: &mut Invocation, name: &str, value: Option<String>) -> Result<(), String> {
    let need = |v: Option<String>| v.ok_or_else(|| format!("option '{name}' requires an argument"));
    match name {
        "--db" => inv.db = need(value)?,
        "--no-wait" => inv.wait = WaitFor::None,
        "--wait" => {
            inv.wait = match need(value)?.as_str() {
                "none" => WaitFor::None,
                "sb" => WaitFor::Sb,
                "hv" => WaitFor::Hv,
                other => {
                    return Err(format!(
                        "argument to --wait must be \"none\", \"sb\", or \"hv\" (not \"{other}\")"
                    ))
                }
            }
        }
        "--timeout" => {
            let v = need(value)?;
            inv.timeout = v
                .parse()
                .map_err(|_| format!("value {v} on -t or --timeout is invalid"))?;
        }
        "--verbose" => inv.verbose = Some(value.unwrap_or_else(|| "debug".into())),
        "--format" => {
            let v = need(value)?;
            if !matches!(v.as_str(), "list" | "table" | "csv" | "json" | "html") {
                return Err(format!("{v}: unknown table format"));
            }
            inv.style.format = v;
        }
        "--data" => {
            let v = need(value)?;
            inv.style.bare_data = match v.as_str() {
                "bare" => true,
                "string" | "json" => false,
                other => return Err(format!("{other}: unknown cell format")),
            };
        }
        "--no-headings" => inv.style.headings = false,
        "--oneline" => inv.style.oneline = true,
        "--bare" => {
            inv.style.format = "list".into();
            inv.style.bare_data = true;
            inv.style.headings = false;
        }
        "--help" => inv.help = true,
        "--version" => inv.version = true,
        // Accepted for compatibility; they change nothing here.
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &[&str]) -> Invocation {
        parse(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>(), None).unwrap()
    }

    #[test]
    fn global_and_command_options() {
        let inv = p(&[
            "--db=unix:/x",
            "--wait=sb",
            "-t",
            "5",
            "--may-exist",
            "ls-add",
            "sw0",
            "--",
            "--if-exists",
            "ls-del",
            "sw1",
        ]);
        assert_eq!(inv.db, "unix:/x");
        assert_eq!(inv.wait, WaitFor::Sb);
        assert_eq!(inv.timeout, 5);
        assert_eq!(inv.commands.len(), 2);
        assert!(inv.commands[0].has("--may-exist"));
        assert_eq!(inv.commands[0].args, ["sw0"]);
        assert!(inv.commands[1].has("--if-exists"));
        assert_eq!(inv.commands[1].name, "ls-del");
    }

    #[test]
    fn bare_and_columns() {
        let inv = p(&["--bare", "--columns=name", "list", "Address_Set"]);
        assert!(inv.style.bare_data);
        assert_eq!(inv.commands[0].value("--columns"), Some("name"));
        assert_eq!(p(&[]).db, DEFAULT_DB);
    }

    #[test]
    fn errors() {
        let a = |s: &[&str]| parse(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>(), None);
        assert!(a(&["--wait=later", "show"]).is_err());
        assert!(a(&["--may-exist"]).is_err());
        assert!(a(&["-t", "x", "show"]).is_err());
    }
}
