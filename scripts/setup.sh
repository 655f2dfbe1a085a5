#!/usr/bin/env bash
# Installs every tool Warren needs to build, serve and test, skipping what is
# already present. Safe to run again: a second run takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must match the crate exactly: its version is read
# from Cargo.toml (`wasm-bindgen = "=X.Y.Z"`), the one place it is written.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || { log "Cargo.toml must pin wasm-bindgen as \"=X.Y.Z\""; exit 1; }

# wasm32 target for the page.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Chromium and its driver for wasm-bindgen-test and the end-to-end tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver (apt)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# A CJK font, so the Chinese page's screenshots show characters, not boxes
# (WenQuanYi Micro Hei: 1.6 MB; a learner's own system has its own).
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  log "installing a Chinese font for the screenshots (apt: fonts-wqy-microhei)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-wqy-microhei fontconfig >/dev/null
fi

# A real RabbitMQ 3.10.8 with the management plugin, and pika, for the
# real-broker tests (scripts/rabbitmq-node.sh starts private nodes).
if ! command -v rabbitmq-server >/dev/null && [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  log "installing rabbitmq-server (apt)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq rabbitmq-server >/dev/null
  # Only private nodes are used; the system one is not needed.
  $SUDO systemctl disable --now rabbitmq-server >/dev/null 2>&1 || $SUDO service rabbitmq-server stop >/dev/null 2>&1 || true
fi
if ! python3 -c 'import pika, sys; sys.exit(pika.__version__ != "1.3.2")' 2>/dev/null; then
  log "installing pika 1.3.2 (pip)"
  python3 -m pip install --quiet "pika==1.3.2" 2>/dev/null || python3 -m pip install --quiet --break-system-packages "pika==1.3.2"
fi

# wasm-opt (npm binaryen) and playwright-core, pinned by package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  log "installing npm packages (binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# wasm-bindgen CLI matching the version pinned in Cargo.toml.
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi


# Trunk (0.22 needs a newer rustc than this machine has).
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION" --force
fi

log "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1)"
