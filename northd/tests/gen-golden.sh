#!/bin/bash
# Regenerates the golden data in northd/tests/data/<scenario>/ with the real OVN 23.03:
# for each scenario it starts a private NB and SB ovsdb-server and ovn-northd in a temp
# dir (explicit sockets, pidfiles, logs, unixctl), builds the NB with ovn-nbctl, waits for
# northd to write the SB, and saves:
#   nb.db                 the NB database file (compacted), which the Rust test loads
#   lflows.txt            ovn-sbctl lflow-list
#   sb-*.json             Datapath_Binding, Port_Binding, Multicast_Group, Address_Set,
#                         Port_Group (ovn-sbctl --format=json list)
#   nb-lsp.json           Logical_Switch_Port name/addresses/dynamic_addresses
# (OVN 23.03 has no "pass" ACL action: ACL tiers arrived in 23.06.)
# Only the processes this script starts are stopped, by pid.
#
# usage: gen-golden.sh [OUTDIR] [scenario...]   (OUTDIR defaults to northd/tests/data)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/data}
shift || true
NB_SCHEMA=/usr/share/ovn/ovn-nb.ovsschema
SB_SCHEMA=/usr/share/ovn/ovn-sb.ovsschema

PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    PIDS=()
}
T=
trap 'cleanup; [ -n "$T" ] && rm -rf "$T"' EXIT

start() {
    T=$(mktemp -d)
    ovsdb-tool create "$T/nb.db" "$NB_SCHEMA"
    ovsdb-tool create "$T/sb.db" "$SB_SCHEMA"
    ovsdb-server "$T/nb.db" --remote=punix:"$T/nb.sock" --pidfile="$T/nb.pid" \
        --log-file="$T/nb.log" --unixctl="$T/nb.ctl" --detach --no-chdir || exit 1
    PIDS+=("$(cat "$T/nb.pid")")
    ovsdb-server "$T/sb.db" --remote=punix:"$T/sb.sock" --pidfile="$T/sb.pid" \
        --log-file="$T/sb.log" --unixctl="$T/sb.ctl" --detach --no-chdir || exit 1
    PIDS+=("$(cat "$T/sb.pid")")
    ovn-northd --ovnnb-db=unix:"$T/nb.sock" --ovnsb-db=unix:"$T/sb.sock" \
        --pidfile="$T/northd.pid" --log-file="$T/northd.log" --unixctl="$T/northd.ctl" \
        --detach --no-chdir || exit 1
    PIDS+=("$(cat "$T/northd.pid")")
}
nbctl() { ovn-nbctl --db=unix:"$T/nb.sock" "$@"; }
sbctl() { ovn-sbctl --db=unix:"$T/sb.sock" "$@"; }

# A fixed mac_prefix so IPAM MACs are reproducible (otherwise northd picks a random one).
common() { nbctl set NB_Global . options:mac_prefix=0a:00:00; }

sc_one_switch_two_ports() {
    nbctl ls-add ls1
    nbctl lsp-add ls1 lsp1 -- lsp-set-addresses lsp1 "00:00:00:00:01:01 10.0.0.11"
    nbctl lsp-add ls1 lsp2 -- lsp-set-addresses lsp2 "00:00:00:00:01:02 10.0.0.12"
}
sc_port_security() {
    nbctl ls-add ls1
    nbctl lsp-add ls1 lsp1 -- lsp-set-addresses lsp1 "00:00:00:00:01:01 10.0.0.11" \
        -- lsp-set-port-security lsp1 "00:00:00:00:01:01 10.0.0.11"
    nbctl lsp-add ls1 lsp2 -- lsp-set-addresses lsp2 "00:00:00:00:01:02 10.0.0.12 fd00::12" \
        -- lsp-set-port-security lsp2 "00:00:00:00:01:02"
    nbctl lsp-add ls1 lsp3 -- lsp-set-addresses lsp3 "00:00:00:00:01:03 10.0.0.13 fd00::13" \
        -- lsp-set-port-security lsp3 "00:00:00:00:01:03 10.0.0.13/24 fd00::13/64"
    nbctl lsp-add ls1 lsp4 -- lsp-set-addresses lsp4 "00:00:00:00:01:04 10.0.0.14 10.0.0.15" \
        -- lsp-set-port-security lsp4 "00:00:00:00:01:04 10.0.0.14 10.0.0.15" "00:00:00:00:01:44"
}
two_ports() {
    nbctl ls-add ls1
    nbctl lsp-add ls1 lsp1 -- lsp-set-addresses lsp1 "00:00:00:00:01:01 10.0.0.11"
    nbctl lsp-add ls1 lsp2 -- lsp-set-addresses lsp2 "00:00:00:00:01:02 10.0.0.12"
}
sc_acl_stateless_actions() {
    two_ports
    nbctl acl-add ls1 from-lport 1001 'inport == "lsp1" && ip4.dst == 10.0.0.99' drop
    nbctl acl-add ls1 from-lport 1002 'inport == "lsp1" && udp' allow-stateless
    nbctl acl-add ls1 from-lport 1003 'inport == "lsp1" && tcp.dst == 22' reject
    nbctl acl-add ls1 from-lport 1005 'inport == "lsp1" && tcp.dst == 80' allow
    nbctl acl-add ls1 to-lport 1001 'outport == "lsp2" && ip4.src == 10.0.0.99' drop
    nbctl acl-add ls1 to-lport 1002 'outport == "lsp2" && udp' allow-stateless
    nbctl acl-add ls1 to-lport 1003 'outport == "lsp2" && tcp.dst == 22' reject
    nbctl acl-add ls1 to-lport 1005 'outport == "lsp2" && tcp.dst == 80' allow
}
sc_acl_all_actions() {
    sc_acl_stateless_actions
    nbctl acl-add ls1 from-lport 1006 'inport == "lsp1" && tcp.dst == 443' allow-related
    nbctl acl-add ls1 to-lport 1006 'outport == "lsp2" && tcp.dst == 443' allow-related
}
sc_stateful_default_deny() {
    two_ports
    nbctl pg-add pg_pods lsp1 lsp2
    nbctl acl-add pg_pods to-lport 1001 'outport == @pg_pods && ip4' drop
    nbctl acl-add pg_pods to-lport 1002 'outport == @pg_pods && icmp4' allow-related
    nbctl acl-add pg_pods from-lport 1001 'inport == @pg_pods && ip4' drop
    nbctl acl-add pg_pods from-lport 1002 'inport == @pg_pods && ip4' allow-related
}
sc_pg_and_as() {
    nbctl ls-add ls1
    nbctl lsp-add ls1 lsp1 -- lsp-set-addresses lsp1 "00:00:00:00:01:01 10.0.0.11 fd00::11"
    nbctl lsp-add ls1 lsp2 -- lsp-set-addresses lsp2 "00:00:00:00:01:02 10.0.0.12"
    nbctl lsp-add ls1 lsp3 -- lsp-set-addresses lsp3 "00:00:00:00:01:03 10.0.0.13 fd00::13"
    nbctl ls-add ls2
    nbctl lsp-add ls2 lsp4 -- lsp-set-addresses lsp4 "00:00:00:00:02:04 10.0.1.14"
    nbctl create Address_Set name=as_web addresses='"10.0.0.12","10.0.0.13"'
    nbctl create Address_Set name=as_empty
    nbctl pg-add pg_web lsp2 lsp3 lsp4
    nbctl pg-add pg_db lsp1
    nbctl pg-add pg_none
    nbctl acl-add pg_web to-lport 1001 'outport == @pg_web && ip4.src == $as_web && tcp.dst == 80' allow-stateless
    nbctl acl-add pg_web to-lport 1000 'outport == @pg_web && ip4.src == $pg_db_ip4' drop
    nbctl acl-add pg_db from-lport 1000 'inport == @pg_db && ip6.dst == $pg_web_ip6' drop
    nbctl acl-add ls2 from-lport 900 'ip4.src == $as_empty' drop
}
sc_acl_log_label() {
    two_ports
    nbctl --log --severity=alert --name=drop_bad acl-add ls1 from-lport 1001 'inport == "lsp1" && ip4.dst == 10.0.0.99' drop
    nbctl --log acl-add ls1 to-lport 1002 'outport == "lsp2" && udp' allow-stateless
    nbctl --log --severity=info --name=rel --label=1234 acl-add ls1 to-lport 1003 'outport == "lsp2" && tcp' allow-related
    nbctl --label=77 acl-add ls1 from-lport 1004 'inport == "lsp1" && tcp' allow
    nbctl --log --severity=warning --meter=m1 acl-add ls1 from-lport 1005 'inport == "lsp1" && tcp.dst == 23' reject
}
sc_localnet() {
    two_ports
    nbctl lsp-add ls1 ln1 -- lsp-set-type ln1 localnet -- lsp-set-addresses ln1 unknown \
        -- lsp-set-options ln1 network_name=physnet1
    nbctl lsp-add ls1 lp1 -- lsp-set-type lp1 localport -- lsp-set-addresses lp1 "00:00:00:00:01:09 10.0.0.9"
}
sc_unknown_addresses() {
    nbctl ls-add ls1
    nbctl lsp-add ls1 lsp1 -- lsp-set-addresses lsp1 "00:00:00:00:01:01 10.0.0.11"
    nbctl lsp-add ls1 lsp2 -- lsp-set-addresses lsp2 "00:00:00:00:01:02 10.0.0.12" unknown
    nbctl lsp-add ls1 lsp3 -- lsp-set-addresses lsp3 unknown
    nbctl lsp-add ls1 lsp4
    nbctl lsp-add ls1 lsp5 -- lsp-set-addresses lsp5 "00:00:00:00:01:05"
    nbctl lsp-add ls1 lsp6 -- lsp-set-addresses lsp6 "00:00:00:00:01:06 10.0.0.16 fd00::16" \
        -- set Logical_Switch_Port lsp6 enabled=false
}
sc_ipam_dynamic() {
    nbctl ls-add ls1 -- set Logical_Switch ls1 other_config:subnet=10.1.0.0/24 \
        other_config:exclude_ips="10.1.0.2 10.1.0.4..10.1.0.6" other_config:ipv6_prefix=fd00:1::
    nbctl --wait=sb lsp-add ls1 p1 -- lsp-set-addresses p1 dynamic
    nbctl --wait=sb lsp-add ls1 p2 -- lsp-set-addresses p2 dynamic
    nbctl --wait=sb lsp-add ls1 p3 -- lsp-set-addresses p3 "0a:00:00:00:00:99 dynamic"
    nbctl --wait=sb lsp-add ls1 p4 -- lsp-set-addresses p4 "dynamic 10.1.0.50"
    nbctl --wait=sb lsp-add ls1 p5 -- lsp-set-addresses p5 "00:00:00:00:09:05 10.1.0.9"
    nbctl --wait=sb lsp-add ls1 p6 -- lsp-set-addresses p6 dynamic
    nbctl ls-add ls2 -- set Logical_Switch ls2 other_config:mac_only=true
    nbctl --wait=sb lsp-add ls2 q1 -- lsp-set-addresses q1 dynamic
    nbctl ls-add ls3 -- set Logical_Switch ls3 other_config:ipv6_prefix=fd00:3::
    nbctl --wait=sb lsp-add ls3 r1 -- lsp-set-addresses r1 dynamic
}

sc_stateless_log_label() {
    two_ports
    nbctl --log --label=5 acl-add ls1 from-lport 1001 'inport == "lsp1" && tcp' allow
    nbctl --log --severity=debug acl-add ls1 from-lport 1002 'inport == "lsp1" && udp' allow-stateless
    nbctl --log --name=r acl-add ls1 to-lport 1003 'outport == "lsp2" && tcp.dst == 25' reject
    nbctl --log --severity=notice acl-add ls1 to-lport 1004 'outport == "lsp2" && ip4.src == 1.2.3.4' drop
    nbctl --label=9 acl-add ls1 to-lport 1005 'outport == "lsp2" && udp.dst == 53' allow
}
sc_stateful_localnet() {
    two_ports
    nbctl lsp-add ls1 ln1 -- lsp-set-type ln1 localnet -- lsp-set-addresses ln1 unknown \
        -- lsp-set-options ln1 network_name=physnet1
    nbctl acl-add ls1 from-lport 1000 'ip4' allow-related
    nbctl --log acl-add ls1 to-lport 1000 'udp' allow-stateless
    nbctl --label=3 acl-add ls1 to-lport 999 'tcp' allow
}
sc_two_switches_pg() {
    nbctl ls-add ls1
    nbctl lsp-add ls1 a1 -- lsp-set-addresses a1 "00:00:00:00:0a:01 10.0.0.1"
    nbctl lsp-add ls1 a2 -- lsp-set-addresses a2 "00:00:00:00:0a:02 10.0.0.2"
    nbctl ls-add ls2
    nbctl lsp-add ls2 b1 -- lsp-set-addresses b1 "00:00:00:00:0b:01 10.0.1.1"
    nbctl ls-add ls3
    nbctl pg-add pg1 a1 b1
    nbctl acl-add pg1 to-lport 1000 'outport == @pg1 && tcp' allow-related
    nbctl acl-add pg1 to-lport 900 'outport == @pg1' drop
    nbctl acl-add ls1 from-lport 800 'ip4.src == 1.1.1.1' drop
}
sc_multi_address() {
    nbctl ls-add ls1
    nbctl lsp-add ls1 m1 -- lsp-set-addresses m1 "00:00:00:00:0c:01 10.0.0.1" "00:00:00:00:0c:02 10.0.0.2 fd00::2"
    nbctl lsp-add ls1 m2 -- lsp-set-addresses m2 "00:00:00:00:0c:03 fd00::3 fd00::33"
    nbctl lsp-add ls1 m3 -- lsp-set-addresses m3 "00:00:00:00:0c:04 10.0.0.4/24"
    nbctl lsp-add ls1 m4 -- lsp-set-addresses m4 "00:00:00:00:0c:05 10.0.0.5" -- lsp-set-enabled m4 disabled
    nbctl lsp-add ls1 m5 -- lsp-set-addresses m5 unknown -- lsp-set-enabled m5 disabled
}
sc_router_placeholder() {
    two_ports
    nbctl lsp-add ls1 rp1 -- lsp-set-type rp1 router -- lsp-set-addresses rp1 router \
        -- lsp-set-options rp1 router-port=lrp-missing
    nbctl lsp-add ls1 rp2 -- lsp-set-type rp2 router -- lsp-set-addresses rp2 "00:00:00:00:ff:01 10.0.0.254" \
        -- lsp-set-options rp2 router-port=lrp-missing2
}
sc_ipam_edge() {
    nbctl ls-add ls1 -- set Logical_Switch ls1 other_config:subnet=192.168.7.0/29 \
        other_config:exclude_ips="192.168.7.3..192.168.7.4"
    nbctl --wait=sb lsp-add ls1 e1 -- lsp-set-addresses e1 dynamic
    nbctl --wait=sb lsp-add ls1 e2 -- lsp-set-addresses e2 dynamic
    nbctl --wait=sb lsp-add ls1 e3 -- lsp-set-addresses e3 dynamic
    nbctl --wait=sb lsp-add ls1 e4 -- lsp-set-addresses e4 dynamic
    nbctl --wait=sb lsp-add ls1 e5 -- lsp-set-addresses e5 "dynamic" "00:00:00:00:07:05 192.168.7.200"
    nbctl ls-add ls2
    nbctl --wait=sb lsp-add ls2 f1 -- lsp-set-addresses f1 dynamic
    nbctl ls-add ls3 -- set Logical_Switch ls3 other_config:subnet=10.9.0.0/16 other_config:ipv6_prefix=fd00:9::
    nbctl --wait=sb lsp-add ls3 g1 -- lsp-set-addresses g1 "dynamic fd00:9::99"
    nbctl --wait=sb lsp-add ls3 g2 -- lsp-set-addresses g2 "0a:00:00:09:00:02 dynamic"
    nbctl --wait=sb lsp-add ls3 g3 -- lsp-set-addresses g3 dynamic
    nbctl pg-add pgd g1 g3 e1
    nbctl acl-add pgd to-lport 1000 'outport == @pgd && ip4.src == $pgd_ip4' allow
}
sc_acl_edge() {
    two_ports
    nbctl lsp-add ls1 lsp3 -- lsp-set-addresses lsp3 unknown -- lsp-set-port-security lsp3 "00:00:00:00:01:03"
    nbctl lsp-add ls1 ln1 -- lsp-set-type ln1 localnet -- lsp-set-addresses ln1 unknown \
        -- lsp-set-options ln1 network_name=phys
    nbctl pg-add pg1 lsp1 lsp3
    nbctl acl-add pg1 from-lport 0 'inport == @pg1' allow-related
    nbctl acl-add pg1 to-lport 32767 'outport == @pg1 && arp' allow-stateless
    nbctl --meter=m2 acl-add ls1 to-lport 100 'ip6' drop
    nbctl --severity=alert acl-add ls1 from-lport 100 'ip6' reject
    nbctl acl-add ls1 from-lport 100 'ip4 && ip4.dst == $pg1_ip4' allow
}

ALL=(one_switch_two_ports port_security acl_stateless_actions acl_all_actions
     stateful_default_deny pg_and_as acl_log_label localnet unknown_addresses ipam_dynamic
     stateless_log_label stateful_localnet two_switches_pg multi_address
     router_placeholder ipam_edge acl_edge)
[ $# -gt 0 ] && ALL=("$@")

for sc in "${ALL[@]}"; do
    start
    nbctl --wait=sb sync
    common
    "sc_$sc" || { echo "scenario $sc failed" >&2; exit 1; }
    nbctl --wait=sb sync
    d="$OUT/${sc//_/-}"
    mkdir -p "$d"
    sbctl lflow-list >"$d/lflows.txt"
    for t in Datapath_Binding Port_Binding Multicast_Group Address_Set Port_Group; do
        sbctl --format=json list "$t" >"$d/sb-$t.json"
    done
    nbctl --format=json --columns=name,addresses,dynamic_addresses list Logical_Switch_Port >"$d/nb-lsp.json"
    cleanup
    sleep 0.2
    ovsdb-tool compact "$T/nb.db" "$d/nb.db"
    rm -rf "$T"
    T=
    echo "$sc -> $d"
done
