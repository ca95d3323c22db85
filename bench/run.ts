/**
 * `npm run bench`: one run prints, side by side,
 * - the CLI (bench/cli.ts, issue 10): `node -e 0`, `keyslot --help`, `keyslot otp get` and
 *   `nitrocli otp get` as whole processes through the hidapi bridge (alternating, median of ≥ 7),
 *   keyslot's start-up above Node's own, the ratio to nitrocli, and the round trips of each action;
 * - in-process codes per second through the Token;
 * - the desktop app's figures (bench/app.ts) and QR decoding (bench/qr.ts).
 */
import { existsSync } from 'node:fs';
import { TOTP } from 'otpauth';
import { Token } from '../device/index';
import { VirtualTransport } from '../device/transport/virtual';
import { VirtualToken } from '../device/virtual/token';
import { printCliBenchmarks } from './cli';

const SECRET_HEX = '3132333435363738393031323334353637383930';

async function main(): Promise<void> {
  await printCliBenchmarks();
  {
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
      `\nin-process codes per second: keyslot Token → virtual token ${tokenRate}/s; otpauth alone (no token) ${otpauthRate}/s`,
    );

    // The desktop app adds its own figures (renderer size, first render, click to clipboard).
    const appFile = new URL('./app.ts', import.meta.url);
    const app = existsSync(appFile)
      ? ((await import(appFile.href)) as {
          appBenchmarks?: () => Promise<{ name: string; value: number; unit: string; goal: string }[]>;
        })
      : null;
    if (app?.appBenchmarks) {
      console.log('\ndesktop app (figure, goal, and the figure before React: bench/baseline-preact.json)');
      for (const m of await app.appBenchmarks())
        console.log(`${pad(m.name, 50)}${pad(`${m.value} ${m.unit}`, 16)}goal ${m.goal}`);
    }
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

await main();
await (await import('./qr')).printQrBenchmarks();
await (await import('./use')).printUseBenchmarks();
await (await import('./nk3')).printNk3Benchmarks();
