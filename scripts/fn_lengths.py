#!/usr/bin/env python3
"""Lists the longest functions under src/ (lines from `fn` to its closing
brace, Yew `html!` trees included), for the size rule in ARCHITECTURE.md:
none over 120 lines, at most five over 80.

    python3 scripts/fn_lengths.py [--over N] [--check]
"""
import pathlib
import re
import sys

FN = re.compile(r"^(\s*)(pub(\([a-z]+\))? )?(const )?(async )?(unsafe )?fn (\w+)")


def functions(path):
    lines = path.read_text().split("\n")
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m or line.rstrip().endswith(";"):
            continue
        indent = m.group(1)
        for j in range(i, len(lines)):
            if lines[j] == indent + "}" or (j == i and line.rstrip().endswith("}")):
                yield m.group(7), i + 1, j - i + 1
                break


def main():
    over = 80
    args = sys.argv[1:]
    if "--over" in args:
        over = int(args[args.index("--over") + 1])
    found = []
    for path in sorted(pathlib.Path("src").rglob("*.rs")):
        text = path.read_text()
        test_start = text.find("#[cfg(test)]")
        for name, line, length in functions(path):
            in_tests = test_start >= 0 and line > text[:test_start].count("\n") + 1
            if length > over and not in_tests:
                found.append((length, f"{path}:{line}", name))
    for length, where, name in sorted(found, reverse=True):
        print(f"{length:5} {where} {name}")
    if "--check" in args:
        long = [f for f in found if f[0] > 120]
        many = [f for f in found if f[0] > 80]
        if long or len(many) > 5:
            print(f"{len(long)} functions over 120 lines, {len(many)} over 80 (rule: 0 and at most 5)")
            sys.exit(1)


main()
