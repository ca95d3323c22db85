/**
 * Random command sequences against the virtual token keep its invariants: every answer is a
 * well-formed frame for the command sent, PIN counters stay within 0..3, a locked PIN stays locked
 * until a reset or unlock, and the saved state always loads back to itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { VirtualToken } from '../../../device/virtual/token';
import { isDeviceError } from '../../../device/errors';
import { decodeResponse, encodeRequest, readCrc } from '../../../device/protocol/frame';
import type { Model } from '../../../device/transport/types';
import { FakeClock } from '../../support/fake-clock';

const ascii = (s: string) => new TextEncoder().encode(s);

/** A request payload R[1..59] with fields placed at R offsets. */
function payload(fields: [number, Uint8Array | number[]][]): Uint8Array {
  const p = new Uint8Array(59);
  for (const [r, bytes] of fields) p.set(bytes, r - 1);
  return p;
}

const pin = fc.constantFrom('12345678', '123456', '00000000', '', '87654321');
const slot = fc.oneof(
  fc.integer({ min: 0x10, max: 0x13 }),
  fc.integer({ min: 0x20, max: 0x2f }),
  fc.integer({ min: 0, max: 255 }),
);

/** Frames a host might send: structured ones with right and wrong PINs, and random bytes. */
const frame: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.tuple(fc.constantFrom(0x07, 0x0e), pin, fc.uint8Array({ minLength: 25, maxLength: 25 })).map(([id, p, temp]) =>
    encodeRequest(
      id,
      payload([
        [1, ascii(p)],
        [26, temp],
      ]),
    ),
  ),
  fc.tuple(fc.constantFrom(0x14, 0x15, 0x11), pin, pin).map(([id, a, b]) =>
    encodeRequest(
      id,
      payload([
        [1, ascii(a)],
        [26, ascii(b)],
      ]),
    ),
  ),
  fc.tuple(fc.constantFrom(0x13, 0x6b, 0x6a), pin).map(([id, p]) => encodeRequest(id, payload([[1, ascii(p)]]))),
  fc.tuple(fc.constantFrom(0x32, 0x33, 0x26), fc.constantFrom(0x41, 0x50), pin).map(([id, k, p]) =>
    encodeRequest(
      id,
      payload([
        [1, [k]],
        [2, ascii(p)],
      ]),
    ),
  ),
  fc.tuple(fc.constantFrom(0x02, 0x03, 0x04, 0x06), slot).map(([id, s]) => encodeRequest(id, payload([[1, [s]]]))),
  fc.tuple(fc.integer({ min: 0, max: 1 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })).map(([reset, t]) => {
    const p = payload([[1, [reset]]]);
    new DataView(p.buffer).setBigUint64(1, t, true);
    return encodeRequest(0x0b, p);
  }),
  fc.constantFrom(0x00, 0x09, 0x0f, 0x12, 0x2e, 0x60, 0x68).map((id) => encodeRequest(id)),
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ minLength: 59, maxLength: 59 }))
    .map(([id, p]) => encodeRequest(id, p)),
  // Damaged frames: any 64 bytes, CRC most likely wrong.
  fc.uint8Array({ minLength: 64, maxLength: 64 }),
);

const models: [Model, number][] = [
  ['pro', 15],
  ['pro', 7],
  ['librem', 15],
  ['storage', 57],
  ['storage', 53],
];

for (const [model, minor] of models) {
  test(`random command sequences keep a virtual ${model} 0.${minor}'s invariants`, () => {
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 40 }), (frames) => {
        const clock = new FakeClock(1_700_000_000_000);
        const token = VirtualToken.create({ model, firmwareMinor: minor, clock, latency: 'none', cardSerial: 7 });
        for (const f of frames) {
          try {
            token.setReport(f);
          } catch (e) {
            assert.fail(`setReport threw ${String(e)}`);
          }
          const r = token.getReport();
          assert.equal(r.length, 64);
          const d = decodeResponse(r);
          assert.equal(d.isCrcValid, true, 'reply CRC');
          assert.equal(d.lastCommandId, f[0], 'reply echoes the command id');
          // Pro echoes the CRC it computed, Storage the one it received (§2.2); for an intact frame both equal the field.
          if (model === 'storage') assert.equal(d.lastCommandCrc, readCrc(f));
          const state = token.toJSON();
          for (const tries of [state.card.adminTries, state.card.userTries])
            assert.ok(tries >= 0 && tries <= 3, `tries ${tries}`);
          clock.advance(1000);
        }
        const saved = token.toJSON();
        assert.deepEqual(VirtualToken.fromJSON(JSON.parse(JSON.stringify(saved))).toJSON(), saved);
      }),
      { numRuns: 150 },
    );
  });
}

test('a locked admin PIN stays locked whatever else is sent, until nothing but a reset could help', () => {
  fc.assert(
    fc.property(fc.array(frame, { maxLength: 30 }), (frames) => {
      const token = VirtualToken.create({ model: 'pro', clock: new FakeClock(0), latency: 'none' });
      for (let i = 0; i < 3; i++) {
        token.setReport(
          encodeRequest(
            0x07,
            payload([
              [1, ascii('wrong-pin')],
              [26, ascii('t')],
            ]),
          ),
        );
        token.getReport();
      }
      assert.equal(token.toJSON().card.adminTries, 0);
      for (const f of frames) {
        try {
          token.setReport(f);
          token.getReport();
        } catch (e) {
          assert.ok(isDeviceError(e));
        }
      }
      // FACTORY_RESET itself needs the admin PIN (§6.1), so nothing in the protocol unlocks it.
      assert.equal(token.toJSON().card.adminTries, 0);
    }),
    { numRuns: 150 },
  );
});
