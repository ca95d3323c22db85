/**
 * `npm run bench`: keyslot side by side with nitrocli (libnitrokey 3.7) against the same virtual
 * token, served through the hidapi bridge with the default latency model. Prints whole-process wall
 * times (median of several runs), HID commands and polls per action, and in-process codes per second.
 * Goal (issue #2): keyslot at least 3× faster than nitrocli per code.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOTP } from 'otpauth';
import { Token } from '../device/index';
import { VirtualTransport } from '../device/transport/virtual';
import { serveVirtualToken, type BridgedToken } from '../device/virtual/serve';
import { shimPath } from '../device/virtual/shim';
import { VirtualToken } from '../device/virtual/token';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.KEYSLOT_BENCH_RUNS ?? 7);
const SECRET_HEX = '3132333435363738393031323334353637383930';

/** Counts feature reports as the token sees them. */
function counting(token: VirtualToken) {
  const counts = { sets: 0, gets: 0 };
  const bridged: BridgedToken = {
    get usb() {
      return token.usb;
    },
    get isPlugged() {
      return token.isPlugged;
    },
    setReport: (r) => {
      counts.sets++;
      token.setReport(r);
    },
    getReport: () => {
      counts.gets++;
      return token.getReport();
    },
    unplug: () => token.unplug(),
    plug: () => token.plug(),
    powerCycle: () => token.powerCycle(),
  };
  return { bridged, counts };
}

function exec(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    execFile(file, args, { env: { ...process.env, ...env } }, (err, _out, stderr) => {
      if (err) return reject(new Error(`${file} ${args.join(' ')} failed: ${stderr}`));
      resolve(Number(process.hrtime.bigint() - start) / 1e6);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Row {
  action: string;
  keyslotMs: number;
  nitrocliMs: number;
  keyslotReports: string;
  nitrocliReports: string;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-bench-'));
  const gnupg = join(dir, 'gnupg');
  mkdirSync(gnupg, { mode: 0o700 });
  const token = VirtualToken.create({ model: 'pro' });
  const { bridged, counts } = counting(token);
  const socketPath = join(dir, 'token.sock');
  const server = await serveVirtualToken({ socketPath, token: bridged });
  const env = {
    LD_PRELOAD: shimPath(),
    KEYSLOT_VIRTUAL_SOCKET: socketPath,
    GNUPGHOME: gnupg,
    NITROCLI_NO_CACHE: '1',
    NITROCLI_ADMIN_PIN: '12345678',
    NITROCLI_USER_PIN: '123456',
    KEYSLOT_ADMIN_PIN: '12345678',
    KEYSLOT_NO_STALE_CHECK: '1',
  };
  const keyslot = (args: string[]) =>
    exec(process.execPath, [join(ROOT, 'bin', 'keyslot.js'), '--device', 'hid', ...args], env);
  const nitrocli = (args: string[]) => exec('nitrocli', args, env);

  try {
    // Same starting point for both: one TOTP slot, codes without the user PIN (a fresh token's 0xff
    // config makes nitrocli ask for the user PIN, §14.3).
    const setup = await Token.open(new VirtualTransport(token));
    await setup.authenticate('admin', '12345678');
    await setup.writeSlot(
      { kind: 'totp', index: 0 },
      { name: 'bench', secret: Buffer.from(SECRET_HEX, 'hex'), digits: 6 },
    );
    await setup.setConfig({
      numlock: null,
      capslock: null,
      scrolllock: null,
      isUserPasswordRequired: false,
      isDeleteUserPassword: false,
    });

    const actions: [string, string[], string[]][] = [
      ['otp get (TOTP)', ['otp', 'get', 'totp:1'], ['otp', 'get', '0']],
      ['status', ['status'], ['status']],
      ['list slots', ['otp', 'list'], ['otp', 'status', '-a']],
      [
        'otp set (TOTP)',
        ['otp', 'set', 'totp:2', '--name', 'set', '--hex', SECRET_HEX],
        ['otp', 'set', '1', 'set', SECRET_HEX],
      ],
    ];
    const rows: Row[] = [];
    for (const [action, k, n] of actions) {
      const measure = async (fn: () => Promise<number>) => {
        const times: number[] = [];
        let sets = 0;
        let gets = 0;
        for (let i = 0; i < RUNS; i++) {
          const before = { ...counts };
          times.push(await fn());
          sets = counts.sets - before.sets;
          gets = counts.gets - before.gets;
        }
        return { ms: median(times), reports: `${sets} cmd / ${gets} poll` };
      };
      const ks = await measure(() => keyslot(k));
      const nc = await measure(() => nitrocli(n));
      rows.push({
        action,
        keyslotMs: ks.ms,
        nitrocliMs: nc.ms,
        keyslotReports: ks.reports,
        nitrocliReports: nc.reports,
      });
    }

    console.log(
      `\nkeyslot vs nitrocli 0.2.4 (libnitrokey 3.7), virtual Nitrokey Pro 0.15 through the hidapi bridge, default latency model; median of ${RUNS} whole-process runs (the launcher's source-freshness check off, as in an installed package)\n`,
    );
    console.log(
      pad('action', 18) +
        pad('keyslot', 12) +
        pad('nitrocli', 12) +
        pad('speed-up', 10) +
        pad('keyslot HID', 22) +
        'nitrocli HID',
    );
    for (const r of rows) {
      console.log(
        pad(r.action, 18) +
          pad(`${r.keyslotMs.toFixed(0)} ms`, 12) +
          pad(`${r.nitrocliMs.toFixed(0)} ms`, 12) +
          pad(`${(r.nitrocliMs / r.keyslotMs).toFixed(1)}×`, 10) +
          pad(r.keyslotReports, 22) +
          r.nitrocliReports,
      );
    }
    const get = rows[0];
    const ratio = get.nitrocliMs / get.keyslotMs;
    console.log(
      `\ngoal: keyslot at least 3× faster than nitrocli per code: ${ratio.toFixed(2)}× → ${ratio >= 3 ? 'met' : 'NOT met'}`,
    );

    // In-process: codes per second through the Token and the virtual token without latency,
    // against otpauth computing the same code with no token at all (the ceiling).
    const fast = VirtualToken.create({ model: 'pro', latency: 'none' });
    const t = await Token.open(new VirtualTransport(fast));
    await t.authenticate('admin', '12345678');
    await t.writeSlot({ kind: 'totp', index: 0 }, { name: 'cps', secret: Buffer.from(SECRET_HEX, 'hex'), digits: 6 });
    await t.setTime(Math.floor(Date.now() / 1000), true);
    const perSecond = async (fn: () => unknown) => {
      const end = performance.now() + 1000;
      let n = 0;
      while (performance.now() < end) {
        await fn();
        n++;
      }
      return n;
    };
    const tokenRate = await perSecond(() => t.getCode({ kind: 'totp', index: 0 }));
    const totp = new TOTP({ secret: (await import('otpauth')).Secret.fromHex(SECRET_HEX) });
    const otpauthRate = await perSecond(() => totp.generate());
    console.log(
      `\nin-process codes per second: keyslot Token → virtual token ${tokenRate}/s; otpauth alone (no token) ${otpauthRate}/s; nitrocli ${(1000 / get.nitrocliMs).toFixed(1)}/s`,
    );

    // The desktop app adds its own figures (renderer size, first render, click to clipboard).
    const appFile = new URL('./app.ts', import.meta.url);
    const app = existsSync(appFile)
      ? ((await import(appFile.href)) as {
          appBenchmarks?: () => Promise<{ name: string; value: number; unit: string; goal: string }[]>;
        })
      : null;
    if (app?.appBenchmarks) {
      console.log('\ndesktop app');
      for (const m of await app.appBenchmarks())
        console.log(`${pad(m.name, 50)}${pad(`${m.value} ${m.unit}`, 16)}goal ${m.goal}`);
    }
  } finally {
    await server.close();
    await new Promise((r) =>
      execFile('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: gnupg } }, r),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

await main();
await (await import('./qr')).printQrBenchmarks();
