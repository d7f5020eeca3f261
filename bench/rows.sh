# Row functions of bench/run.sh (sourced): each measures one figure and appends table rows.
# Uses run.sh's globals: build bindir work here PY ROWS IDLE_S LOOP_PAGES server_pid base db.

# row FIGURE MEASURED BASELINE RATIO TARGET MET   (ROWKEY orders the table: the figure's number)
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${ROWKEY:-9}" "$@" >> "$work/rows.tsv"; }
na() { row "$1" "n/a ($2)" "n/a" "-" "$3" "n/a"; }
calc() { awk "BEGIN{ $1 }"; }
ratio() { calc "if ($2 > 0) printf \"%.2fx\", $1 / $2; else printf \"-\""; }
yes_if() { if calc "exit !($1)"; then echo yes; else echo NO; fi; }
line_of() { printf '%s\n' "$1" | sed -n "$2p"; }                    # line_of TEXT N
kv() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }   # kv "a=1 b=2" b -> 2
mb() { calc "printf \"%.1f MB\", $1 / 1024"; }                   # KiB -> MB
ms() { calc "printf \"%.2f\", $1 / 1000"; }                       # microseconds -> ms
jget() { printf '%s' "$1" | jq -r "$2 // empty" 2>/dev/null; }
have_client() { [ -x "$build/cbdest" ]; }
last_err() { tail -1 "$work/last.err" 2>/dev/null | cut -c1-80; }

# sub VAR SECONDS CMD...: runs CMD in the background under `timeout` (its whole process group
# is stopped after SECONDS) and waits for it, so a signal reaches run.sh's trap at once; CMD's
# stdout goes into VAR, its stderr into $work/last.err.
sub() {
  local var=$1 limit=$2 f="$work/sub.out" p
  shift 2
  timeout -k 5 "$limit" "$@" >"$f" 2>"$work/last.err" &
  p=$!
  pids+=("$p")
  wait "$p"
  forget "$p"
  printf -v "$var" '%s' "$(cat "$f")"
}

forget() {
  local keep=() q
  for q in "${pids[@]}"; do [ "$q" = "$1" ] || keep+=("$q"); done
  pids=("${keep[@]}")
}

# Why the client can not be measured (empty when it can).
client_why() {
  [ -n "$base" ] || { echo "no server: $server_why"; return; }
  have_client || { echo "no $build/cbdest"; return; }
  local err
  if ! err=$(timeout -k 2 10 "$build/cbdest" list --limit 1 2>&1 >/dev/null); then
    echo "cbdest list failed: $(printf '%s' "$err" | head -1 | cut -c1-60)"
  fi
}

# Why the TUI can not be measured (empty when it can): the pty driver reports it.
tui_why() {
  local why
  why=$(client_why)
  [ -n "$why" ] && { echo "$why"; return; }
  [ -n "${tui_error:-}" ] && echo "$tui_error"
}

# --- 1. server list latency -------------------------------------------------------------
dest_table() {
  sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%dest%' ORDER BY length(name) LIMIT 1" 2>/dev/null
}

# The keyset SELECT the server runs for one page (mirrors src/server's list query).
list_sql() {
  local table cols
  table=$(dest_table)
  [ -n "$table" ] || return 1
  cols=$(sqlite3 "$db" "SELECT group_concat(name, ', ') FROM pragma_table_info('$table')")
  if [ "$1" = deep ]; then
    echo "SELECT $cols FROM $table WHERE id > ?1 ORDER BY id ASC LIMIT 101"
  else
    echo "SELECT $cols FROM $table ORDER BY id ASC LIMIT 101"
  fi
}

latency_cell() { echo "median $(ms "$(kv "$1" median_us)") ms, p99 $(ms "$(kv "$1" p99_us)") ms"; }

row_latency() {
  ROWKEY=1
  local page=$(( ROWS >= 100000 ? 900 : ROWS * 9 / 1000 ))
  local f1="list latency, first page (limit=100)" f2="list latency, page $page (limit=100)"
  local f3="list latency, page $page vs first page" f4="list latency, limit=1 (per-request cost)"
  local why="" deep_after http sql first deep sqf sqd one sq1 n=1000
  [ -n "$base" ] || why="no server: $server_why"
  [ -z "$why" ] && { [ -x "$bindir/httpbench" ] && [ -x "$bindir/sqlbench" ]; } ||
    why=${why:-"helpers did not compile: $(head -1 "$work"/cc-*.err)"}
  if [ -z "$why" ]; then
    deep_after=$(sqlite3 "$db" "SELECT id FROM $(dest_table) ORDER BY id LIMIT 1 OFFSET $(( (page - 1) * 100 - 1 ))" 2>&1)
    # Interleaved: first, deep, limit=1 in turn, so drift on a shared machine hits each alike.
    sub http 90 "$bindir/httpbench" $n "$work/headers" "$base/callback-destinations?limit=100" \
        "$base/callback-destinations?limit=100&after=$deep_after" "$base/callback-destinations?limit=1"
    sub sql 60 "$bindir/sqlbench" "$db" $n "$(list_sql first)" - "$(list_sql deep)" "$deep_after" \
        "$(list_sql first | sed 's/LIMIT 101$/LIMIT 2/')" -
    first=$(line_of "$http" 1) deep=$(line_of "$http" 2) one=$(line_of "$http" 3)
    sqf=$(line_of "$sql" 1) sqd=$(line_of "$sql" 2) sq1=$(line_of "$sql" 3)
    [ "$(kv "$first" ok)" = $n ] && [ "$(kv "$deep" ok)" = $n ] || why="HTTP errors: $first / $deep"
    [ -n "$sqf" ] && [ -n "$sqd" ] || why=${why:-"bare query failed (schema?)"}
  fi
  if [ -n "$why" ]; then
    na "$f1" "$why" "<= 2x bare query"; na "$f2" "$why" "<= 2x bare query"
    na "$f3" "$why" "<= 1.2x first page"; na "$f4" "$why" "(report)"; return
  fi
  local fm dm sfm sdm
  fm=$(kv "$first" median_us) dm=$(kv "$deep" median_us) sfm=$(kv "$sqf" median_us) sdm=$(kv "$sqd" median_us)
  row "$f1" "$(latency_cell "$first")" "SQLite alone: $(latency_cell "$sqf")" "$(ratio "$fm" "$sfm")" \
      "<= 2x bare query" "$(yes_if "$fm <= 2 * $sfm")"
  row "$f2" "$(latency_cell "$deep")" "SQLite alone: $(latency_cell "$sqd")" "$(ratio "$dm" "$sdm")" \
      "<= 2x bare query" "$(yes_if "$dm <= 2 * $sdm")"
  row "$f3" "median $(ms "$dm") ms" "first page: median $(ms "$fm") ms" "$(ratio "$dm" "$fm")" \
      "<= 1.2x first page" "$(yes_if "$dm <= 1.2 * $fm")"
  row "$f4" "$(latency_cell "$one")" "SQLite alone: $(latency_cell "$sq1")" \
      "$(ratio "$(kv "$one" median_us)" "$(kv "$sq1" median_us)")" "(report)" "-"
}

# --- 2. server throughput ------------------------------------------------------------------
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

row_throughput() {
  ROWKEY=2
  local f="server throughput (wrk -t2 -c2, limit=20)" out t0 t1 rps cpu non2xx
  [ -n "$base" ] || { na "$f" "no server: $server_why" ">= 5,000 req/s"; return; }
  command -v wrk >/dev/null || { na "$f" "wrk not installed" ">= 5,000 req/s"; return; }
  t0=$(cpu_ticks "$server_pid")
  sub out 30 wrk -t2 -c2 -d5s -H "Authorization: Bearer $(head -1 "$work/key")" \
        "$base/callback-destinations?limit=20"
  t1=$(cpu_ticks "$server_pid")
  rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/{printf "%.0f", $2}')
  non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx/{print $NF}')
  [ -n "$rps" ] || { na "$f" "wrk failed: $(last_err)" ">= 5,000 req/s"; return; }
  cpu=$(calc "printf \"%.0f\", ($t1 - $t0) / $(getconf CLK_TCK) / 5 * 100")
  row "$f" "$rps req/s, server CPU ${cpu}% of one core${non2xx:+, $non2xx non-2xx!}" \
      "none (2 cores shared with wrk)" "-" ">= 5,000 req/s" \
      "$(yes_if "$rps >= 5000 && ${non2xx:-0} == 0")"
}

# --- 3. export -------------------------------------------------------------------------------
row_export() {
  ROWKEY=3
  local f1="export all ($ROWS rows): cbdest list --all --jsonl" f2="export peak RSS (cbdest)"
  local why m lines lm llines wall lwall est one
  why=$(client_why)
  if [ -z "$why" ]; then
    sub m 120 "$PY" "$here/measure.py" "$work/export.jsonl" "$build/cbdest" list --all --jsonl
    lines=$(wc -l < "$work/export.jsonl")
    [ "$(kv "$m" rc)" = 0 ] || why="cbdest list --all failed (rc $(kv "$m" rc))"
  fi
  if [ -n "$why" ]; then
    na "$f1" "$why" ">= 10x faster than loop"; na "$f2" "$why" "< 10 MB"; return
  fi
  sub lm 120 "$PY" "$here/measure.py" "$work/loop.jsonl" "$here/export_loop.sh" "$base" "$work/headers" "$LOOP_PAGES"
  llines=$(wc -l < "$work/loop.jsonl")
  wall=$(kv "$m" wall_s) lwall=$(kv "$lm" wall_s)
  if [ -z "$lwall" ] || [ "$llines" -eq 0 ]; then
    row "$f1" "${wall} s, $lines lines" "n/a (curl+jq loop failed: $(last_err))" "-" \
        ">= 10x faster than loop" "n/a"
    lwall=0 llines=1 lm="maxrss_kb=0"
  fi
  est=$(calc "printf \"%.1f\", ($llines > 0 ? $lwall * $lines / $llines : 0)")
  rm -f "$work/export.jsonl" "$work/loop.jsonl"
  [ "$lwall" = 0 ] || row "$f1" "${wall} s, $lines lines$([ "$lines" = "$ROWS" ] || echo ' (count differs!)')" \
      "curl+jq loop: ${est} s (${lwall} s for $llines rows, scaled)" \
      "$(calc "if ($wall > 0) printf \"%.1fx faster\", $est / $wall")" ">= 10x faster than loop" \
      "$(yes_if "$est >= 10 * $wall && $lines == $ROWS")"
  sub one 30 "$PY" "$here/measure.py" /dev/null "$build/cbdest" list --limit 1 --jsonl
  row "$f2" "$(mb "$(kv "$m" maxrss_kb)") max RSS for $lines rows" \
      "cbdest list --limit 1: $(mb "$(kv "$one" maxrss_kb)"); curl+jq loop: $(mb "$(kv "$lm" maxrss_kb)")" \
      "$(ratio "$(kv "$m" maxrss_kb)" "$(kv "$one" maxrss_kb)")" \
      "< 10 MB" "$(yes_if "$(kv "$m" maxrss_kb) < 10240")"
}

# --- 4. time to first screen -------------------------------------------------------------
row_first_screen() {
  ROWKEY=4
  local f="time to first screen (TUI, 100x30 pty)" why out tui cli FIRST_RUNS=9
  why=$(tui_why)
  if [ -z "$why" ]; then
    sub out 150 "$PY" "$here/tui_bench.py" --bin "$build/cbdest" first-screen --runs $FIRST_RUNS
    tui=$(jget "$out" .tui_ms) cli=$(jget "$out" .cli_ms)
    [ -n "$tui" ] || { tui_error="TUI drew no row within 10 s$(last_err)"; why=$tui_error; }
    [ -n "$cli" ] || why=${why:-"cbdest list --limit 20 failed"}
  fi
  [ -z "$why" ] || { na "$f" "$why" "<= 1.5x one-shot list"; return; }
  row "$f" "median $tui ms ($FIRST_RUNS runs)" "cbdest list --limit 20 >/dev/null: median $cli ms" \
      "$(ratio "$tui" "$cli")" "<= 1.5x one-shot list" "$(yes_if "$tui <= 1.5 * $cli")"
}

# --- 5. key latency under a slow API ---------------------------------------------------------
row_keys() {
  ROWKEY=5
  local f="key latency, j -> repaint, API +2 s" why proxy="" ppid_="" line i fast slow
  why=$(tui_why)
  if [ -z "$why" ]; then
    "$PY" "$here/slowproxy.py" --upstream "$base" --delay 2 >"$work/proxy.out" 2>&1 &
    ppid_=$!; pids+=("$ppid_")
    for ((i = 0; i < 50; i++)); do
      line=$(head -1 "$work/proxy.out" 2>/dev/null); [ -n "$line" ] && break; sleep 0.1
    done
    proxy=${line#slowproxy listening on }
    [ -n "$line" ] || why="slowproxy did not start"
  fi
  if [ -z "$why" ]; then
    sub fast 90 "$PY" "$here/tui_bench.py" --bin "$build/cbdest" keys --presses 20
    sub slow 90 "$PY" "$here/tui_bench.py" --bin "$build/cbdest" keys --presses 20 --base-url "$proxy"
    [ -n "$(jget "$fast" .median_ms)" ] && [ -n "$(jget "$slow" .median_ms)" ] ||
      why="no repaint measured: $(jget "$slow" .error)"
  fi
  [ -n "$ppid_" ] && kill -TERM "$ppid_" 2>/dev/null
  [ -z "$why" ] || { na "$f" "$why" "equal within noise (<= +10 ms)"; return; }
  local sm fm
  sm=$(jget "$slow" .median_ms) fm=$(jget "$fast" .median_ms)
  row "$f" "median $sm ms, max $(jget "$slow" .max_ms) ms ($(jget "$slow" .no_repaint)/20 silent)" \
      "no delay: median $fm ms, max $(jget "$fast" .max_ms) ms" "$(ratio "$sm" "$fm")" \
      "equal within noise (<= +10 ms)" "$(yes_if "$sm <= $fm + 10")"
}

# --- 6. terminal bytes -----------------------------------------------------------------------
row_bytes() {
  ROWKEY=6
  local why out full pct
  why=$(tui_why)
  if [ -z "$why" ]; then
    sub out 60 "$PY" "$here/tui_bench.py" --bin "$build/cbdest" bytes
    full=$(jget "$out" .full)
    [ -n "$full" ] || why="pty driver: $(jget "$out" .error)$(last_err)"
  fi
  if [ -n "$why" ]; then
    na "bytes: one j move" "$why" "<= 5% of full repaint"
    na "bytes: one page down" "$why" "(report)"; na "bytes: one resize 100x30 -> 110x32" "$why" "(report)"
    return
  fi
  pct() { calc "if ($2 > 0) printf \"%.1f%%\", 100 * $1 / $2"; }
  row "bytes: one j move" "$(jget "$out" .j) B" "full repaint (Ctrl-L): $full B" \
      "$(pct "$(jget "$out" .j)" "$full")" "<= 5% of full repaint" \
      "$(yes_if "$(jget "$out" .j) <= 0.05 * $full")"
  row "bytes: one page down" "$(jget "$out" .pgdn) B" "full repaint: $full B" \
      "$(pct "$(jget "$out" .pgdn)" "$full")" "(report)" "-"
  row "bytes: one resize 100x30 -> 110x32" "$(jget "$out" .resize) B" \
      "full repaint at 110x32: $(jget "$out" .resize_full) B" \
      "$(pct "$(jget "$out" .resize)" "$(jget "$out" .resize_full)")" "(report)" "-"
}

idle_start() {
  idle_pid=""
  [ -z "$(tui_why)" ] || return 0
  timeout -k 5 $((IDLE_S + 40)) "$PY" "$here/tui_bench.py" --bin "$build/cbdest" idle \
      --seconds "$IDLE_S" >"$work/idle.out" 2>&1 &
  idle_pid=$!; pids+=("$idle_pid")
}

idle_finish() {
  ROWKEY=6
  local f="bytes: ${IDLE_S} s idle (TUI on the first screen)" why out b
  why=$(tui_why)
  if [ -z "$why" ] && [ -n "$idle_pid" ]; then
    wait "$idle_pid" 2>/dev/null
    out=$(cat "$work/idle.out")
    b=$(jget "$out" .idle_bytes)
    [ -n "$b" ] || why="pty driver: $(jget "$out" .error)$(last_err)"
  fi
  [ -z "$why" ] || { na "$f" "$why" "0 B"; return; }
  row "$f" "$b B" "-" "-" "0 B" "$(yes_if "$b == 0")"
}

# --- 7. memory at scale ------------------------------------------------------------------------
row_memory() {
  ROWKEY=7
  local f="memory: TUI RSS after scrolling all rows" why out ps="" first peak
  why=$(tui_why)
  if [ -z "$why" ]; then
    timeout -k 2 10 "$build/cbdest" --help 2>&1 | grep -q -- '--page-size' && ps=100
    sub out 110 "$PY" "$here/tui_bench.py" --bin "$build/cbdest" memory --page-size "${ps:-0}" --max-seconds 90
    first=$(jget "$out" .rss_first_kb) peak=$(jget "$out" .rss_peak_kb)
    [ -n "$first" ] || why="pty driver: $(jget "$out" .error)$(last_err)"
  fi
  [ -z "$why" ] || { na "$f" "$why" "< 2x first-page RSS"; return; }
  local reached
  reached=$([ "$(jget "$out" .reached_end)" = true ] && echo "all $(jget "$out" .last_row) rows" ||
            echo "only to row $(jget "$out" .last_row) in $(jget "$out" .seconds) s")
  row "$f" "peak $(calc "printf \"%.1f\", $peak / 1024") MB (${reached}, --page-size ${ps:-default})" \
      "after first page: $(calc "printf \"%.1f\", $first / 1024") MB" "$(ratio "$peak" "$first")" \
      "< 2x first-page RSS" "$(yes_if "$peak < 2 * $first")"
}
