#!/usr/bin/env bash
# Installs the Debian packages cbdest needs to build, test, run and benchmark, only if missing.
set -euo pipefail
pkgs=(build-essential pkg-config libncurses-dev libcurl4-openssl-dev libcjson-dev check
      libsubunit-dev libmicrohttpd-dev libsqlite3-dev sqlite3 tmux python3 python3-pytest
      curl jq valgrind wrk hyperfine procps time ncurses-term ca-certificates)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
