import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Token } from '../../../device/token';
import { isDeviceError } from '../../../device/errors';
import { encodeResponse } from '../../../device/protocol/frame';
import { readCrc } from '../../../device/protocol/frame';
import type { Clock } from '../../../device/clock';
import { ScriptedTransport } from '../../support/fake-transport';

/** A clock whose sleep advances time at once, so timeouts are reached without waiting. */
function instantClock(): Clock {
  let t = 1_700_000_000_000;
  return { now: () => t, sleep: async (ms) => void (t += Math.max(ms, 1)) };
}

/** A well-formed OK answer to the request, as a Pro 0.15 would give for GET_STATUS. */
function okReply(req: Uint8Array | undefined): Uint8Array {
  const payload = new Uint8Array(53);
  payload[0] = 15;
  return encodeResponse({
    lastCommandId: req?.[0] ?? 0,
    lastCommandCrc: req ? readCrc(req) : 0,
    commandStatus: 0,
    payload,
  });
}

test('random reply frames only ever produce typed device errors or a result', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.uint8Array({ minLength: 64, maxLength: 64 }), { minLength: 1, maxLength: 8 }),
      async (frames) => {
        const t = new ScriptedTransport((_req, i) => frames[i % frames.length]);
        try {
          const token = await Token.open(t, { clock: instantClock(), timeoutMs: 50 }).then((k) => k.ready());
          await token.status();
        } catch (e) {
          assert.ok(isDeviceError(e), `untyped error: ${String(e)}`);
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('mutated good replies never crash the session', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 63 }),
      fc.integer({ min: 1, max: 255 }),
      fc.integer({ min: 0, max: 3 }),
      async (pos, xor, which) => {
        const t = new ScriptedTransport((req, i) => {
          const r = okReply(req);
          if (i % 4 === which) r[pos] ^= xor;
          return r;
        });
        try {
          const token = await Token.open(t, { clock: instantClock(), timeoutMs: 50 }).then((k) => k.ready());
          const s = await token.status();
          assert.equal(s.firmware.minor, 15);
        } catch (e) {
          assert.ok(isDeviceError(e), `untyped error: ${String(e)}`);
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('a reply whose CRC never matches ends as bad-response, not a result', async () => {
  const t = new ScriptedTransport((req) => {
    const r = okReply(req);
    r[63] ^= 0xff;
    return r;
  });
  await assert.rejects(
    Token.open(t, { clock: instantClock() }).then((k) => k.ready()),
    (e: unknown) => isDeviceError(e) && e.code === 'bad-response',
  );
});

test('a token that never echoes our command times out', async () => {
  const t = new ScriptedTransport(() =>
    encodeResponse({ deviceStatus: 1, lastCommandId: 0x55, lastCommandCrc: 1, commandStatus: 0 }),
  );
  await assert.rejects(
    Token.open(t, { clock: instantClock(), timeoutMs: 100 }).then((k) => k.ready()),
    (e: unknown) => isDeviceError(e) && e.code === 'timeout',
  );
});

test('a transport that fails mid-command reports the token as unplugged', async () => {
  const t = new ScriptedTransport(() => {
    throw new Error('could not read from HID device');
  });
  await assert.rejects(
    Token.open(t, { clock: instantClock() }).then((k) => k.ready()),
    (e: unknown) => isDeviceError(e) && e.code === 'token-unplugged',
  );
});

test('resends a request the Pro dropped while busy, then accepts the answer', async () => {
  let answered = false;
  const t = new ScriptedTransport((req) => {
    // First answer: READY with the previous command's reply (request dropped); after the resend, ours.
    if (!answered && t.sent.length === 1)
      return encodeResponse({ lastCommandId: 0x09, lastCommandCrc: 123, commandStatus: 0 });
    answered = true;
    return okReply(req);
  });
  const token = await Token.open(t, { clock: instantClock() }).then((k) => k.ready());
  assert.equal(token.firmware.minor, 15);
  assert.equal(t.sent.length, 2);
  assert.deepEqual(t.sent[0], t.sent[1]);
});

test('keeps polling a busy Pro without resending', async () => {
  const t = new ScriptedTransport((req, i) =>
    i < 5
      ? encodeResponse({ deviceStatus: 1, lastCommandId: 0x09, lastCommandCrc: 7, commandStatus: 0 })
      : okReply(req),
  );
  const token = await Token.open(t, { clock: instantClock() }).then((k) => k.ready());
  assert.equal(token.firmware.minor, 15);
  assert.equal(t.sent.length, 1);
  assert.equal(t.gets, 6);
});
