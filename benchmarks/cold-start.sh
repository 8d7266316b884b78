#!/usr/bin/env bash
# Times what a new user waits for: `npm test` and `npm start` (until /health answers) on fresh clones of this
# repository. Prints the figures; it asserts nothing. The Temporal CLI cache and the npm cache are whatever the
# machine has: pass --cold-cli to build the CLI into an empty cache as well (about 6 minutes more).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
chmod 755 "$work" # as root, an embedded PostgreSQL runs as the postgres user, which must reach the clone
start_pid=
stop() {
  # npm start runs in its own process group: Ctrl-C's signal, sent to the group, stops everything it started.
  if [ -n "$start_pid" ]; then
    kill -INT -- "-$start_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 -- "-$start_pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -rf "$work"
}
trap stop EXIT

if [ "${1:-}" = "--cold-cli" ]; then
  export AVRR_CACHE_DIR="$work/tool-cache"
  echo "Temporal CLI: building into an empty cache"
fi
seconds() { echo "$(( $(date +%s%N) / 1000000 ))"; }

git clone -q "$repo" "$work/test"
t0=$(seconds)
(cd "$work/test" && npm test > "$work/test.log" 2>&1) || { grep -B5 -A40 "●" "$work/test.log" | head -80; exit 1; }
t1=$(seconds)
echo "npm test on a fresh clone (npm ci included): $(( (t1 - t0) / 1000 )) s"

git clone -q "$repo" "$work/start"
port=$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
t0=$(seconds)
setsid bash -c "cd '$work/start' && PORT=$port AVRR_DATA_DIR='$work/data' exec npm start" > "$work/start.log" 2>&1 < /dev/null &
start_pid=$!
until curl -sf "localhost:$port/health" > /dev/null; do
  sleep 0.5
  [ $(( $(seconds) - t0 )) -lt 900000 ] || { tail -20 "$work/start.log"; exit 1; }
done
t1=$(seconds)
echo "npm start on a fresh clone until /health answers (npm ci included): $(( (t1 - t0) / 1000 )) s"
