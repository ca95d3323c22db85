import { test } from 'node:test';
import { createHmac } from 'node:crypto';
import assert from 'node:assert/strict';
import { crc32Stm } from '../../../device/protocol/crc';
import { VirtualToken } from '../../../device/virtual/token';
import {
  exchange,
  firstAuthenticate,
  getCode,
  instantToken,
  request,
  RFC_SECRET,
  setTime,
  statusOf,
  TEMP_ADMIN,
  u32,
  u64,
  writeSlot,
} from './helpers';

// RFC 4226 Appendix D: HOTP values for the secret "12345678901234567890", counters 0..9.
const RFC4226 = [755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489];

function proWithHotp(counter = 0, config = 0) {
  const t = instantToken({ model: 'pro' });
  firstAuthenticate(t.token);
  assert.deepEqual(writeSlot(t.token, 0x10, { name: 'rfc', secret: RFC_SECRET, counter, config }), [0, 0, 0]);
  return t;
}

test('HOTP codes follow RFC 4226 Appendix D and the counter advances per GET_CODE', () => {
  const { token } = proWithHotp();
  for (const expected of RFC4226) assert.deepEqual(getCode(token, 0x10), [0, expected]);
});

test('8-digit HOTP (config bit 0) gives 84755224, 94287082, 37359152 (§7.4)', () => {
  const { token } = proWithHotp(0, 1);
  assert.deepEqual(
    [0, 1, 2].map(() => getCode(token, 0x10)[1]),
    [84755224, 94287082, 37359152],
  );
});

test('the HOTP counter survives toJSON/fromJSON and a power cycle', () => {
  const { token, clock } = proWithHotp(3);
  getCode(token, 0x10);
  const copy = VirtualToken.fromJSON(JSON.parse(JSON.stringify(token.toJSON())), { clock, latency: 'none' });
  assert.deepEqual(getCode(copy, 0x10), [0, RFC4226[4]]);
  copy.powerCycle();
  assert.deepEqual(getCode(copy, 0x10), [0, RFC4226[5]]);
  const slot = exchange(copy, request(0x03, { 1: 0x10, 2: 1 })).payload;
  assert.equal(new DataView(slot.buffer).getBigUint64(29, true), 6n);
});

// RFC 6238 Appendix B, SHA-1, step 30, 8 digits.
const RFC6238: [number, number][] = [
  [59, 94287082],
  [1111111109, 7081804],
  [1111111111, 14050471],
  [1234567890, 89005924],
  [2000000000, 69279037],
];

for (const model of ['pro', 'storage'] as const) {
  test(`TOTP on a ${model} uses the device clock and matches RFC 6238 Appendix B`, () => {
    const { token } = instantToken({ model });
    firstAuthenticate(token);
    writeSlot(token, 0x21, { name: 'totp', secret: RFC_SECRET, counter: 30, config: 1 });
    for (const [time, expected] of RFC6238) {
      assert.equal(setTime(token, time), 0);
      assert.deepEqual(getCode(token, 0x21), [0, expected], `t=${time}`);
    }
  });
}

test('the Pro clock starts at 0 on power-up and runs about 1 % slow; the Storage clock runs true', () => {
  const pro = instantToken({ model: 'pro' });
  pro.clock.advance(10_100);
  assert.equal(pro.token.deviceTime(), 10);
  setTime(pro.token, 1_700_000_000);
  pro.clock.advance(101_000);
  assert.equal(pro.token.deviceTime(), 1_700_000_100);
  pro.token.powerCycle();
  assert.equal(pro.token.deviceTime(), 0);
  const storage = instantToken({ model: 'storage' });
  setTime(storage.token, 1_700_000_000);
  storage.clock.advance(101_000);
  assert.equal(storage.token.deviceTime(), 1_700_000_101);
});

test('a TOTP time step of 0 computes with T = 0 (documented choice, §13.4)', () => {
  const { token } = instantToken({ model: 'pro' });
  firstAuthenticate(token);
  writeSlot(token, 0x20, { name: 'zero', secret: RFC_SECRET, counter: 0 });
  setTime(token, 1_700_000_000);
  assert.deepEqual(getCode(token, 0x20), [0, RFC4226[0]]);
});

test('SEND_OTP_DATA echoes the staged name and the whole staged secret (§5.3)', () => {
  const { token } = instantToken({ model: 'pro' });
  firstAuthenticate(token);
  const name = exchange(token, request(0x17, { 1: TEMP_ADMIN, 26: 0x4e, 28: 'hotpname' })).payload;
  assert.equal(Buffer.from(name.subarray(0, 9)).toString('latin1'), 'hotpname\0');
  const secret = new Uint8Array(40).map((_, i) => i + 1);
  exchange(token, request(0x17, { 1: TEMP_ADMIN, 26: 0x53, 27: 0, 28: secret.subarray(0, 30) }));
  const echo = exchange(token, request(0x17, { 1: TEMP_ADMIN, 26: 0x53, 27: 1, 28: secret.subarray(30) })).payload;
  assert.deepEqual([...echo.subarray(0, 40)], [...secret]);
});

test('an all-zero staged secret keeps the stored one, and writes onto an erased slot keep its 0xFF bytes', () => {
  const { token } = proWithHotp(0);
  assert.deepEqual(writeSlot(token, 0x10, { name: 'renamed', counter: 1 }), [0, 0]);
  assert.deepEqual(getCode(token, 0x10), [0, RFC4226[1]]);
  assert.equal(statusOf(token, 0x06, { 1: 0x10, 2: TEMP_ADMIN }), 0);
  assert.equal(getCode(token, 0x10)[0], 3);
  writeSlot(token, 0x10, { name: 'noSecret' });
  // The erased slot's secret bytes (40 × 0xFF) were kept as the key.
  assert.deepEqual(getCode(token, 0x10), [0, hotp(new Uint8Array(40).fill(0xff), 0, 6)]);
});

test('WRITE_TO_SLOT refuses an empty name with 7, an unknown slot with 2, and needs an open transaction', () => {
  const { token } = instantToken({ model: 'pro' });
  firstAuthenticate(token);
  assert.equal(statusOf(token, 0x01, { 1: TEMP_ADMIN, 26: 0x10 }), 5, 'no transaction');
  assert.equal(writeSlot(token, 0x10, { name: '' }).at(-1), 7);
  assert.equal(writeSlot(token, 0x14, { name: 'x' }).at(-1), 2);
  assert.equal(writeSlot(token, 0x2f, { name: 'x' }).at(-1), 2);
  assert.equal(statusOf(token, 0x02, { 1: 0x09 }), 2);
  assert.equal(statusOf(token, 0x02, { 1: 0x10 }), 3);
});

test('HOTP slot 0x13 is reserved for VERIFY_OTP_CODE on Pro 0.9+, which advances past a match (§5.15)', () => {
  const { token } = instantToken({ model: 'pro' });
  firstAuthenticate(token);
  assert.equal(statusOf(token, 0x18, { 1: u32(RFC4226[0]) }), 3);
  writeSlot(token, 0x13, { name: 'verify', secret: RFC_SECRET });
  assert.equal(getCode(token, 0x13)[0], 2);
  const hit = exchange(token, request(0x18, { 1: u32(RFC4226[3]) })).payload;
  assert.deepEqual([hit[0], hit[1]], [1, 3]);
  const miss = exchange(token, request(0x18, { 1: u32(RFC4226[3]) })).payload;
  assert.deepEqual([miss[0], miss[1]], [0, 0xfe]);
  assert.equal(statusOf(instantToken({ model: 'pro', firmwareMinor: 8 }).token, 0x18, { 1: u32(1) }), 9);
});

test('Storage 0.54+ ignores writes to TOTP slot 14 with status 0 and reports it as not programmed', () => {
  const { token } = instantToken({ model: 'storage' });
  firstAuthenticate(token);
  assert.deepEqual(writeSlot(token, 0x2e, { name: 'last', secret: RFC_SECRET, counter: 30 }), [0, 0, 0]);
  assert.equal(statusOf(token, 0x02, { 1: 0x2e }), 3);
  assert.equal(getCode(token, 0x2e)[0], 3);
  assert.equal(writeSlot(token, 0x2d, { name: 'ok', secret: RFC_SECRET, counter: 30 }).at(-1), 0);
  assert.equal(statusOf(token, 0x02, { 1: 0x2d }), 0);
});

test('Storage WRITE_CONFIG rejects out-of-range values with 100; the Pro stores anything', () => {
  for (const [model, expected] of [
    ['storage', 100],
    ['pro', 0],
  ] as const) {
    const { token } = instantToken({ model });
    firstAuthenticate(token);
    assert.equal(statusOf(token, 0x05, { 1: [3, 0xff, 0xff, 0, 0], 6: TEMP_ADMIN }), expected, model);
  }
});

test('a Storage reads a HOTP counter as ASCII when asked with format 0 (§5.6)', () => {
  const { token } = instantToken({ model: 'storage' });
  firstAuthenticate(token);
  writeSlot(token, 0x11, { name: 'h', secret: RFC_SECRET, counter: 12345 });
  const ascii = exchange(token, request(0x03, { 1: 0x11, 2: 0 })).payload;
  assert.deepEqual([...ascii.subarray(29, 35)], [0x31, 0x32, 0x33, 0x34, 0x35, 0]);
  const binary = exchange(token, request(0x03, { 1: 0x11, 2: 1 })).payload;
  assert.equal(new DataView(binary.buffer).getBigUint64(29, true), 12345n);
});

test('legacy Storage 0.53 takes the HOTP counter of WRITE_TO_SLOT as ASCII and reads it back as ASCII (§5.4, §12)', () => {
  const { token } = instantToken({ model: 'storage', firmwareMinor: 53 });
  firstAuthenticate(token);
  const frame = request(0x01, { 1: 0x11, 2: 'hotpname', 17: RFC_SECRET, 37: 0x05, 38: 'TOKENID12345', 51: '12345' });
  assert.equal(statusOf(token, 0x08, { 1: u32(crc32Stm(frame)), 5: TEMP_ADMIN }), 0);
  assert.equal(exchange(token, frame).commandStatus, 0);
  const read = exchange(token, request(0x03, { 1: 0x11 })).payload;
  assert.equal(Buffer.from(read.subarray(29, 35)).toString('latin1'), '12345\0');
  assert.equal(getCode(token, 0x11)[1], hotp(RFC_SECRET, 12345, 8));
});

/** RFC 4226 HOTP computed here independently of the emulator, for counters outside Appendix D. */
function hotp(key: Uint8Array, counter: number, digits: number): number {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  return (mac.readUInt32BE(mac[19] & 15) & 0x7fffffff) % 10 ** digits;
}

test('legacy Pro 0.7 WRITE_TO_SLOT takes a u64 counter; ERASE_SLOT then reads as not programmed', () => {
  const { token } = instantToken({ model: 'pro', firmwareMinor: 7 });
  firstAuthenticate(token);
  const frame = request(0x01, { 1: 0x11, 2: 'hotpname', 17: RFC_SECRET, 37: 0, 38: 'TOKENID12345', 51: u64(2) });
  statusOf(token, 0x08, { 1: u32(crc32Stm(frame)), 5: TEMP_ADMIN });
  assert.equal(exchange(token, frame).commandStatus, 0);
  assert.deepEqual(getCode(token, 0x11), [0, RFC4226[2]]);
  firstAuthenticate(token);
  const erase = request(0x06, { 1: 0x11 });
  statusOf(token, 0x08, { 1: u32(crc32Stm(erase)), 5: TEMP_ADMIN });
  assert.equal(exchange(token, erase).commandStatus, 0);
  assert.equal(getCode(token, 0x11)[0], 3);
});
