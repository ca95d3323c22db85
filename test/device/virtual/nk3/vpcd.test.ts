/**
 * The virtual Nitrokey 3 as a vpcd card, against a TCP server here that speaks vsmartcard's vpcd framing
 * (vpcd.c: 2-byte big-endian length + payload; a 1-byte payload is a control byte, and only GET ATR is
 * answered). vpcd waits for an APDU's answer without a time limit, so the card must answer every APDU.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { VirtualNk3 } from '../../../../device/virtual/nk3/device';
import { serveVirtualNk3Vpcd, VPCD_CTRL } from '../../../../device/virtual/nk3/serve';

/** A vpcd stand-in: accepts the card and returns a function that sends one message and reads its answer. */
async function fakeVpcd() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  return {
    port,
    async socket() {
      const [s] = await accepted;
      let pending = Buffer.alloc(0);
      const waiting: ((b: Buffer) => void)[] = [];
      s.on('data', (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
          const n = pending.readUInt16BE(0);
          waiting.shift()?.(pending.subarray(2, 2 + n));
          pending = pending.subarray(2 + n);
        }
      });
      const send = (payload: number[]) => {
        const head = Buffer.alloc(2);
        head.writeUInt16BE(payload.length);
        s.write(Buffer.concat([head, Buffer.from(payload)]));
      };
      return {
        send,
        ask: (payload: number[]) => {
          const answer = new Promise<Buffer>((r) => waiting.push(r));
          send(payload);
          return answer;
        },
      };
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

// SELECT of the Secrets app (nitrokey3-secrets.md §2.3: 00 A4 04 00 07 A0 00 00 05 27 21 01), with Le 00.
const SELECT_OATH = [0x00, 0xa4, 0x04, 0x00, 0x07, 0xa0, 0x00, 0x00, 0x05, 0x27, 0x21, 0x01, 0x00];

test('answers GET ATR with the Nitrokey 3 ATR and an APDU after power on; power and reset get no answer', async () => {
  const vpcd = await fakeVpcd();
  const device = VirtualNk3.create({ serial: '12345678' });
  const card = serveVirtualNk3Vpcd({ card: device, port: vpcd.port });
  try {
    await card.connected;
    const s = await vpcd.socket();
    s.send([VPCD_CTRL.ON]);
    const atr = await s.ask([VPCD_CTRL.ATR]);
    assert.equal(atr[0], 0x3b); // direct convention (ISO 7816-3 TS)
    const select = await s.ask(SELECT_OATH);
    assert.deepEqual([...select.subarray(-2)], [0x90, 0x00]);
  } finally {
    await card.close();
    await vpcd.close();
  }
});

test('a fault inside the emulator still answers (6F 00), and later messages are answered too', async () => {
  const vpcd = await fakeVpcd();
  const device = VirtualNk3.create({ serial: '12345678' });
  const real = device.ccid.transmit.bind(device.ccid);
  let isFaulty = true;
  device.ccid.transmit = (apdu) => (isFaulty ? Promise.reject(new Error('emulator fault')) : real(apdu));
  const card = serveVirtualNk3Vpcd({ card: device, port: vpcd.port });
  try {
    await card.connected;
    const s = await vpcd.socket();
    assert.deepEqual([...(await s.ask(SELECT_OATH))], [0x6f, 0x00]);
    isFaulty = false;
    assert.equal((await s.ask([VPCD_CTRL.ATR]))[0], 0x3b);
    assert.deepEqual([...(await s.ask(SELECT_OATH)).subarray(-2)], [0x90, 0x00]);
  } finally {
    await card.close();
    await vpcd.close();
  }
});
