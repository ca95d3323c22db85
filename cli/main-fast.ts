/**
 * Entry point of dist/cli/fast.cjs (scripts/build-cli.js), the CommonJS bundle of the everyday
 * commands that bin/keyslot.cjs loads with a V8 code cache. Same behaviour as cli/main.ts; CommonJS
 * has no top-level await, so the exit code is set when `run` settles.
 */
import { run } from './run';

export function main(): void {
  const isTTY = process.stdin.isTTY === true && process.stderr.isTTY === true;
  void run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY,
  }).then((code) => {
    process.exitCode = code;
  });
}
