import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Token } from '../../../device/token';
import { VirtualToken } from '../../../device/virtual/token';
import { VirtualTransport } from '../../../device/transport/virtual';
import { verifySlot } from '../../../device/enrol/verify';
import { parseOtpauthUri } from '../../../device/otp/index';
import { FakeClock } from '../../support/fake-clock';

async function token(clock: FakeClock) {
  const v = VirtualToken.create({ model: 'pro', clock, latency: 'none', isClockSlow: false });
  const t = await Token.open(new VirtualTransport(v), { clock });
  await t.authenticate('admin', '12345678');
  return t;
}
function account(uri: string) {
  const r = parseOtpauthUri(uri);
  assert.ok(r.ok);
  return r.value;
}

describe('verifySlot', () => {
  it("accepts a TOTP slot whose code is oathtool's for the same time step, and says until when it is valid", async () => {
    const clock = new FakeClock(1_700_000_012_000);
    const t = await token(clock);
    const a = account('otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&digits=8&period=60');
    await t.writeSlot({ kind: 'totp', index: 0 }, { name: 'GitHub:octo', secret: a.secret, digits: 8, period: 60 });
    const r = await verifySlot(t, { kind: 'totp', index: 0 }, { account: a, name: 'GitHub:octo' }, clock);
    const expected = execFileSync(
      'oathtool',
      ['--totp', '-b', '-d', '8', '--time-step-size=60s', '-N', '@1700000012', 'JBSWY3DPEHPK3PXP'],
      { encoding: 'utf8' },
    ).trim();
    assert.deepEqual(r, { ok: true, kind: 'totp', code: expected, validUntilMs: 1_700_000_040_000 });
  });

  it('reports a mismatch, never success, when the slot holds another secret', async () => {
    const clock = new FakeClock(1_700_000_012_000);
    const t = await token(clock);
    const a = account('otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP');
    await t.writeSlot(
      { kind: 'totp', index: 1 },
      { name: 'A:a', secret: new Uint8Array([1, 2, 3, 4, 5]), digits: 6, period: 30 },
    );
    const r = await verifySlot(t, { kind: 'totp', index: 1 }, { account: a, name: 'A:a' }, clock);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.differences.join(' '), /not the code this secret gives/);
  });

  it('reports the digits and time step the slot really has', async () => {
    const clock = new FakeClock(1_700_000_012_000);
    const t = await token(clock);
    const a = account('otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&digits=8');
    await t.writeSlot({ kind: 'totp', index: 2 }, { name: 'A:a', secret: a.secret, digits: 6, period: 45 });
    const r = await verifySlot(t, { kind: 'totp', index: 2 }, { account: a, name: 'A:a' }, clock);
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.deepEqual(r.differences.slice(0, 2), [
        'totp:3 makes 6-digit codes, not 8.',
        'totp:3 has a time step of 45 s, not 30 s.',
      ]);
  });

  it("checks a HOTP slot with one counter step against oathtool's code at the written counter", async () => {
    const clock = new FakeClock(1_700_000_012_000);
    const t = await token(clock);
    const a = account('otpauth://hotp/K:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=9');
    await t.writeSlot({ kind: 'hotp', index: 0 }, { name: 'K:alice', secret: a.secret, digits: 6, counter: 9n });
    const r = await verifySlot(t, { kind: 'hotp', index: 0 }, { account: a, name: 'K:alice' }, clock);
    const expected = execFileSync('oathtool', ['-b', '-c', '9', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'], {
      encoding: 'utf8',
    }).trim();
    assert.deepEqual(r, { ok: true, kind: 'hotp', code: expected, counter: 9n });
    assert.equal((await t.readSlot({ kind: 'hotp', index: 0 }))?.counter, 10n, 'verifying used one step');
  });
});
