/** 'credential/update' in the app's services: rename and touch on a Nitrokey 3, refusals, PIN-protected ones. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualNk3 } from '../../../device/index';
import { call } from '../../../electron/ipc/serve';
import { virtualNk3Opener } from '../../../electron/services/named-discovery';
import { makeHarness } from '../support/harness';

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890" gives 94287082 at T = 59 s (8 digits).
const SHA1_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

async function setup() {
  const h = await makeHarness();
  h.clock.ms = 59_000;
  const device = VirtualNk3.create({ policy: 'accept', timeoutMs: 2000 });
  const id = await h.tokens.named.add(virtualNk3Opener(device, 'nk3.json', h.clock));
  const write = (name: string, extra: Record<string, unknown> = {}) =>
    call(h.dispatch, 'our-page', 'credential/write', {
      token: id,
      name,
      kind: 'totp',
      secret: { text: SHA1_B32, encoding: 'base32' },
      algorithm: 'SHA1',
      digits: 8,
      period: 30,
      isTouchRequired: false,
      isPinProtected: false,
      ...extra,
    });
  return { h, device, id, write };
}

describe('credential/update', () => {
  it('renames and sets touch after a touch; the renamed credential copies the same code', async () => {
    const { h, device, id, write } = await setup();
    assert.ok((await write('GitHub')).ok);
    const touches = device.touch.requests;
    h.events.length = 0;
    const u = await call(h.dispatch, 'our-page', 'credential/update', {
      token: id,
      name: 'GitHub',
      changes: { name: 'GitLab', isTouchRequired: true },
    });
    assert.ok(u.ok, JSON.stringify(u));
    assert.deepEqual(
      u.value.map((c) => [c.name, c.isTouchRequired, c.digits]),
      [['GitLab', true, 8]],
    );
    assert.equal(device.touch.requests, touches + 1);
    assert.ok(h.events.some((e) => e.event === 'named/changed'));
    assert.ok(h.events.some((e) => e.event === 'touch/needed'));
    const c = await call(h.dispatch, 'our-page', 'credential/copy', { token: id, name: 'GitLab' });
    assert.ok(c.ok, JSON.stringify(c));
    assert.equal(h.clipboard_.text, '94287082');
  });

  it('refuses a taken name, no change and unknown fields; a touch timeout changes nothing', async () => {
    const { h, device, id, write } = await setup();
    await write('a');
    await write('b');
    const upd = (changes: Record<string, unknown>) =>
      call(h.dispatch, 'our-page', 'credential/update', { token: id, name: 'a', changes } as never);
    const taken = await upd({ name: 'b' });
    assert.equal(!taken.ok && taken.error.code, 'credential-exists');
    const same = await upd({ name: 'a' });
    assert.equal(!same.ok && same.error.code, 'bad-input');
    const secret = await upd({ secret: 'x' });
    assert.equal(!secret.ok && secret.error.code, 'bad-request');
    device.touch.policy = 'reject';
    const timeout = await upd({ name: 'c' });
    assert.equal(!timeout.ok && timeout.error.code, 'touch-timeout');
    const l = await call(h.dispatch, 'our-page', 'credential/list', { token: id });
    assert.deepEqual(l.ok && l.value.map((x) => x.name).sort(), ['a', 'b']);
  });

  it('a PIN-protected credential: pin-required without the PIN; renamed in the unlocked list with it', async () => {
    const { h, id, write } = await setup();
    await call(h.dispatch, 'our-page', 'named/set-pin', { token: id, next: '123456' });
    assert.ok((await write('P', { isPinProtected: true, pin: '123456' })).ok);
    await call(h.dispatch, 'our-page', 'credential/unlock', { token: id, pin: '123456' });
    const req = { token: id, name: 'P', changes: { name: 'Q' } };
    const no = await call(h.dispatch, 'our-page', 'credential/update', req);
    assert.equal(!no.ok && no.error.code, 'pin-required');
    const yes = await call(h.dispatch, 'our-page', 'credential/update', { ...req, pin: '123456' });
    assert.deepEqual(yes.ok && yes.value.map((c) => [c.name, c.isPinProtected]), [['Q', true]]);
  });
});
