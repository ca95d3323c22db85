/** Edges of the Secrets app over CTAPHID: LIST past one message (61 FF + SEND REMAINING), CANCEL, resync. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Nk3Session } from '../../../device/nk3/session';
import { VirtualNk3 } from '../../../device/virtual/nk3/device';
import { isDeviceError } from '../../../device/errors';
import { encodeCtaphidMessage } from '../../../device/transport/ctaphid-frame';

/** Resolves once a touch request waits (at once if one already does). */
function untilWaiting(dev: VirtualNk3): Promise<void> {
  if (dev.touch.isWaiting) return Promise.resolve();
  return new Promise((r) => dev.touch.onWaitingChange((w) => w && r()));
}

const names = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(2, '0')}-${'x'.repeat(90)}`);

test('lists 50 long names over CTAPHID through 61 FF and SEND REMAINING (§3.6)', async () => {
  const dev = VirtualNk3.create();
  const t = await dev.openCtaphid();
  const sent: number[] = [];
  const counting = {
    wire: t.wire,
    transmit: (a: Uint8Array) => (sent.push(a[1]), t.transmit(a)),
    close: () => t.close(),
  };
  const s = new Nk3Session(counting);
  for (const n of names) await s.put({ name: n, kind: 'totp', secret: Uint8Array.of(1) });
  sent.length = 0;
  const listed = await s.list();
  assert.deepEqual(listed.map((c) => c.name).sort(), names);
  assert.deepEqual(sent, [0xa1, 0xa5]); // 50 × 97-byte entries = 4850 bytes: two messages
});

test('over CCID a list past 3072 bytes is lost, as on the device (§2.4; reference open question 4)', async () => {
  const dev = VirtualNk3.create();
  const s = new Nk3Session(dev.openCcid());
  for (const n of names) await s.put({ name: n, kind: 'totp', secret: Uint8Array.of(1) }).catch(() => undefined);
  await assert.rejects(s.list(), (e) => isDeviceError(e));
});

test('CTAPHID CANCEL ends a touch wait with 65 00 (§3.9, §7)', async () => {
  const dev = VirtualNk3.create({ policy: 'ask', timeoutMs: 10_000 });
  const t = await dev.openCtaphid();
  const s = new Nk3Session(t);
  const reset = s.reset();
  await untilWaiting(dev);
  await t.cancel();
  await assert.rejects(reset, (e) => isDeviceError(e) && e.code === 'cancelled');
});

test('an INIT from another host during a touch wait drops the pending answer (§3.9 resync)', async () => {
  const dev = VirtualNk3.create({ policy: 'ask', timeoutMs: 10_000 });
  const first = await dev.openCtaphid();
  const pending = first.transmit(Uint8Array.of(0, 0x04, 0xde, 0xad), { timeoutMs: 300 });
  await untilWaiting(dev);
  // Another host's INIT (in process both hosts share one report queue, so it is injected directly).
  dev.hid.receive(encodeCtaphidMessage(0xffffffff, 0x06, new Uint8Array(8).fill(7))[0]);
  assert.equal(dev.touch.isWaiting, false);
  await assert.rejects(pending, (e) => isDeviceError(e) && e.code === 'timeout');
});
