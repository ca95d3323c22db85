/** Following Nitrokey 3s as they come and go, beside the slot token. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VirtualNk3 } from '../../../device/index';
import { followNamedHid, virtualNk3Opener } from '../../../electron/services/named-discovery';
import { NamedTokens } from '../../../electron/services/named-tokens';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check());
};

describe('Nitrokey 3 discovery', () => {
  it('holds each interface that appears, drops one that goes, and logs a lasting problem once', async () => {
    const events: string[] = [];
    const named = new NamedTokens({ emit: (e) => events.push(e) });
    const devices = new Map([
      ['/dev/hidraw7', VirtualNk3.create()],
      ['/dev/hidraw9', VirtualNk3.create()],
    ]);
    let plugged = ['/dev/hidraw7', '/dev/hidraw9'];
    let problem: string | null = null;
    const warnings: string[] = [];
    const stop = followNamedHid(
      named,
      { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
      {
        intervalMs: 10,
        list: async () => {
          if (problem) throw new Error(problem);
          return plugged.map((path) => ({ path }));
        },
        open: (info) => virtualNk3Opener(devices.get(info.path)!, info.path),
      },
    );
    await until(() => named.all().length === 2);
    plugged = ['/dev/hidraw9'];
    await until(() => named.all().length === 1);
    assert.equal(named.all()[0].id, 'virtual-nk3:/dev/hidraw9');
    problem = 'HID closed';
    await new Promise((r) => setTimeout(r, 100));
    stop();
    assert.deepEqual(warnings, ['Nitrokey 3 discovery: HID closed']);
    await named.closeAll();
  });
});
