#!/usr/bin/env bash
# Benchmarks cbdest and cbdest-server against same-run baselines and prints one table.
# usage: bench/run.sh BUILD_DIR   (`make bench` builds build-release and calls this)
# Knobs (env): CBDEST_BENCH_ROWS (100000), CBDEST_BENCH_IDLE (60 s), CBDEST_BENCH_LOOP_PAGES (100).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build-release}" 2>/dev/null && pwd) || { echo "bench: no build dir ${1:-}" >&2; exit 2; }
ROWS=${CBDEST_BENCH_ROWS:-100000}
IDLE_S=${CBDEST_BENCH_IDLE:-60}
LOOP_PAGES=${CBDEST_BENCH_LOOP_PAGES:-100}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
work=$(mktemp -d "${TMPDIR:-/tmp}/cbdest-bench.XXXXXX")
bindir=$build/bench
pids=()
server_pid="" base="" db="$work/bench.db" seed_s="" server_why=""
started=$(date +%s)

cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# shellcheck source=bench/rows.sh
. "$here/rows.sh"

compile_helpers() {
  mkdir -p "$bindir"
  local flags="-std=c11 -O2 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wwrite-strings -Werror"
  # shellcheck disable=SC2086
  cc $flags $(pkg-config --cflags libcurl) "$here/httpbench.c" -o "$bindir/httpbench" \
     $(pkg-config --libs libcurl) 2>"$work/cc-httpbench.err" || rm -f "$bindir/httpbench"
  # shellcheck disable=SC2086
  cc $flags $(pkg-config --cflags sqlite3) "$here/sqlbench.c" -o "$bindir/sqlbench" \
     $(pkg-config --libs sqlite3) 2>"$work/cc-sqlbench.err" || rm -f "$bindir/sqlbench"
}

make_key() {
  local key
  key=metorial_sk_$(head -c 2000 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9' | head -c 32)
  (umask 077
   printf '%s\n' "$key" > "$work/key"
   printf 'Authorization: Bearer %s\nMetorial-Version: 2026-01-01-magnetar\n' "$key" > "$work/headers")
  mkdir -p "$work/config" "$work/data"
  unset METORIAL_API_KEY
  export CBDEST_API_KEY_FILE="$work/key"
  export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
}

# Starts cbdest-server seeded with ROWS destinations; sets server_pid, base, seed_s or server_why.
start_server() {
  [ -x "$build/cbdest-server" ] || { server_why="no $build/cbdest-server"; return 1; }
  local t0 line i
  t0=$(date +%s.%N)
  "$build/cbdest-server" --listen 127.0.0.1:0 --db "$db" --api-key-file "$work/key" \
      --seed "$ROWS" --rate-limit 1000000000/1 >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  pids+=("$server_pid")
  for ((i = 0; i < 1800; i++)); do   # seeding may take a while: up to 180 s
    line=$(head -1 "$work/server.out" 2>/dev/null)
    [ -n "$line" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  case $line in
    "cbdest-server listening on http://"*) base=${line#cbdest-server listening on } ;;
    *) server_why="server did not start: $(head -c 200 "$work/server.err" | tr '\n' ' ')"
       return 1 ;;
  esac
  seed_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  export METORIAL_BASE_URL=$base
}

print_header() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
  echo "cbdest bench: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "machine: nproc=$(nproc), cpu: ${cpu:-unknown}, kernel $(uname -r)"
  echo "build: $build ($(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo '?'))"
  if [ -n "$base" ]; then
    echo "server: $ROWS seeded destinations in ${seed_s}s, $base, loopback only"
  else
    echo "server: unavailable ($server_why)"
  fi
  echo "total runtime: $(( $(date +%s) - started )) s"
  echo
}

main() {
  compile_helpers
  make_key
  echo "bench: seeding $ROWS destinations and starting the server..." >&2
  start_server
  idle_start            # runs in the background while the other rows are measured
  sleep 1               # let its start-up pass before the latency rows
  local step t
  for step in row_latency row_throughput row_export row_first_screen row_keys row_bytes \
              row_memory idle_finish; do
    t=$(date +%s)
    "$step"
    echo "bench: $step took $(( $(date +%s) - t )) s" >&2
  done
  print_header
  "$PY" "$here/table.py" < "$work/rows.tsv"
}

main
