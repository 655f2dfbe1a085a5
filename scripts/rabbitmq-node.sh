#!/usr/bin/env bash
# A private RabbitMQ node for tests and experiments, never the system one:
# its own data folder (owned by user `rabbitmq`), free ports, loopback
# only, the management plugin on, `loopback_users = none` (guest/guest
# works over 127.0.0.1).
#
#   scripts/rabbitmq-node.sh start      starts a node; prints shell lines
#                                       (eval them) with its name and ports
#   scripts/rabbitmq-node.sh stop DIR   stops the node whose folder is DIR
#                                       and removes the folder
#
# `start` prints, for `eval "$(scripts/rabbitmq-node.sh start)"`:
#   RABBITMQ_NODE_DIR   the node's folder (give it to `stop`)
#   RABBITMQ_NODE       the node name (rabbitmqctl -n "$RABBITMQ_NODE" ...)
#   RABBITMQ_AMQP_PORT  AMQP 0-9-1 on 127.0.0.1
#   RABBITMQ_MGMT_PORT  the management HTTP API on 127.0.0.1
#   RABBITMQ_DIST_PORT  Erlang distribution (rabbitmqctl)
#   RABBITMQ_CTL        the rabbitmqctl command for this node (with its cookie)
#
# Settings (environment, all optional):
#   RABBITMQ_CORS_ORIGINS   space-separated origins the management API
#                           answers from pages (management.cors.allow_origins)
#   RABBITMQ_STATS_INTERVAL collect_statistics_interval in ms (default 5000;
#                           tests use 1000 to see counts change sooner)
#   RABBITMQ_NODE_PREFIX    node name prefix (default warren)
#
# A test stage uses it with a trap, so the node is stopped even on failure:
#   eval "$(scripts/rabbitmq-node.sh start)"
#   trap 'scripts/rabbitmq-node.sh stop "$RABBITMQ_NODE_DIR"' EXIT
set -euo pipefail

die() { echo "rabbitmq-node: $*" >&2; exit 1; }
note() { echo "rabbitmq-node: $*" >&2; }

# Runs a command as the `rabbitmq` user with the node's environment.
as_rabbitmq() {
  local dir=$1; shift
  local envs=(HOME="$dir" RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" ERL_EPMD_ADDRESS=127.0.0.1)
  if [ "$(id -un)" = rabbitmq ]; then
    env "${envs[@]}" "$@"
  elif [ "$(id -u)" = 0 ]; then
    runuser -u rabbitmq -- env "${envs[@]}" "$@"
  else
    sudo -u rabbitmq env "${envs[@]}" "$@"
  fi
}

# A free TCP port on 127.0.0.1 (the kernel picks it), not in `$*`.
free_port() {
  local port
  while :; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    case " $* " in *" $port "*) ;; *) echo "$port"; return ;; esac
  done
}

RMQ_BIN=/usr/lib/rabbitmq/bin

start() {
  [ -x "$RMQ_BIN/rabbitmq-server" ] || die "rabbitmq-server is not installed (make setup installs it: apt-get install rabbitmq-server)"
  id rabbitmq >/dev/null 2>&1 || die "there is no user 'rabbitmq' (the rabbitmq-server package creates it)"
  local prefix=${RABBITMQ_NODE_PREFIX:-warren}
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/$prefix-rabbitmq.XXXXXX")
  chmod 755 "$dir"
  local amqp mgmt dist
  amqp=$(free_port)
  mgmt=$(free_port "$amqp")
  dist=$(free_port "$amqp" "$mgmt")
  local node="$prefix-$amqp@localhost"
  mkdir -p "$dir/mnesia" "$dir/log" "$dir/plugins-expand"
  {
    echo "listeners.tcp.local = 127.0.0.1:$amqp"
    echo "loopback_users = none"
    echo "management.tcp.ip = 127.0.0.1"
    echo "management.tcp.port = $mgmt"
    echo "collect_statistics_interval = ${RABBITMQ_STATS_INTERVAL:-5000}"
    local i=1 origin
    for origin in ${RABBITMQ_CORS_ORIGINS:-}; do
      echo "management.cors.allow_origins.$i = $origin"
      i=$((i + 1))
    done
    # Preflight answers may be cached a minute (the default is 30 min).
    [ "$i" -gt 1 ] && echo "management.cors.max_age = 60"
    true
  } >"$dir/rabbitmq.conf"
  echo "[rabbitmq_management]." >"$dir/enabled_plugins"
  cat >"$dir/rabbitmq-env.conf" <<EOF
NODENAME=$node
CONFIG_FILE=$dir/rabbitmq.conf
MNESIA_BASE=$dir/mnesia
LOG_BASE=$dir/log
FEATURE_FLAGS_FILE=$dir/feature_flags
PLUGINS_EXPAND_DIR=$dir/plugins-expand
ENABLED_PLUGINS_FILE=$dir/enabled_plugins
DIST_PORT=$dist
PID_FILE=$dir/pid
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
  chown -R rabbitmq:rabbitmq "$dir" 2>/dev/null || sudo chown -R rabbitmq:rabbitmq "$dir"
  # setsid: the node outlives this script's process group but not `stop`.
  as_rabbitmq "$dir" setsid "$RMQ_BIN/rabbitmq-server" >"$dir/log/console.log" 2>&1 </dev/null &
  local ctl="$(cd "$(dirname "$0")" && pwd)/$(basename "$0") ctl $dir"
  if ! as_rabbitmq "$dir" "$RMQ_BIN/rabbitmqctl" -n "$node" --timeout 90 wait "$dir/pid" >/dev/null 2>"$dir/log/await.err"; then
    note "the node did not start; its log:"
    tail -n 30 "$dir/log/console.log" "$dir/log/await.err" >&2 || true
    [ -n "${RABBITMQ_KEEP_FAILED:-}" ] || stop "$dir"
    exit 1
  fi
  # The management listener comes up with the plugin, just after boot.
  local tries=0
  until curl -s -o /dev/null "http://127.0.0.1:$mgmt/api/overview"; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { stop "$dir"; die "the management API did not answer on port $mgmt"; }
    sleep 0.1
  done
  echo "$node" >"$dir/node-name"
  echo "RABBITMQ_NODE_DIR=$dir"
  echo "RABBITMQ_NODE=$node"
  echo "RABBITMQ_AMQP_PORT=$amqp"
  echo "RABBITMQ_MGMT_PORT=$mgmt"
  echo "RABBITMQ_DIST_PORT=$dist"
  echo "RABBITMQ_CTL='$ctl'"
  note "started $node: AMQP 127.0.0.1:$amqp, management http://127.0.0.1:$mgmt, folder $dir"
}

# rabbitmqctl for the node in DIR (its cookie lives there).
ctl() {
  local dir=$1; shift
  [ -f "$dir/node-name" ] || die "no node in $dir"
  as_rabbitmq "$dir" "$RMQ_BIN/rabbitmqctl" -n "$(cat "$dir/node-name")" "$@"
}

stop() {
  local dir=${1:-}
  [ -n "$dir" ] && [ -d "$dir" ] || { note "nothing to stop (no folder '${dir}')"; return 0; }
  [ -f "$dir/rabbitmq-env.conf" ] || die "$dir is not a node folder made by this script"
  local node
  node=$(sed -n 's/^NODENAME=//p' "$dir/rabbitmq-env.conf")
  as_rabbitmq "$dir" "$RMQ_BIN/rabbitmqctl" -n "$node" --timeout 30 stop >/dev/null 2>&1 || true
  # If it did not stop: this node's own process, by the id it wrote.
  if [ -s "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
  note "stopped $node"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  ctl) shift; ctl "$@" ;;
  *) die "usage: $0 start | stop DIR | ctl DIR ARGS..." ;;
esac
