#!/usr/bin/env bash
# Runs every rovn test on a fresh machine: installs what is missing, then the quality gates
# (rustfmt, clippy with warnings denied) and the whole test suite, including the interop
# tests against the real Open vSwitch / OVN binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace 2>&1

# End to end: the sandbox (central databases, northd, two chassis with real Open vSwitch,
# pods pinging across Geneve, ACLs), on rovn's database server.
bash scripts/sandbox.sh
# ...and the same network on a mixed overlay: rovn-northd's SB driving the real
# ovn-controller on ch2 next to rovn-controller on ch1.
bash scripts/sandbox.sh --controller ch1=rovn,ch2=ovn
