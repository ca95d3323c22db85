import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CtaphidAssembler,
  CTAPHID_CMD,
  encodeCtaphidMessage,
  encodeErrorPacket,
  encodeInitResponse,
  parseInitResponse,
} from '../../../device/transport/ctaphid-frame';
import { nk3Packets, fromHex } from '../../support/nk3-vectors';

const nonce = fromHex('a1 b2 c3 d4 e5 f6 07 18');

test('frames INIT on the broadcast channel as the reference §10.1 shows', () => {
  assert.deepEqual(encodeCtaphidMessage(0xffffffff, CTAPHID_CMD.INIT, nonce), nk3Packets('INIT request'));
});

test('builds and parses the INIT answer of §10.1', () => {
  const payload = encodeInitResponse({ nonce, cid: 1, protocolVersion: 2, deviceVersion: [0, 0, 0], capabilities: 5 });
  assert.deepEqual(encodeCtaphidMessage(0xffffffff, CTAPHID_CMD.INIT, payload), nk3Packets('INIT response'));
  const [golden] = nk3Packets('INIT response');
  const r = parseInitResponse(golden.subarray(7, 7 + 17))!;
  assert.deepEqual([r.cid, r.protocolVersion, r.capabilities], [1, 2, 5]);
  assert.deepEqual(r.nonce, nonce);
});

const messages: [string, number, string][] = [
  ['SELECT request', CTAPHID_CMD.SECRETS, '00 a4 04 00 07 a0 00 00 05 27 21 01'],
  ['VERIFY PIN request', CTAPHID_CMD.SECRETS, '00 b2 00 00 08 80 06 31 32 33 34 35 36'],
  ['success response', CTAPHID_CMD.SECRETS, '90 00'],
  ['CALCULATE GitHub response', CTAPHID_CMD.SECRETS, '90 00 76 05 06 41 39 7e ea'],
  [
    'CALCULATE long label request',
    CTAPHID_CMD.SECRETS,
    '00 a2 00 01 35 71 29' +
      Buffer.from('Example:alice.wonderland@mail.example.org').toString('hex') +
      '74 08 00 00 00 00 00 00 00 01',
  ],
  ['app error 6A82', CTAPHID_CMD.SECRETS, '6a 82'],
  ['ERROR 03', CTAPHID_CMD.ERROR, '03'],
  ['KEEPALIVE UPNEEDED', CTAPHID_CMD.KEEPALIVE, '02'],
];

for (const [name, cmd, payload] of messages) {
  test(`frames ${name} on CID 1 as the golden packets`, () => {
    assert.deepEqual(encodeCtaphidMessage(1, cmd, fromHex(payload)), nk3Packets(name));
  });
  test(`reassembles the golden ${name}`, () => {
    const a = new CtaphidAssembler();
    const packets = nk3Packets(name);
    let last;
    for (const p of packets) last = a.feed(p);
    assert.deepEqual(last, { kind: 'message', message: { cid: 1, cmd, payload: fromHex(payload) } });
  });
}

test('splits 3072 bytes into 1 init + 52 continuation packets (SEQ 0..51, §3.2)', () => {
  const packets = encodeCtaphidMessage(1, CTAPHID_CMD.SECRETS, new Uint8Array(3072).fill(7));
  assert.equal(packets.length, 53);
  assert.equal(packets[52][4], 51);
});

test('aborts on a wrong SEQ and ignores continuations while idle or from another channel', () => {
  const a = new CtaphidAssembler();
  const [init, cont] = encodeCtaphidMessage(1, CTAPHID_CMD.SECRETS, new Uint8Array(100));
  assert.equal(a.feed(cont).kind, 'ignored');
  assert.equal(a.feed(init).kind, 'partial');
  const other = Uint8Array.from(cont);
  other[3] = 2;
  assert.equal(a.feed(other).kind, 'ignored');
  const wrongSeq = Uint8Array.from(cont);
  wrongSeq[4] = 5;
  assert.equal(a.feed(wrongSeq).kind, 'seq-error');
  assert.equal(a.isReceiving, false);
});

test('builds the ERROR packet of §10.11', () => {
  assert.deepEqual(encodeErrorPacket(1, 3), nk3Packets('ERROR 03')[0]);
});
