#!/usr/bin/env bash
# The export a user writes today: curl one page of 100, jq out the items, follow the last id.
# usage: export_loop.sh BASE_URL HEADER_FILE MAX_PAGES > items.jsonl   (stops early at the end)
set -euo pipefail
base=$1 hdr=$2 max=$3
after="" pages=0
while [ "$pages" -lt "$max" ]; do
  page=$(curl -sSf -H @"$hdr" "$base/callback-destinations?limit=100${after:+&after=$after}")
  printf '%s' "$page" | jq -c '.items[]'
  read -r more after < <(printf '%s' "$page" | jq -r '"\(.pagination.has_more_after) \(.items[-1].id)"')
  pages=$((pages + 1))
  [ "$more" = true ] || break
done
