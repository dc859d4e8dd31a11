// `npm test`: lint (Biome: formatting and lint rules), typecheck, layer rules, the UI build, then every vitest suite; each step runs even when one
// before it failed, so one run shows everything that is wrong. Ends with one plain line,
// "N passed, N failed, N skipped", where a failed step before vitest counts as one failure, and exits non-zero
// when anything failed. Arguments go to vitest (`npm test -- test/domain`). vitest runs two projects
// (vitest.config.mts): every suite on the kind sandbox, and the integration suites again under production
// conditions with a fixed seed; both count in the one line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, 'test-results', 'vitest.json');

const steps = [
  ['lint', bin('biome'), ['check', '.']],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['layer rules', bin('depcruise'), ['src', 'static', 'sandbox', '--config', '.dependency-cruiser.cjs']],
  ['UI build', process.execPath, ['--import', 'tsx', 'scripts/build-ui.mts']],
];

const failedSteps = [];
for (const [name, cmd, args] of steps) {
  console.log(`== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failedSteps.push(name);
}

console.log('== vitest');
rmSync(results, { force: true });
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failedTests = 0;
let skipped = 0;
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  passed = r.numPassedTests;
  failedTests = r.numFailedTests;
  // A file that failed before any of its tests ran (an import error, a hook) has no failed test to count.
  failedTests += r.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  skipped = r.numPendingTests + r.numTodoTests;
  // vitest failed with no failed test to show for it (e.g. an unhandled error between tests).
  if (vitest.status !== 0 && failedTests === 0) failedSteps.push(`vitest (exit ${vitest.status ?? vitest.signal})`);
} else {
  failedSteps.push('vitest (no results written)');
}
const failed = failedSteps.length + failedTests;
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
