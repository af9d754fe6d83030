#!/usr/bin/env bash
# Netlify's build command: a clean clone in Netlify's build image. Installs the stable Rust
# toolchain when the image has none, then checks and builds the site for this deploy's address
# (a deploy preview has its own URL).
set -euo pipefail
if ! command -v cargo >/dev/null 2>&1; then
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain stable
  # shellcheck disable=SC1091
  source "$HOME/.cargo/env"
fi
cargo run --release -- build --base-url "${DEPLOY_PRIME_URL:-${URL:-}}/"
