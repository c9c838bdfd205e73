"""Keeps an OVN_Northbound replica with the Python `ovs` IDL against a server, through
IDL transactions, changes made by another client, and a server restart.

Usage: idl_replica.py REMOTE SCHEMA. Prints one line per step; prints RESTART and waits
for a line on stdin while the caller restarts the server; ends with PASS (exit 0)."""
import json, subprocess, sys, time

import ovs.db.idl, ovs.poller

remote, schema_path = sys.argv[1], sys.argv[2]
helper = ovs.db.idl.SchemaHelper(schema_path)
helper.register_all()
idl = ovs.db.idl.Idl(remote, helper)


def spin(until, what, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        idl.run()
        if until():
            print("ok:", what, flush=True)
            return
        p = ovs.poller.Poller()
        idl.wait(p)
        p.timer_wait(50)
        p.block()
    print("FAIL: timed out waiting for", what, flush=True)
    sys.exit(1)


def names():
    return sorted(r.name for r in idl.tables["Logical_Switch"].rows.values())


def other_transact(ops):
    out = subprocess.run(["ovsdb-client", "transact", remote,
                          json.dumps(["OVN_Northbound"] + ops)],
                         capture_output=True, text=True, timeout=20)
    assert out.returncode == 0 and "error" not in out.stdout, out


def idl_txn(fill):
    txn = ovs.db.idl.Transaction(idl)
    fill(txn)
    status = txn.commit_block()
    assert status == ovs.db.idl.Transaction.SUCCESS, txn.get_error()


spin(lambda: idl.has_ever_connected(), "initial sync")


def insert_a(txn):
    row = txn.insert(idl.tables["Logical_Switch"])
    row.name = "a"
    row.other_config = {"subnet": "10.0.0.0/24"}


idl_txn(insert_a)
spin(lambda: names() == ["a"], "IDL insert seen in replica")
other_transact([{"op": "insert", "table": "Logical_Switch", "row": {"name": "b"}}])
spin(lambda: names() == ["a", "b"], "insert by another client")


def rename_a(txn):
    for r in idl.tables["Logical_Switch"].rows.values():
        if r.name == "a":
            r.name = "a2"
            r.verify("other_config")


idl_txn(rename_a)
spin(lambda: names() == ["a2", "b"], "IDL update")
other_transact([{"op": "delete", "table": "Logical_Switch", "where": [["name", "==", "b"]]}])
spin(lambda: names() == ["a2"], "delete by another client")
other_transact([{"op": "mutate", "table": "Logical_Switch", "where": [["name", "==", "a2"]],
                 "mutations": [["other_config", "insert", ["map", [["x", "1"]]]]]}])
spin(lambda: any(r.other_config.get("x") == "1"
                 for r in idl.tables["Logical_Switch"].rows.values()), "mutate by another client")

print("RESTART", flush=True)
sys.stdin.readline()
other_transact([{"op": "insert", "table": "Logical_Switch", "row": {"name": "c"}}])
spin(lambda: names() == ["a2", "c"], "replica resynced after server restart", timeout=30)
print("PASS", flush=True)
