#!/usr/bin/env bash
# Rebuilds the search reader that browsers run: search-index compiled to WebAssembly, with its
# JavaScript glue, into themes/default/static/search/. The output is committed, so a fresh clone
# builds the whole site with only the Rust toolchain; `ruimte build` refuses a reader built from
# other search code and names this script. Installs what it needs: the wasm32 target and
# wasm-bindgen-cli at exactly the version in Cargo.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

out=themes/default/static/search
# The version Cargo.lock pins a crate to (empty if it has none).
locked_version() {
  awk -v crate="$1" '$0 == "name = \"" crate "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}
rustup target add wasm32-unknown-unknown >/dev/null
version=$(locked_version wasm-bindgen)
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$version" ]; then
  echo "installing wasm-bindgen-cli $version (once; a few minutes)"
  # Its own lock file has pinned a crate version the registry later withdrew: fall back to a
  # fresh resolution of the same wasm-bindgen-cli version.
  cargo install wasm-bindgen-cli --version "$version" --locked --quiet || cargo install wasm-bindgen-cli --version "$version" --quiet
fi

# The full-text engine is built against tantivy's crates with search-index/patches/ applied: for
# each <crate>-<version>.patch, a copy of that locked version's source from cargo's own, patched
# in target/, swapped in for this one build (cargo's --config patch). The patches change no file
# format; they keep code the browser never runs, or runs unrolled, out of the reader (see their
# comments). Cargo records the swap in Cargo.lock, so the lock file is put back afterwards.
metadata=$(cargo metadata --format-version 1 --locked --filter-platform wasm32-unknown-unknown)
patched_crates=()
for patch_file in search-index/patches/*.patch; do
  name=$(basename "$patch_file" .patch)
  crate=${name%-*}
  version=${name##*-}
  locked=$(locked_version "$crate")
  if [ "$locked" != "$version" ]; then
    echo "Cargo.lock has $crate ${locked:-nowhere}, and $patch_file is for $version: port the patch" >&2
    exit 1
  fi
  source_dir=$(grep -o "\"manifest_path\":\"[^\"]*/$crate-$version/Cargo.toml\"" <<<"$metadata" | head -n 1 |
    sed 's/^"manifest_path":"//; s#/Cargo.toml"$##')
  patched=$PWD/target/patched/$crate-$version
  rm -rf "$patched"
  mkdir -p "$(dirname "$patched")"
  cp -r "$source_dir" "$patched"
  git apply --unsafe-paths --directory="$patched" "$patch_file"
  patched_crates+=(--config "patch.crates-io.$crate.path=\"$patched\"")
done
cp Cargo.lock target/patched/Cargo.lock
trap 'cp target/patched/Cargo.lock Cargo.lock' EXIT

# Two readers: the full-text engine for the search page, and the suggestions alone (search-index
# without its reader feature, linked into search-suggest: nothing of tantivy's index is kept).
cargo build --quiet -p search-index --lib --features reader --target wasm32-unknown-unknown --profile wasm-release \
  "${patched_crates[@]}"
cp target/patched/Cargo.lock Cargo.lock
cargo build --quiet -p search-suggest --lib --target wasm32-unknown-unknown --profile wasm-release
mkdir -p "$out"
rm -f "$out"/ruimte_search* "$out"/ruimte_suggest*
for pair in search_index:ruimte_search search_suggest:ruimte_suggest; do
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$out" --out-name "${pair#*:}" \
    "target/wasm32-unknown-unknown/wasm-release/${pair%%:*}.wasm"
done
ls -l "$out"
