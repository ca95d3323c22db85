import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from 'otpauth';
import { parseSecret, toBase32 } from '../../../device/otp/index';

const ascii = (s: string) => new TextEncoder().encode(s);

// RFC 4648 §10 test vectors (base32 and base16).
const RFC4648 = [
  ['f', 'MY======', '66'],
  ['fo', 'MZXQ====', '666F'],
  ['foo', 'MZXW6===', '666F6F'],
  ['foob', 'MZXW6YQ=', '666F6F62'],
  ['fooba', 'MZXW6YTB', '666F6F6261'],
  ['foobar', 'MZXW6YTBOI======', '666F6F626172'],
] as const;

describe('parseSecret', () => {
  for (const [plain, b32, hex] of RFC4648) {
    it(`decodes the RFC 4648 vector "${b32}" with and without padding`, () => {
      for (const text of [b32, b32.replace(/=+$/, '')]) {
        const r = parseSecret(text, 'base32');
        assert.ok(r.ok);
        assert.deepEqual(r.bytes, ascii(plain));
      }
    });
    it(`decodes the RFC 4648 hex vector ${hex} in upper and lower case`, () => {
      for (const text of [hex, hex.toLowerCase()]) {
        const r = parseSecret(text, 'hex');
        assert.ok(r.ok);
        assert.deepEqual(r.bytes, ascii(plain));
      }
    });
  }

  // Ways sites print the same secret; otpauth (code we did not write) decodes the canonical form.
  const variants = [
    'JBSWY3DPEHPK3PXP',
    'jbswy3dpehpk3pxp',
    'jbsw y3dp ehpk 3pxp',
    'JBSW-Y3DP-EHPK-3PXP',
    ' JBSWY3DP EHPK3PXP\n',
    'JBSWY3DPEHPK3PXP======',
  ];
  for (const text of variants) {
    it(`accepts the base32 secret written as ${JSON.stringify(text)}`, () => {
      const r = parseSecret(text, 'base32');
      assert.ok(r.ok);
      assert.deepEqual(r.bytes, Secret.fromBase32('JBSWY3DPEHPK3PXP').bytes);
    });
  }

  it('decodes a 40-byte base32 secret as otpauth does', () => {
    const text = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const r = parseSecret(text, 'base32');
    assert.ok(r.ok);
    assert.equal(r.bytes.length, 40);
    assert.deepEqual(r.bytes, Secret.fromBase32(text).bytes);
  });

  it('accepts hex with spaces, colons and a 0x prefix', () => {
    for (const text of ['0x3132 3334', '31:32:33:34', '31 32 33 34']) {
      const r = parseSecret(text, 'hex');
      assert.ok(r.ok, text);
      assert.deepEqual(r.bytes, ascii('1234'));
    }
  });

  const refusals: [string, 'base32' | 'hex', RegExp][] = [
    ['', 'base32', /^The secret is empty\.$/],
    [' - ', 'base32', /^The secret is empty\.$/],
    ['JBSWY3DP1HPK3PXP', 'base32', /character base32 does not use at position 9\..*0, 1, 8 and 9 are not base32/],
    ['JBSWY3DPEHPK3PX0', 'base32', /position 16/],
    ['JBSW=Y3DP', 'base32', /padding \(=\) before its end at position 5/],
    ['JBSWY3DPE', 'base32', /has 9 base32 characters, a length no base32 encoder produces/],
    ['MZX', 'base32', /has 3 base32 characters/],
    ['', 'hex', /^The secret is empty\.$/],
    ['31323g', 'hex', /not a hex digit at position 6/],
    ['313', 'hex', /has 3 digits; a whole number of bytes needs an even count/],
  ];
  for (const [text, encoding, problem] of refusals) {
    it(`refuses the ${encoding} secret ${JSON.stringify(text)} naming the secret field`, () => {
      const r = parseSecret(text, encoding);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.field, 'secret');
      assert.match(r.problem, problem);
      if (text.trim()) assert.ok(!r.problem.includes(text.trim()), 'the problem must not echo the secret');
    });
  }
});

describe('toBase32', () => {
  it('writes the RFC 4648 §10 vectors without padding', () => {
    for (const [plain, b32] of RFC4648) assert.equal(toBase32(ascii(plain)), b32.replace(/=+$/, ''));
  });

  it('encodes a view into a larger buffer by its own bytes only', () => {
    const buffer = ascii('xxfoobarxx');
    assert.equal(toBase32(buffer.subarray(2, 8)), 'MZXW6YTBOI');
  });

  it('leaves the bytes it was given as they were', () => {
    const bytes = ascii('foobar');
    toBase32(bytes);
    assert.deepEqual(bytes, ascii('foobar'));
  });
});
