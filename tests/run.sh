#!/usr/bin/env bash
# Runs every test suite (Check unit binaries, then pytest suites) and prints one closing tally.
# usage: tests/run.sh BUILD_DIR [unit|py]   (default: all)
set -uo pipefail
build=${1:-build}
what=${2:-all}
here=$(cd "$(dirname "$0")" && pwd)
export CBDEST_BUILD=$(cd "$build" && pwd)
passed=0; failed=0; broken=()

run_unit() {
  local bin out checks fails errs
  for bin in "$build"/tests/test_*; do
    [ -x "$bin" ] || continue
    if [ -n "${CBDEST_VALGRIND:-}" ]; then
      out=$(CK_FORK=no valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite "$bin" 2>&1); rc=$?
    else
      out=$("$bin" 2>&1); rc=$?
    fi
    printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks' | sed "s|^|$(basename "$bin"): |"
    checks=$(printf '%s\n' "$out" | sed -nE 's/.*Checks: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+).*/\1 \2 \3/p' | tail -1)
    if [ -z "$checks" ]; then
      printf '%s\n' "$out" | tail -20; failed=$((failed+1)); broken+=("$(basename "$bin")"); continue
    fi
    set -- $checks
    passed=$((passed + $1 - $2 - $3)); failed=$((failed + $2 + $3))
    if [ "$rc" -ne 0 ] || [ "$2" -ne 0 ] || [ "$3" -ne 0 ]; then
      printf '%s\n' "$out" | grep -vE '^[0-9]+%: Checks' | tail -40
      broken+=("$(basename "$bin")")
      [ "$2" -eq 0 ] && [ "$3" -eq 0 ] && failed=$((failed+1))
    fi
  done
}

run_py() {
  local dirs=() d
  for d in contract cli e2e fake; do
    compgen -G "$here/$d/test_*.py" >/dev/null && dirs+=("$here/$d")
  done
  [ ${#dirs[@]} -eq 0 ] && return
  local log; log=$(mktemp)
  /usr/bin/python3 -m pytest -q -p no:cacheprovider -o console_output_style=classic \
     "${dirs[@]}" 2>&1 | tee "$log"
  local tail; tail=$(grep -E '(passed|failed|error)' "$log" | tail -1)
  local p f e
  p=$(printf '%s' "$tail" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || true)
  f=$(printf '%s' "$tail" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || true)
  e=$(printf '%s' "$tail" | grep -oE '[0-9]+ error' | grep -oE '[0-9]+' || true)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  if [ -z "$p$f$e" ]; then failed=$((failed+1)); broken+=(pytest); fi
  [ "${f:-0}${e:-0}" != "00" ] && broken+=(pytest)
  rm -f "$log"
}

case "$what" in
  unit) run_unit ;;
  py) run_py ;;
  *) run_unit; run_py ;;
esac
echo
[ ${#broken[@]} -gt 0 ] && echo "failing: ${broken[*]}"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
