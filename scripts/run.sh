#!/usr/bin/env bash
# Starts a seeded local cbdest-server on an ephemeral loopback port and runs cbdest against it;
# stops the server when cbdest exits.   usage: scripts/run.sh [BUILD_DIR]   (make run)
set -euo pipefail
umask 077     # the log, like the db and key beside it, is for the user alone
build=${1:-build}
data="${XDG_DATA_HOME:-$HOME/.local/share}/cbdest"
mkdir -p "$data"
chmod 700 "$data" 2>/dev/null || true

out=$(mktemp)
errlog="$data/cbdest-server.log"
: >>"$errlog"
chmod 600 "$errlog"      # an older log may have been made 0644
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -f "$out"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --seed only fills an empty database, so a restart keeps the user's data.
"$build/cbdest-server" --listen 127.0.0.1:0 --db "$data/cbdest.db" --seed 300 \
  >"$out" 2>"$errlog" &
server_pid=$!

# Wait (up to 10 s) for the two announcement lines: the URL and the key file.
for _ in $(seq 1 200); do
  [ "$(wc -l <"$out")" -ge 2 ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
url=$(sed -n '1s/^cbdest-server listening on //p' "$out")
keyfile=$(sed -n '2s/^api key file: //p' "$out")
if [ -z "$url" ] || [ -z "$keyfile" ]; then
  echo "run: cbdest-server did not start; its log ($errlog):" >&2
  tail -20 "$errlog" >&2
  exit 1
fi

status=0
METORIAL_BASE_URL="$url" CBDEST_API_KEY_FILE="$keyfile" "$build/cbdest" || status=$?
exit "$status"
