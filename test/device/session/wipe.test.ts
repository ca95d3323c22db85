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
