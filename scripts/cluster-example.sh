#!/usr/bin/env bash
# README "Cluster", on one machine: NODES Mostrador nodes sharing one PostgreSQL
# database and one Redis, behind scripts/cluster-proxy.mjs.
#
#   DATABASE_URL=postgres://… REDIS_URL=redis://… bash scripts/cluster-example.sh
#
# NODES (3) nodes listen on FIRST_PORT (3001), 3002…, on HOST (127.0.0.1: only
# the proxy is reached from outside); the proxy on PROXY_PORT (8080). Each
# node's log and pid are in CLUSTER_DIR (data/cluster). Every other variable
# (CLUSTER_NAME, DEMO_PASSWORD, DATA_DIR…) reaches every node.
# To see a node drain as in a deploy: kill -TERM "$(cat data/cluster/node-2.pid)".
# Ctrl+C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL=postgres://… is needed: the nodes share one PostgreSQL database}"
: "${REDIS_URL:?REDIS_URL=redis://… is needed: the nodes share one Redis}"
NODES="${NODES:-3}"
FIRST_PORT="${FIRST_PORT:-3001}"
PROXY_PORT="${PROXY_PORT:-8080}"
CLUSTER_DIR="${CLUSTER_DIR:-data/cluster}"
export DATABASE_URL REDIS_URL
export HOST="${HOST:-127.0.0.1}"
# The proxy sets X-Forwarded-For to each client's address: per-address limits count clients, not the proxy.
export TRUST_PROXY=true
# Told to stop, a node stays up unready this long: the proxy (checking every second) sends new clients elsewhere first.
export SHUTDOWN_DRAIN_SECONDS="${SHUTDOWN_DRAIN_SECONDS:-5}"
mkdir -p "$CLUSTER_DIR"

# The widget and the console are built once, before the nodes start together.
node scripts/start.mjs --build-only

pids=()
stop() {
  local status=$?
  trap - EXIT INT TERM
  kill "-$1" "${pids[@]}" 2>/dev/null || true
  wait
  exit "$status"
}
trap 'stop INT' INT
trap 'stop TERM' TERM EXIT

upstreams=()
for i in $(seq 1 "$NODES"); do
  port=$((FIRST_PORT + i - 1))
  PORT="$port" NODE_ID="node-$i" node scripts/start.mjs >"$CLUSTER_DIR/node-$i.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$CLUSTER_DIR/node-$i.pid"
  upstreams+=(--upstream "127.0.0.1:$port")
done
echo "Started $NODES nodes (logs: $CLUSTER_DIR/node-*.log). Shop: http://localhost:$PROXY_PORT/shop/  Console: http://localhost:$PROXY_PORT/console/"
node scripts/cluster-proxy.mjs --listen "$PROXY_PORT" "${upstreams[@]}" &
pids+=("$!")
wait
