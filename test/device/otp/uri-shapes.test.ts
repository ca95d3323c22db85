/**
 * otpauth:// URIs in the exact shapes real issuers emit (issue 4). Shapes follow each issuer's
 * URI builder: Keycloak's OTPPolicy.getKeyURI (issuer with spaces as %20, account through Java's
 * URLEncoder so a space is "+", then secret, digits, algorithm, issuer, and counter or period);
 * Google Authenticator's Key URI Format wiki; FreeOTP's share URIs (issuer prefix and parameter,
 * lock=false); GitHub's setup code. Base32 secrets were made with Python's base64.b32encode.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseOtpauthUri } from '../../../device/otp/index';

// Python: base64.b32encode(b'Kc7pQ2wZ9xLm4RtY8vBn') — a Keycloak-style 20-character ASCII secret.
const KC_SECRET = 'JNRTO4CRGJ3VUOLYJRWTIUTULE4HMQTO';
const KC_BYTES = Buffer.from('Kc7pQ2wZ9xLm4RtY8vBn');
// Python: base64.b32encode(b'freeotp-secret-16b'), with its padding.
const PADDED = 'MZZGKZLPORYC243FMNZGK5BNGE3GE===';
const PADDED_BYTES = Buffer.from('freeotp-secret-16b');

interface Shape {
  who: string;
  uri: string;
  expect: {
    kind: 'totp' | 'hotp';
    digits: 6 | 8;
    period?: number;
    counter?: bigint;
    issuer?: string;
    account?: string;
    name: string;
    secret: Buffer;
  };
}

const kc = (type: string, params: string) =>
  `otpauth://${type}/My%20Realm:john.doe%40example.com?secret=${KC_SECRET}&${params}`;

const ACCEPTED: Shape[] = [
  {
    who: 'Keycloak TOTP, 6 digits, 30 s, SHA1',
    uri: kc('totp', 'digits=6&algorithm=SHA1&issuer=My%20Realm&period=30'),
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'My Realm',
      account: 'john.doe@example.com',
      name: 'My Realm:john.d',
      secret: KC_BYTES,
    },
  },
  {
    who: 'Keycloak TOTP, 8 digits, 60 s',
    uri: kc('totp', 'digits=8&algorithm=SHA1&issuer=My%20Realm&period=60'),
    expect: {
      kind: 'totp',
      digits: 8,
      period: 60,
      issuer: 'My Realm',
      account: 'john.doe@example.com',
      name: 'My Realm:john.d',
      secret: KC_BYTES,
    },
  },
  {
    who: 'Keycloak HOTP, 6 digits, initial counter 0',
    uri: kc('hotp', 'digits=6&algorithm=SHA1&issuer=My%20Realm&counter=0'),
    expect: {
      kind: 'hotp',
      digits: 6,
      counter: 0n,
      issuer: 'My Realm',
      account: 'john.doe@example.com',
      name: 'My Realm:john.d',
      secret: KC_BYTES,
    },
  },
  {
    who: 'Keycloak HOTP, 8 digits, initial counter 5',
    uri: kc('hotp', 'digits=8&algorithm=SHA1&issuer=My%20Realm&counter=5'),
    expect: {
      kind: 'hotp',
      digits: 8,
      counter: 5n,
      issuer: 'My Realm',
      account: 'john.doe@example.com',
      name: 'My Realm:john.d',
      secret: KC_BYTES,
    },
  },
  {
    who: 'Keycloak with a username holding a space (URLEncoder writes "+") and a realm name without a display name',
    uri: `otpauth://totp/demo:john+doe?secret=${KC_SECRET}&digits=6&algorithm=SHA1&issuer=demo&period=30`,
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'demo',
      account: 'john doe',
      name: 'demo:john doe',
      secret: KC_BYTES,
    },
  },
  {
    who: 'Keycloak with a plus in the e-mail username (URLEncoder writes %2B)',
    uri: `otpauth://totp/demo:ann%2Btag%40x.io?secret=${KC_SECRET}&digits=6&algorithm=SHA1&issuer=demo&period=30`,
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'demo',
      account: 'ann+tag@x.io',
      name: 'demo:ann+tag@x.',
      secret: KC_BYTES,
    },
  },
  {
    who: 'Google Authenticator, account only, no issuer',
    uri: `otpauth://totp/alice@google.com?secret=${KC_SECRET}`,
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      account: 'alice@google.com',
      name: 'alice@google.co',
      secret: KC_BYTES,
    },
  },
  {
    who: 'Google Authenticator, issuer prefix with %20 and issuer parameter with "+"',
    uri: `otpauth://totp/ACME%20Co:john@example.com?secret=${KC_SECRET}&issuer=ACME+Co&algorithm=SHA1&digits=6&period=30`,
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'ACME Co',
      account: 'john@example.com',
      name: 'ACME Co:john@ex',
      secret: KC_BYTES,
    },
  },
  {
    who: 'FreeOTP, issuer prefix and parameter, padded secret, lock=false',
    uri: `otpauth://totp/Nextcloud:bob?secret=${PADDED}&algorithm=SHA1&digits=6&period=30&issuer=Nextcloud&lock=false`,
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'Nextcloud',
      account: 'bob',
      name: 'Nextcloud:bob',
      secret: PADDED_BYTES,
    },
  },
  {
    who: 'FreeOTP HOTP with the padding percent-encoded',
    uri: `otpauth://hotp/Example:carol?secret=${PADDED.replace(/=/g, '%3D')}&algorithm=SHA1&digits=6&counter=7&issuer=Example`,
    expect: {
      kind: 'hotp',
      digits: 6,
      counter: 7n,
      issuer: 'Example',
      account: 'carol',
      name: 'Example:carol',
      secret: PADDED_BYTES,
    },
  },
  {
    who: 'GitHub',
    uri: `otpauth://totp/GitHub:octocat?secret=${KC_SECRET}&issuer=GitHub`,
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'GitHub',
      account: 'octocat',
      name: 'GitHub:octocat',
      secret: KC_BYTES,
    },
  },
  {
    who: 'upper-case scheme and type, lower-case secret and algorithm',
    uri: `OTPAUTH://TOTP/GitHub:octocat?secret=${KC_SECRET.toLowerCase()}&issuer=GitHub&algorithm=sha1`,
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'GitHub',
      account: 'octocat',
      name: 'GitHub:octocat',
      secret: KC_BYTES,
    },
  },
];

const REFUSED: { who: string; uri: string; field: string; problem: RegExp }[] = [
  {
    who: 'Keycloak TOTP with HmacSHA256',
    uri: kc('totp', 'digits=6&algorithm=SHA256&issuer=My%20Realm&period=30'),
    field: 'algorithm',
    problem: /uses SHA256, but the firmware is HMAC-SHA1 only/,
  },
  {
    who: 'Keycloak TOTP with HmacSHA512',
    uri: kc('totp', 'digits=8&algorithm=SHA512&issuer=My%20Realm&period=30'),
    field: 'algorithm',
    problem: /uses SHA512, but the firmware is HMAC-SHA1 only/,
  },
  {
    who: 'Keycloak HOTP with HmacSHA256',
    uri: kc('hotp', 'digits=6&algorithm=SHA256&issuer=My%20Realm&counter=0'),
    field: 'algorithm',
    problem: /uses SHA256/,
  },
  {
    who: 'seven digits',
    uri: `otpauth://totp/X:y?secret=${KC_SECRET}&digits=7`,
    field: 'digits',
    problem: /uses 7 digits; the token makes 6- or 8-digit codes only/,
  },
  {
    who: 'a period the slot cannot store',
    uri: `otpauth://totp/X:y?secret=${KC_SECRET}&period=70000`,
    field: 'period',
    problem: /use 1 to 65535 seconds/,
  },
];

describe('otpauth URIs as issuers emit them', () => {
  for (const s of ACCEPTED) {
    it(`reads ${s.who}`, () => {
      const r = parseOtpauthUri(s.uri);
      assert.ok(r.ok, r.ok ? '' : r.problem);
      const { secret, ...rest } = r.value;
      const { secret: want, ...wantRest } = s.expect;
      assert.deepEqual(rest, wantRest);
      assert.equal(Buffer.from(secret).toString('hex'), want.toString('hex'));
    });
  }
  for (const s of REFUSED) {
    it(`refuses ${s.who} with the reason`, () => {
      const r = parseOtpauthUri(s.uri);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.field, s.field);
        assert.match(r.problem, s.problem);
        assert.doesNotMatch(r.problem, new RegExp(KC_SECRET), 'the problem never shows the secret');
      }
    });
  }
});
