#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's test runner (TypeScript through tsx).
// Usage: npm test [-- path-filter ...]   e.g. npm test -- test/device/protocol
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suitesFor } from './test-platforms.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

// Suites that need Debian packages install them first (or stop with the apt-get line). On Windows
// and macOS those suites are left out below, each named with its reason (scripts/test-platforms.js).
if (process.platform === 'linux') {
  const setup = spawnSync(process.execPath, ['scripts/ensure-system-deps.js'], { cwd: root, stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
}

// Two projects: the Node side without DOM types (tsconfig.json) and the renderer with them.
for (const project of ['tsconfig.json', 'renderer/tsconfig.json']) {
  const typecheck = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', project], {
    cwd: root,
    stdio: 'inherit',
  });
  if (typecheck.status !== 0) {
    console.error(`Type check failed (${project}).`);
    process.exit(typecheck.status ?? 1);
  }
}

let files = walk(join(root, 'test'));
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
const { run: runnable, left } = suitesFor(files, process.platform, root);
if (left.length) {
  console.log(
    `Not run on ${process.platform}: ${left.length} suites need Debian's packages or Linux (CI runs them on Linux):`,
  );
  for (const { file, why } of left) console.log(`  ${file}: ${why}`);
  files = runnable;
}
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
// A test that waits for ever fails after TEST_TIMEOUT_MS instead of holding CI until its own limit; the
// whole run is stopped after RUN_TIMEOUT_MS (a hang outside a test, in a hook or a native call).
const TEST_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 45 * 60_000;
const args = ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files];
const r = spawnSync(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KEYSLOT_TEST: '1' },
  timeout: RUN_TIMEOUT_MS,
  killSignal: 'SIGKILL',
});
if (r.error?.code === 'ETIMEDOUT') console.error(`The tests did not end within ${RUN_TIMEOUT_MS / 60_000} minutes.`);
process.exit(r.status ?? 1);
