#!/usr/bin/env bash
# The differential stage for Python programs: every scenario of
# tests/programs/manifest.json runs with CPython + pika 1.3.2 against a
# private RabbitMQ 3.10.8 node and in Warren's runner; per process stdout,
# the last line of stderr and the exit code, and the queues at checkpoints,
# must agree. The node is always stopped, even on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
set -m
RABBITMQ_NODE_DIR=""
cleanup() { [ -z "$RABBITMQ_NODE_DIR" ] || scripts/rabbitmq-node.sh stop "$RABBITMQ_NODE_DIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM
cargo build --quiet --bin run-programs
./target/debug/run-programs tests/programs > target/programs-warren.json
eval "$(scripts/rabbitmq-node.sh start)"
AMQP_PORT=$RABBITMQ_AMQP_PORT NODE_DIR=$RABBITMQ_NODE_DIR python3 scripts/program_driver.py > target/programs-real.json
python3 - <<'PY'
import json, sys
real = json.load(open('target/programs-real.json'))
warren = json.load(open('target/programs-warren.json'))
passed = failed = 0
for r, w in zip(real, warren):
    diffs = []
    for name, p in r['processes'].items():
        for field in ('stdout', 'stderr_last', 'exit'):
            if p[field] != w['processes'].get(name, {}).get(field):
                diffs.append(f"  {name}.{field}: real {p[field]!r}, Warren {w['processes'].get(name, {}).get(field)!r}")
    if r['checkpoints'] != w['checkpoints']:
        diffs.append(f"  checkpoints: real {r['checkpoints']}, Warren {w['checkpoints']}")
    if diffs:
        failed += 1
        print(f"test {r['name']} ... FAILED"); print("\n".join(diffs))
    else:
        passed += 1
        print(f"test {r['name']} ... ok")
print(f"test result: {'ok' if not failed else 'FAILED'}. {passed} passed; {failed} failed")
sys.exit(1 if failed else 0)
PY
