/**
 * Issue 9 item 10: the frame that carried a PIN is wiped once the token answered, and so are the
 * PIN's bytes (except on legacy firmware, which needs the PIN kept for ten minutes, §6.3).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Token } from '../../../device/index';
import { VirtualTransport } from '../../../device/transport/virtual';
import { VirtualToken } from '../../../device/virtual/token';
import { FakeClock } from '../../support/fake-clock';
import { holds, pinEncodings } from '../../support/pin-spy';

/** A transport that keeps a reference to every frame it was handed. */
class Recording extends VirtualTransport {
  readonly sent: Uint8Array[] = [];
  override async sendFeatureReport(report: Uint8Array): Promise<void> {
    this.sent.push(report);
    return super.sendFeatureReport(report);
  }
}

describe('PIN wiping (issue 9 item 10)', () => {
  for (const ok of [true, false]) {
    it(`wipes the authenticate frame after ${ok ? 'a right' : 'a wrong'} PIN`, async () => {
      const clock = new FakeClock(1_700_000_000_000);
      const device = VirtualToken.create({ model: 'pro', clock, latency: 'none' });
      const t = new Recording(device);
      const token = await Token.open(t, { clock });
      const pin = ok ? '12345678' : '87654321';
      await token.authenticate('admin', pin).catch(() => undefined);
      assert.ok(t.sent.length > 0);
      const pinBytes = new TextEncoder().encode(pin);
      for (const f of t.sent)
        assert.ok(!f.some((_, i) => pinBytes.every((b, j) => f[i + j] === b)), 'a sent frame still holds the PIN');
    });
  }
});

/**
 * Every command that carries a PIN, not only authentication: the transport spy keeps each frame it
 * was handed and a copy of it as sent; once the call returned, every frame that carried a PIN is all
 * zeros, and so is every Uint8Array the PIN was encoded into (TextEncoder spied on).
 */
describe('PIN wiping in every PIN command (issue 9 item 10)', () => {
  const ADMIN = '12345678';
  const USER = '123456';
  type Op = { name: string; pins: string[]; run: (t: Token) => Promise<unknown> };
  const ops: Op[] = [
    { name: 'change the admin PIN', pins: [ADMIN, 'admin-2nd'], run: (t) => t.changePin('admin', ADMIN, 'admin-2nd') },
    { name: 'change the user PIN', pins: [USER, 'user-2nd'], run: (t) => t.changePin('user', USER, 'user-2nd') },
    {
      name: 'a wrong current PIN',
      pins: ['wrong-one', 'user-3rd'],
      run: (t) => t.changePin('user', 'wrong-one', 'user-3rd'),
    },
    { name: 'unlock the user PIN', pins: [ADMIN, 'user-new'], run: (t) => t.unlockUserPin(ADMIN, 'user-new') },
    { name: 'build the safe key', pins: [ADMIN], run: (t) => t.pws.buildKey(ADMIN) },
    { name: 'unlock the safe', pins: [USER], run: (t) => t.pws.unlock(USER) },
    { name: 'unlock the safe, wrong PIN', pins: ['user-bad'], run: (t) => t.pws.unlock('user-bad') },
    { name: 'factory reset', pins: [ADMIN], run: (t) => t.factoryReset(ADMIN) },
  ];

  for (const model of ['pro', 'storage'] as const) {
    for (const op of ops) {
      it(`${model}: ${op.name}`, async () => {
        const clock = new FakeClock(1_700_000_000_000);
        const device = VirtualToken.create({ model, clock, latency: 'none' });
        const t = new Recording(device);
        const token = await Token.open(t, { clock });
        const pins = op.pins.map((p) => new TextEncoder().encode(p));
        const copies = new Map<Uint8Array, Uint8Array>();
        const spy = t.sendFeatureReport.bind(t);
        t.sendFeatureReport = async (report: Uint8Array) => {
          copies.set(report, report.slice());
          return spy(report);
        };
        const encoded = await pinEncodings(op.pins, () => op.run(token));
        const carried = [...copies].filter(([, copy]) => pins.some((p) => holds(copy, p)));
        assert.ok(carried.length > 0, 'some frame carried the PIN');
        for (const [frame] of carried)
          assert.ok(
            frame.every((b) => b === 0),
            'a frame that carried a PIN is zeroed',
          );
        assert.ok(encoded.length > 0, 'the PIN was encoded');
        for (const e of encoded)
          assert.ok(
            e.every((b) => b === 0),
            "the PIN's bytes are zeroed",
          );
      });
    }
  }
});
