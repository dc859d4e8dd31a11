#!/usr/bin/env bash
# Runs the non-browser suites with the machine's clock (and time zone) set to moments where a test that
# reads the wall clock would break: the end of a Beijing working week, the eve of 国庆, the last minutes of
# the year, and a daylight-saving change for a department calendar in Berlin. Debian's faketime sets the
# clock for the whole process tree; the monotonic clock is left real so Node's timers and threads behave.
# Left out: the browser suites (npm test runs them) and forge lint, a static analysis of the source files with
# no clock in it that takes a minute or two on its own.
#
#   npm run test:dates                 all four moments
#   npm run test:dates -- berlin-dst   only the named ones
#
# Ends with one line: "dates: N passed, N failed, N skipped" over all the runs.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "test:dates needs Debian's faketime: apt-get install -y faketime" >&2
  exit 2
fi

# name | TZ | faketime's start, in that TZ | why
MOMENTS=(
  "friday-evening|Asia/Shanghai|2027-02-05 17:30:00|a Friday 17:30 in Beijing, the working week's last half hour"
  "guoqing-eve|Asia/Shanghai|2026-09-30 18:00:00|the eve of 国庆 (Golden Week) as the working day ends"
  "new-years-eve|Asia/Shanghai|2026-12-31 23:55:00|New Year's Eve 23:55 in Beijing: the date, the year and the holiday table turn over mid-run"
  "berlin-dst|Europe/Berlin|2027-03-28 01:59:30|half a minute before Berlin's clocks jump from 02:00 CET to 03:00 CEST"
)

# The manifest and bundle checks read the Custom UI builds.
for app in issue-panel project-page admin-page project-settings; do
  if [ ! -f "static/$app/build/index.html" ]; then npm run --silent build:ui || exit 1; break; fi
done

mkdir -p test-results
want=("$@")
results=()
status=0
for m in "${MOMENTS[@]}"; do
  IFS='|' read -r name tz at why <<<"$m"
  if [ ${#want[@]} -gt 0 ] && [[ ! " ${want[*]} " == *" $name "* ]]; then continue; fi
  echo "== $name: TZ=$tz, clock from $at ($why)"
  out="test-results/dates-$name.json"
  rm -f "$out"
  TZ="$tz" FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$at" \
    npx vitest run --exclude 'test/e2e/**' --exclude 'test/checks/forge-lint.test.ts' --reporter=dot --reporter=json --outputFile.json="$out" || status=1
  results+=("$out")
done

if [ ${#results[@]} -eq 0 ]; then
  echo "test:dates: no moment named ${want[*]}" >&2
  exit 2
fi

node - "${results[@]}" <<'EOF'
const fs = require('node:fs');
let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) { failed++; console.log(`${file}: no results (vitest did not finish)`); continue; }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A file that failed before any of its tests ran (an import error, a hook) has no failed test to count.
  failed += r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`dates: ${passed} passed, ${failed} failed, ${skipped} skipped`);
EOF
exit $status
