import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSecret } from '../../device/index';
import { checkSecret, randomPassword, randomSecret, secondsLeft, toBase32, utf8Bytes } from '../../renderer/validation';

describe('renderer field checks', () => {
  it('counts name bytes as the token does (UTF-8)', () => {
    assert.equal(utf8Bytes('Bücher'), 7);
    assert.equal(utf8Bytes('€'), 3);
  });

  const secrets: [string, 'base32' | 'hex'][] = [
    ['JBSWY3DPEHPK3PXP', 'base32'],
    ['jbsw y3dp-ehpk 3pxp', 'base32'],
    ['GEZDGNBVGY3TQOJQ====', 'base32'],
    ['JBSWY3DP1', 'base32'],
    ['JBSWY3D', 'base32'],
    ['', 'base32'],
    ['31 32 33 34', 'hex'],
    ['0x3132', 'hex'],
    ['313', 'hex'],
    ['zz', 'hex'],
  ];
  for (const [text, encoding] of secrets) {
    it(`agrees with device/otp on ${encoding} "${text}"`, () => {
      const device = parseSecret(text, encoding);
      const ours = checkSecret(text, encoding);
      assert.equal(ours.ok, device.ok);
      if (ours.ok && device.ok) assert.equal(ours.bytes, device.bytes.length);
    });
  }

  it('writes base32 that device/otp reads back to the same bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255, 7, 8]);
    const parsed = parseSecret(toBase32(bytes), 'base32');
    assert.deepEqual(parsed.ok && [...parsed.bytes], [...bytes]);
  });

  it('writes the RFC 4648 §10 vectors without padding, grouped by four', () => {
    const ascii = (t: string) => new TextEncoder().encode(t);
    assert.equal(toBase32(ascii('f')), 'MY');
    assert.equal(toBase32(ascii('foob')), 'MZXW 6YQ');
    assert.equal(toBase32(ascii('foobar')), 'MZXW 6YTB OI');
  });

  it('makes random secrets of the asked length that device/otp reads', () => {
    const a = randomSecret(20);
    const parsed = parseSecret(a, 'base32');
    assert.equal(parsed.ok && parsed.bytes.length, 20);
    assert.notEqual(a, randomSecret(20));
  });

  it('generates passwords of one-byte characters', () => {
    const p = randomPassword(20);
    assert.equal(p.length, 20);
    assert.equal(utf8Bytes(p), 20);
    assert.notEqual(p, randomPassword(20));
  });

  it('counts down within any TOTP period', () => {
    assert.deepEqual(
      [secondsLeft(0, 30), secondsLeft(29_999, 30), secondsLeft(30_000, 30), secondsLeft(90_000, 60)],
      [30, 1, 30, 30],
    );
  });
});
