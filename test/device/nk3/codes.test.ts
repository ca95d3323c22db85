import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeFromTruncated, formatCredentialName, parseCredentialName, totpChallenge } from '../../../device/nk3/codes';

// RFC 4226 Appendix D: truncated values (hex) and HOTP codes for counts 0..9.
const RFC4226: [number, string][] = [
  [0x4c93cf18, '755224'],
  [0x41397eea, '287082'],
  [0x82fef30, '359152'],
  [0x66ef7655, '969429'],
  [0x61c5938a, '338314'],
  [0x33c083d4, '254676'],
  [0x7256c032, '287922'],
  [0x4e5b397, '162583'],
  [0x2823443f, '399871'],
  [0x2679dc69, '520489'],
];

test('renders RFC 4226 Appendix D codes from the truncated values', () => {
  for (const [t, code] of RFC4226) assert.equal(codeFromTruncated(t, 6), code);
});

test('renders 7 and 8 digits with zero padding and masks the top bit', () => {
  assert.equal(codeFromTruncated(0x41397eea, 8), '94287082'); // RFC 6238 Appendix B, T=59, SHA1
  assert.equal(codeFromTruncated(0x2c78e04e, 8), '46119246'); // RFC 6238 Appendix B, T=59, SHA256
  assert.equal(codeFromTruncated(0x82fef30, 7), '7359152');
  assert.equal(codeFromTruncated(0x80000000 | 42, 6), '000042');
  assert.throws(() => codeFromTruncated(1, 0), RangeError);
});

test('builds the TOTP challenge as floor(t / period) in 8 bytes big-endian (RFC 6238 §4)', () => {
  assert.deepEqual(Array.from(totpChallenge(59_000, 30)), [0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(Array.from(totpChallenge(1111111109_000, 30)), [0, 0, 0, 0, 0x02, 0x35, 0x23, 0xec]);
  assert.deepEqual(Array.from(totpChallenge(20000000000_000, 30)), [0, 0, 0, 0, 0x27, 0xbc, 0x86, 0xaa]);
  assert.deepEqual(Array.from(totpChallenge(119_000, 60)), [0, 0, 0, 0, 0, 0, 0, 1]);
});

// ykman's _parse_cred_id / _format_cred_id (yubikit oath.py): "P/" only for TOTP with period ≠ 30.
const names: [string, boolean, ReturnType<typeof parseCredentialName>][] = [
  ['60/GitHub:alice', true, { period: 60, issuer: 'GitHub', account: 'alice' }],
  ['GitHub:alice', true, { period: 30, issuer: 'GitHub', account: 'alice' }],
  ['alice', true, { period: 30, account: 'alice' }],
  ['15/alice', true, { period: 15, account: 'alice' }],
  ['60/GitHub:alice', false, { period: 30, issuer: '60/GitHub', account: 'alice' }],
  ['0/x', true, { period: 30, account: '0/x' }],
];

test('parses names with the period prefix as ykman does', () => {
  for (const [name, isTotp, want] of names) assert.deepEqual(parseCredentialName(name, isTotp), want, name);
});

test('formats names with a prefix only for TOTP periods other than 30 s', () => {
  assert.equal(formatCredentialName({ period: 60, issuer: 'GitHub', account: 'alice' }, true), '60/GitHub:alice');
  assert.equal(formatCredentialName({ period: 30, issuer: 'GitHub', account: 'alice' }, true), 'GitHub:alice');
  assert.equal(formatCredentialName({ period: 60, account: 'alice' }, false), 'alice');
});
