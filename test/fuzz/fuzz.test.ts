/** The fuzzers at CI size with a fixed seed (`npm run fuzz` runs them at scale, seed printed). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzReplies, fuzzVirtual } from './engine';

const SEED = 20261207;

test('mutated reply frames into the host: only typed errors, no crash, no hang', async () => {
  const r = await fuzzReplies(SEED, 2000);
  console.log(`# fuzz replies: seed ${SEED}, ${r.runs} runs, ${r.results} results, ${r.typedErrors} typed errors`);
  assert.deepEqual(r.failures, []);
  assert.equal(r.runs, 2000);
});

test('random command sequences into the virtual token: invariants hold, state round-trips', () => {
  const r = fuzzVirtual(SEED, 300);
  console.log(
    `# fuzz virtual: seed ${SEED}, ${r.runs} sequences, ${r.commands} commands, ${r.typedErrors} typed errors`,
  );
  assert.deepEqual(r.failures, []);
  assert.equal(r.results + r.typedErrors, 300);
});
