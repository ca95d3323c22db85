/**
 * The four frame differences issue 10 names, as the firmware sources decide them (protocol
 * reference "Corrections" C1–C4, with file and line). Requests are laid out by hand from the
 * reference's R offsets; the expected statuses come from the firmware code cited there, not from
 * our encoder or emulator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32Stm } from '../../../device/protocol/crc';
import { VirtualToken } from '../../../device/virtual/token';
import {
  ADMIN_PIN,
  exchange,
  type FieldValue,
  firstAuthenticate,
  instantToken,
  request,
  RFC_SECRET,
  statusOf,
  TEMP_ADMIN,
  u32,
  u64,
  USER_PIN,
} from './helpers';

const NO_NAME_ERROR = 7;
const SLOT_NOT_PROGRAMMED = 3;
const WRONG_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

/** Legacy WRITE_TO_SLOT of HOTP slot 1 (§5.4): R[1] slot, R[2..16] name, R[17..36] secret, R[51..58] counter. */
function legacyWrite(name: string, isStorage: boolean) {
  const fields: Record<number, FieldValue> = { 1: 0x11, 17: RFC_SECRET, 51: isStorage ? '0' : u64(0) };
  if (name) fields[2] = name;
  return request(0x01, fields);
}

/** FIRST_AUTHENTICATE, AUTHORIZE bound to `frame`'s CRC (§6.3), then `frame`; the frame's status. */
function authorized(token: VirtualToken, frame: Uint8Array): number {
  firstAuthenticate(token);
  assert.equal(statusOf(token, 0x08, { 1: u32(crc32Stm(frame)), 5: TEMP_ADMIN }), 0);
  return exchange(token, frame).commandStatus;
}

for (const [model, firmwareMinor] of [
  ['pro', 7],
  ['storage', 53],
] as const) {
  test(`C1: legacy ${model} 0.${firmwareMinor} WRITE_TO_SLOT with an empty name is refused (7) and writes nothing`, () => {
    const { token } = instantToken({ model, firmwareMinor });
    const isStorage = model === 'storage';
    assert.equal(authorized(token, legacyWrite('', isStorage)), NO_NAME_ERROR);
    // Nothing written: the slot still reads as not programmed through both read commands (§5.5, §5.6).
    assert.equal(statusOf(token, 0x03, { 1: 0x11 }), SLOT_NOT_PROGRAMMED);
    assert.equal(statusOf(token, 0x02, { 1: 0x11 }), SLOT_NOT_PROGRAMMED);
    // A programmed slot keeps its name and secret.
    assert.equal(authorized(token, legacyWrite('kept', isStorage)), 0);
    assert.equal(authorized(token, legacyWrite('', isStorage)), NO_NAME_ERROR);
    const name = exchange(token, request(0x02, { 1: 0x11 })).payload.subarray(0, 4);
    assert.equal(Buffer.from(name).toString('latin1'), 'kept');
    // RFC 4226 Appendix D, counter 0: the secret was not replaced either.
    const code = exchange(token, request(0x04, { 1: 0x11 }));
    assert.equal(new DataView(code.payload.buffer, code.payload.byteOffset).getUint32(0, true), 755224);
  });

  test(`C1: legacy ${model} 0.${firmwareMinor} spends the authorisation on the refused write`, () => {
    const { token } = instantToken({ model, firmwareMinor });
    const frame = legacyWrite('', model === 'storage');
    assert.equal(authorized(token, frame), NO_NAME_ERROR);
    assert.equal(exchange(token, frame).commandStatus, NOT_AUTHORIZED);
  });
}

/** FIRMWARE_PASSWORD_CHANGE (§5.16): R[1..20] current, R[21..40] new update PIN. */
const changeUpdatePin = (current: string, next: string) => request(0x1a, { 1: current, 21: next });

test('C2: Pro 0.15 FIRMWARE_PASSWORD_CHANGE accepts the factory update PIN 12345678, then only the new one', () => {
  const { token } = instantToken({ model: 'pro', firmwareMinor: 15 });
  assert.equal(exchange(token, changeUpdatePin('87654321', 'newupdatepin')).commandStatus, WRONG_PASSWORD);
  assert.equal(exchange(token, changeUpdatePin('12345678', 'newupdatepin')).commandStatus, 0);
  assert.equal(exchange(token, changeUpdatePin('12345678', 'another1')).commandStatus, WRONG_PASSWORD);
  assert.equal(exchange(token, changeUpdatePin('newupdatepin', '12345678')).commandStatus, 0);
});

test('C2: the new update PIN must have 8 to 20 bytes; a short current one is wrong; a reset keeps it', () => {
  const { token } = instantToken({ model: 'pro', firmwareMinor: 15 });
  assert.equal(exchange(token, changeUpdatePin('12345678', '1234567')).commandStatus, WRONG_PASSWORD);
  assert.equal(exchange(token, changeUpdatePin('1234567', '12345678')).commandStatus, WRONG_PASSWORD);
  assert.equal(exchange(token, changeUpdatePin('12345678', 'x'.repeat(20))).commandStatus, 0);
  assert.equal(statusOf(token, 0x13, { 1: ADMIN_PIN }), 0); // FACTORY_RESET keeps the update PIN
  assert.equal(exchange(token, changeUpdatePin('x'.repeat(20), '12345678')).commandStatus, 0);
});

test('C2: the update PIN survives a save and load of the state', () => {
  const { token, clock } = instantToken({ model: 'pro', firmwareMinor: 15 });
  assert.equal(exchange(token, changeUpdatePin('12345678', 'saved-pin')).commandStatus, 0);
  const loaded = VirtualToken.fromJSON(JSON.parse(JSON.stringify(token.toJSON())), { clock, latency: 'none' });
  assert.equal(exchange(loaded, changeUpdatePin('12345678', 'other-pin')).commandStatus, WRONG_PASSWORD);
  assert.equal(exchange(loaded, changeUpdatePin('saved-pin', 'other-pin')).commandStatus, 0);
});

/** A Pro whose password safe has a key (NEW_AES_KEY, §5.13), locked. */
function proWithSafeKey(firmwareMinor: number) {
  const { token } = instantToken({ model: 'pro', firmwareMinor });
  assert.equal(statusOf(token, 0x6b, { 1: ADMIN_PIN }), 0);
  return token;
}

for (const firmwareMinor of [15, 7]) {
  test(`C3: Pro 0.${firmwareMinor} PW_SAFE_INIT_KEY needs no admin authorisation and is not helped by one`, () => {
    const token = proWithSafeKey(firmwareMinor);
    // Locked safe, the card holding no verified user PIN: the key cannot be decrypted.
    assert.equal(statusOf(token, 0x68), NOT_AUTHORIZED);
    // The admin PIN's authorisation selects the card's application: still 5.
    firstAuthenticate(token);
    assert.equal(statusOf(token, 0x68), NOT_AUTHORIZED);
    assert.equal(statusOf(token, 0x60), NOT_AUTHORIZED, 'the safe stays locked');
  });

  test(`C3: Pro 0.${firmwareMinor} PW_SAFE_INIT_KEY answers 0 while unlocked and re-opens a locked safe the card can still decrypt`, () => {
    const token = proWithSafeKey(firmwareMinor);
    assert.equal(statusOf(token, 0x67, { 1: USER_PIN }), 0); // PW_SAFE_ENABLE verifies PW1 (82)
    assert.equal(statusOf(token, 0x68), 0);
    assert.equal(statusOf(token, 0x12), 0); // LOCK_DEVICE forgets the key, not the card's verification
    assert.equal(statusOf(token, 0x60), NOT_AUTHORIZED);
    assert.equal(statusOf(token, 0x68), 0);
    assert.equal(statusOf(token, 0x60), 0, 'PW_SAFE_INIT_KEY unlocked the safe');
    // Once the application is selected again (here by reading the retry count), that ends.
    assert.equal(statusOf(token, 0x12), 0);
    assert.equal(exchange(token, request(0x09)).commandStatus, 0);
    assert.equal(statusOf(token, 0x68), NOT_AUTHORIZED);
  });
}

test('C4: Pro GET_PW_SAFE_SLOT_STATUS right after FACTORY_RESET: an unlocked safe answers 0 with no entry in use', () => {
  const { token } = instantToken({ model: 'pro', firmwareMinor: 15 });
  assert.equal(statusOf(token, 0x6b, { 1: ADMIN_PIN }), 0);
  assert.equal(statusOf(token, 0x67, { 1: USER_PIN }), 0);
  assert.equal(statusOf(token, 0x64, { 1: 3, 2: 'name', 13: 'password' }), 0);
  assert.equal(statusOf(token, 0x65, { 1: 3, 2: 'login' }), 0);
  assert.equal(exchange(token, request(0x60)).payload[3], 1);
  assert.equal(statusOf(token, 0x13, { 1: ADMIN_PIN }), 0);
  const after = exchange(token, request(0x60));
  assert.equal(after.commandStatus, 0, 'the key stays in RAM across the reset');
  assert.deepEqual([...after.payload.subarray(0, 16)], new Array(16).fill(0));
  // Locked again, the safe has no key any more: PW_SAFE_ENABLE answers AES_DEC_FAILED (§5.12).
  assert.equal(statusOf(token, 0x12), 0);
  assert.equal(statusOf(token, 0x67, { 1: USER_PIN }), 10);
});

test('C4: Pro GET_PW_SAFE_SLOT_STATUS right after FACTORY_RESET of a locked safe answers 5', () => {
  const { token } = instantToken({ model: 'pro', firmwareMinor: 15 });
  assert.equal(statusOf(token, 0x6b, { 1: ADMIN_PIN }), 0);
  assert.equal(statusOf(token, 0x13, { 1: ADMIN_PIN }), 0);
  assert.equal(statusOf(token, 0x60), NOT_AUTHORIZED);
});
