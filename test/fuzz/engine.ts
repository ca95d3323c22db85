/**
 * The fuzzers behind `npm run fuzz` (test/fuzz/run.ts, large counts) and test/fuzz/fuzz.test.ts
 * (CI, small counts, fixed seed). Seeded, so any failure re-runs with `--seed N`.
 * - replies: mutated and random reply frames into the host's Token session. Only typed
 *   DeviceErrors may come out; no other throw, no hang (each run has a real-time guard).
 * - virtual: random command sequences into the virtual token. Invariants: every reply is 64
 *   bytes, nothing but DeviceError is thrown, PIN tries stay 0..3, and the state round-trips
 *   through its JSON form unchanged.
 */
import { isDeviceError, Token } from '../../device/index';
import type { Clock } from '../../device/clock';
import { COMMAND } from '../../device/protocol/command-ids';
import { encodeRequest, encodeResponse, readCrc } from '../../device/protocol/frame';
import { VirtualToken } from '../../device/virtual/token';
import { ScriptedTransport } from '../support/fake-transport';

/** mulberry32: small, seedable, good enough to pick mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function instantClock(): Clock {
  let t = 1_700_000_000_000;
  return { now: () => t, sleep: async (ms) => void (t += Math.max(ms, 1)) };
}

export interface FuzzReport {
  runs: number;
  typedErrors: number;
  results: number;
  failures: string[];
}

const HANG_MS = 5000;

function withGuard<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('hang')), HANG_MS))),
  ]).finally(() => clearTimeout(timer));
}

/** `count` host sessions, each fed replies: a good reply mutated in 1..4 bytes, or random bytes. */
export async function fuzzReplies(seed: number, count: number): Promise<FuzzReport> {
  const r = rng(seed);
  const report: FuzzReport = { runs: 0, typedErrors: 0, results: 0, failures: [] };
  const ops: ((t: Token) => Promise<unknown>)[] = [
    (t) => t.status(),
    (t) => t.retryCounts(),
    (t) => t.readSlot({ kind: 'totp', index: Math.floor(r() * 15) }),
    (t) => t.getConfig(),
  ];
  for (let i = 0; i < count; i++) {
    const mode = r();
    const transport = new ScriptedTransport((req) => {
      if (mode < 0.1) return Uint8Array.from({ length: 64 }, () => Math.floor(r() * 256));
      const payload = new Uint8Array(53);
      payload[0] = 15;
      const reply = encodeResponse({
        lastCommandId: req?.[0] ?? 0,
        lastCommandCrc: req ? readCrc(req) : 0,
        commandStatus: 0,
        payload,
      });
      if (r() < 0.5)
        for (let k = 1 + Math.floor(r() * 4); k > 0; k--) reply[Math.floor(r() * 64)] ^= 1 + Math.floor(r() * 255);
      return reply;
    });
    const op = ops[Math.floor(r() * ops.length)];
    report.runs++;
    try {
      await withGuard(
        (async () => {
          const token = await Token.open(transport, { clock: instantClock(), timeoutMs: 50 });
          await op(token);
        })(),
      );
      report.results++;
    } catch (e) {
      if (isDeviceError(e)) report.typedErrors++;
      else if (report.failures.length < 10) report.failures.push(`run ${i}: ${(e as Error).stack ?? String(e)}`);
    }
  }
  return report;
}

const IDS: number[] = Object.values(COMMAND).filter((v) => typeof v === 'number');

/** `count` sequences of 1..20 random commands (valid ids, random payloads, right CRC) into a fresh virtual token. */
export function fuzzVirtual(seed: number, count: number): FuzzReport & { commands: number } {
  const r = rng(seed);
  const report = { runs: 0, typedErrors: 0, results: 0, failures: [] as string[], commands: 0 };
  const models = ['pro', 'librem', 'storage'] as const;
  for (let i = 0; i < count; i++) {
    report.runs++;
    const model = models[Math.floor(r() * models.length)];
    const device = VirtualToken.create({
      model,
      firmwareMinor: r() < 0.2 ? (model === 'storage' ? 53 : 7) : undefined,
      latency: 'none',
      cardSerial: 0x5f11,
      clock: { now: () => 1_700_000_000_000, sleep: async () => undefined },
    });
    try {
      for (let n = 1 + Math.floor(r() * 20); n > 0; n--) {
        const id = r() < 0.9 ? IDS[Math.floor(r() * IDS.length)] : Math.floor(r() * 256);
        const payload = Uint8Array.from({ length: 59 }, () => (r() < 0.5 ? 0 : Math.floor(r() * 256)));
        device.setReport(encodeRequest(id, payload));
        report.commands++;
        const reply = device.getReport();
        if (reply.length !== 64) throw new Error(`reply of ${reply.length} bytes to command ${id}`);
      }
      const state = device.toJSON();
      for (const t of [state.card.adminTries, state.card.userTries])
        if (!(t >= 0 && t <= 3)) throw new Error(`PIN tries ${t}`);
      const again = VirtualToken.fromJSON(JSON.parse(JSON.stringify(state))).toJSON();
      if (JSON.stringify(again) !== JSON.stringify(state)) throw new Error('state did not round-trip');
      report.results++;
    } catch (e) {
      if (isDeviceError(e)) report.typedErrors++;
      else if (report.failures.length < 10)
        report.failures.push(`sequence ${i} (${model}): ${(e as Error).stack ?? String(e)}`);
    }
  }
  return report;
}
