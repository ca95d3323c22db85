import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOTP, Secret, TOTP, URI } from 'otpauth';
import { parseOtpauthUri, type InputField } from '../../../device/otp/index';

const B32 = 'JBSWY3DPEHPK3PXP';
const BYTES = Secret.fromBase32(B32).bytes;

interface Accept {
  what: string;
  uri: string;
  expect: {
    kind: 'totp' | 'hotp';
    digits: 6 | 8;
    period?: number;
    counter?: bigint;
    issuer?: string;
    account?: string;
    name: string;
  };
  /** otpauth's URI.parse reads it the same way (false where our reading is deliberately different). */
  isCrossChecked?: boolean;
}

const ACCEPT: Accept[] = [
  {
    what: "the Key URI Format wiki's example (Google Authenticator)",
    uri: `otpauth://totp/Example:alice@google.com?secret=${B32}&issuer=Example`,
    expect: {
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'Example',
      account: 'alice@google.com',
      name: 'Example:alice@g',
    },
  },
  {
    what: 'a GitHub-style URI',
    uri: `otpauth://totp/GitHub:octocat?secret=${B32}&issuer=GitHub`,
    expect: { kind: 'totp', digits: 6, period: 30, issuer: 'GitHub', account: 'octocat', name: 'GitHub:octocat' },
  },
  {
    what: 'a Keycloak-style URI with every parameter spelled out',
    uri: `otpauth://totp/myrealm:alice?secret=${B32}&digits=6&algorithm=SHA1&issuer=myrealm&period=30`,
    expect: { kind: 'totp', digits: 6, period: 30, issuer: 'myrealm', account: 'alice', name: 'myrealm:alice' },
  },
  {
    what: 'percent-encoded spaces and @ in label and issuer',
    uri: `otpauth://totp/ACME%20Co:john.doe%40email.com?secret=${B32}&issuer=ACME%20Co&algorithm=SHA1&digits=8&period=60`,
    expect: {
      kind: 'totp',
      digits: 8,
      period: 60,
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      name: 'ACME Co:john.do',
    },
  },
  {
    what: 'an issuer prefix written as %3A with a space after it and no issuer parameter',
    uri: `otpauth://totp/Example%3A%20alice?secret=${B32}`,
    expect: { kind: 'totp', digits: 6, period: 30, issuer: 'Example', account: 'alice', name: 'Example:alice' },
    // otpauth skips spaces after a literal colon only, so it keeps the encoded space: " alice".
    isCrossChecked: false,
  },
  {
    what: 'an issuer parameter that differs from the label prefix (the parameter wins)',
    uri: `otpauth://totp/Old:alice?secret=${B32}&issuer=New`,
    expect: { kind: 'totp', digits: 6, period: 30, issuer: 'New', account: 'alice', name: 'New:alice' },
  },
  {
    what: 'a label without issuer',
    uri: `otpauth://totp/alice?secret=${B32}`,
    expect: { kind: 'totp', digits: 6, period: 30, account: 'alice', name: 'alice' },
  },
  {
    what: 'a lower-case secret with percent-encoded padding',
    uri: `otpauth://totp/X:y?secret=${B32.toLowerCase()}%3D%3D%3D%3D&issuer=X`,
    expect: { kind: 'totp', digits: 6, period: 30, issuer: 'X', account: 'y', name: 'X:y' },
    isCrossChecked: false,
  },
  {
    what: 'a secret with spaces, as some sites print it',
    uri: `otpauth://totp/X:y?secret=JBSW%20Y3DP%20EHPK%203PXP&issuer=X`,
    expect: { kind: 'totp', digits: 6, period: 30, issuer: 'X', account: 'y', name: 'X:y' },
    isCrossChecked: false,
  },
  {
    what: 'an upper-case scheme, type and parameter names',
    uri: `OTPAUTH://TOTP/X:y?SECRET=${B32}&Issuer=X&ALGORITHM=sha1`,
    expect: { kind: 'totp', digits: 6, period: 30, issuer: 'X', account: 'y', name: 'X:y' },
    isCrossChecked: false,
  },
  {
    what: 'a form-encoded issuer (+ for a space, as Python urlencode writes it)',
    uri: `otpauth://totp/ACME%20Co:bob?secret=${B32}&issuer=ACME+Co`,
    expect: { kind: 'totp', digits: 6, period: 30, issuer: 'ACME Co', account: 'bob', name: 'ACME Co:bob' },
    isCrossChecked: false,
  },
  {
    what: 'a HOTP URI with a counter',
    uri: `otpauth://hotp/Bank:me?secret=${B32}&issuer=Bank&counter=5`,
    expect: { kind: 'hotp', digits: 6, counter: 5n, issuer: 'Bank', account: 'me', name: 'Bank:me' },
  },
  {
    what: 'a HOTP URI with the largest counter 2^64-1',
    uri: `otpauth://hotp/Bank:me?secret=${B32}&counter=18446744073709551615&digits=8`,
    expect: { kind: 'hotp', digits: 8, counter: 18446744073709551615n, issuer: 'Bank', account: 'me', name: 'Bank:me' },
    isCrossChecked: false,
  },
  {
    what: 'a period of 65535 seconds',
    uri: `otpauth://totp/a?secret=${B32}&period=65535`,
    expect: { kind: 'totp', digits: 6, period: 65535, account: 'a', name: 'a' },
  },
];

describe('parseOtpauthUri accepts', () => {
  for (const c of ACCEPT) {
    it(`reads ${c.what}`, () => {
      const r = parseOtpauthUri(c.uri);
      assert.ok(r.ok, r.ok ? '' : r.problem);
      const { secret, ...rest } = r.value;
      assert.deepEqual(secret, BYTES);
      assert.deepEqual(rest, c.expect);
    });
    if (c.isCrossChecked === false) continue;
    it(`agrees with otpauth's URI.parse on ${c.what}`, () => {
      const ours = parseOtpauthUri(c.uri);
      assert.ok(ours.ok);
      const theirs = URI.parse(c.uri);
      assert.deepEqual(ours.value.secret, theirs.secret.bytes);
      assert.equal(ours.value.digits, theirs.digits);
      assert.equal(theirs.algorithm, 'SHA1');
      assert.equal(ours.value.issuer ?? '', theirs.issuer);
      assert.equal(ours.value.account ?? '', theirs.label);
      if (theirs instanceof TOTP) assert.equal(ours.value.period, theirs.period);
      if (theirs instanceof HOTP) assert.equal(ours.value.counter, BigInt(theirs.counter));
    });
  }
});

const REFUSE: [string, string, InputField, RegExp][] = [
  ['a web address', `https://example.com/?secret=${B32}`, 'uri', /This is a https: URI, not an otpauth:\/\/ URI\./],
  ['plain text', B32, 'uri', /not an otpauth:\/\/ URI/],
  [
    'an unknown type',
    `otpauth://yubikey/a?secret=${B32}`,
    'type',
    /type is "yubikey"; the token stores totp and hotp accounts only/,
  ],
  ['a missing secret', 'otpauth://totp/a?issuer=X', 'secret', /has no secret parameter/],
  ['an empty secret', 'otpauth://totp/a?secret=&issuer=X', 'secret', /has no secret parameter/],
  ['a secret that is not base32', 'otpauth://totp/a?secret=JBSWY3DP18', 'secret', /not valid base32.*position 9/],
  [
    'a secret over 40 bytes',
    `otpauth://totp/a?secret=${'A'.repeat(72)}`,
    'secret',
    /has 45 bytes; the token stores at most 40/,
  ],
  [
    'SHA256',
    `otpauth://totp/a?secret=${B32}&algorithm=SHA256`,
    'algorithm',
    /uses SHA256, but the firmware is HMAC-SHA1 only/,
  ],
  [
    'SHA512',
    `otpauth://totp/a?secret=${B32}&algorithm=SHA512`,
    'algorithm',
    /uses SHA512, but the firmware is HMAC-SHA1 only/,
  ],
  [
    'an unknown algorithm',
    `otpauth://totp/a?secret=${B32}&algorithm=ROT13`,
    'algorithm',
    /algorithm "ROT13" is unknown; the firmware is HMAC-SHA1 only/,
  ],
  [
    '7 digits',
    `otpauth://totp/a?secret=${B32}&digits=7`,
    'digits',
    /uses 7 digits; the token makes 6- or 8-digit codes only/,
  ],
  ['10 digits', `otpauth://totp/a?secret=${B32}&digits=10`, 'digits', /uses 10 digits/],
  ['digits that are not a number', `otpauth://totp/a?secret=${B32}&digits=six`, 'digits', /uses digits "six"/],
  [
    'a period of 0',
    `otpauth://totp/a?secret=${B32}&period=0`,
    'period',
    /period "0" is not a time step the token stores: use 1 to 65535 seconds/,
  ],
  ['a period of 65536', `otpauth://totp/a?secret=${B32}&period=65536`, 'period', /period "65536"/],
  ['a fractional period', `otpauth://totp/a?secret=${B32}&period=1.5`, 'period', /period "1.5"/],
  ['a HOTP URI without counter', `otpauth://hotp/a?secret=${B32}`, 'counter', /needs a counter parameter/],
  [
    'a negative counter',
    `otpauth://hotp/a?secret=${B32}&counter=-1`,
    'counter',
    /counter "-1" is not a whole number from 0 to 2\^64-1/,
  ],
  [
    'a counter of 2^64',
    `otpauth://hotp/a?secret=${B32}&counter=18446744073709551616`,
    'counter',
    /counter "18446744073709551616"/,
  ],
  [
    'a broken percent-escape in the label',
    `otpauth://totp/a%ZZ?secret=${B32}`,
    'uri',
    /label has a broken percent-encoding/,
  ],
  [
    'a broken percent-escape in a parameter',
    `otpauth://totp/a?secret=${B32}&issuer=%E0%A4%A`,
    'uri',
    /parameters have a broken percent-encoding/,
  ],
];

describe('parseOtpauthUri refuses', () => {
  for (const [what, uri, field, problem] of REFUSE) {
    it(`refuses ${what} with a specific problem about the ${field}`, () => {
      const r = parseOtpauthUri(uri);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.field, field);
      assert.match(r.problem, problem);
      assert.ok(!r.problem.includes(B32), 'the problem must not contain the secret');
    });
  }
});
