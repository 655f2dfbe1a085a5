#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): Trunk starts hooks of one stage
# together, and both of these edit index.html, so one hook runs them in
# turn: the Python parser worker's hashed names (hash-worker.sh), then the
# Chinese catalogue's (hash-catalogue.sh).
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
bash "$here/hash-worker.sh"
bash "$here/hash-catalogue.sh"
