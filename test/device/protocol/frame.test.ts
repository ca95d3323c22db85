import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, encodeRequest, encodeResponse } from '../../../device/protocol/frame';
import { golden } from '../../support/vectors';

test('encodes GET_STATUS as 60 zero bytes and the reference CRC', () => {
  assert.deepEqual(encodeRequest(0x00), golden('GET_STATUS request').bytes);
});

test('decodes the reference Pro status reply', () => {
  const d = decodeResponse(golden('Pro GET_STATUS reply, firmware 0.15, serial 00005f11, config ff ff ff 00 01').bytes);
  assert.equal(d.deviceStatus, 0);
  assert.equal(d.lastCommandId, 0x00);
  assert.equal(d.lastCommandCrc, 0xef6eb7df);
  assert.equal(d.commandStatus, 0);
  assert.equal(d.payload.length, 53);
  assert.deepEqual([...d.payload.subarray(0, 11)], [0x0f, 0x00, 0x11, 0x5f, 0, 0, 0xff, 0xff, 0xff, 0x00, 0x01]);
  assert.equal(d.isCrcValid, true);
});

test('builds the reference GET_CODE reply from its fields', () => {
  const expected = golden('GET_CODE reply 755224 for HOTP slot 0').bytes;
  const built = encodeResponse({
    lastCommandId: 0x04,
    lastCommandCrc: 0x75027fc6,
    commandStatus: 0,
    payload: Uint8Array.of(0x18, 0x86, 0x0b, 0x00, 0x00),
  });
  assert.deepEqual(built, expected);
});

test('computes the reply CRC with the device status byte as zero', () => {
  const busy = encodeResponse({ deviceStatus: 1, lastCommandId: 4, lastCommandCrc: 0x75027fc6, commandStatus: 0 });
  assert.equal(busy[0], 1);
  assert.equal(decodeResponse(busy).isCrcValid, true);
});

test('flags a reply whose CRC does not match', () => {
  const r = golden('GET_CODE reply 755224 for HOTP slot 0').bytes.slice();
  r[8] ^= 0x01;
  assert.equal(decodeResponse(r).isCrcValid, false);
});

test('rejects payloads and reports of the wrong size', () => {
  assert.throws(() => encodeRequest(1, new Uint8Array(60)), RangeError);
  assert.throws(() => encodeRequest(256), RangeError);
  assert.throws(() => decodeResponse(new Uint8Array(65)), RangeError);
  assert.throws(
    () => encodeResponse({ lastCommandId: 0, lastCommandCrc: 0, commandStatus: 0, payload: new Uint8Array(54) }),
    RangeError,
  );
});
