import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeResponse, encodeRequest } from '../../../device/protocol/frame';
import { VirtualToken, DEFAULT_LATENCY } from '../../../device/virtual/token';
import { isDeviceError } from '../../../device/errors';
import { FakeClock } from '../../support/fake-clock';
import { request, u64 } from './helpers';

const slow = { defaultMs: 5, perCommandMs: { 0x07: 50 } };

test('a busy Pro answers R[0] = 1 over the previous body, then the new answer when ready (§1.3)', () => {
  const clock = new FakeClock(0);
  const token = VirtualToken.create({ model: 'pro', clock, latency: slow, cardSerial: 1 });
  token.setReport(encodeRequest(0x00));
  clock.advance(5);
  const status = token.getReport();
  assert.equal(status[0], 0);
  token.setReport(request(0x07, { 1: '12345678', 26: 'abc' }));
  clock.advance(49);
  const busy = token.getReport();
  assert.equal(busy[0], 1);
  assert.deepEqual([...busy.subarray(1)], [...status.subarray(1)], 'body is the previous response');
  clock.advance(1);
  const done = decodeResponse(token.getReport());
  assert.deepEqual([done.deviceStatus, done.lastCommandId, done.commandStatus], [0, 0x07, 0]);
});

test('a Pro silently drops a SET_REPORT that arrives while it is busy', () => {
  const clock = new FakeClock(0);
  const token = VirtualToken.create({ model: 'pro', clock, latency: slow, cardSerial: 1 });
  token.setReport(request(0x07, { 1: '12345678', 26: 'abc' }));
  clock.advance(10);
  token.setReport(request(0x0b, { 1: 1, 2: u64(1_700_000_000) }));
  clock.advance(100);
  const res = decodeResponse(token.getReport());
  assert.equal(res.lastCommandId, 0x07);
  assert.equal(token.deviceTime(), 0, 'the dropped SET_TIME never ran');
});

test('a Storage returns the previous response with R[0] = 0 while it has not parsed the request, then a zeroed buffer', () => {
  const clock = new FakeClock(0);
  const token = VirtualToken.create({
    model: 'storage',
    clock,
    latency: { ...slow, storageParseDelayMs: 2 },
    cardSerial: 1,
  });
  token.setReport(encodeRequest(0x00));
  clock.advance(5);
  const first = token.getReport();
  token.setReport(request(0x07, { 1: '12345678', 26: 'abc' }));
  const stale = token.getReport();
  assert.equal(stale[0], 0);
  assert.deepEqual([...stale], [...first]);
  clock.advance(2);
  assert.ok(
    token.getReport().every((b) => b === 0),
    'half-written buffer, CRC field 0',
  );
  clock.advance(48);
  assert.equal(decodeResponse(token.getReport()).lastCommandId, 0x07);
});

test('a Storage executes a SET_REPORT sent while busy instead of dropping it', () => {
  const clock = new FakeClock(0);
  const token = VirtualToken.create({ model: 'storage', clock, latency: slow, cardSerial: 1 });
  token.setReport(request(0x07, { 1: '12345678', 26: 'abc' }));
  token.setReport(request(0x0b, { 1: 1, 2: u64(1_700_000_000) }));
  clock.advance(5);
  assert.equal(decodeResponse(token.getReport()).lastCommandId, 0x0b);
  assert.equal(token.deviceTime(), 1_700_000_000);
});

test('a Storage shows stick20 status BUSY while a stick20 command runs', () => {
  const clock = new FakeClock(0);
  const token = VirtualToken.create({ model: 'storage', clock, latency: DEFAULT_LATENCY, cardSerial: 1 });
  token.setReport(request(0x2e));
  const busy = token.getReport();
  assert.deepEqual([busy[0], busy[1], busy[22]], [0, 0x2e, 2]);
  clock.advance(DEFAULT_LATENCY.perCommandMs[0x2e] ?? 0);
  assert.equal(token.getReport()[22], 1);
});

test('latency none makes every answer ready at once', () => {
  const token = VirtualToken.create({ model: 'pro', clock: new FakeClock(0), latency: 'none', cardSerial: 1 });
  token.setReport(request(0x13, { 1: '12345678' }));
  assert.equal(decodeResponse(token.getReport()).lastCommandId, 0x13);
});

test('fault: a dropped request is not processed and leaves the answer unchanged', () => {
  const token = VirtualToken.create({ model: 'pro', clock: new FakeClock(0), latency: 'none', cardSerial: 1 });
  token.setReport(encodeRequest(0x00));
  const before = token.getReport();
  token.faults.dropRequests = 1;
  token.setReport(request(0x0b, { 1: 1, 2: u64(5000) }));
  assert.deepEqual([...token.getReport()], [...before]);
  assert.equal(token.deviceTime(), 0);
  assert.equal(token.faults.dropRequests, undefined);
  token.setReport(request(0x0b, { 1: 1, 2: u64(5000) }));
  assert.equal(token.deviceTime(), 5000);
});

test('fault: a corrupted response CRC fails validation once', () => {
  const token = VirtualToken.create({ model: 'pro', clock: new FakeClock(0), latency: 'none', cardSerial: 1 });
  token.faults.corruptResponseCrcs = 1;
  token.setReport(encodeRequest(0x00));
  assert.equal(decodeResponse(token.getReport()).isCrcValid, false);
  assert.equal(decodeResponse(token.getReport()).isCrcValid, true);
});

test('fault: the next N GET_REPORTs answer busy, then the answer arrives', () => {
  const token = VirtualToken.create({ model: 'pro', clock: new FakeClock(0), latency: 'none', cardSerial: 1 });
  token.faults.busyReports = 2;
  token.setReport(encodeRequest(0x00));
  assert.equal(token.getReport()[0], 1);
  assert.equal(token.getReport()[0], 1);
  const res = decodeResponse(token.getReport());
  assert.deepEqual([res.deviceStatus, res.payload[0]], [0, 15]);
});

test('fault: unplug after SET_REPORT runs the command or not, as configured, and RAM is lost on replug', () => {
  for (const mode of ['after-execute', 'before-execute'] as const) {
    const token = VirtualToken.create({ model: 'pro', clock: new FakeClock(0), latency: 'none', cardSerial: 1 });
    token.faults.unplugAfterNextSet = mode;
    token.setReport(request(0x07, { 1: 'wrong-pin', 26: 'abc' }));
    assert.equal(token.isPlugged, false);
    assert.throws(
      () => token.getReport(),
      (e) => isDeviceError(e) && e.code === 'token-unplugged',
    );
    assert.throws(
      () => token.setReport(encodeRequest(0x00)),
      (e) => isDeviceError(e) && e.code === 'token-unplugged',
    );
    token.plug();
    token.setReport(encodeRequest(0x09));
    assert.equal(decodeResponse(token.getReport()).payload[0], mode === 'after-execute' ? 2 : 3);
  }
});

test('fault: a failing smart card refuses the right PIN without consuming a try and reads counters as 0xFF', () => {
  const token = VirtualToken.create({ model: 'pro', clock: new FakeClock(0), latency: 'none', cardSerial: 1 });
  token.faults.cardFailures = 2;
  token.setReport(request(0x07, { 1: '12345678', 26: 'abc' }));
  assert.equal(decodeResponse(token.getReport()).commandStatus, 4);
  token.setReport(encodeRequest(0x09));
  assert.equal(decodeResponse(token.getReport()).payload[0], 0xff);
  token.setReport(encodeRequest(0x09));
  assert.equal(decodeResponse(token.getReport()).payload[0], 3);
});

test('a TOTP code is ready sooner than a HOTP code, which writes its counter to flash', () => {
  const clock = new FakeClock(0);
  const token = VirtualToken.create({ model: 'pro', clock, cardSerial: 1 });
  const readyAfter = (slot: number) => {
    token.setReport(request(0x04, { 1: slot }));
    let ms = 0;
    while (token.getReport()[0] !== 0) {
      clock.advance(1);
      ms++;
    }
    return ms;
  };
  // Both slots are empty: the answer (SLOT_NOT_PROGRAMMED) still takes the command's time.
  assert.equal(readyAfter(0x20), DEFAULT_LATENCY.totpCodeMs);
  assert.equal(readyAfter(0x10), DEFAULT_LATENCY.perCommandMs[0x04]);
});
