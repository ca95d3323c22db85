import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32Stm } from '../../../device/protocol/crc';
import { decodeResponse, encodeRequest } from '../../../device/protocol/frame';
import { VirtualToken } from '../../../device/virtual/token';
import { exchange, instantToken, request } from './helpers';

test('answers GET_STATUS on a Pro 0.15 with version, card serial and erased config (§5.2, §8.1)', () => {
  const { token } = instantToken({ model: 'pro' });
  const raw = (token.setReport(encodeRequest(0x00)), token.getReport());
  // §8.1 example layout: minor 15, serial 0x00005F11, erased config reads 0xFF.
  assert.deepEqual(
    [...raw.subarray(0, 18)],
    [0x00, 0x00, 0xdf, 0xb7, 0x6e, 0xef, 0x00, 0x0f, 0x00, 0x11, 0x5f, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff],
  );
  assert.equal(decodeResponse(raw).isCrcValid, true);
});

test('reproduces the §8.1 example response byte for byte once config is ff ff ff 00 01', () => {
  const { token } = instantToken({ model: 'pro' });
  exchange(token, request(0x07, { 1: '12345678', 26: '123123123' }));
  exchange(token, request(0x05, { 1: [0xff, 0xff, 0xff, 0x00, 0x01], 6: '123123123' }));
  token.setReport(encodeRequest(0x00));
  const raw = token.getReport();
  assert.deepEqual([...raw.subarray(60)], [0x98, 0x60, 0x5c, 0x4b]);
});

test('refuses a request with a bad CRC with status 1 and an empty payload, without executing it', () => {
  const { token } = instantToken({ model: 'pro' });
  const bad = request(0x0b, { 1: 1, 2: [0, 0xf1, 0x53, 0x65] });
  bad[60] ^= 0xff;
  const res = exchange(token, bad);
  assert.equal(res.commandStatus, 1);
  assert.equal(res.lastCommandId, 0x0b);
  assert.equal(res.lastCommandCrc, crc32Stm(bad)); // Pro echoes the CRC it computed
  assert.ok(res.payload.every((b) => b === 0));
  assert.equal(token.deviceTime(), 0); // SET_TIME did not run
});

test('echoes the received (not computed) CRC on a Storage, also for a bad CRC (§2.2)', () => {
  const { token } = instantToken({ model: 'storage' });
  const bad = request(0x00);
  bad.set([1, 2, 3, 4], 60);
  const res = exchange(token, bad);
  assert.equal(res.commandStatus, 1);
  assert.equal(res.lastCommandCrc, 0x04030201);
});

test('answers an unknown command with 9 on a Pro and an empty OK on a Storage (§4.2, §5.18)', () => {
  for (const id of [0x0a, 0x16, 0x6c, 0x7f]) {
    assert.equal(
      exchange(instantToken({ model: 'pro' }).token, request(id)).commandStatus,
      9,
      `pro 0x${id.toString(16)}`,
    );
    const res = exchange(instantToken({ model: 'storage' }).token, request(id));
    assert.equal(res.commandStatus, 0, `storage 0x${id.toString(16)}`);
    assert.ok(res.payload.every((b) => b === 0));
  }
});

test('answers stick20 commands with status 9 on a Pro and GET_RANDOM with 0 on a Storage', () => {
  assert.equal(exchange(instantToken({ model: 'pro' }).token, request(0x2e)).commandStatus, 9);
  const res = exchange(instantToken({ model: 'storage' }).token, request(0x1b, { 1: 10 }));
  assert.equal(res.commandStatus, 0);
  assert.equal(res.payload[1], 0);
});

test('GET_RANDOM on a Pro 0.14 reports min(n, 55) bytes and is unknown on 0.13 (§5.14)', () => {
  const res = exchange(instantToken({ model: 'pro', firmwareMinor: 14 }).token, request(0x1b, { 1: 200 }));
  assert.deepEqual([res.commandStatus, res.payload[0], res.payload[1]], [0, 1, 55]);
  assert.equal(
    exchange(instantToken({ model: 'pro', firmwareMinor: 13 }).token, request(0x1b, { 1: 8 })).commandStatus,
    9,
  );
});

test('a Storage reports GET_STATUS as a fixed version 1 with no serial (§8.2)', () => {
  const res = exchange(instantToken({ model: 'storage' }).token, request(0x00));
  assert.deepEqual([...res.payload.subarray(0, 11)], [1, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff]);
});

test('GET_DEVICE_STATUS on a Storage carries version, PIN counters and card serial at the §8.2 offsets, once', () => {
  const { token } = instantToken({ model: 'storage', cardSerial: 0x12345678 });
  exchange(token, request(0x07, { 1: 'wrong-pin', 26: 'x' }));
  token.setReport(request(0x2e));
  const raw = token.getReport();
  assert.equal(raw[22], 1); // stick20 status OK
  assert.equal(raw[21], 0x2e);
  assert.deepEqual([raw[29], raw[30]], [0x18, 0x33]);
  assert.equal(raw[34], 57);
  assert.deepEqual([raw[47], raw[48]], [3, 2]);
  assert.deepEqual([...raw.subarray(49, 53)], [0x78, 0x56, 0x34, 0x12]);
  const again = token.getReport();
  assert.equal(again[34], 0, 'the data block is delivered with one GET_REPORT only');
  assert.equal(decodeResponse(again).isCrcValid, true);
});

test('the Librem Key speaks the Pro protocol with Purism USB ids and a card-based serial', () => {
  const { token } = instantToken({ model: 'librem', cardSerial: 0x5f11 });
  assert.equal(token.usb.vendorId, 0x316d);
  assert.equal(token.usb.productId, 0x4c4b);
  assert.equal(token.usb.serialNumber, '000000000000000000005F11');
  assert.equal(exchange(token, request(0x00)).payload[0], 15);
  assert.equal(VirtualToken.create({ model: 'storage', latency: 'none' }).usb.serialNumber, '0000000000000');
});

test('rejects reports that are not 64 bytes long with a RangeError', () => {
  const { token } = instantToken({ model: 'pro' });
  assert.throws(() => token.setReport(new Uint8Array(65)), RangeError);
});
