import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeviceError } from '../../../device/errors';
import { openVirtualTokenFile, saveVirtualStateSync } from '../../../device/virtual/state-file';
import { VirtualToken } from '../../../device/virtual/token';
import { VirtualTransport } from '../../../device/transport/virtual';
import { decodeResponse, encodeRequest } from '../../../device/protocol/frame';
import { FakeClock } from '../../support/fake-clock';
import { firstAuthenticate, getCode, instantToken, RFC_SECRET, writeSlot } from './helpers';

const isCorrupt = (e: unknown) => isDeviceError(e) && e.code === 'state-corrupt';
const tempDir = () => mkdtempSync(join(tmpdir(), 'keyslot-vt-'));

test('toJSON round-trips through JSON text with u64 counters as decimal strings', () => {
  const { token, clock } = instantToken({ model: 'pro' });
  firstAuthenticate(token);
  writeSlot(token, 0x10, { name: 'big', secret: RFC_SECRET, counter: 0xfffffffffffffffen });
  const state = token.toJSON();
  assert.equal(state.hotp[0].counter, '18446744073709551614');
  const copy = VirtualToken.fromJSON(JSON.parse(JSON.stringify(state)), { clock, latency: 'none' });
  assert.deepEqual(copy.toJSON(), state);
  assert.equal(copy.model, 'pro');
  assert.equal(copy.firmwareMinor, 15);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case damages a different field of the parsed JSON
const corruptions: [string, (s: any) => void][] = [
  [
    'wrong format',
    (s) => {
      s.format = 'other';
    },
  ],
  [
    'unknown version',
    (s) => {
      s.version = 2;
    },
  ],
  [
    'unknown model',
    (s) => {
      s.model = 'nk3';
    },
  ],
  [
    'missing HOTP slot',
    (s) => {
      s.hotp.pop();
    },
  ],
  [
    'short name hex',
    (s) => {
      s.totp[0].name = 'ff';
    },
  ],
  [
    'upper-case hex',
    (s) => {
      s.totp[0].secret = 'FF'.repeat(40);
    },
  ],
  [
    'counter above 2^64-1',
    (s) => {
      s.hotp[0].counter = '18446744073709551616';
    },
  ],
  [
    'counter as a number',
    (s) => {
      s.hotp[0].counter = 5;
    },
  ],
  [
    'tries above 3',
    (s) => {
      s.card.userTries = 4;
    },
  ],
  [
    'empty PIN',
    (s) => {
      s.card.adminPin = '';
    },
  ],
  [
    'config byte 256',
    (s) => {
      s.generalConfig[0] = 256;
    },
  ],
  [
    'minute beyond 24 bits',
    (s) => {
      s.lastSetMinute = 0x1000000;
    },
  ],
  [
    'pws key of 16 bytes',
    (s) => {
      s.pwsKey = '00'.repeat(16);
    },
  ],
  ['null state', () => null],
];

for (const [what, mutate] of corruptions) {
  test(`fromJSON refuses a state with ${what} as state-corrupt`, () => {
    const state = JSON.parse(JSON.stringify(instantToken({ model: 'pro' }).token.toJSON()));
    const result = mutate(state);
    assert.throws(() => VirtualToken.fromJSON(result === null ? null : state), isCorrupt);
  });
}

test('openVirtualTokenFile creates a fresh token file (mode 0600) and saves every persistent change', async () => {
  const path = join(tempDir(), 'token.json');
  const clock = new FakeClock(0);
  const token = await openVirtualTokenFile(path, { model: 'pro', cardSerial: 7 }, { clock, latency: 'none' });
  assert.equal(statSync(path).mode & 0o777, 0o600);
  firstAuthenticate(token);
  writeSlot(token, 0x10, { name: 'h', secret: RFC_SECRET });
  getCode(token, 0x10);
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).hotp[0].counter, '1');
  const again = await openVirtualTokenFile(path, { model: 'storage' }, { clock, latency: 'none' });
  assert.equal(again.model, 'pro', 'an existing file wins');
  firstAuthenticate(again);
  assert.deepEqual(getCode(again, 0x10), [0, 287082]); // RFC 4226 counter 1
});

test('openVirtualTokenFile creates the folders a first run needs', async () => {
  const path = join(tempDir(), 'config', 'keyslot', 'token.json');
  await openVirtualTokenFile(path, { model: 'librem' }, { latency: 'none' });
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).model, 'librem');
});

test('a corrupt state file gives state-corrupt and is left untouched', async () => {
  const dir = tempDir();
  const path = join(dir, 'token.json');
  for (const text of ['{not json', JSON.stringify({ format: 'keyslot-virtual-token', version: 1 })]) {
    writeFileSync(path, text);
    await assert.rejects(openVirtualTokenFile(path, { model: 'pro' }), isCorrupt);
    assert.equal(readFileSync(path, 'utf8'), text);
  }
  assert.deepEqual(readdirSync(dir), ['token.json'], 'no temp files left behind');
});

test('saveVirtualStateSync replaces the file atomically and leaves no temp file', () => {
  const dir = tempDir();
  const path = join(dir, 'state.json');
  writeFileSync(path, 'old');
  saveVirtualStateSync(path, instantToken({ model: 'storage' }).token.toJSON());
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).model, 'storage');
  assert.deepEqual(readdirSync(dir), ['state.json']);
});

test('onPersist fires for state changes only, not for reads', () => {
  const { token } = instantToken({ model: 'pro' });
  let saves = 0;
  token.onPersist = () => {
    saves++;
  };
  token.setReport(encodeRequest(0x00));
  firstAuthenticate(token); // RAM only (tries were 3 and stay 3)
  assert.equal(saves, 0);
  firstAuthenticate(token, 'wrongpin'); // retry counter lives on the card
  assert.equal(saves, 1);
});

test('VirtualTransport carries reports and reports a virtual device info', async () => {
  const token = VirtualToken.create({ model: 'storage', clock: new FakeClock(0), latency: 'none', cardSerial: 1 });
  const transport = new VirtualTransport(token, '/tmp/x.json');
  assert.deepEqual(transport.info, {
    path: 'virtual:/tmp/x.json',
    model: 'storage',
    vendorId: 0x20a0,
    productId: 0x4109,
    serialNumber: '0000000000000',
    isVirtual: true,
  });
  assert.equal(new VirtualTransport(token).info.path, 'virtual:memory');
  await transport.sendFeatureReport(encodeRequest(0x00));
  assert.equal(decodeResponse(await transport.getFeatureReport()).payload[0], 1);
  token.unplug();
  await assert.rejects(transport.getFeatureReport(), (e) => isDeviceError(e) && e.code === 'token-unplugged');
  token.plug();
  await transport.close();
  await assert.rejects(
    transport.sendFeatureReport(encodeRequest(0x00)),
    (e) => isDeviceError(e) && e.code === 'token-unplugged',
  );
});
