import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeApdu, parseApdu } from '../../../device/nk3/apdu';
import * as c from '../../../device/nk3/commands';
import type { CommandApdu } from '../../../device/nk3/apdu';
import { nk3Apdu, nk3Response } from '../../support/nk3-vectors';

const utf8 = (s: string) => new TextEncoder().encode(s);
const rfc4226Secret = utf8('12345678901234567890');
const step1 = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1);

// Each builder against the reference §10 / nitrokey-sdk-py bytes (test/fixtures/vectors/nk3-secrets.json).
const cases: [string, () => CommandApdu][] = [
  ['SELECT', () => c.selectApdu()],
  ['SET PIN 123456', () => c.setPinApdu(utf8('123456'))],
  ['VERIFY PIN 123456', () => c.verifyPinApdu(utf8('123456'))],
  ['CHANGE PIN 123456 -> 87654321', () => c.changePinApdu(utf8('123456'), utf8('87654321'))],
  [
    'PUT TOTP SHA1 6 GitHub',
    () => c.putApdu({ label: utf8('GitHub'), kind: 'totp', algorithm: 'SHA1', digits: 6, secret: rfc4226Secret }),
  ],
  [
    'PUT TOTP SHA256 8 sha256',
    () =>
      c.putApdu({
        label: utf8('sha256'),
        kind: 'totp',
        algorithm: 'SHA256',
        digits: 8,
        secret: utf8('12345678901234567890123456789012'),
      }),
  ],
  ['LIST v1', () => c.listApdu(1)],
  ['CALCULATE GitHub T=59', () => c.calculateApdu(utf8('GitHub'), step1)],
  ['PUT HOTP hotp', () => c.putApdu({ label: utf8('hotp'), kind: 'hotp', digits: 6, secret: rfc4226Secret })],
  [
    'PUT reverse HOTP hotp',
    () => c.putApdu({ label: utf8('hotp'), kind: 'reverse-hotp', digits: 6, secret: rfc4226Secret }),
  ],
  ['VERIFY CODE hotp 755224', () => c.verifyCodeApdu(utf8('hotp'), 755224)],
  [
    'PUT password-only mail',
    () => c.putApdu({ label: utf8('mail'), kind: 'password', login: utf8('alice'), password: utf8('s3cr3t') }),
  ],
  ['GET CREDENTIAL GitHub', () => c.getCredentialApdu(utf8('GitHub'))],
  [
    'UPDATE rename GitHub -> GitLab + touch',
    () => c.updateCredentialApdu(utf8('GitHub'), { newLabel: utf8('GitLab'), isTouchRequired: true }),
  ],
  ['DELETE GitHub', () => c.deleteApdu(utf8('GitHub'))],
  ['RESET', () => c.resetApdu()],
  ['SEND REMAINING', () => c.sendRemainingApdu()],
  [
    'PUT TOTP SHA1 6 test touch login alice',
    () =>
      c.putApdu({
        label: utf8('test'),
        kind: 'totp',
        digits: 6,
        secret: new Uint8Array(20).fill(0x30),
        isTouchRequired: true,
        login: utf8('alice'),
      }),
  ],
];

for (const [name, build] of cases) {
  test(`encodes ${name} as the golden APDU`, () => {
    assert.deepEqual(encodeApdu(build()), nk3Apdu(name));
  });
  test(`parses the golden ${name} back to its header and body`, () => {
    const want = build();
    const got = parseApdu(nk3Apdu(name))!;
    assert.deepEqual([got.cla, got.ins, got.p1, got.p2], [0, want.ins, want.p1, want.p2]);
    assert.deepEqual(got.data, want.data ?? new Uint8Array(0));
  });
}

test('parses LIST v1 and v0 answers with properties and key bytes', () => {
  assert.deepEqual(c.parseList(nk3Response('LIST v1 GitHub'), 1), [
    {
      label: utf8('GitHub'),
      kind: 'totp',
      algorithm: 'SHA1',
      isTouchRequired: false,
      isPinEncrypted: false,
      hasPwsData: false,
    },
  ]);
  const v0 = c.parseList(nk3Response('LIST v0 two entries'), 0);
  assert.deepEqual(
    v0.map((e) => new TextDecoder().decode(e.label)),
    ['totp.danhersam.com', 'yubico'],
  );
  const [mail] = c.parseList(nk3Response('LIST v1 mail'), 1);
  assert.equal(mail.kind, 'password');
  assert.equal(mail.hasPwsData, true);
});

test('parses CALCULATE, GET CREDENTIAL and SELECT answers', () => {
  assert.deepEqual(c.parseCalculate(nk3Response('CALCULATE GitHub T=59')), { digits: 6, truncated: 0x41397eea });
  const g = c.parseGetCredential(nk3Response('GET CREDENTIAL GitHub login alice'));
  assert.deepEqual([g.kind, g.algorithm, g.label, g.login], ['totp', 'SHA1', utf8('GitHub'), utf8('alice')]);
  const noPin = c.parseSelect(nk3Response('SELECT no PIN'));
  assert.deepEqual(noPin.version, { major: 4, minor: 14, patch: 0 });
  assert.equal(noPin.salt?.length, 8);
  assert.equal(noPin.pinRetries, undefined);
  assert.equal(noPin.serial, '12345678');
  const pin = c.parseSelect(nk3Response('SELECT PIN set'));
  assert.equal(pin.pinRetries, 8);
  assert.equal(pin.salt, undefined);
  assert.equal(c.parseSelect(nk3Response('SELECT v4.10 no serial')).serial, undefined);
});

test('rejects a LIST entry with a key byte the firmware would not write', () => {
  assert.throws(() => c.parseList(Uint8Array.of(0x72, 0x03, 0x51, 0x61, 0x00), 1), RangeError);
});

test('encodes PUT lengths of 128 bytes and more in BER (81 LL), never as one raw byte (§4.2)', () => {
  const label = new Uint8Array(128).fill(0x61);
  const apdu = encodeApdu(c.putApdu({ label, kind: 'totp', secret: Uint8Array.of(1) }));
  assert.deepEqual(Array.from(apdu.subarray(5, 8)), [0x71, 0x81, 0x80]);
});
