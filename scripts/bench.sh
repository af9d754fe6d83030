#!/usr/bin/env bash
# Prints how long `ruimte check` and `ruimte build` take on generated corpora, with peak memory
# and output size. BENCH_SIZES=1000,10000 scripts/bench.sh for other sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench check
cargo bench --bench build
cargo bench --bench search
cargo bench --bench serve
