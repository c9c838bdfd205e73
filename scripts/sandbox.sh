#!/usr/bin/env bash
# rovn sandbox: a whole overlay network on one machine, built and checked step by step.
#
#   central   rovn-ovsdb-server serving OVN_Northbound and OVN_Southbound
#             + rovn-northd (NORTHD=rovn, the default) or the real ovn-northd (NORTHD=ovn)
#   chassis   N network namespaces (default 2), each with rovn-ovsdb-server serving its
#             Open_vSwitch database, the real ovs-vswitchd (userspace datapath) and the
#             controller chosen per chassis (rovn-controller or the real ovn-controller),
#             Geneve between them
#   pods      one namespace per pod, attached to br-int with external_ids:iface-id
#
# Usage:
#   scripts/sandbox.sh [--keep] [--chassis N] [--northd rovn|ovn] [--controller SPEC]
#                                               build, bring up, check, tear down
#                                               (--keep: leave it running, print how to poke)
#   --controller rovn|ovn, or per chassis ch1=rovn,ch2=ovn (also env CONTROLLER=...);
#   chassis not named use rovn
#   scripts/sandbox.sh down STATE_DIR           tear down a sandbox left by --keep
#   NORTHD=rovn|ovn in the environment does what --northd does.
#   NBCTL=target/debug/rovn-nbctl scripts/sandbox.sh   drive the NB with rovn-nbctl
#
# Everything lives in one temp dir; only processes and namespaces this script started are
# stopped. Exit status 0 when every check passed.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
KEEP=0
NCH=2
NORTHD=${NORTHD:-rovn}
MODE=run
while [ $# -gt 0 ]; do
    case $1 in
        --keep) KEEP=1 ;;
        --chassis) NCH=$2; shift ;;
        --northd) NORTHD=$2; shift ;;
        --controller) CONTROLLER=$2; shift ;;
        down) MODE=down; D=${2:?usage: sandbox.sh down STATE_DIR}; shift ;;
        -h|--help) sed -n 2,26p "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done
case $NORTHD in rovn|ovn) ;; *) echo "--northd must be rovn or ovn, not $NORTHD" >&2; exit 2 ;; esac

NB_SCHEMA=/usr/share/ovn/ovn-nb.ovsschema
SB_SCHEMA=/usr/share/ovn/ovn-sb.ovsschema
OVS_SCHEMA=/usr/share/openvswitch/vswitch.ovsschema
QUIET=-vconsole:off
NPASS=0; NFAIL=0
CONTROLLER=${CONTROLLER:-rovn}
# controller_of N: which controller chassis N runs (rovn or ovn)
controller_of() {
    local spec=$CONTROLLER item
    case $spec in rovn|ovn) echo "$spec"; return ;; esac
    for item in ${spec//,/ }; do
        [ "${item%%=*}" = "ch$1" ] && { echo "${item#*=}"; return; }
    done
    echo rovn
}
say()  { printf '\n\033[1m== %s\033[0m\n' "$*"; }
info() { printf '   %s\n' "$*"; }
pass() { printf '   \033[32mPASS\033[0m %s\n' "$*"; NPASS=$((NPASS + 1)); }
fail() { printf '   \033[31mFAIL\033[0m %s\n' "$*"; NFAIL=$((NFAIL + 1)); }
die()  { echo "ERROR: $*" >&2; teardown; exit 2; }
wait_until() { local t=$1; shift; local end=$((SECONDS + t)); until "$@" >/dev/null 2>&1; do [ $SECONDS -ge $end ] && return 1; sleep 0.2; done; }

teardown() {
    [ -n "${D:-}" ] && [ -d "$D" ] || return 0
    if [ -f "$D/pids" ]; then
        tac "$D/pids" | while read -r name pid; do
            # only a process whose command line still names our state dir is ours
            if [ -d /proc/$pid ] && tr '\0' ' ' </proc/$pid/cmdline | grep -qF "$D"; then
                kill -TERM "$pid" 2>/dev/null
            fi
        done
        sleep 0.5
        tac "$D/pids" | while read -r name pid; do
            if [ -d /proc/$pid ] && tr '\0' ' ' </proc/$pid/cmdline | grep -qF "$D"; then
                kill -KILL "$pid" 2>/dev/null
            fi
        done
    fi
    [ -f "$D/netns" ] && tac "$D/netns" | while read -r ns; do ip netns del "$ns" 2>/dev/null; done
    rm -rf "$D"
}

if [ $MODE = down ]; then
    [ -f "$D/pids" ] || { echo "$D is not a sandbox state dir" >&2; exit 2; }
    teardown; echo "torn down"; exit 0
fi
[ "$(id -u)" = 0 ] || { echo "the sandbox needs root (network namespaces)" >&2; exit 2; }

say "Installing what is missing and building rovn"
bash scripts/install-deps.sh || exit 2
cargo build -q -p ovsdb --bin rovn-ovsdb-server || exit 2
if [ "$NORTHD" = rovn ]; then cargo build -q -p northd --bin rovn-northd || exit 2; fi
SERVER=$ROOT/target/debug/rovn-ovsdb-server
for n in $(seq 1 "$NCH"); do
    case $(controller_of "$n") in
        rovn) NEED_ROVN_CONTROLLER=1 ;;
        ovn) ;;
        *) echo "--controller: ch$n: expected rovn or ovn" >&2; exit 2 ;;
    esac
done
if [ -n "${NEED_ROVN_CONTROLLER:-}" ]; then
    cargo build -q -p controller --bin rovn-controller || exit 2
fi
ROVN_CONTROLLER=$ROOT/target/debug/rovn-controller

D=$(mktemp -d /tmp/rovn-sandbox.XXXXXX)
ID=$(basename "$D" | tail -c 7 | tr -dc 'a-zA-Z0-9')
C=$D/central; mkdir -p "$C"
: >"$D/pids"; : >"$D/netns"
trap '[ $KEEP = 1 ] || teardown' EXIT
info "state dir: $D"

# start NAME PIDFILE -- COMMAND...: runs a daemon in the background, records its pid
start() {
    local name=$1 pidfile=$2; shift 3
    "$@" >"$D/$name.out" 2>&1 &
    wait_until 15 test -s "$pidfile" || die "$name did not start (see $D/$name.out)"
    echo "$name $(cat "$pidfile")" >>"$D/pids"
}
add_ns() { ip netns add "$1" && echo "$1" >>"$D/netns" && ip -n "$1" link set lo up; }
nbctl() { "${NBCTL:-ovn-nbctl}" --db=unix:$C/nb.sock --timeout=30 "$@"; }
sbctl() { ovn-sbctl --db=unix:$C/sb.sock --timeout=30 "$@"; }
vsctl() { local n=$1; shift; ovs-vsctl --db=unix:$D/ch$n/db.sock --timeout=30 "$@"; }

say "Central: rovn-ovsdb-server for NB and SB, $NORTHD-northd"
ovsdb-tool create "$C/nb.db" $NB_SCHEMA && ovsdb-tool create "$C/sb.db" $SB_SCHEMA || die "ovsdb-tool create"
for db in nb sb; do
    start rovn-ovsdb-server-$db "$C/$db.pid" -- "$SERVER" "$C/$db.db" --remote=punix:"$C/$db.sock" \
        --pidfile="$C/$db.pid" --log-file="$C/$db.log" --unixctl="$C/$db.ctl"
    info "rovn-ovsdb-server ($db) on unix:$C/$db.sock"
done
if [ "$NORTHD" = rovn ]; then
    start rovn-northd "$C/northd.pid" -- "$ROOT/target/debug/rovn-northd" --ovnnb-db=unix:"$C/nb.sock" \
        --ovnsb-db=unix:"$C/sb.sock" --pidfile="$C/northd.pid" --log-file="$C/northd.log" --unixctl="$C/northd.ctl"
else
    start ovn-northd "$C/northd.pid" -- ovn-northd $QUIET --ovnnb-db=unix:"$C/nb.sock" --ovnsb-db=unix:"$C/sb.sock" \
        --pidfile="$C/northd.pid" --log-file="$C/northd.log" --unixctl="$C/northd.ctl" --no-chdir
fi
if nbctl --wait=sb sync; then pass "$NORTHD-northd connected to both rovn databases (nbctl --wait=sb sync)"; else fail "northd sync"; fi

say "Chassis: namespaces, local databases, ovs-vswitchd, ovn-controller, Geneve underlay"
for n in $(seq 1 "$NCH"); do add_ns "rovn-$ID-ch$n"; done
# underlay: a namespace acting as a switch, one veth per chassis, all bridged
add_ns "rovn-$ID-ul"
ip -n "rovn-$ID-ul" link add ulbr type bridge && ip -n "rovn-$ID-ul" link set ulbr up
chassis() {
    local n=$1 ns="rovn-$ID-ch$1" cd=$D/ch$1 ip=192.168.100.$1
    mkdir -p "$cd"
    local -a E=(ip netns exec "$ns" env OVS_RUNDIR="$cd" OVS_LOGDIR="$cd" OVS_DBDIR="$cd" OVN_RUNDIR="$cd" OVN_LOGDIR="$cd")
    ovsdb-tool create "$cd/conf.db" $OVS_SCHEMA || die "conf.db ch$n"
    start ch$n-rovn-ovsdb-server "$cd/db.pid" -- "${E[@]}" "$SERVER" "$cd/conf.db" --remote=punix:"$cd/db.sock" \
        --pidfile="$cd/db.pid" --log-file="$cd/db.log" --unixctl="$cd/db.ctl"
    vsctl "$n" --no-wait init
    vsctl "$n" --no-wait set Open_vSwitch . external_ids:system-id=ch$n external_ids:hostname=ch$n \
        external_ids:ovn-remote=unix:"$C/sb.sock" external_ids:ovn-encap-type=geneve \
        external_ids:ovn-encap-ip="$ip" external_ids:ovn-bridge-datapath-type=netdev
    start ch$n-ovs-vswitchd "$cd/ovs-vswitchd.pid" -- "${E[@]}" ovs-vswitchd $QUIET unix:"$cd/db.sock" --disable-system \
        --pidfile="$cd/ovs-vswitchd.pid" --log-file="$cd/ovs-vswitchd.log" --unixctl="$cd/ovs-vswitchd.ctl" --no-chdir
    ip link add "u$ID$n" netns "$ns" type veth peer name "ul$n" netns "rovn-$ID-ul"
    ip -n "rovn-$ID-ul" link set "ul$n" master ulbr up
    ip -n "$ns" link set "u$ID$n" up
    vsctl "$n" add-br br-phy -- set Bridge br-phy datapath_type=netdev other_config:hwaddr=02:00:c0:a8:64:0$n \
        -- add-port br-phy "u$ID$n" || die "br-phy ch$n"
    ip -n "$ns" addr add "$ip/24" dev br-phy && ip -n "$ns" link set br-phy up
    vsctl "$n" add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true \
        || die "br-int ch$n"
    if [ "$(controller_of "$n")" = ovn ]; then
        start ch$n-ovn-controller "$cd/ovn-controller.pid" -- "${E[@]}" ovn-controller $QUIET unix:"$cd/db.sock" \
            --pidfile="$cd/ovn-controller.pid" --log-file="$cd/ovn-controller.log" --no-chdir
    else
        start ch$n-rovn-controller "$cd/rovn-controller.pid" -- "${E[@]}" "$ROVN_CONTROLLER" unix:"$cd/db.sock" \
            --pidfile="$cd/rovn-controller.pid" --log-file="$cd/rovn-controller.log" \
            --unixctl="$cd/rovn-controller.ctl" --api-socket="$cd/rovn-controller.api"
    fi
    info "ch$n: namespace rovn-$ID-ch$n, underlay $ip, OVS db unix:$cd/db.sock (rovn-ovsdb-server), $(controller_of "$n")-controller"
}
for n in $(seq 1 "$NCH"); do chassis "$n"; done
if wait_until 30 sh -c "[ \$(ovn-sbctl --db=unix:$C/sb.sock --bare --columns=name list Chassis | grep -c .) -eq $NCH ]"; then
    pass "$NCH chassis registered in the SB"
else fail "chassis registration: $(sbctl --bare --columns=name list Chassis | tr '\n' ' ')"; fi

say "Logical network: two switches, pods on every chassis"
nbctl ls-add net-a -- ls-add net-b || die "ls-add"
pod() {  # pod N SWITCH NAME MAC IP
    local n=$1 sw=$2 name=$3 mac=$4 ip=$5 ns="rovn-$ID-ch$1" pns="rovn-$ID-$3"
    nbctl lsp-add "$sw" "$name" -- lsp-set-addresses "$name" "$mac $ip" -- lsp-set-port-security "$name" "$mac $ip" || die "lsp $name"
    add_ns "$pns"
    ip link add "v$name" netns "$ns" type veth peer name eth0 netns "$pns"
    ip -n "$pns" link set eth0 address "$mac" mtu 1400 up
    ip -n "$pns" addr add "$ip/24" dev eth0
    ip netns exec "$pns" ethtool -K eth0 tx off >/dev/null 2>&1  # userspace datapath needs full checksums
    ip -n "$ns" link set "v$name" up
    vsctl "$n" add-port br-int "v$name" -- set Interface "v$name" external_ids:iface-id="$name" || die "attach $name"
    info "pod $name on ch$n, switch $sw, $ip ($mac)"
}
pod 1 net-a a1 00:00:00:00:0a:01 10.0.1.11
pod 2 net-a a2 00:00:00:00:0a:02 10.0.1.12
pod 1 net-b b1 00:00:00:00:0b:01 10.0.1.21
pod 2 net-b b2 00:00:00:00:0b:02 10.0.1.22
if nbctl --wait=hv sync; then pass "every chassis installed the flows (nbctl --wait=hv sync)"; else fail "--wait=hv"; fi
for p in a1 a2 b1 b2; do
    if wait_until 20 test "$(nbctl lsp-get-up $p)" = up; then pass "port $p is up"; else fail "port $p not up"; fi
done

ping_from() { ip netns exec "rovn-$ID-$1" ping -c 3 -i 0.2 -W 1 "$2" >/dev/null 2>&1; }
OVERLAY_OK=0   # a blocked ping proves nothing unless pings work at all
expect_ping() {  # expect_ping yes|no FROM IP WHAT
    if ping_from "$2" "$3"; then r=yes; else r=no; fi
    if [ "$1" = no ] && [ $OVERLAY_OK = 0 ]; then
        fail "$4 (not checkable: no ping has worked yet)"
    elif [ "$r" = "$1" ]; then pass "$4"; [ "$r" = yes ] && OVERLAY_OK=1
    else fail "$4 (ping $2 -> $3: got $r)"; fi
}

say "Connectivity across the Geneve overlay"
wait_until 20 ping_from a1 10.0.1.12
expect_ping yes a1 10.0.1.12 "a1 (ch1) pings a2 (ch2) on net-a"
expect_ping yes b2 10.0.1.21 "b2 (ch2) pings b1 (ch1) on net-b"
expect_ping no a1 10.0.1.22 "a1 cannot reach b2: net-a and net-b are separate networks"

say "ACLs"
nbctl acl-add net-a to-lport 1000 'outport == "a2" && icmp4' drop || die acl-add
nbctl --wait=hv sync
expect_ping no a1 10.0.1.12 "to-lport drop ACL on a2 blocks ICMP from a1"
nbctl --wait=hv acl-del net-a
expect_ping yes a1 10.0.1.12 "deleting the ACL restores a1 -> a2"
nbctl pg-add web a2 -- acl-add web to-lport 1000 'outport == @web && icmp4' allow-related \
    -- acl-add web to-lport 900 'outport == @web && ip4' drop
nbctl --wait=hv sync
expect_ping yes a1 10.0.1.12 "stateful allow-related on port group 'web' lets ICMP in under default deny"
expect_ping no b1 10.0.1.12 "net-b's b1 still cannot reach net-a's a2"
expect_ping yes b1 10.0.1.22 "net-b traffic unaffected by net-a's ACLs"

say "Result: $NPASS passed, $NFAIL failed"
if [ $KEEP = 1 ]; then
    cat <<EOT

The sandbox keeps running. Poke at it:
  ovn-nbctl --db=unix:$C/nb.sock show
  ovn-sbctl --db=unix:$C/sb.sock lflow-list
  ovs-appctl -t $C/nb.ctl rovn/status
  ovs-ofctl -O OpenFlow15 dump-flows unix:$D/ch1/br-int.mgmt
  ovs-appctl -t $D/ch1/rovn-controller.ctl status      (chassis running rovn-controller)
  ip netns exec rovn-$ID-a1 ping 10.0.1.12
Tear it down with:
  scripts/sandbox.sh down $D
EOT
fi
echo "$NPASS passed, $NFAIL failed"
[ $NFAIL -eq 0 ]
