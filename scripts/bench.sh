#!/usr/bin/env bash
# Prints how long `ruimte check` takes on generated corpora (1k and 10k entries by default).
# BENCH_SIZES=1000,10000,100000 scripts/bench.sh for other sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench check
