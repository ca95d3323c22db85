/**
 * Issue 9 item 10 on the Nitrokey 3: every command that carries the PIN (SET PIN, CHANGE PIN, VERIFY
 * PIN before a protected command) leaves no PIN behind. A transport spy keeps each APDU it was handed
 * and a copy as sent: once the call returned, every APDU that carried a PIN is all zeros, and so is
 * every Uint8Array the PIN was encoded into (TextEncoder spied on), right PIN or wrong, on both wires.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Nk3Session } from '../../../device/nk3/session';
import type { ApduTransport } from '../../../device/transport/apdu';
import { CtaphidTransport, type RawHidDevice } from '../../../device/transport/ctaphid';
import { VirtualNk3 } from '../../../device/virtual/nk3/device';
import { holds, pinEncodings } from '../../support/pin-spy';

const PIN = '123456';
const NEXT = '87654321';
const SECRET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRST'); // holds neither PIN

/** Hands every APDU on and keeps it, with a copy of what it held when sent. */
function spying(t: ApduTransport) {
  const sent: { apdu: Uint8Array; copy: Uint8Array }[] = [];
  const transport: ApduTransport = {
    wire: t.wire,
    transmit: (apdu, o) => {
      sent.push({ apdu, copy: apdu.slice() });
      return t.transmit(apdu, o);
    },
    close: () => t.close(),
  };
  return { transport, sent };
}

type Op = { name: string; pins: string[]; isPinSet: boolean; run: (s: Nk3Session) => Promise<unknown> };
const ops: Op[] = [
  { name: 'SET PIN', pins: [PIN], isPinSet: false, run: (s) => s.setPin(PIN) },
  { name: 'VERIFY PIN', pins: [PIN], isPinSet: true, run: (s) => s.verifyPin(PIN) },
  { name: 'a wrong PIN', pins: ['000000'], isPinSet: true, run: (s) => s.verifyPin('000000') },
  { name: 'CHANGE PIN', pins: [PIN, NEXT], isPinSet: true, run: (s) => s.changePin(PIN, NEXT) },
  { name: 'CHANGE PIN, wrong old', pins: ['000000', NEXT], isPinSet: true, run: (s) => s.changePin('000000', NEXT) },
  {
    name: 'a PIN-protected credential',
    pins: [PIN],
    isPinSet: true,
    run: (s) => s.put({ name: 'rev', kind: 'reverse-hotp', secret: SECRET }, { pin: PIN }),
  },
  { name: 'a list with the PIN', pins: [PIN], isPinSet: true, run: (s) => s.list({ pin: PIN }) },
];

for (const wire of ['ctaphid', 'ccid'] as const) {
  describe(`Nitrokey 3 PIN wiping over ${wire} (issue 9 item 10)`, () => {
    for (const op of ops) {
      test(op.name, async () => {
        const dev = VirtualNk3.create();
        const inner = wire === 'ctaphid' ? await dev.openCtaphid() : dev.openCcid();
        const { transport, sent } = spying(inner);
        const session = new Nk3Session(transport, { now: () => 59_000 });
        if (op.isPinSet) await session.setPin(PIN);
        sent.length = 0;
        const pins = op.pins.map((p) => new TextEncoder().encode(p));
        const encoded = await pinEncodings(op.pins, () => op.run(session));
        const carried = sent.filter((x) => pins.some((p) => holds(x.copy, p)));
        assert.ok(carried.length > 0, 'some APDU carried the PIN');
        for (const x of carried)
          assert.ok(
            x.apdu.every((b) => b === 0),
            'an APDU that carried a PIN is zeroed',
          );
        assert.ok(encoded.length > 0, 'the PIN was encoded');
        for (const e of encoded)
          assert.ok(
            e.every((b) => b === 0),
            "the PIN's bytes are zeroed",
          );
      });
    }
    test('the PIN still works after its bytes were wiped (the device got it whole)', async () => {
      const dev = VirtualNk3.create();
      const session = new Nk3Session(wire === 'ctaphid' ? await dev.openCtaphid() : dev.openCcid(), {
        now: () => 59_000,
      });
      await session.setPin(PIN);
      await session.changePin(PIN, NEXT);
      await session.verifyPin(NEXT);
      assert.equal((await session.status()).pinRetries, 8);
    });
  });
}

test('CTAPHID: the 64-byte packets that carried a PIN are zeroed once written', async () => {
  const raw = VirtualNk3.create().rawHid();
  const written: { packet: Uint8Array; copy: Uint8Array }[] = [];
  const spy: RawHidDevice = {
    write: (report) => {
      written.push({ packet: report, copy: report.slice() });
      return raw.write(report);
    },
    read: (ms) => raw.read(ms),
    close: () => raw.close(),
  };
  const session = new Nk3Session(await CtaphidTransport.open(spy), { now: () => 59_000 });
  await session.setPin(PIN);
  await session.changePin(PIN, NEXT);
  const pins = [PIN, NEXT].map((p) => new TextEncoder().encode(p));
  const carried = written.filter((w) => pins.some((p) => holds(w.copy, p)));
  assert.equal(carried.length, 2, 'SET PIN and CHANGE PIN each went in one packet');
  for (const w of carried)
    assert.ok(
      w.packet.every((b) => b === 0),
      'a packet that carried a PIN is zeroed',
    );
});
