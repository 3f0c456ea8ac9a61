#!/usr/bin/env bash
# Load comparison: shopmcp's HTTP stack (benches/src/bin/perf-server.rs) beside the floor, a
# bare rmcp 3.9 server with one echo tool, under the same wrk load. Floor and shopmcp run
# alternately, REPS times per scenario; the table shows medians.
#
#   FLOOR_DIR=/path/to/floor-rmcp perf/load.sh
#
# FLOOR_DIR  a bare rmcp 3.9 server with one `echo` tool (a cargo project whose binary
#            `mcpperf` takes `mcp ADDR json|sse stateless` and `hello ADDR`, the latter a bare
#            axum POST /hello answering a fixed tool result); required.
# WRK_DIR    wrk/post.lua and the request files body_2025.json, hdr_2025.txt, body_2026.json,
#            hdr_2026.txt (default: $FLOOR_DIR/../wrk).
# DURATION   seconds of load per run (default 10); REPS (default 3); CONNS (default 16);
# SCENARIOS  subset of: json2025 json2026 sse2025 sse1conn upstream (default: all).
# FLOOR_TARGET_DIR  cargo target dir for the floor (default $FLOOR_DIR/target).
#
# The upstream scenario's reference is the floor plus one bare reqwest round trip to the same
# fake upstream (benches/src/bin/perf-client.rs; its CPU column is the client's own).
#
# Per run: calls/s, p50 and p99 (wrk), server CPU per call (utime+stime delta of the server
# process from /proc/PID/stat over the load, divided by calls) and RSS after the load.
set -euo pipefail

: "${FLOOR_DIR:?set FLOOR_DIR to the cargo project of the floor server}"
WRK_DIR=${WRK_DIR:-$FLOOR_DIR/../wrk}
DURATION=${DURATION:-10}
REPS=${REPS:-3}
CONNS=${CONNS:-16}
SCENARIOS=${SCENARIOS:-json2025 json2026 sse2025 sse1conn upstream}
FLOOR_TARGET_DIR=${FLOOR_TARGET_DIR:-$FLOOR_DIR/target}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
PORT_FLOOR=9100
PORT_OURS=9200
PORT_UP=9300

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

echo "building the floor and perf-server (release)..." >&2
cargo build -q --release --manifest-path "$FLOOR_DIR/Cargo.toml" --target-dir "$FLOOR_TARGET_DIR"
(cd "$ROOT" && cargo build -q --release --locked -p shopmcp-benches --bin perf-server --bin perf-client)
FLOOR_BIN=$FLOOR_TARGET_DIR/release/mcpperf
OURS_BIN=$TARGET_DIR/release/perf-server
CLIENT_BIN=$TARGET_DIR/release/perf-client

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
CLK_TCK=$(getconf CLK_TCK)

wait_port() { for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; echo "port $1 not listening" >&2; return 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
field() { grep -o "\"$2\":[0-9.]*" <<<"$1" | head -1 | cut -d: -f2; }

start_floor() { # mode
  "$FLOOR_BIN" mcp "127.0.0.1:$PORT_FLOOR" "$1" stateless 2>/dev/null &
  SERVER=$!; PIDS+=("$SERVER"); wait_port $PORT_FLOOR
}
start_ours() { # mode [upstream]
  "$OURS_BIN" "127.0.0.1:$PORT_OURS" "$@" >"$WORK/token" 2>/dev/null &
  SERVER=$!; PIDS+=("$SERVER"); wait_port $PORT_OURS
  for _ in $(seq 100); do [ -s "$WORK/token" ] && break; sleep 0.05; done
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# Request files for shopmcp: the floor's, with our tool name and token.
ours_files() { # era tool
  local token; token=$(head -1 "$WORK/token")
  sed "s/\"name\":\"echo\"/\"name\":\"$2\"/" "$WRK_DIR/body_$1.json" >"$WORK/body_ours.json"
  sed -e "s/acme-token/$token/" -e "s/^Mcp-Name: echo/Mcp-Name: $2/" "$WRK_DIR/hdr_$1.txt" >"$WORK/hdr_ours.txt"
}

# One wrk run against $SERVER; prints "rps p50_us p99_us cpu_us_per_call rss_kib".
measure() { # url body hdr conns
  WRK_CHECK=1 WRK_BODY_FILE=$2 WRK_HEADERS_FILE=$3 \
    wrk -t1 -c"$4" -d2s -s "$WRK_DIR/post.lua" "$1" >/dev/null # warm-up
  local t0 t1 out
  t0=$(cpu_ticks "$SERVER")
  out=$(WRK_CHECK=1 WRK_BODY_FILE=$2 WRK_HEADERS_FILE=$3 \
    wrk -t"$(( $4 < 2 ? $4 : 2 ))" -c"$4" -d"${DURATION}s" -s "$WRK_DIR/post.lua" --latency "$1" | grep JSONRESULT)
  t1=$(cpu_ticks "$SERVER")
  local req bad; req=$(field "$out" requests); bad=$(field "$out" checked_bad)
  if [ "$bad" != 0 ] || [ "$(field "$out" non2xx3xx)" != 0 ]; then
    echo "bad replies: $out" >&2; exit 1
  fi
  awk -v r="$(field "$out" rps)" -v p50="$(field "$out" p50_us)" -v p99="$(field "$out" p99_us)" \
    -v dt=$((t1 - t0)) -v hz="$CLK_TCK" -v n="$req" -v rss="$(rss_kib "$SERVER")" \
    'BEGIN { printf "%.0f %d %d %.1f %d\n", r, p50, p99, dt / hz * 1e6 / n, rss }'
}

run_floor() { # scenario
  local era=2025 mode=json conns=$CONNS
  case $1 in json2026) era=2026 ;; sse2025) mode=sse ;; sse1conn) mode=sse conns=1 ;; esac
  start_floor $mode
  measure "http://127.0.0.1:$PORT_FLOOR/mcp" "$WRK_DIR/body_$era.json" "$WRK_DIR/hdr_$era.txt" "$conns"
  stop "$SERVER"
}
run_ours() { # scenario
  local era=2025 mode=json conns=$CONNS tool=shopify_echo_get up=()
  case $1 in
    json2026) era=2026 ;; sse2025) mode=sse ;; sse1conn) mode=sse conns=1 ;;
    upstream) tool=shopify_upstream_get up=("http://127.0.0.1:$PORT_UP") ;;
  esac
  start_ours $mode "${up[@]}"
  ours_files $era $tool
  measure "http://127.0.0.1:$PORT_OURS/mcp" "$WORK/body_ours.json" "$WORK/hdr_ours.txt" "$conns"
  stop "$SERVER"
}
# The bare round trip to the fake upstream: reqwest from perf-client, as many connections and
# runtime workers as the servers use; its own CPU per call is what one upstream call costs a
# client at least.
run_bare_upstream() {
  CLK_TCK=$CLK_TCK "$CLIENT_BIN" "http://127.0.0.1:$PORT_UP/hello" "$CONNS" "$DURATION"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
col() { awk -v c="$2" '{print $c}' "$1" | median; }

for s in $SCENARIOS; do
  : >"$WORK/$s.floor"; : >"$WORK/$s.ours"
  if [ "$s" = upstream ]; then
    "$FLOOR_BIN" hello "127.0.0.1:$PORT_UP" 2>/dev/null &
    UPSTREAM=$!; PIDS+=("$UPSTREAM"); wait_port $PORT_UP
    : >"$WORK/$s.bare"
  fi
  for r in $(seq "$REPS"); do
    run_floor "$( [ "$s" = upstream ] && echo json2025 || echo "$s")" >>"$WORK/$s.floor"
    run_ours "$s" >>"$WORK/$s.ours"
    [ "$s" = upstream ] && run_bare_upstream >>"$WORK/$s.bare"
    echo "$s rep $r: floor $(tail -1 "$WORK/$s.floor") | ours $(tail -1 "$WORK/$s.ours") | load $(cut -d' ' -f1 /proc/loadavg)" >&2
  done
  [ "$s" = upstream ] && stop "$UPSTREAM"
done

printf '\n%-10s %-8s %9s %8s %8s %10s %8s %7s\n' scenario server calls/s p50_ms p99_ms cpu_us/call rss_MiB ratio
for s in $SCENARIOS; do
  frps=$(col "$WORK/$s.floor" 1)
  for who in floor ours; do
    f=$WORK/$s.$who
    rps=$(col "$f" 1)
    awk -v s="$s" -v w="$who" -v rps="$rps" -v p50="$(col "$f" 2)" -v p99="$(col "$f" 3)" \
      -v cpu="$(col "$f" 4)" -v rss="$(col "$f" 5)" -v fr="$frps" \
      'BEGIN { printf "%-10s %-8s %9.0f %8.2f %8.2f %10.1f %8.1f %6.0f%%\n", s, w, rps, p50/1000, p99/1000, cpu, rss/1024, 100*rps/fr }'
  done
  if [ "$s" = upstream ]; then
    # floor + one bare round trip: per-call times add up (both share the same two cores).
    brps=$(col "$WORK/$s.bare" 1)
    awk -v s="$s" -v b="$brps" -v fr="$frps" -v ours="$(col "$WORK/$s.ours" 1)" \
      -v bp50="$(col "$WORK/$s.bare" 2)" -v fp50="$(col "$WORK/$s.floor" 2)" \
      -v bp99="$(col "$WORK/$s.bare" 3)" -v bcpu="$(col "$WORK/$s.bare" 4)" \
      'BEGIN { m = 1 / (1/fr + 1/b);
               printf "%-10s %-8s %9.0f %8.2f %8.2f %10.1f %8s %7s\n", s, "bare-rt", b, bp50/1000, bp99/1000, bcpu, "", "";
               printf "%-10s %-8s %9.0f %8.2f %8s %10s %8s %6.0f%%\n", s, "floor+rt", m, (fp50+bp50)/1000, "", "", "", 100*ours/m }'
  fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; ratio = calls/s vs the floor (upstream: vs floor+rt)"
