import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkSlotName,
  formatSlotRef,
  looksLikeSlotRef,
  parseSlotRef,
  proposeSlotName,
} from '../../../device/otp/index';

describe('parseSlotRef', () => {
  const good: [string, 'totp' | 'hotp', number][] = [
    ['totp:1', 'totp', 0],
    ['TOTP:15', 'totp', 14],
    ['hotp:1', 'hotp', 0],
    ['hotp:3', 'hotp', 2],
    [' totp : 7 ', 'totp', 6],
  ];
  for (const [text, kind, index] of good) {
    it(`reads ${JSON.stringify(text)} as ${kind} index ${index} (numbered from 1 for people)`, () => {
      assert.deepEqual(parseSlotRef(text), { ok: true, value: { kind, index } });
    });
  }

  const bad: [string, RegExp][] = [
    ['totp:0', /totp slots are numbered 1 to 15; "0"/],
    ['totp:16', /numbered 1 to 15; "16"/],
    ['hotp:4', /hotp slots are numbered 1 to 3; "4"/],
    ['hotp:', /numbered 1 to 3; ""/],
    ['totp:1.5', /"1.5" is not one of them/],
    ['totp:-1', /"-1"/],
    ['otp:1', /"otp" is not a slot kind/],
    ['GitHub', /is not a slot/],
  ];
  for (const [text, problem] of bad) {
    it(`refuses ${JSON.stringify(text)} with a problem about the slot`, () => {
      const r = parseSlotRef(text);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.field, 'slot');
      assert.match(r.problem, problem);
    });
  }

  it('formats a slot back the way people write it', () => {
    assert.equal(formatSlotRef({ kind: 'totp', index: 14 }), 'totp:15');
    assert.equal(formatSlotRef({ kind: 'hotp', index: 0 }), 'hotp:1');
  });

  it('tells slot references from slot names', () => {
    assert.equal(looksLikeSlotRef('totp:3'), true);
    assert.equal(looksLikeSlotRef('HOTP:9'), true);
    assert.equal(looksLikeSlotRef('GitHub'), false);
    assert.equal(looksLikeSlotRef('work:totp'), false);
  });
});

describe('checkSlotName', () => {
  const cases: [string, string, boolean][] = [
    ['15 ASCII bytes', 'a'.repeat(15), true],
    ['16 ASCII bytes', 'a'.repeat(16), false],
    ['"Bücher" (7 bytes)', 'Bücher', true],
    ['7 × "ü" (14 bytes)', 'ü'.repeat(7), true],
    ['8 × "ü" (16 bytes, 8 characters)', 'ü'.repeat(8), false],
    ['3 emoji (12 bytes)', '🔑🔑🔑', true],
    ['4 emoji (16 bytes)', '🔑🔑🔑🔑', false],
  ];
  for (const [what, name, isOk] of cases) {
    it(`${isOk ? 'accepts' : 'refuses'} a name of ${what}, counting UTF-8 bytes`, () => {
      const r = checkSlotName(name);
      assert.equal(r.ok, isOk);
      if (!r.ok) {
        assert.equal(r.field, 'name');
        assert.match(
          r.problem,
          new RegExp(`has ${new TextEncoder().encode(name).length} bytes in UTF-8; the token stores at most 15`),
        );
      }
    });
  }

  it('refuses an empty name and a name with NUL', () => {
    const empty = checkSlotName('');
    assert.equal(empty.ok, false);
    assert.match(!empty.ok ? empty.problem : '', /needs a name/);
    const nul = checkSlotName('a\0b');
    assert.equal(nul.ok, false);
    assert.match(!nul.ok ? nul.problem : '', /NUL/);
  });
});

describe('proposeSlotName', () => {
  it('joins issuer and account when they fit in 15 bytes', () => {
    assert.equal(proposeSlotName('GitHub', 'octocat'), 'GitHub:octocat');
  });
  it('cuts a long "Issuer:account" to 15 bytes', () => {
    assert.equal(proposeSlotName('Example', 'alice@google.com'), 'Example:alice@g');
  });
  it('never cuts a multi-byte character in half', () => {
    // "Ärzte:" is 7 bytes; each "ß" is 2, so four fit (15 bytes) and the fifth would not.
    const name = proposeSlotName('Ärzte', 'ßßßßßßß');
    assert.equal(name, 'Ärzte:ßßßß');
    assert.ok(new TextEncoder().encode(name).length <= 15);
  });
  it('uses the account or the issuer alone when only one is known', () => {
    assert.equal(proposeSlotName(undefined, 'alice'), 'alice');
    assert.equal(proposeSlotName('Bank', undefined), 'Bank');
    assert.equal(proposeSlotName(undefined, undefined), '');
  });
});
