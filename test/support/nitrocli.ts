/**
 * Runs Debian's nitrocli (libnitrokey 3.7 inside) and oathtool against a virtual token served on a
 * Unix socket through the hidapi bridge. Async only: the server runs in the test's own event loop.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shimPath } from '../../device/virtual/shim';
import { serveVirtualToken, type VirtualTokenServer } from '../../device/virtual/serve';
import { VirtualToken, type VirtualTokenOptions } from '../../device/virtual/token';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program and resolves with its exit code and output (never rejects on a non-zero exit). */
export function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string') return reject(err);
      resolve({
        code: err ? ((err as { code?: number }).code ?? 1) : 0,
        stdout: String(stdout),
        stderr: String(stderr),
      });
    });
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** A virtual token served for hidapi programs, with the environment that points them at it. */
export interface BridgedVirtualToken {
  token: VirtualToken;
  server: VirtualTokenServer;
  /** LD_PRELOAD, KEYSLOT_VIRTUAL_SOCKET, a private GNUPGHOME (nitrocli clears gpg-agent's PIN cache). */
  env: NodeJS.ProcessEnv;
  nitrocli(args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult>;
  close(): Promise<void>;
}

/** Serves a fresh virtual token on a temporary socket. */
export async function bridgeVirtualToken(opts: VirtualTokenOptions): Promise<BridgedVirtualToken> {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-interop-'));
  const socketPath = join(dir, 'token.sock');
  const token = VirtualToken.create(opts);
  const server = await serveVirtualToken({ socketPath, token });
  const gnupgHome = join(dir, 'gnupg');
  mkdirSync(gnupgHome, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    LD_PRELOAD: shimPath(),
    KEYSLOT_VIRTUAL_SOCKET: socketPath,
    GNUPGHOME: gnupgHome,
    NITROCLI_NO_CACHE: '1',
    NITROCLI_ADMIN_PIN: '12345678',
    NITROCLI_USER_PIN: '123456',
  };
  return {
    token,
    server,
    env,
    nitrocli: (args, extra = {}) => run('nitrocli', args, { ...env, ...extra }),
    async close() {
      await run('gpgconf', ['--kill', 'gpg-agent'], { GNUPGHOME: gnupgHome }).catch(() => undefined);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** oathtool's code: TOTP at a Unix time, or HOTP at a counter (secret as hex). */
export async function oathtool(
  secretHex: string,
  o: { totpAt?: number; hotpCounter?: number; digits: 6 | 8; period?: number },
): Promise<string> {
  const args =
    o.totpAt !== undefined
      ? ['--totp', `--time-step-size=${o.period ?? 30}s`, '-N', `@${o.totpAt}`, '-d', String(o.digits), secretHex]
      : ['-c', String(o.hotpCounter ?? 0), '-d', String(o.digits), secretHex];
  const r = await run('oathtool', args);
  if (r.code !== 0) throw new Error(`oathtool failed: ${r.stderr}`);
  return r.stdout.trim();
}
