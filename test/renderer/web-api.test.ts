import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reviveBytes } from '../../web-host/wire';
import { encodeBytes } from '../../renderer/web-api';

describe('bytes over the web host socket', () => {
  it('round-trips bytes from the page to the host as base64', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff);
    const text = JSON.stringify(
      { id: 1, channel: 'import/scan-image', args: [{ bytes, source: 'file' }] },
      encodeBytes,
    );
    assert.match(text, /"bytes":\{"\$bytes":"/);
    const back = JSON.parse(text, reviveBytes);
    assert.ok(back.args[0].bytes instanceof Uint8Array);
    assert.deepEqual(back.args[0].bytes, bytes);
  });

  it('leaves other objects alone, including ones that only look like bytes', () => {
    const text = '{"a":{"$bytes":"AA==","x":1},"b":{"$bytes":5},"c":{"$bytes":"no spaces allowed"}}';
    assert.deepEqual(JSON.parse(text, reviveBytes), {
      a: { $bytes: 'AA==', x: 1 },
      b: { $bytes: 5 },
      c: { $bytes: 'no spaces allowed' },
    });
  });
});
