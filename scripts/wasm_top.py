#!/usr/bin/env python3
"""What is big in a wasm file: code bytes per crate (and per function) from
the `name` section, plus the data segments and the other sections.

Usage: scripts/wasm_top.py FILE.wasm [--functions N] [--crate NAME] [--modules]

--modules adds code per warren module: a function counts for the first
`warren::a::b` path in its name, so a generic instance (a yew lifecycle
for a component, a serde visitor for a document type) counts for the app
module that brought it in. Generic arguments are only in v0 symbol names:
build with
  RUSTFLAGS="-C symbol-mangling-version=v0" cargo build --bin warren \
    --target wasm32-unknown-unknown --profile web-release --target-dir target/v0
and have rustfilt on PATH (`cargo install rustfilt`).

Use it on the wasm cargo writes before wasm-bindgen and wasm-opt strip the
names (target/wasm32-unknown-unknown/web-release/warren.wasm after
`trunk build --release`). The figures are raw bytes before wasm-opt;
wasm-opt -Oz shrinks every part, roughly in proportion.
"""

import re
import shutil
import subprocess
import sys
from collections import defaultdict


def leb(b, i):
    result = shift = 0
    while True:
        byte = b[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def demangle(name):
    """Legacy Rust mangling (_ZN...E) to a path; v0 and plain names as is."""
    m = re.match(r"_ZN(.*)E$", name)
    if not m:
        return name
    s, parts, i = m.group(1), [], 0
    while i < len(s) and s[i].isdigit():
        j = i
        while s[j].isdigit():
            j += 1
        n = int(s[i:j])
        parts.append(s[j : j + n])
        i = j + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    path = "::".join(parts)
    for a, b in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","), ("..", "::"), ("$u7b$", "{"), ("$u7d$", "}"), ("$BP$", "*"), ("$u5b$", "["), ("$u5d$", "]")):
        path = path.replace(a, b)
    return path


def crate_of(path):
    if path.startswith("_R"):
        # v0 mangling: the crate is the first length-prefixed name after Cs<hash>_.
        m = re.search(r"Cs[0-9A-Za-z]+_\d+([A-Za-z_][A-Za-z0-9_]*)", path)
        if m:
            n = re.search(r"Cs[0-9A-Za-z]+_(\d+)", path)
            return m.group(1)[: int(n.group(1))] if n else m.group(1)
    p = path[1:] if path.startswith("_<") else path
    p = p.lstrip("<&* ")
    if p.startswith("impl "):
        p = p[5:]
    head = re.split(r"::|<| as ", p, maxsplit=1)[0]
    return head or path[:20]


def main():
    args = sys.argv[1:]
    path = args[0]
    nfun = int(args[args.index("--functions") + 1]) if "--functions" in args else 25
    only = args[args.index("--crate") + 1] if "--crate" in args else None
    b = open(path, "rb").read()
    assert b[:4] == b"\0asm", "not a wasm file"
    i = 8
    sections = defaultdict(int)
    imported_funcs = 0
    bodies = []
    names = {}
    data = 0
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        end = j + size
        if sid == 0:
            nlen, k = leb(b, j)
            cname = b[k : k + nlen].decode("utf8", "replace")
            sections["custom " + cname] += size
            if cname == "name":
                k += nlen
                while k < end:
                    sub = b[k]
                    slen, k2 = leb(b, k + 1)
                    if sub == 1:
                        count, p = leb(b, k2)
                        for _ in range(count):
                            idx, p = leb(b, p)
                            ln, p = leb(b, p)
                            names[idx] = b[p : p + ln].decode("utf8", "replace")
                            p += ln
                    k = k2 + slen
        else:
            kind = {1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export", 9: "element", 10: "code", 11: "data", 12: "datacount"}.get(sid, str(sid))
            sections[kind] += size
            if sid == 2:
                count, p = leb(b, j)
                for _ in range(count):
                    for _ in range(2):
                        ln, p = leb(b, p)
                        p += ln
                    k = b[p]
                    p += 1
                    if k == 0:
                        _, p = leb(b, p)
                        imported_funcs += 1
                    elif k == 1:
                        p += 1
                        flags = b[p]
                        p += 1
                        _, p = leb(b, p)
                        if flags & 1:
                            _, p = leb(b, p)
                    elif k == 2:
                        flags = b[p]
                        p += 1
                        _, p = leb(b, p)
                        if flags & 1:
                            _, p = leb(b, p)
                    elif k == 3:
                        p += 2
            if sid == 10:
                count, p = leb(b, j)
                for n in range(count):
                    bsize, q = leb(b, p)
                    bodies.append((imported_funcs + n, bsize))
                    p = q + bsize
            if sid == 11:
                data = size
        i = end
    total = len(b)
    print(f"{path}: {total:,} bytes")
    for k, v in sorted(sections.items(), key=lambda kv: -kv[1]):
        print(f"  section {k:<28} {v:>10,}  {100 * v / total:5.1f}%")
    code = sum(s for _, s in bodies)
    # v0 names (`-C symbol-mangling-version=v0`) carry generic arguments, so
    # a generic instance can be counted for the module that made it; they
    # are demangled by rustfilt (`cargo install rustfilt`) when it is there.
    demangled = {}
    v0 = [idx for idx, _ in bodies if names.get(idx, "").startswith("_R")]
    if v0 and shutil.which("rustfilt"):
        out = subprocess.run(["rustfilt"], input="\n".join(names[i] for i in v0), capture_output=True, text=True).stdout.split("\n")
        demangled = dict(zip(v0, out))
    per_crate = defaultdict(int)
    funcs = []
    for idx, size in bodies:
        name = demangled.get(idx) or demangle(names.get(idx, f"func{idx}"))
        c = crate_of(name)
        per_crate[c] += size
        funcs.append((size, name, c))
    print(f"\ncode by crate ({code:,} bytes in {len(bodies)} functions; data segments {data:,} bytes):")
    for c, s in sorted(per_crate.items(), key=lambda kv: -kv[1])[:30]:
        print(f"  {c:<32} {s:>9,}  {100 * s / code:5.1f}%")
    if "--modules" in args:
        per_module = defaultdict(int)
        for size, name, c in funcs:
            m = re.search(r"warren::(\w+)(::(\w+))?", name)
            if m:
                key = "warren::" + m.group(1) + ("::" + m.group(3) if m.group(3) and m.group(3)[0].islower() else "")
            else:
                key = "(" + c + ")"
            per_module[key] += size
        print(f"\ncode by warren module, generic instances included:")
        for k, s in sorted(per_module.items(), key=lambda kv: -kv[1])[:60]:
            print(f"  {k:<40} {s:>9,}  {100 * s / code:5.1f}%")
    print(f"\nlargest functions{' in ' + only if only else ''}:")
    for size, name, c in sorted(funcs, reverse=True):
        if only and c != only:
            continue
        print(f"  {size:>8,}  {name[:150]}")
        nfun -= 1
        if nfun <= 0:
            break


if __name__ == "__main__":
    main()
