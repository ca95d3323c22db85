/**
 * Runs one `keyslot` command in-process with fake streams, environment and clock, against a
 * virtual token state file (the real device/connect.ts path, with no simulated latency).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openToken, type ConnectOptions } from '../../device/connect';
import { run } from '../../cli/run';
import type { Token } from '../../device/token';
import { FakeClock } from './fake-clock';

/** A fresh temporary directory's path for a state file (the file itself is not created). */
export function tempStateFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'keyslot-cli-')), 'token.json');
}

export interface CliOptions {
  /** Virtual token state file; `--device virtual:<file>` is added unless argv has --device. */
  stateFile?: string;
  env?: Record<string, string | undefined>;
  /** Lines a person would type at prompts; implies isTTY unless isTTY is given. */
  input?: string[];
  isTTY?: boolean;
  clock?: FakeClock;
  /** Extra connect options (e.g. an empty hardware lister). */
  connect?: ConnectOptions;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** How many times the command opened a token. */
  opens: number;
}

/** Runs `keyslot <argv>` and collects exit code, stdout and stderr. */
export async function runCli(argv: string[], opts: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  let opens = 0;
  const stdin = new PassThrough();
  if (opts.input) stdin.write(opts.input.map((l) => `${l}\n`).join(''));
  stdin.end();
  const env = { HOME: '/nonexistent-home', ...opts.env };
  const clock = opts.clock ?? new FakeClock(Date.UTC(2024, 0, 1, 12, 0, 10));
  const args = opts.stateFile && !argv.includes('--device') ? ['--device', `virtual:${opts.stateFile}`, ...argv] : argv;
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    env,
    isTTY: opts.isTTY ?? opts.input !== undefined,
    clock,
    openToken: (spec: string): Promise<Token> => {
      opens++;
      return openToken(spec, env, { clock, virtualLatency: 'none', ...opts.connect });
    },
  });
  return { code, stdout, stderr, opens };
}

/** Default PINs as environment, for commands that need them. */
export const DEFAULT_PIN_ENV = { KEYSLOT_ADMIN_PIN: '12345678', KEYSLOT_USER_PIN: '123456' };
