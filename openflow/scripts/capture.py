#!/usr/bin/env python3
"""Capture the OpenFlow bytes that `ovs-ofctl` sends, by posing as a switch.

Usage: capture.py OVS-OFCTL-ARGS...   (use the literal word SWITCH where the
switch remote goes). Prints one line of hex per message ovs-ofctl sent
(hello/echo/features/barrier handshake traffic is answered and not printed).
Used once to produce tests/data/*.txt; the tests do not need it.
"""
import os, socket, struct, subprocess, sys, tempfile, threading

def main():
    d = tempfile.mkdtemp()
    path = os.path.join(d, "sw.sock")
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(1)
    args = ["unix:" + path if a == "SWITCH" else a for a in sys.argv[1:]]
    p = subprocess.Popen(["ovs-ofctl"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    srv.settimeout(5)
    c, _ = srv.accept()
    c.settimeout(2)
    buf = b""
    out = []
    ver = [6]
    def send(t, xid, body=b""):
        c.sendall(struct.pack("!BBHI", ver[0], t, 8 + len(body), xid) + body)
    send(0, 1, struct.pack("!HHI", 1, 8, 0x7e))
    try:
        while True:
            data = c.recv(65536)
            if not data:
                break
            buf += data
            while len(buf) >= 8:
                v, t, ln, xid = struct.unpack("!BBHI", buf[:8])
                if len(buf) < ln:
                    break
                msg, buf = buf[:ln], buf[ln:]
                if t == 0:
                    ver[0] = min(v, 6)  # reply in the negotiated version
                    continue
                if t == 2:
                    send(3, xid, msg[8:]); continue
                if t == 5:
                    send(6, xid, struct.pack("!QIBBHII", 1, 256, 254, 0, 0, 0x4f, 0)); continue
                if t == 18 and msg[8:10] == b"\x00\x0c":  # table-features probe
                    send(1, xid, struct.pack("!HH", 1, 2) + msg); continue
                if t == 33:  # bundle control: acknowledge (type + 1)
                    out.append(msg.hex())
                    body = bytearray(msg[8:]); body[5] += 1
                    send(33, xid, bytes(body)); continue
                if t == 20:  # barrier request (OF1.3+)
                    send(21, xid); continue
                out.append(msg.hex())
    except socket.timeout:
        pass
    p.kill()
    p.wait()
    for h in out:
        print(h)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.read().decode())

main()
