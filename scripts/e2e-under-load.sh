#!/usr/bin/env bash
# Proof that the end-to-end tests do not depend on timing (issue 12): runs the Playwright suite
# RUNS times in a row (default 3) with two workers while a CPU hog occupies both cores. The hogs
# are started here and ended by their process ids whatever happens. Extra arguments go to
# Playwright, e.g. `--repeat-each=10 tests/e2e/catalogue.spec.ts`.
#   npm run build && bash scripts/e2e-under-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}

hogs=()
stop_hogs() { [ ${#hogs[@]} -eq 0 ] || kill "${hogs[@]}" 2>/dev/null || true; }
trap stop_hogs EXIT
for _ in 1 2; do
  yes >/dev/null &
  hogs+=($!)
done
echo "CPU hogs running: ${hogs[*]} (load average: $(cut -d' ' -f1-3 /proc/loadavg))"

for run in $(seq 1 "$runs"); do
  echo "== run $run of $runs under load =="
  start=$(date +%s)
  npx playwright test --project=chromium --workers=2 --retries=0 "$@"
  echo "== run $run passed in $(($(date +%s) - start)) s (load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
done
