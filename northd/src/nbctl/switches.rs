//! Logical switch commands: `init`, `ls-add`, `ls-del`, `ls-list`.
//!
//! Invariant: `init` leaves exactly one `NB_Global` row; the others change only
//! `Logical_Switch` rows (a deleted switch takes its ports and ACLs with it, through
//! the working copy's garbage collection, as the server's).

use ovsdb::typed::nb::{LogicalSwitch, NbGlobal};
use ovsdb::typed::TypedRow;

use super::{find_switch, print_named, CmdResult, Command, Ctx, Spec};

pub fn specs() -> Vec<Spec> {
    vec![
        Spec {
            name: "init",
            min_args: 0,
            max_args: 0,
            options: &[],
            run: init,
        },
        Spec {
            name: "ls-add",
            min_args: 0,
            max_args: 1,
            options: &["--may-exist", "--add-duplicate"],
            run: ls_add,
        },
        Spec {
            name: "ls-del",
            min_args: 1,
            max_args: 1,
            options: &["--if-exists"],
            run: ls_del,
        },
        Spec {
            name: "ls-list",
            min_args: 0,
            max_args: 0,
            options: &[],
            run: ls_list,
        },
        Spec {
            name: "sync",
            min_args: 0,
            max_args: 0,
            options: &[],
            run: sync,
        },
    ]
}

fn init(ctx: &mut Ctx<'_>, _cmd: &Command) -> CmdResult {
    if ctx.db.all::<NbGlobal>()?.is_empty() {
        ctx.db.insert(&NbGlobal::default())?;
    }
    Ok(())
}

/// Changes nothing: with `--wait` the invocation still bumps `nb_cfg` and waits.
fn sync(_ctx: &mut Ctx<'_>, _cmd: &Command) -> CmdResult {
    Ok(())
}

fn ls_add(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let may_exist = cmd.has("--may-exist");
    let add_duplicate = cmd.has("--add-duplicate");
    if may_exist && add_duplicate {
        return Err("--may-exist and --add-duplicate may not be used together".into());
    }
    let name = cmd.args.first();
    if let Some(name) = name {
        let taken = !ctx
            .db
            .find_by_string(LogicalSwitch::TABLE, "name", name)
            .is_empty();
        if !add_duplicate && taken {
            if may_exist {
                return Ok(());
            }
            return Err(format!("{name}: a switch with this name already exists"));
        }
    } else if may_exist {
        return Err("--may-exist requires specifying a name".into());
    } else if add_duplicate {
        return Err("--add-duplicate requires specifying a name".into());
    }
    let ls = LogicalSwitch {
        name: name.cloned().unwrap_or_default(),
        ..LogicalSwitch::default()
    };
    ctx.db.insert(&ls)?;
    Ok(())
}

fn ls_del(ctx: &mut Ctx<'_>, cmd: &Command) -> CmdResult {
    let must_exist = !cmd.has("--if-exists");
    if let Some(ls) = find_switch(ctx.db, &cmd.args[0], must_exist)? {
        ctx.db.delete(LogicalSwitch::TABLE, ls.uuid);
    }
    Ok(())
}

fn ls_list(ctx: &mut Ctx<'_>, _cmd: &Command) -> CmdResult {
    let all = ctx.db.all::<LogicalSwitch>()?;
    print_named(&mut ctx.out, all.into_iter().map(|ls| (ls.uuid, ls.name)));
    Ok(())
}
