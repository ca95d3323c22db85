import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as c from '../../../device/protocol/commands';
import { COMMAND } from '../../../device/protocol/command-ids';
import { utf8 } from '../../../device/protocol/fields';
import { golden } from '../../support/vectors';

const temp = utf8('123123123');

/** Compares R[0..59], and R[60..63] where the reference printed the CRC. */
function assertFrame(actual: Uint8Array, name: string): void {
  const g = golden(name);
  assert.deepEqual(actual.subarray(0, 60), g.bytes.subarray(0, 60), `${name}: payload`);
  if (g.hasCrc) assert.deepEqual(actual.subarray(60), g.bytes.subarray(60), `${name}: CRC`);
}

const cases: [string, () => Uint8Array][] = [
  ['GET_STATUS request', () => c.encodeSimple(COMMAND.GET_STATUS)],
  ['FIRST_AUTHENTICATE(12345678, 123123123)', () => c.encodeAuthenticate('admin', utf8('12345678'), temp)],
  ['GET_CODE HOTP slot 0 (CRC table)', () => c.encodeGetCode(c.slotNumber({ kind: 'hotp', index: 0 }))],
  ['SEND_OTP_DATA name hotpname', () => c.encodeSendOtpData(temp, 'N', 0, utf8('hotpname'))],
  ['SEND_OTP_DATA secret chunk 0', () => c.encodeSendOtpData(temp, 'S', 0, utf8('12345678901234567890'))],
  [
    'WRITE_TO_SLOT HOTP slot 1 new layout',
    () =>
      c.encodeWriteToSlot(temp, 0x11, {
        counterOrStep: 0x0102030405060708n,
        flags: 0x05,
        tokenId: utf8('TOKENID12345'),
      }),
  ],
  [
    'WRITE_TO_SLOT TOTP 40-byte secret step 30 enter flag',
    () => c.encodeWriteToSlot(temp, 0x22, { counterOrStep: 30n, flags: 0x02, tokenId: new Uint8Array(0) }),
  ],
  [
    'SEND_OTP_DATA secret chunk 1 of 40 bytes',
    () =>
      c.encodeSendOtpData(
        temp,
        'S',
        1,
        Uint8Array.from({ length: 10 }, (_, i) => (i === 9 ? 0xff : 0)),
      ),
  ],
  ['GET_CODE TOTP slot 3 no PIN', () => c.encodeGetCode(c.slotNumber({ kind: 'totp', index: 3 }))],
  ['GET_CODE HOTP slot 0 user temp 234234234', () => c.encodeGetCode(0x10, utf8('234234234'))],
  ['SET_TIME 1700000000 reset', () => c.encodeSetTime(1700000000, true)],
  ['SET_TIME 1700000000 soft', () => c.encodeSetTime(1700000000, false)],
  [
    'WRITE_CONFIG 0 255 255 on off',
    () =>
      c.encodeWriteConfig(
        { numlock: 0, capslock: null, scrolllock: null, isUserPasswordRequired: true, isDeleteUserPassword: false },
        temp,
      ),
  ],
  ['ERASE_SLOT TOTP 4', () => c.encodeEraseSlot(c.slotNumber({ kind: 'totp', index: 4 }), temp)],
  ['DETECT_SC_AES 123456', () => c.encodePin(COMMAND.DETECT_SC_AES, utf8('123456'))],
  ['PW_SAFE_ENABLE 123456', () => c.encodePin(COMMAND.PW_SAFE_ENABLE, utf8('123456'), 30)],
  ['SET_PW_SAFE_SLOT_DATA_1 slot 5', () => c.encodePwsData1(5, utf8('name'), utf8('pass'))],
  ['SET_PW_SAFE_SLOT_DATA_2 slot 5', () => c.encodePwsData2(5, utf8('login'))],
  ['CHANGE_USER_PIN 123456 to 654321', () => c.encodeTwoPins(COMMAND.CHANGE_USER_PIN, utf8('123456'), utf8('654321'))],
  [
    'UNLOCK_USER_PASSWORD 12345678 123456',
    () => c.encodeTwoPins(COMMAND.UNLOCK_USER_PASSWORD, utf8('12345678'), utf8('123456')),
  ],
  ['FACTORY_RESET 12345678', () => c.encodePin(COMMAND.FACTORY_RESET, utf8('12345678'))],
  ['NEW_AES_KEY 12345678', () => c.encodePin(COMMAND.NEW_AES_KEY, utf8('12345678'))],
  ['GET_PASSWORD_RETRY_COUNT', () => c.encodeSimple(COMMAND.GET_PASSWORD_RETRY_COUNT)],
  ['Storage GET_DEVICE_STATUS', () => c.encodeSimple(COMMAND.GET_DEVICE_STATUS)],
  ['Storage SEND_PASSWORD admin 12345678', () => c.encodeStick20Password(COMMAND.SEND_PASSWORD, 'A', utf8('12345678'))],
  [
    'Storage SEND_NEW_PASSWORD admin 87654321',
    () => c.encodeStick20Password(COMMAND.SEND_NEW_PASSWORD, 'A', utf8('87654321')),
  ],
  [
    'Storage UNLOCK_USER_PASSWORD new user 123456',
    () => c.encodeStick20Password(COMMAND.UNLOCK_USER_PASSWORD, 'A', utf8('123456'), 30),
  ],
  [
    'Storage GENERATE_NEW_KEYS 12345678',
    () => c.encodeStick20Password(COMMAND.GENERATE_NEW_KEYS, 'P', utf8('12345678'), 30),
  ],
];

const legacyParams = { counterOrStep: 12345n, flags: 0x05, tokenId: utf8('TOKENID12345') };
cases.push(
  [
    'Legacy Pro 0.7 WRITE_TO_SLOT HOTP slot 1',
    () => c.encodeLegacyWriteToSlot(0x11, utf8('hotpname'), utf8('12345678901234567890'), legacyParams, false),
  ],
  [
    'Legacy Storage 0.53 WRITE_TO_SLOT HOTP slot 1',
    () => c.encodeLegacyWriteToSlot(0x11, utf8('hotpname'), utf8('12345678901234567890'), legacyParams, true),
  ],
  [
    'Legacy AUTHORIZE for the legacy HOTP write',
    () =>
      c.encodeAuthorize(
        'admin',
        c.encodeLegacyWriteToSlot(0x11, utf8('hotpname'), utf8('12345678901234567890'), legacyParams, false),
        temp,
      ),
  ],
);

for (const [name, encode] of cases) {
  test(`encodes ${name} as libnitrokey sends it`, () => assertFrame(encode(), name));
}

test('decodes the GET_CODE reply into a zero-padded 6-digit code', () => {
  const p = golden('GET_CODE reply 755224 for HOTP slot 0').bytes.subarray(7, 60);
  assert.deepEqual(c.decodeGetCode(p), { code: '755224', digits: 6 });
});

test('pads an 8-digit code with leading zeros', () => {
  const p = new Uint8Array(53);
  new DataView(p.buffer).setUint32(0, 7081804, true); // RFC 6238 t=1111111109 → 07081804
  p[4] = c.SLOT_FLAG.EIGHT_DIGITS;
  assert.deepEqual(c.decodeGetCode(p), { code: '07081804', digits: 8 });
});

test('decodes the general config of the reference status reply', () => {
  const p = golden('Pro GET_STATUS reply, firmware 0.15, serial 00005f11, config ff ff ff 00 01').bytes.subarray(7, 60);
  const s = c.decodeProStatus(p);
  assert.deepEqual(s.firmware, { major: 0, minor: 15 });
  assert.equal(s.cardSerial.toString(16).padStart(8, '0'), '00005f11');
  assert.deepEqual(s.config, {
    numlock: null,
    capslock: null,
    scrolllock: null,
    isUserPasswordRequired: false,
    isDeleteUserPassword: true,
  });
});

test('treats only config byte 1 as "codes need the user PIN" (fresh flash reads 0xff)', () => {
  assert.equal(c.decodeConfig(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff)).isUserPasswordRequired, false);
  assert.equal(c.decodeConfig(Uint8Array.of(0xff, 0xff, 0xff, 0x01, 0xff)).isUserPasswordRequired, true);
});

test('numbers slots as the firmware does and refuses indices outside the host range', () => {
  assert.equal(c.slotNumber({ kind: 'hotp', index: 2 }), 0x12);
  assert.equal(c.slotNumber({ kind: 'totp', index: 14 }), 0x2e);
  assert.throws(() => c.slotNumber({ kind: 'hotp', index: 3 }), RangeError);
  assert.throws(() => c.slotNumber({ kind: 'totp', index: -1 }), RangeError);
});

test('refuses a field value longer than its field', () => {
  assert.throws(() => c.encodeSendOtpData(temp, 'S', 0, new Uint8Array(31)), RangeError);
  assert.throws(() => c.encodeAuthenticate('admin', new Uint8Array(26), temp), RangeError);
});
