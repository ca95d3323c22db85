import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseMigrationUri, readImportTexts, type ImportCandidate } from '../../../device/otp/index';
import { migrationUris } from '../../support/migration-fixtures';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const SECRET_A = '48656c6c6f21deadbeef';
const SECRET_B = '3132333435363738393031323334353637383930';

function ok(c: ImportCandidate) {
  assert.ok(c.ok, c.ok ? '' : c.problem);
  return c.account;
}

describe('Google Authenticator exports encoded by python3-protobuf', () => {
  const [single, eightHotp, refused, unicode] = migrationUris([
    { accounts: [{ secretHex: SECRET_A, name: 'GitHub:octocat', issuer: 'GitHub' }] },
    {
      accounts: [
        {
          secretHex: SECRET_B,
          name: 'alice',
          issuer: 'Keycloak',
          digits: 'DIGIT_COUNT_EIGHT',
          type: 'OTP_TYPE_HOTP',
          counter: 42,
        },
      ],
    },
    {
      accounts: [
        { secretHex: SECRET_A, name: 'sha256', issuer: 'X', algorithm: 'ALGORITHM_SHA256' },
        { secretHex: SECRET_A, name: 'sha512', issuer: 'Y', algorithm: 'ALGORITHM_SHA512' },
        { secretHex: SECRET_A, name: 'md5', issuer: 'Z', algorithm: 'ALGORITHM_MD5' },
        { secretHex: SECRET_B, name: 'fine' },
      ],
    },
    { accounts: [{ secretHex: SECRET_A, name: 'Bücher:jürgen@example.de', issuer: 'Bücher' }] },
  ]);

  it('reads a TOTP account with its secret, issuer and account, stripping the issuer prefix from the name', () => {
    const r = parseMigrationUri(single);
    assert.ok(r.ok);
    assert.equal(r.value.candidates.length, 1);
    const a = ok(r.value.candidates[0]);
    assert.deepEqual(
      { ...a, secret: hex(a.secret) },
      {
        kind: 'totp',
        secret: SECRET_A,
        digits: 6,
        issuer: 'GitHub',
        account: 'octocat',
        name: 'GitHub:octocat',
        period: 30,
      },
    );
    assert.deepEqual(r.value.batch, { index: 0, size: 1, id: 12345, version: 1 });
  });

  it('reads an 8-digit HOTP account with its counter', () => {
    const r = parseMigrationUri(eightHotp);
    assert.ok(r.ok);
    const a = ok(r.value.candidates[0]);
    assert.equal(a.kind, 'hotp');
    assert.equal(a.digits, 8);
    assert.equal(a.counter, 42n);
    assert.equal(hex(a.secret), SECRET_B);
  });

  it('refuses SHA256, SHA512 and MD5 accounts one by one with the reason, and keeps the rest', () => {
    const r = parseMigrationUri(refused);
    assert.ok(r.ok);
    const [a, b, c, d] = r.value.candidates;
    for (const [cand, alg] of [
      [a, 'SHA256'],
      [b, 'SHA512'],
      [c, 'MD5'],
    ] as const) {
      assert.equal(cand.ok, false);
      if (!cand.ok) {
        assert.equal(cand.field, 'algorithm');
        assert.match(cand.problem, new RegExp(`uses ${alg}, but the firmware is HMAC-SHA1 only`));
      }
    }
    assert.equal(ok(d).name, 'fine');
  });

  it('keeps UTF-8 names and cuts the proposed slot name to 15 bytes without splitting a character', () => {
    const r = parseMigrationUri(unicode);
    assert.ok(r.ok);
    const a = ok(r.value.candidates[0]);
    assert.equal(a.issuer, 'Bücher');
    assert.equal(a.account, 'jürgen@example.de');
    assert.equal(a.name, 'Bücher:jürgen');
    assert.ok(Buffer.byteLength(a.name) <= 15);
  });

  it('combines the QR codes of a three-code export and names the code that is missing', () => {
    const uris = migrationUris(
      [0, 1, 2].map((i) => ({
        accounts: [{ secretHex: SECRET_A.slice(0, 18) + String(i).padStart(2, '0'), name: `acct${i}` }],
        batchSize: 3,
        batchIndex: i,
        batchId: 777,
      })),
    );
    const all = readImportTexts([uris[2], uris[0], uris[1], uris[0]]);
    assert.deepEqual(
      all.candidates.map((c) => (c.ok ? c.account.name : c.problem)),
      ['acct0', 'acct1', 'acct2'],
    );
    assert.deepEqual(all.problems, []);
    const partial = readImportTexts([uris[0], uris[2]]);
    assert.equal(partial.candidates.length, 2);
    assert.deepEqual(partial.problems, [
      'The Google Authenticator export has 3 QR codes; code 2 of 3 was not given. Its accounts are not in this list.',
    ]);
  });

  it('says the data is damaged when the payload is cut short, and not base64 when it is not', () => {
    const data = decodeURIComponent(single.split('data=')[1]);
    const cut = Buffer.from(data, 'base64').subarray(0, 20).toString('base64');
    const r = parseMigrationUri(`otpauth-migration://offline?data=${encodeURIComponent(cut)}`);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problem, /damaged/);
    const bad = parseMigrationUri('otpauth-migration://offline?data=@@@');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.problem, /not base64/);
    const other = parseMigrationUri('otpauth-migration://online?data=AAAA');
    assert.equal(other.ok, false);
  });

  it('accepts the data with a literal plus sign, as some tools leave it unencoded', () => {
    const [uri] = migrationUris([{ accounts: [{ secretHex: 'fbeffbeffbeffbeffbef', name: 'plus' }] }]);
    const data = decodeURIComponent(uri.split('data=')[1]);
    assert.ok(data.includes('+'), 'the fixture has a + in its base64');
    const r = parseMigrationUri(`otpauth-migration://offline?data=${data}`);
    assert.ok(r.ok);
    assert.equal(hex(ok(r.value.candidates[0]).secret), 'fbeffbeffbeffbeffbef');
  });
});
