#!/usr/bin/env bash
# Installs what rovn's tests and sandbox need on a fresh Debian machine: the reference
# Open vSwitch / OVN binaries (test peers and oracles), iproute2, and the Python `ovs` IDL.
# Idempotent: installs only what is missing.
set -euo pipefail

need_apt=()
for bin_pkg in ovsdb-server:openvswitch-switch ovs-vswitchd:openvswitch-switch \
               ovn-nbctl:ovn-central ovn-northd:ovn-central ovn-controller:ovn-host \
               ip:iproute2 ping:iputils-ping ethtool:ethtool; do
    bin=${bin_pkg%%:*}; pkg=${bin_pkg##*:}
    command -v "$bin" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${need_apt[@]}" | sort -u) >/dev/null
fi

if ! python3 -c 'import ovs.db.idl' >/dev/null 2>&1; then
    echo "installing the Python ovs package"
    pip install -q ovs
fi
