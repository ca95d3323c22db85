import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instantToken, setTime, statusOf, u64 } from './helpers';

// 2014-01-01 00:00 UTC; stored times are whole minutes since then (§5.11).
const EPOCH_2014 = 1388534400;
const T = EPOCH_2014 + 60 * 1_000_000; // exactly on a minute boundary

test('a fresh token accepts a soft SET_TIME (never set reads as 0xFFFFFFFF) and stores the minute', () => {
  const { token } = instantToken({ model: 'pro' });
  assert.equal(setTime(token, T + 30, 0), 0);
  assert.equal(token.deviceTime(), T + 30);
  assert.equal(token.toJSON().lastSetMinute, 1_000_000);
});

test('a soft SET_TIME compares whole minutes: back 59 s in the same minute is accepted, back 30 s across a boundary refused (§14.2)', () => {
  const { token } = instantToken({ model: 'pro' });
  setTime(token, T + 59, 1);
  assert.equal(setTime(token, T, 0), 0);
  assert.equal(token.deviceTime(), T);
  setTime(token, T + 60 + 10, 1);
  assert.equal(setTime(token, T + 40, 0), 6);
  assert.equal(token.deviceTime(), T + 70, 'the clock is not changed on refusal');
});

test('reset = 1 always sets the time, also backwards; time 0 wraps to a huge minute and is accepted', () => {
  const { token } = instantToken({ model: 'storage' });
  setTime(token, T, 1);
  assert.equal(setTime(token, T - 3600, 1), 0);
  assert.equal(token.deviceTime(), T - 3600);
  // libnitrokey's get_time: soft set with time 0 -> (0 - 2014) wraps; huge >= old, accepted (§5.11).
  assert.equal(setTime(token, 0, 0), 0);
});

test('a stored minute of 0 refuses every soft set but not reset = 1 or reset = 2 (§5.11 rule 1, §14.2)', () => {
  const { token } = instantToken({ model: 'pro' });
  assert.equal(setTime(token, EPOCH_2014 + 30, 1), 0);
  assert.equal(token.toJSON().lastSetMinute, 0);
  assert.equal(setTime(token, T, 0), 6);
  assert.equal(setTime(token, T, 2), 0, 'reset byte 2 skips the refusal; time moved forward');
  assert.equal(setTime(token, EPOCH_2014 + 30, 1), 0);
  assert.equal(setTime(token, EPOCH_2014 - 600, 2), 0, 'going "back" before 2014 wraps to a huge minute');
});

test('reset byte 2 still refuses going back a minute', () => {
  const { token } = instantToken({ model: 'pro' });
  setTime(token, T + 600, 1);
  assert.equal(setTime(token, T, 2), 6);
});

test('the stored minute keeps 24 bits', () => {
  const { token } = instantToken({ model: 'pro' });
  setTime(token, EPOCH_2014 + 60 * 0x1000005, 1);
  assert.equal(token.toJSON().lastSetMinute, 5);
});

test('Storage SEND_STARTUP after SET_TIME doubles the TOTP time until the next SET_TIME (§7.5)', () => {
  const { token, clock } = instantToken({ model: 'storage' });
  setTime(token, 1_700_000_000);
  clock.advance(5000);
  assert.equal(statusOf(token, 0x35, { 1: u64(1_700_000_005) }), 0);
  assert.equal(token.deviceTime(), 3_400_000_005);
  setTime(token, 1_700_000_010);
  assert.equal(statusOf(token, 0x35, { 1: u64(1_700_000_010) }), 0);
  assert.equal(token.deviceTime(), 3_400_000_020);
  // A second SEND_STARTUP finds the elapsed counter above a year and leaves it alone.
  statusOf(token, 0x35, { 1: u64(5) });
  assert.equal(token.deviceTime(), 3_400_000_020);
  assert.equal(statusOf(token, 0x0b, { 1: 1, 2: u64(42) }), 0);
  assert.equal(token.deviceTime(), 42);
});
