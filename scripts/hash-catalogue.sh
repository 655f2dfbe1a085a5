#!/usr/bin/env bash
# Trunk post-build step (scripts/post-build.sh, after hash-worker.sh): copies the
# Chinese catalogue that build.rs compiled from locales/zh/ (into Cargo's
# OUT_DIR for the wasm build) to dist/ as zh-HASH.catalogue (HASH: the
# first 16 hex digits of its SHA-256) and writes that name into
# index.html's <meta name="warren-catalogue-zh">, where the page reads it
# (src/web/catalogue.rs) when it first speaks Chinese. English is built
# into the page's wasm.
#
# Every wasm build's OUT_DIR holds a catalogue compiled from the same
# locales/; the newest is the one this build wrote or found up to date.
set -euo pipefail
dir=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
source_dir=${TRUNK_SOURCE_DIR:-$PWD}
target=${CARGO_TARGET_DIR:-$source_dir/target}
catalogue=$(ls -t "$target"/wasm32-unknown-unknown/*/build/warren-*/out/zh.catalogue 2>/dev/null | head -n 1 || true)
[ -n "$catalogue" ] || { echo "hash-catalogue: no zh.catalogue under $target/wasm32-unknown-unknown (build.rs writes it)" >&2; exit 1; }
hash=$(sha256sum "$catalogue" | cut -c1-16)
cp "$catalogue" "$dir/zh-$hash.catalogue"
index=${TRUNK_HTML_FILE##*/}
[ -f "$dir/$index" ] || index=index.html
sed -i "s/content=\"zh\.catalogue\"/content=\"zh-$hash.catalogue\"/" "$dir/$index"
grep -q "zh-$hash.catalogue" "$dir/$index" || { echo "hash-catalogue: no warren-catalogue-zh meta in $dir/$index" >&2; exit 1; }
