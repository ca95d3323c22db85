import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeCode } from '../../../device/otp/index';

const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

describe('computeCode', () => {
  // RFC 4226 Appendix D: HOTP values for counters 0..9 with the ASCII secret "12345678901234567890".
  const HOTP = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  for (const [counter, code] of HOTP.entries()) {
    it(`gives the RFC 4226 HOTP value for counter ${counter}`, () => {
      assert.equal(computeCode({ kind: 'hotp', secret: RFC_SECRET, digits: 6, counter: BigInt(counter) }), code);
    });
  }

  // RFC 6238 Appendix B, SHA-1 column (8 digits, 30 s step).
  const TOTP: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [t, code] of TOTP) {
    it(`gives the RFC 6238 SHA-1 TOTP value at T = ${t}`, () => {
      assert.equal(computeCode({ kind: 'totp', secret: RFC_SECRET, digits: 8, timestampMs: t * 1000 }), code);
    });
  }

  it('refuses a HOTP counter otpauth cannot represent', () => {
    assert.throws(() => computeCode({ kind: 'hotp', secret: RFC_SECRET, digits: 6, counter: 2n ** 53n }), RangeError);
  });
});
