import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VirtualToken } from '../../../device/virtual/token';
import {
  exchange,
  firstAuthenticate,
  getCode,
  instantToken,
  request,
  RFC_SECRET,
  statusOf,
  TEMP_ADMIN,
  USER_PIN,
  ADMIN_PIN,
  writeSlot,
} from './helpers';

const text = (b: Uint8Array, n: number) => Buffer.from(b.subarray(0, n)).toString('latin1');
const activeSlots = (token: VirtualToken) => [...exchange(token, request(0x60)).payload.subarray(0, 16)];

function unlockedPro() {
  const t = instantToken({ model: 'pro' });
  assert.equal(statusOf(t.token, 0x6b, { 1: ADMIN_PIN }), 0);
  assert.equal(statusOf(t.token, 0x6a, { 1: USER_PIN }), 0);
  assert.equal(statusOf(t.token, 0x67, { 1: USER_PIN }), 0);
  return t;
}

test('a fresh Pro has no AES key: PW_SAFE_ENABLE answers 10 after a right PIN; a Storage answers 100 (§9.10)', () => {
  assert.equal(statusOf(instantToken({ model: 'pro' }).token, 0x67, { 1: USER_PIN }), 10);
  assert.equal(statusOf(instantToken({ model: 'storage' }).token, 0x67, { 1: USER_PIN }), 100);
});

test('writes, lists, reads and erases a password-safe entry (0x64, 0x65, 0x60–0x63, 0x66)', () => {
  const { token } = unlockedPro();
  assert.deepEqual(activeSlots(token), new Array(16).fill(0));
  assert.equal(statusOf(token, 0x64, { 1: 5, 2: 'name', 13: 'pass' }), 0);
  assert.equal(statusOf(token, 0x65, { 1: 5, 2: 'login' }), 0);
  assert.equal(activeSlots(token)[5], 1);
  assert.equal(text(exchange(token, request(0x61, { 1: 5 })).payload, 5), 'name\0');
  assert.equal(text(exchange(token, request(0x62, { 1: 5 })).payload, 5), 'pass\0');
  assert.equal(text(exchange(token, request(0x63, { 1: 5 })).payload, 6), 'login\0');
  assert.equal(statusOf(token, 0x66, { 1: 5 }), 0);
  assert.equal(activeSlots(token)[5], 0);
  assert.ok(
    exchange(token, request(0x61, { 1: 5 })).payload.every((b) => b === 0),
    'zeros after an erase',
  );
});

test('a locked safe or a slot >= 16 gives 5 with zeroed data; DATA_1 answers 0 even when locked', () => {
  const { token } = unlockedPro();
  assert.equal(statusOf(token, 0x61, { 1: 16 }), 5);
  assert.equal(statusOf(token, 0x65, { 1: 16, 2: 'x' }), 5);
  assert.equal(statusOf(token, 0x12), 0);
  const locked = exchange(token, request(0x61, { 1: 0 }));
  assert.equal(locked.commandStatus, 5);
  assert.ok(locked.payload.every((b) => b === 0));
  assert.equal(statusOf(token, 0x60), 5);
  assert.equal(statusOf(token, 0x64, { 1: 0, 2: 'n', 13: 'p' }), 0);
  assert.equal(statusOf(token, 0x65, { 1: 0, 2: 'l' }), 5);
});

test('DATA_2 without a fresh DATA_1 stores garbage name and password (§14.4)', () => {
  const { token } = unlockedPro();
  statusOf(token, 0x64, { 1: 0, 2: 'name', 13: 'pass' });
  statusOf(token, 0x65, { 1: 0, 2: 'login0' });
  assert.equal(statusOf(token, 0x65, { 1: 1, 2: 'login1' }), 0);
  assert.equal(activeSlots(token)[1], 1);
  assert.notEqual(text(exchange(token, request(0x61, { 1: 1 })).payload, 5), 'name\0');
  assert.equal(text(exchange(token, request(0x63, { 1: 1 })).payload, 7), 'login1\0');
});

test('wrong user PINs in DETECT_SC_AES and PW_SAFE_ENABLE each cost a user try (§5.13, §6.1)', () => {
  const { token } = unlockedPro();
  statusOf(token, 0x12);
  assert.equal(statusOf(token, 0x6a, { 1: '000000' }), 4);
  assert.equal(exchange(token, request(0x0f)).payload[0], 2);
  assert.equal(statusOf(token, 0x67, { 1: '000000' }), 4);
  assert.equal(exchange(token, request(0x0f)).payload[0], 1);
});

test('NEW_AES_KEY with a wrong admin PIN still destroys and locks the safe (§5.13)', () => {
  const { token } = unlockedPro();
  statusOf(token, 0x64, { 1: 2, 2: 'n', 13: 'p' });
  statusOf(token, 0x65, { 1: 2, 2: 'l' });
  assert.equal(statusOf(token, 0x6b, { 1: 'wrongpin' }), 4);
  assert.equal(statusOf(token, 0x60), 5, 'locked');
  assert.equal(statusOf(token, 0x67, { 1: USER_PIN }), 0);
  assert.deepEqual(activeSlots(token), new Array(16).fill(0));
});

test('Pro FACTORY_RESET: slots and card reset, config kept, safe stays "unlocked" until LOCK_DEVICE, then needs the AES key', () => {
  const { token } = unlockedPro();
  firstAuthenticate(token);
  writeSlot(token, 0x10, { name: 'h', secret: RFC_SECRET });
  statusOf(token, 0x05, { 1: [0, 1, 2, 0, 1], 6: TEMP_ADMIN });
  statusOf(token, 0x14, { 1: USER_PIN, 26: '999999' });
  assert.equal(statusOf(token, 0x13, { 1: 'wrongpin' }), 4);
  assert.equal(statusOf(token, 0x13, { 1: ADMIN_PIN }), 0);
  assert.equal(getCode(token, 0x10)[0], 3);
  assert.deepEqual([...exchange(token, request(0x00)).payload.subarray(6, 11)], [0, 1, 2, 0, 1]);
  assert.equal(statusOf(token, 0x60), 0, 'still unlocked (Pro quirk)');
  assert.equal(statusOf(token, 0x12), 0);
  assert.equal(statusOf(token, 0x67, { 1: USER_PIN }), 10, 'default user PIN back, but no AES key');
  assert.equal(statusOf(token, 0x06, { 1: 0x10, 2: TEMP_ADMIN }), 0, 'temp admin password survives the reset');
});

test('Storage FACTORY_RESET also erases the general config and locks the safe', () => {
  const { token } = instantToken({ model: 'storage' });
  firstAuthenticate(token);
  statusOf(token, 0x05, { 1: [0, 1, 0xff, 0, 1], 6: TEMP_ADMIN });
  assert.equal(statusOf(token, 0x26, { 1: 0x50, 2: ADMIN_PIN }), 0);
  assert.equal(statusOf(token, 0x67, { 1: USER_PIN }), 0);
  assert.equal(statusOf(token, 0x13, { 1: ADMIN_PIN }), 0);
  assert.deepEqual([...exchange(token, request(0x00)).payload.subarray(6, 11)], [0xff, 0xff, 0xff, 0xff, 0xff]);
  assert.equal(statusOf(token, 0x60), 5);
  assert.equal(statusOf(token, 0x67, { 1: USER_PIN }), 100);
});

test('Storage rejects an empty PW_SAFE_ENABLE PIN with 4; DETECT_SC_AES and NEW_AES_KEY are empty OKs there', () => {
  const { token } = instantToken({ model: 'storage' });
  assert.equal(statusOf(token, 0x67), 4);
  assert.equal(statusOf(token, 0x6a, { 1: 'wrong' }), 0);
  assert.equal(statusOf(token, 0x6b, { 1: 'wrong' }), 0);
  assert.equal(exchange(token, request(0x0f)).payload[0], 3);
});

test('Storage PIN change and unlock go through SEND_PASSWORD / SEND_NEW_PASSWORD and 0x11 with a kind byte (§5.10)', () => {
  const { token } = instantToken({ model: 'storage' });
  const s20 = (id: number, fields: Record<number, string | number>) => {
    token.setReport(request(id, fields));
    return token.getReport()[22];
  };
  assert.equal(s20(0x33, { 1: 0x41, 2: '87654321' }), 3, 'no SEND_PASSWORD first');
  assert.equal(s20(0x32, { 1: 0x41, 2: 'wrongpin' }), 3);
  assert.equal(exchange(token, request(0x09)).payload[0], 2);
  assert.equal(s20(0x32, { 1: 0x41, 2: ADMIN_PIN }), 1);
  assert.equal(s20(0x33, { 1: 0x41, 2: '87654321' }), 1);
  assert.equal(firstAuthenticate(token, '87654321'), 0);
  for (let i = 0; i < 3; i++) s20(0x32, { 1: 0x50, 2: '000000' });
  assert.equal(exchange(token, request(0x0f)).payload[0], 0);
  assert.equal(statusOf(token, 0x11, { 1: 0x41, 2: '112233' }), 4, 'admin PIN not sent');
  s20(0x32, { 1: 0x41, 2: '87654321' });
  assert.equal(statusOf(token, 0x11, { 1: 0x41, 2: '112233' }), 0);
  assert.equal(exchange(token, request(0x0f)).payload[0], 3);
  assert.equal(statusOf(token, 0x0e, { 1: '112233', 26: 't' }), 0);
});
