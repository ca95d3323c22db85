/**
 * `npm run fuzz [-- --seed N] [--replies N] [--sequences N]`: 100,000 mutated reply frames into the
 * host and 10,000 random command sequences into the virtual token by default. Prints the seed;
 * exits 1 with the first failures if any.
 */
import { fuzzReplies, fuzzVirtual } from './engine';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const seed = arg('seed', Math.floor(Math.random() * 2 ** 31));
const replies = arg('replies', 100_000);
const sequences = arg('sequences', 10_000);
console.log(`fuzz seed ${seed} (re-run with: npm run fuzz -- --seed ${seed})`);
const a = await fuzzReplies(seed, replies);
console.log(
  `replies: ${a.runs} runs, ${a.results} results, ${a.typedErrors} typed errors, ${a.failures.length} failures`,
);
const b = fuzzVirtual(seed, sequences);
console.log(
  `virtual: ${b.runs} sequences, ${b.commands} commands, ${b.typedErrors} typed errors, ${b.failures.length} failures`,
);
for (const f of [...a.failures, ...b.failures]) console.error(f);
process.exitCode = a.failures.length + b.failures.length > 0 ? 1 : 0;
