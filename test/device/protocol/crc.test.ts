import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32Stm } from '../../../device/protocol/crc';
import { REQUESTS, RESPONSES } from '../../support/vectors';

// Values from the protocol reference §3 (computed independently and checked against libnitrokey's stm_crc32).
const cases: [string, Uint8Array, number, number][] = [
  ['one zero word', new Uint8Array(4), 4, 0xc704dd7b],
  ['the word 1', Uint8Array.of(1, 0, 0, 0), 4, 0xc3c5c0cc],
  ['60 zero bytes', new Uint8Array(60), 60, 0xef6eb7df],
  ['bytes 00..3b', Uint8Array.from({ length: 60 }, (_, i) => i), 60, 0x929e4a1f],
];

for (const [name, bytes, length, expected] of cases) {
  test(`computes the reference CRC of ${name}`, () => {
    assert.equal(crc32Stm(bytes, length), expected);
  });
}

test('matches the CRC field of every golden frame that prints one', () => {
  let checked = 0;
  for (const f of [...REQUESTS.values()]) {
    if (!f.hasCrc) continue;
    const field = new DataView(f.bytes.buffer).getUint32(60, true);
    assert.equal(crc32Stm(f.bytes), field, f.name);
    checked++;
  }
  for (const f of RESPONSES.values()) {
    // Responses are checksummed with R[0] = 0 (§1.3).
    const copy = f.bytes.slice();
    copy[0] = 0;
    assert.equal(crc32Stm(copy), new DataView(f.bytes.buffer).getUint32(60, true), f.name);
    checked++;
  }
  assert.ok(checked >= 12, `only ${checked} frames carried a CRC`);
});

test('refuses a length that is not a multiple of four', () => {
  assert.throws(() => crc32Stm(new Uint8Array(8), 6), RangeError);
  assert.throws(() => crc32Stm(new Uint8Array(8), 12), RangeError);
});
