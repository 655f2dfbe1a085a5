#!/usr/bin/env bash
# The real-broker stage (`make test-broker`): starts a private RabbitMQ
# (scripts/rabbitmq-node.sh) whose management API allows the e2e page's
# origin, runs e2e/broker/*.test.mjs (or the files given) against dist/,
# and stops the node whatever happens.
#
#   scripts/broker-e2e.sh [e2e/broker/FILE.test.mjs ...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "no release build in dist/: run make build-release first" >&2; exit 1; }
WARREN_E2E_PORT=${WARREN_E2E_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
export WARREN_E2E_PORT
node_env=$(RABBITMQ_CORS_ORIGINS="http://127.0.0.1:$WARREN_E2E_PORT" RABBITMQ_STATS_INTERVAL=1000 scripts/rabbitmq-node.sh start)
eval "$node_env"
trap 'scripts/rabbitmq-node.sh stop "$RABBITMQ_NODE_DIR"' EXIT
export RABBITMQ_NODE RABBITMQ_AMQP_PORT RABBITMQ_MGMT_PORT RABBITMQ_CTL
if [ "$#" -eq 0 ]; then set -- e2e/broker/*.test.mjs; fi
node --test --test-reporter=spec "$@"
