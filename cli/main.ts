/** Entry point of the `keyslot` command (bundled to dist/cli/keyslot.mjs by scripts/build-cli.js). */
import { run } from './run';

const isTTY = process.stdin.isTTY === true && process.stderr.isTTY === true;
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  isTTY,
});
