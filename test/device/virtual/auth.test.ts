import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32Stm } from '../../../device/protocol/crc';
import {
  exchange,
  firstAuthenticate,
  getCode,
  instantToken,
  request,
  RFC_SECRET,
  statusOf,
  TEMP_ADMIN,
  TEMP_USER,
  u32,
  userAuthenticate,
  writeSlot,
} from './helpers';
import type { VirtualToken } from '../../../device/virtual/token';

const tries = (token: VirtualToken) => [
  exchange(token, request(0x09)).payload[0],
  exchange(token, request(0x0f)).payload[0],
];

test('three wrong user PINs lock the user PIN and leave the admin counter alone (§6.1, test_pro.py)', () => {
  const { token } = instantToken({ model: 'pro' });
  assert.deepEqual(tries(token), [3, 3]);
  for (const left of [2, 1, 0]) {
    assert.equal(userAuthenticate(token, '654321'), 4);
    assert.deepEqual(tries(token), [3, left]);
  }
  assert.equal(userAuthenticate(token), 4, 'a locked PIN refuses even the right PIN');
  assert.deepEqual(tries(token), [3, 0]);
});

test('a wrong admin PIN in UNLOCK costs an admin try; a right one unblocks the user PIN and resets both to 3', () => {
  const { token } = instantToken({ model: 'pro' });
  for (let i = 0; i < 3; i++) userAuthenticate(token, '000000');
  assert.equal(statusOf(token, 0x11, { 1: '87654321', 26: '123456' }), 4);
  assert.deepEqual(tries(token), [2, 0]);
  assert.equal(statusOf(token, 0x11, { 1: '12345678', 26: '112233' }), 0);
  assert.deepEqual(tries(token), [3, 3]);
  assert.equal(userAuthenticate(token, '112233'), 0);
});

test('a right PIN restores the counter after a wrong one', () => {
  const { token } = instantToken({ model: 'pro' });
  firstAuthenticate(token, 'nope-nope');
  assert.deepEqual(tries(token), [2, 3]);
  firstAuthenticate(token);
  assert.deepEqual(tries(token), [3, 3]);
});

test('an empty PIN is refused without consuming a try (documented choice, §13.2)', () => {
  const { token } = instantToken({ model: 'pro' });
  assert.equal(firstAuthenticate(token, ''), 4);
  assert.deepEqual(tries(token), [3, 3]);
});

test('CHANGE_USER_PIN / CHANGE_ADMIN_PIN verify the old PIN and refuse too-short new PINs with 12 / 13', () => {
  const { token } = instantToken({ model: 'pro' });
  assert.equal(statusOf(token, 0x14, { 1: '999999', 26: '654321' }), 4);
  assert.deepEqual(tries(token), [3, 2]);
  assert.equal(statusOf(token, 0x14, { 1: '123456', 26: '12' }), 12);
  assert.equal(statusOf(token, 0x15, { 1: '12345678', 26: '1234' }), 13);
  assert.equal(statusOf(token, 0x14, { 1: '123456', 26: '654321' }), 0);
  assert.equal(userAuthenticate(token, '654321'), 0);
});

test('temp admin passwords compare all 25 bytes exactly and survive LOCK_DEVICE on a Pro', () => {
  const { token } = instantToken({ model: 'pro' });
  assert.equal(writeSlot(token, 0x10, { name: 'n', temp: TEMP_ADMIN }).at(-1), 5, 'no temp password yet');
  firstAuthenticate(token);
  assert.equal(statusOf(token, 0x06, { 2: '123123123\x01' }), 5, 'one extra byte differs');
  assert.equal(statusOf(token, 0x06, { 2: '12312312' }), 5, 'prefix is not enough');
  assert.equal(statusOf(token, 0x12), 0);
  assert.equal(statusOf(token, 0x06, { 1: 0x10, 2: TEMP_ADMIN }), 0);
});

test('LOCK_DEVICE on a Storage forgets the temp passwords', () => {
  const { token } = instantToken({ model: 'storage' });
  firstAuthenticate(token);
  statusOf(token, 0x12);
  assert.equal(statusOf(token, 0x06, { 1: 0x10, 2: TEMP_ADMIN }), 5);
});

test('FIRST_AUTHENTICATE with a wrong PIN invalidates the temp password on Pro 0.15 but not on Pro 0.8 (§6.2)', () => {
  for (const [minor, expected] of [
    [15, 5],
    [9, 5],
    [8, 0],
  ] as const) {
    const { token } = instantToken({ model: 'pro', firmwareMinor: minor });
    firstAuthenticate(token);
    firstAuthenticate(token, 'wrong-pin', 'other');
    assert.equal(statusOf(token, 0x06, { 1: 0x10, 2: TEMP_ADMIN }), expected, `minor ${minor}`);
  }
});

test('GET_CODE needs the temp user password only when config byte 3 is exactly 1 (§14.3)', () => {
  const { token } = instantToken({ model: 'pro' });
  firstAuthenticate(token);
  writeSlot(token, 0x10, { name: 'h', secret: RFC_SECRET });
  for (const [flag, expected] of [
    [0xff, 0],
    [2, 0],
    [1, 5],
  ] as const) {
    statusOf(token, 0x05, { 1: [0, 0, 0, flag, 0], 6: TEMP_ADMIN });
    assert.equal(getCode(token, 0x10)[0], expected, `flag ${flag}`);
  }
  userAuthenticate(token);
  assert.equal(getCode(token, 0x10, TEMP_USER)[0], 0);
});

test('AUTHORIZE answers 9 on Pro 0.8+, and on Storage 0.54+ answers 0 and hides NOT_AUTHORIZED until power-off (§6.3)', () => {
  const pro = instantToken({ model: 'pro', firmwareMinor: 8 }).token;
  assert.equal(statusOf(pro, 0x08, { 1: u32(0), 5: TEMP_ADMIN }), 9);
  assert.equal(statusOf(pro, 0x10, { 1: u32(0), 5: TEMP_USER }), 9);
  const { token } = instantToken({ model: 'storage' });
  assert.equal(statusOf(token, 0x06, { 1: 0x10, 2: 'x' }), 5);
  assert.equal(statusOf(token, 0x08, { 1: u32(0), 5: TEMP_ADMIN }), 0);
  assert.equal(statusOf(token, 0x06, { 1: 0x10, 2: 'x' }), 0, 'NOT_AUTHORIZED reported as OK');
  assert.equal(statusOf(token, 0x60), 0, 'locked safe also reported as OK');
  token.powerCycle();
  assert.equal(statusOf(token, 0x06, { 1: 0x10, 2: 'x' }), 5);
});

/** Legacy WRITE_CONFIG frame (§5.8: R[6..30] unused) and its CRC. */
function legacyConfigFrame(flag: number) {
  const frame = request(0x05, { 1: [0, 0, 0, flag, 0] });
  return { frame, crc: crc32Stm(frame) };
}

test('legacy Pro 0.7: AUTHORIZE binds to the next frame CRC and consumes the temp password (§6.3)', () => {
  const { token } = instantToken({ model: 'pro', firmwareMinor: 7 });
  const { frame, crc } = legacyConfigFrame(0);
  assert.equal(exchange(token, frame).commandStatus, 5, 'not authorised');
  assert.equal(statusOf(token, 0x08, { 1: u32(crc), 5: TEMP_ADMIN }), 0, 'no temp password: OK but nothing authorised');
  assert.equal(exchange(token, frame).commandStatus, 5);
  firstAuthenticate(token);
  assert.equal(statusOf(token, 0x08, { 1: u32(crc), 5: 'bad' }), 4);
  assert.equal(statusOf(token, 0x08, { 1: u32(crc), 5: TEMP_ADMIN }), 0);
  assert.equal(exchange(token, frame).commandStatus, 0);
  assert.equal(exchange(token, frame).commandStatus, 5, 'authorisation cleared after use');
  assert.equal(
    statusOf(token, 0x08, { 1: u32(crc), 5: TEMP_ADMIN }),
    0,
    'temp password consumed: OK, nothing authorised',
  );
  assert.equal(exchange(token, frame).commandStatus, 5);
});

test('legacy Storage 0.53 keeps the temp password after AUTHORIZE', () => {
  const { token } = instantToken({ model: 'storage', firmwareMinor: 53 });
  firstAuthenticate(token);
  const { frame, crc } = legacyConfigFrame(0);
  for (let i = 0; i < 2; i++) {
    assert.equal(statusOf(token, 0x08, { 1: u32(crc), 5: TEMP_ADMIN }), 0);
    assert.equal(exchange(token, frame).commandStatus, 0);
  }
});

test('legacy Pro 0.7: the idle authorisation register 0xFFFFFFFF lets a frame with that CRC through (§14.6)', () => {
  const { token } = instantToken({ model: 'pro', firmwareMinor: 7 });
  // A WRITE_CONFIG frame made to have CRC 0xFFFFFFFF by choosing R[56..59] (unused by the command).
  const base = request(0x05, { 1: [0, 0, 0, 0, 0] });
  const target = 0xffffffff;
  const frame = forceCrc(base, target);
  assert.equal(crc32Stm(frame), target);
  assert.equal(exchange(token, frame).commandStatus, 0);
  assert.equal(exchange(token, request(0x05, { 1: [1, 0, 0, 0, 0] })).commandStatus, 5);
});

/**
 * Returns a copy of `frame` with R[56..59] chosen so that crc32Stm(R[0..59]) === target.
 * The last word enters the register as reg ^ word before 32 shift steps, and those 32 steps are a
 * bijection on 32-bit values, so we invert them bit by bit.
 */
function forceCrc(frame: Uint8Array, target: number): Uint8Array {
  const out = frame.slice();
  out.fill(0, 56, 60);
  // Register before the last word: CRC of the first 14 words.
  const before = crc32Stm(out, 56);
  // Invert 32 steps of: r = r & 0x80000000 ? (r << 1) ^ POLY : r << 1. POLY has bit 0 set, so the
  // low bit of the result tells whether the XOR happened.
  let r = target >>> 0;
  for (let i = 0; i < 32; i++) {
    if (r & 1) r = (((r ^ 0x04c11db7) >>> 1) | 0x80000000) >>> 0;
    else r = r >>> 1;
  }
  new DataView(out.buffer).setUint32(56, (r ^ before) >>> 0, true);
  out.set(new Uint8Array(new Uint32Array([crc32Stm(out)]).buffer), 60);
  return out;
}

test('legacy Pro 0.7: USER_AUTHORIZE authorises exactly one PIN-protected GET_CODE', () => {
  const { token } = instantToken({ model: 'pro', firmwareMinor: 7 });
  firstAuthenticate(token);
  const { frame: config, crc: configCrc } = legacyConfigFrame(1);
  statusOf(token, 0x08, { 1: u32(configCrc), 5: TEMP_ADMIN });
  assert.equal(exchange(token, config).commandStatus, 0);
  const code = request(0x04, { 1: 0x10 });
  assert.equal(exchange(token, code).commandStatus, 5);
  userAuthenticate(token);
  assert.equal(statusOf(token, 0x10, { 1: u32(crc32Stm(code)), 5: TEMP_USER }), 0);
  assert.equal(exchange(token, code).commandStatus, 3, 'authorised; the slot is empty');
  assert.equal(exchange(token, code).commandStatus, 5, 'cleared by executing GET_CODE');
});
