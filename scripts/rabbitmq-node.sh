#!/usr/bin/env bash
# A private RabbitMQ 3.10.8 node for tests, never the system one.
#   scripts/rabbitmq-node.sh start [DIR]   start a node on free loopback ports;
#                                          prints AMQP_PORT=... MGMT_PORT=... NODE=... DIR=...
#   scripts/rabbitmq-node.sh stop [DIR]    stop it and remove its data directory
# DIR defaults to target/rabbitmq-node. The node runs as user `rabbitmq` when
# started by root. `start` waits until the node answers (about 8 s).
set -euo pipefail
cmd=${1:-}
dir=${2:-$(cd "$(dirname "$0")/.." && pwd)/target/rabbitmq-node}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_rabbit() {
  if [ "$(id -u)" = 0 ] && id rabbitmq >/dev/null 2>&1; then
    su -s /bin/sh rabbitmq -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

node_env() {
  # shellcheck disable=SC1091
  . "$dir/env"
  export RABBITMQ_NODENAME RABBITMQ_CONFIG_FILE RABBITMQ_MNESIA_BASE RABBITMQ_LOG_BASE \
    RABBITMQ_FEATURE_FLAGS_FILE RABBITMQ_PLUGINS_EXPAND_DIR RABBITMQ_ENABLED_PLUGINS_FILE \
    RABBITMQ_DIST_PORT
}

start() {
  command -v rabbitmq-server >/dev/null || { echo "rabbitmq-server is not installed (make setup)" >&2; exit 1; }
  if [ -f "$dir/env" ]; then stop; fi
  mkdir -p "$dir"
  local amqp mgmt dist name
  amqp=$(free_port); mgmt=$(free_port); dist=$(free_port)
  name="warren-test-$amqp@localhost"
  cat >"$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$amqp
loopback_users = none
management.tcp.port = $mgmt
management.tcp.ip = 127.0.0.1
CONF
  echo "[rabbitmq_management]." >"$dir/enabled_plugins"
  cat >"$dir/env" <<ENV
RABBITMQ_NODENAME=$name
RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf
RABBITMQ_MNESIA_BASE=$dir/mnesia
RABBITMQ_LOG_BASE=$dir/log
RABBITMQ_FEATURE_FLAGS_FILE=$dir/feature_flags
RABBITMQ_PLUGINS_EXPAND_DIR=$dir/plugins
RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins
RABBITMQ_DIST_PORT=$dist
AMQP_PORT=$amqp
MGMT_PORT=$mgmt
ENV
  [ "$(id -u)" = 0 ] && id rabbitmq >/dev/null 2>&1 && chown -R rabbitmq:rabbitmq "$dir"
  node_env
  if [ -f "$dir/.erlang.cookie" ]; then :; fi
  ( set -m; as_rabbit rabbitmq-server >"$dir/server.out" 2>&1 & echo $! >"$dir/pid" ) 
  local i
  for i in $(seq 1 40); do
    if as_rabbit rabbitmqctl -n "$name" -q await_startup >/dev/null 2>&1; then
      echo "AMQP_PORT=$amqp"; echo "MGMT_PORT=$mgmt"; echo "NODE=$name"; echo "DIR=$dir"
      return 0
    fi
    sleep 1
  done
  echo "the node did not start:" >&2
  tail -n 20 "$dir/server.out" >&2 || true
  stop
  exit 1
}

stop() {
  [ -f "$dir/env" ] || return 0
  node_env
  as_rabbit rabbitmqctl -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
  if [ -f "$dir/pid" ]; then
    local pid; pid=$(cat "$dir/pid")
    # The server's process group (started with set -m): end only what we started.
    kill -- "-$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  ctl) shift 2 || shift; node_env; as_rabbit rabbitmqctl -n "$RABBITMQ_NODENAME" "$@" ;;
  *) echo "usage: $0 start|stop [DIR] | ctl DIR ARGS..." >&2; exit 2 ;;
esac
