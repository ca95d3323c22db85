/**
 * `npm run bench`, Nitrokey 3 part (issue 11): on one virtual Nitrokey 3 holding 50 credentials,
 * - one TOTP code: keyslot as a whole CLI process and in process (CTAPHID framing, and CCID as PC/SC
 *   carries it), with the APDUs each code costs (at most 2: a SELECT only when the session needs one);
 * - the list of 50 credentials;
 * - yubikit's OathSession (Debian yubikey-manager) doing the same through pcscd and vpcd, beside
 *   keyslot's own PC/SC transport on the same card.
 * The PC/SC rows need pcscd, vsmartcard-vpcd and python3-yubikey-manager; without them they say so.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  NameSession,
  Nk3Session,
  openPcscTransport,
  openVirtualNk3File,
  serveVirtualNk3Vpcd,
  type ApduTransport,
} from '../device/index';

const exec = promisify(execFile);
const KEYSLOT = fileURLToPath(new URL('../bin/keyslot.js', import.meta.url));
const YUBIKIT = fileURLToPath(new URL('./nk3_yubikit.py', import.meta.url));
const READER = 'Virtual PCD 00 00';
const NAME = 'Bench:acct00';
const SECRET = Buffer.from('12345678901234567890');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const row = (what: string, value: string, note = '') => console.log(`${what.padEnd(58)}${value.padEnd(14)}${note}`);

/** An ApduTransport that counts the APDUs it carries. */
function counting(t: ApduTransport): ApduTransport & { count: number } {
  const c = {
    wire: t.wire,
    count: 0,
    transmit: (apdu: Uint8Array, o?: Parameters<ApduTransport['transmit']>[1]) => {
      c.count++;
      return t.transmit(apdu, o);
    },
    close: () => t.close(),
  };
  return c;
}

const device0 = { model: 'nk3', path: 'bench', isVirtual: true, serialNumber: '' } as const;

/** Median time of one code and of one list, and the APDUs of the first and of each further code. */
async function inProcess(t: ApduTransport, rounds: number) {
  const c = counting(t);
  const s = new NameSession(new Nk3Session(c), device0);
  await s.getCode({ name: NAME });
  const first = c.count;
  const codeMs: number[] = [];
  const before = c.count;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await s.getCode({ name: NAME });
    codeMs.push(performance.now() - t0);
  }
  const perCode = (c.count - before) / rounds;
  const listMs: number[] = [];
  for (let i = 0; i < Math.max(5, rounds / 10); i++) {
    const t0 = performance.now();
    await s.listCredentials();
    listMs.push(performance.now() - t0);
  }
  await s.close();
  return { code: median(codeMs), list: median(listMs), first, perCode };
}

async function wholeProcess(args: string[], env: NodeJS.ProcessEnv, runs = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await exec(process.execPath, [KEYSLOT, ...args], { env: { ...process.env, ...env } });
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function printNk3Benchmarks(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'keyslot-bench-nk3-'));
  const file = join(dir, 'nk3.json');
  try {
    const device = await openVirtualNk3File(file, { serial: 'BE4C0003' });
    const setup = new Nk3Session(await device.openCtaphid());
    for (let i = 0; i < 50; i++)
      await setup.put({ name: `Bench:acct${String(i).padStart(2, '0')}`, kind: 'totp', secret: SECRET });
    await setup.close();

    console.log('\nNitrokey 3 (virtual, 50 credentials): one TOTP code and the list');
    const hid = await inProcess(await device.openCtaphid(), 200);
    const ccid = await inProcess(device.openCcid(), 200);
    row('keyslot in process, CTAPHID: one code', ms(hid.code), `${hid.perCode} APDU/code (first ${hid.first})`);
    row('keyslot in process, CCID: one code', ms(ccid.code), `${ccid.perCode} APDU/code (first ${ccid.first})`);
    row('keyslot in process, CTAPHID: list of 50', ms(hid.list));
    const cli = await wholeProcess(['--device', `virtual-nk3:${file}`, 'otp', 'get', NAME], {});
    row('keyslot otp get, whole process (virtual-nk3:FILE)', ms(cli), 'median of 7');
    const list = await wholeProcess(['--device', `virtual-nk3:${file}`, 'otp', 'list'], {});
    row('keyslot otp list (50), whole process', ms(list), 'median of 7');
    await pcscRows(device);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** keyslot's PC/SC transport and yubikit on the same card through pcscd + vpcd. */
async function pcscRows(device: Awaited<ReturnType<typeof openVirtualNk3File>>): Promise<void> {
  const missing = ['/usr/sbin/pcscd', '/usr/bin/python3'].filter((p) => !existsSync(p));
  if (missing.length) return row('PC/SC rows left out', `no ${missing.join(', ')}`);
  const { startPcscd } = await import('../test/interop/support/pcscd');
  // startPcscd first takes the machine-wide PC/SC lock the interop tests take (one vpcd reader), and
  // stop() releases it: the card below is served only while this process holds it.
  const pcscd = await startPcscd();
  const card = serveVirtualNk3Vpcd({ card: device });
  try {
    await card.connected;
    let transport: ApduTransport | undefined;
    for (let i = 0; !transport; i++) {
      transport = await openPcscTransport({ reader: READER }).catch((e: unknown) => {
        if (i >= 50) throw e;
        return new Promise<undefined>((r) => setTimeout(() => r(undefined), 200));
      });
    }
    const k = await inProcess(transport, 50);
    row('keyslot in process, PC/SC via pcscd: one code', ms(k.code), `${k.perCode} APDU/code (first ${k.first})`);
    row('keyslot in process, PC/SC via pcscd: list of 50', ms(k.list));
    const cli = await wholeProcess(['--transport', 'pcsc', 'otp', 'get', NAME], { KEYSLOT_PCSC_READER: READER });
    row('keyslot otp get --transport pcsc, whole process', ms(cli), 'median of 7');
    const y = await exec('/usr/bin/python3', [YUBIKIT, READER, NAME, '20']).then(
      (r) => JSON.parse(r.stdout) as { open_ms: number; code_ms: number[]; list_ms: number[]; listed: number },
      (e: Error) => e,
    );
    if (y instanceof Error) return row('yubikit rows left out', y.message.split('\n')[0].slice(0, 60));
    row('yubikit OathSession via pcscd: one code', ms(median(y.code_ms)), 'calculate_code');
    row(`yubikit OathSession via pcscd: list of ${y.listed}`, ms(median(y.list_ms)), 'list_credentials');
    const t0 = performance.now();
    await exec('/usr/bin/python3', [YUBIKIT, READER, NAME, '1']);
    row('yubikit client, whole process (open, list, one code)', ms(performance.now() - t0));
  } finally {
    await card.close();
    await pcscd.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await printNk3Benchmarks();
