#!/usr/bin/env bash
# Trunk post-build step (scripts/post-build.sh): Trunk names a worker's files after
# its binary (python-parser.js, python-parser_bg.wasm, python-parser_loader.js)
# with no hash, so a browser could keep an old copy after a new build.
# This renames them python-parser-HASH.js / -HASH_bg.wasm / -HASH_loader.js
# (HASH: the first 16 hex digits of the SHA-256 of the .js and .wasm),
# rewrites the loader to load the renamed files, and puts the loader's new
# name into index.html (<meta name="warren-python-parser">), where the page
# reads it (src/web/python_parser.rs).
set -euo pipefail
dir=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
name=python-parser
cd "$dir"
[ -f "${name}_bg.wasm" ] || { echo "hash-worker: no ${name}_bg.wasm in $dir" >&2; exit 1; }
hash=$(cat "$name.js" "${name}_bg.wasm" | sha256sum | cut -c1-16)
mv "$name.js" "$name-$hash.js"
mv "${name}_bg.wasm" "$name-${hash}_bg.wasm"
rm -f "${name}_loader.js"
printf 'importScripts("./%s");wasm_bindgen("./%s");' "$name-$hash.js" "$name-${hash}_bg.wasm" >"$name-${hash}_loader.js"
index=${TRUNK_HTML_FILE##*/}
[ -f "$index" ] || index=index.html
sed -i "s/${name}_loader\.js/${name}-${hash}_loader.js/g" "$index"
grep -q "${name}-${hash}_loader.js" "$index" || { echo "hash-worker: no warren-python-parser meta in $index" >&2; exit 1; }
