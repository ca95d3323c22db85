/**
 * A `keyslot` CLI in its own process for the shared-state tests (issue 9 item 3).
 * - `prompt ARGV...`: runs one command as on a terminal (stdin, stderr), so it stops at the PIN
 *   prompt and goes on when the parent types the PIN.
 * - `rounds N STATEFILE`: N `otp set` commands, each opening the token afresh as separate
 *   invocations would: round i writes totp:(1 + i % 7) named "c<i>"; prints "round <i>" after each.
 */
import { run } from '../../../cli/run';

const [mode, ...rest] = process.argv.slice(2);
const quiet = { write: () => true };
if (mode === 'prompt') {
  process.exitCode = await run(rest, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: true,
  });
} else {
  const [n, file] = rest;
  for (let i = 0; i < Number(n); i++) {
    let err = '';
    const code = await run(
      [
        '--device',
        `virtual:${file}`,
        'otp',
        'set',
        `totp:${1 + (i % 7)}`,
        '--name',
        `c${i}`,
        '--secret',
        'JBSWY3DPEHPK3PXP',
      ],
      {
        stdout: quiet,
        stderr: { write: (s: string) => (err += s) },
        stdin: process.stdin,
        env: process.env,
        isTTY: false,
      },
    );
    if (code !== 0) {
      process.stderr.write(`round ${i}: exit ${code}: ${err}`);
      process.exit(1);
    }
    process.stdout.write(`round ${i}\n`);
  }
}
