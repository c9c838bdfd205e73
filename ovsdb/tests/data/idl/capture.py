#!/usr/bin/env python3
"""Captures monitor transcripts from a real ovsdb-server for the IDL transcript tests.

Usage: python3 capture.py OUT.json
Starts ovsdb-server on tests/data/ordinals.ovsschema (a one-server cluster) in a temporary directory, drives
it over its unix socket with raw JSON-RPC (no OVS library), and writes every monitor
reply and notification together with a `select` snapshot of the monitored tables taken
after each step, which is what the replica must equal. Kills only the server it started.
"""
import json, os, shutil, signal, socket, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "ordinals.ovsschema")
DB = "ordinals"
ZERO = "00000000-0000-0000-0000-000000000000"
MON_ID = "rovn-idl-ordinals"

ORD_COLS = ["number", "name", "color", "small", "ratio", "flag", "tags", "opts",
            "fixed", "scratch", "kids", "weak"]
COLUMNS = {"ordinals": ORD_COLS, "child": ["v", "strong"], "wk": ["weak1", "n"]}


class Conn:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)
        self.path = path
        self.buf = ""
        self.dec = json.JSONDecoder()
        self.n = 0
        self.pending = []  # notifications seen while waiting for replies

    def send(self, msg):
        self.s.sendall(json.dumps(msg).encode())

    def recv(self, timeout):
        self.s.settimeout(timeout)
        while True:
            stripped = self.buf.lstrip()
            if stripped:
                try:
                    v, end = self.dec.raw_decode(stripped)
                    self.buf = stripped[end:]
                    return v
                except json.JSONDecodeError:
                    pass
            try:
                data = self.s.recv(65536)
            except socket.timeout:
                return None
            if not data:
                return None
            self.buf += data.decode()

    def call(self, method, params):
        self.n += 1
        rid = self.n
        self.send({"method": method, "params": params, "id": rid})
        while True:
            m = self.recv(5)
            if m is None:
                raise RuntimeError("no reply to %s" % method)
            if m.get("id") == rid and "result" in m:
                if m.get("error"):
                    raise RuntimeError(m["error"])
                return m["result"]
            if m.get("method") == "echo":
                self.send({"result": m["params"], "error": None, "id": m["id"]})
            elif m.get("id") is None and "method" in m:
                self.pending.append(m)

    def notifications(self, wait=0.5):
        """Notifications that arrive within `wait` seconds of the last one."""
        out, self.pending = self.pending, []
        while True:
            m = self.recv(wait)
            if m is None:
                return out
            if m.get("method") == "echo":
                self.send({"result": m["params"], "error": None, "id": m["id"]})
            elif m.get("id") is None:
                out.append({"method": m["method"], "params": m["params"]})

    def close(self):
        self.s.close()


def requests(where=None):
    req = {}
    for t, cols in COLUMNS.items():
        r = {"columns": cols}
        if where and t in where:
            r["where"] = where[t]
        req[t] = [r]
    return req


def snapshot(w, where=None):
    ops = [DB]
    for t, cols in COLUMNS.items():
        ops.append({"op": "select", "table": t, "where": (where or {}).get(t, []),
                    "columns": ["_uuid"] + cols})
    res = w.call("transact", ops)
    return {t: r["rows"] for t, r in zip(COLUMNS, res)}


def select_uuid(w, table, cond):
    res = w.call("transact", [DB, {"op": "select", "table": table, "where": [cond],
                                   "columns": ["_uuid"]}])
    return res[0]["rows"][0]["_uuid"][1]


def transact(w, ops):
    res = w.call("transact", [DB] + ops)
    for r in res:
        if isinstance(r, dict) and "error" in r:
            raise RuntimeError("txn failed: %s -> %s" % (ops, res))
    return res


def main(out):
    tmp = tempfile.mkdtemp(prefix="rovn-idl-capture-")
    db = os.path.join(tmp, "db")
    sock = os.path.join(tmp, "sock")
    pidfile = os.path.join(tmp, "pid")
    # A (one-server) clustered database: only those keep the transaction history that
    # lets monitor_cond_since resume with found = true.
    subprocess.check_call(["ovsdb-tool", "create-cluster", db, SCHEMA,
                           "unix:" + os.path.join(tmp, "raft")])
    server = subprocess.Popen([
        "ovsdb-server", db, "--remote=punix:" + sock, "--pidfile=" + pidfile,
        "--log-file=" + os.path.join(tmp, "log"), "--unixctl=" + os.path.join(tmp, "ctl"),
        "--no-chdir"])
    try:
        for _ in range(200):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        capture(sock, out)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def step(w, mon, ops, where=None):
    transact(w, ops)
    return {"txn": ops, "notifications": mon.notifications(), "snapshot": snapshot(w, where)}


def capture(sock, out):
    w = Conn(sock)
    transact(w, [
        {"op": "insert", "table": "ordinals", "uuid-name": "one",
         "row": {"number": 1, "name": "one", "color": "red", "small": ["set", [1, 2]],
                 "ratio": 0.5, "flag": True, "tags": ["set", ["a", "b"]],
                 "opts": ["map", [["x", 1], ["y", 2]]], "fixed": "f1", "scratch": "s",
                 "kids": ["named-uuid", "c1"]}},
        {"op": "insert", "table": "child", "uuid-name": "c1", "row": {"v": 7}},
        {"op": "insert", "table": "ordinals",
         "row": {"number": 2, "name": "two", "weak": ["named-uuid", "one"]}},
        {"op": "insert", "table": "wk", "row": {"n": 1, "weak1": ["named-uuid", "one"]}},
    ])
    # ovsdb-server drops transaction history that outweighs the database itself, so
    # give the database some bulk that stays (rows of wk pointing at "two").
    transact(w, [{"op": "insert", "table": "wk",
                  "row": {"n": 100 + i, "weak1": ["uuid", two],
                          }} for i in range(40)
                 for two in [select_uuid(w, "ordinals", ["number", "==", 2])]])
    sessions = []

    # Main session: initial contents, then one notification per transaction.
    mon = Conn(sock)
    params = [DB, MON_ID, requests(), ZERO]
    reply = mon.call("monitor_cond_since", params)
    events = [{"reply": reply, "snapshot": snapshot(w)}]
    events.append(step(w, mon, [{"op": "insert", "table": "ordinals",
                                 "row": {"number": 3, "name": "three", "tags": "z"}}]))
    events.append(step(w, mon, [{"op": "update", "table": "ordinals",
                                 "where": [["number", "==", 1]],
                                 "row": {"color": "blue", "ratio": ["set", []],
                                         "opts": ["map", [["x", 5], ["z", 3]]]}}]))
    events.append(step(w, mon, [{"op": "mutate", "table": "ordinals",
                                 "where": [["number", "==", 1]],
                                 "mutations": [["small", "insert", ["set", [-3]]],
                                               ["small", "delete", ["set", [1]]],
                                               ["tags", "insert", "c"],
                                               ["number", "+=", 10]]}]))
    events.append(step(w, mon, [{"op": "delete", "table": "ordinals",
                                 "where": [["number", "==", 3]]}]))
    # A weak reference to a new row; then deleting "one" (now number 11) removes the
    # weak references to it and garbage-collects its child.
    events.append(step(w, mon, [
        {"op": "update", "table": "wk", "where": [], "row": {"n": 5}},
        {"op": "insert", "table": "ordinals", "uuid-name": "w",
         "row": {"number": 4, "name": "four"}},
        {"op": "mutate", "table": "wk", "where": [], "mutations": [["weak1", "insert", ["named-uuid", "w"]]]},
    ]))
    events.append(step(w, mon, [{"op": "delete", "table": "ordinals",
                                 "where": [["number", "==", 11]]}]))
    events.append(step(w, mon, [
        {"op": "insert", "table": "ordinals", "uuid-name": "n5",
         "row": {"number": 5, "name": "five", "kids": ["named-uuid", "c2"],
                 "weak": ["named-uuid", "n5"]}},
        {"op": "insert", "table": "child", "uuid-name": "c2",
         "row": {"v": 8, "strong": ["named-uuid", "c3"]}},
        {"op": "insert", "table": "child", "uuid-name": "c3", "row": {"v": 9}},
    ]))
    sessions.append({"name": "main", "method": "monitor_cond_since", "params": params,
                     "events": events})
    # The last txn id the main session has seen.
    last_txn = reply[1]
    for e in events[1:]:
        for n in e["notifications"]:
            last_txn = n["params"][1]
    mon.close()

    # Changes while disconnected, then a resumed monitor: found = true, only what was
    # missed. (Deleting rows here would make ovsdb-server drop its history, which it
    # keeps no heavier than the database.)
    transact(w, [{"op": "update", "table": "ordinals", "where": [["number", "==", 5]],
                  "row": {"name": "FIVE"}},
                 {"op": "mutate", "table": "ordinals", "where": [["number", "==", 4]],
                  "mutations": [["tags", "insert", ["set", ["p", "q"]]]]}])
    mon = Conn(sock)
    params = [DB, MON_ID, requests(), last_txn]
    reply = mon.call("monitor_cond_since", params)
    sessions.append({"name": "resumed", "after": "main", "method": "monitor_cond_since",
                     "params": params, "events": [{"reply": reply, "snapshot": snapshot(w)}]})
    mon.close()

    # A txn id the server does not know: found = false, the whole replica again.
    bogus = "11111111-2222-3333-4444-555555555555"
    mon = Conn(sock)
    params = [DB, MON_ID, requests(), bogus]
    reply = mon.call("monitor_cond_since", params)
    sessions.append({"name": "unknown_txn_id", "after": "main", "method": "monitor_cond_since",
                     "params": params, "events": [{"reply": reply, "snapshot": snapshot(w)}]})
    mon.close()

    # Conditional monitor: rows enter and leave the condition.
    where = {"ordinals": [["number", "<", 10]], "child": [["v", ">=", 9]]}
    mon = Conn(sock)
    params = [DB, MON_ID, requests(where), ZERO]
    reply = mon.call("monitor_cond_since", params)
    events = [{"reply": reply, "snapshot": snapshot(w, where)}]
    events.append(step(w, mon, [{"op": "update", "table": "ordinals",
                                 "where": [["number", "==", 5]], "row": {"number": 50}}], where))
    events.append(step(w, mon, [{"op": "update", "table": "ordinals",
                                 "where": [["number", "==", 50]], "row": {"number": 6}}], where))
    events.append(step(w, mon, [{"op": "update", "table": "child",
                                 "where": [["v", "==", 8]], "row": {"v": 10}}], where))
    sessions.append({"name": "conditional", "method": "monitor_cond_since", "params": params,
                     "where": where, "events": events})
    mon.close()

    # monitor_cond: update2 notifications.
    mon = Conn(sock)
    params = [DB, MON_ID, requests()]
    reply = mon.call("monitor_cond", params)
    events = [{"reply": reply, "snapshot": snapshot(w)}]
    events.append(step(w, mon, [{"op": "mutate", "table": "ordinals",
                                 "where": [["number", "==", 6]],
                                 "mutations": [["opts", "insert", ["map", [["k", 1]]]]]}]))
    events.append(step(w, mon, [{"op": "delete", "table": "ordinals", "where": []},
                                {"op": "delete", "table": "wk", "where": []}]))
    sessions.append({"name": "update2", "method": "monitor_cond", "params": params,
                     "events": events})
    mon.close()
    w.close()
    with open(out, "w") as f:
        json.dump({"schema": "ordinals.ovsschema", "sessions": sessions}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
