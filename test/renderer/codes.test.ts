/** Codes in view (issue 13): which TOTP codes are due, when the next step begins, what may be copied. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ShownCode, SlotSummary, TokenInfo } from '../../electron/ipc/contract';
import { dueSlots, isAutoShown, nextStepMs, shownCode } from '../../renderer/codes';
import { initials, issuerHue } from '../../renderer/store/search';

const totp = (index: number, period = 30): SlotSummary => ({
  slot: { kind: 'totp', index },
  name: `T${index}`,
  digits: 6,
  period,
});
const hotp: SlotSummary = { slot: { kind: 'hotp', index: 0 }, name: 'H', digits: 6, counter: '0' };
const code = (index: number, validUntilMs: number): ShownCode => ({
  slot: { kind: 'totp', index },
  code: '123456',
  validUntilMs,
  period: 30,
});

describe('codes in view', () => {
  it('asks only for TOTP codes that are missing or whose step ended, never HOTP', () => {
    const slots = [totp(0), totp(1, 60), totp(2), hotp];
    const codes = { 'totp/0': code(0, 30_000), 'totp/1': code(1, 60_000) };
    assert.deepEqual(dueSlots(slots, codes, 29_999), [{ kind: 'totp', index: 2 }]);
    assert.deepEqual(dueSlots(slots, codes, 30_000), [
      { kind: 'totp', index: 0 },
      { kind: 'totp', index: 2 },
    ]);
    assert.deepEqual(dueSlots(slots, codes, 60_000).length, 3);
  });

  it('wakes at the earliest step end of the shown codes', () => {
    assert.equal(nextStepMs({ a: code(0, 60_000), b: code(1, 30_000) }), 30_000);
    assert.equal(nextStepMs({ h: { slot: hotp.slot, code: '755224', counter: '1' } }), null);
    assert.equal(nextStepMs({}), null);
  });

  it('copies a shown code only while its step lasts', () => {
    const codes = { 'totp/0': code(0, 30_000) };
    assert.equal(shownCode(codes, { kind: 'totp', index: 0 }, 29_999), '123456');
    assert.equal(shownCode(codes, { kind: 'totp', index: 0 }, 30_000), null);
    assert.equal(shownCode(codes, { kind: 'totp', index: 1 }, 0), null);
  });

  it('shows codes by themselves only for tokens that need no PIN for them', () => {
    assert.equal(isAutoShown({ isUserPinRequiredForCodes: false } as TokenInfo), true);
    assert.equal(isAutoShown({ isUserPinRequiredForCodes: true } as TokenInfo), false);
    assert.equal(isAutoShown(null), false);
  });

  it('draws a badge from the issuer: its initials, one colour per issuer', () => {
    assert.equal(initials('ACME:alice'), 'AC');
    assert.equal(initials('Git Hub'), 'GH');
    assert.equal(initials('x'), 'X');
    assert.equal(initials('GitLab:ann'), 'GL');
    assert.equal(initials('github'), 'GI');
    assert.equal(issuerHue('ACME:alice'), issuerHue('acme:bob'));
    assert.ok(issuerHue('GitHub') >= 0 && issuerHue('GitHub') < 360);
    assert.notEqual(issuerHue('GitHub'), issuerHue('GitLab'));
  });
});
