import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SlotSummary } from '../../electron/ipc/contract';
import { isConfigChanged, lockKeyText, lockKeyValue, parseLockKeyValue } from '../../renderer/components/config-form';

const hotp = (index: number, name: string): SlotSummary => ({
  slot: { kind: 'hotp', index },
  name,
  digits: 6,
  counter: '0',
});
const totp = (index: number, name: string): SlotSummary => ({
  slot: { kind: 'totp', index },
  name,
  digits: 6,
  period: 30,
});
const off = { numlock: null, capslock: null, scrolllock: null };

describe('general config dialog choices', () => {
  it('names a lock key off, bound to a named HOTP slot, or bound to an empty one', () => {
    const slots = [hotp(1, 'VPN'), totp(0, 'GitHub')];
    assert.equal(lockKeyText(null, slots), 'Off');
    assert.equal(lockKeyText(1, slots), 'HOTP 2 — VPN');
    // TOTP 1 is programmed, but a lock key only ever types HOTP codes.
    assert.equal(lockKeyText(0, slots), 'HOTP 1 (empty)');
  });

  it('round-trips a binding through the select value', () => {
    for (const v of [null, 0, 1, 2]) assert.equal(parseLockKeyValue(lockKeyValue(v)), v);
    assert.equal(lockKeyValue(null), '');
  });

  it('has nothing to save until the draft differs from the token', () => {
    const token = { isUserPinRequiredForCodes: false, lockKeys: off };
    assert.equal(isConfigChanged({ isUserPinRequiredForCodes: false, lockKeys: { ...off } }, token), false);
    assert.equal(isConfigChanged({ isUserPinRequiredForCodes: true, lockKeys: off }, token), true);
    assert.equal(
      isConfigChanged({ isUserPinRequiredForCodes: false, lockKeys: { ...off, scrolllock: 0 } }, token),
      true,
    );
  });
});
