/**
 * The virtual Nitrokey 3's Secrets app against the reference: golden APDUs of §10 in, the reference's
 * answers out, through the CTAPHID interface (SW first) and the CCID layer (61xx / GET RESPONSE).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualNk3 } from '../../../../device/virtual/nk3/device';
import { encodeCtaphidMessage, CtaphidAssembler } from '../../../../device/transport/ctaphid-frame';
import { fromHex, nk3Apdu, nk3Packets, nk3Response } from '../../../support/nk3-vectors';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Sends one APDU on CID 1 (after INIT) and returns the 0x70 payload (SW first). */
async function ctaphid(dev: VirtualNk3, apdu: Uint8Array): Promise<Uint8Array> {
  for (const p of encodeCtaphidMessage(1, 0x70, apdu)) dev.hid.receive(p);
  const a = new CtaphidAssembler();
  for (;;) {
    const p = await dev.hid.read(2000);
    assert.ok(p, 'no answer');
    const r = a.feed(p);
    if (r.kind === 'message') return r.message.payload;
  }
}

async function fresh(): Promise<VirtualNk3> {
  const dev = VirtualNk3.create({ serial: '12345678' });
  const init = encodeCtaphidMessage(0xffffffff, 0x06, fromHex('a1 b2 c3 d4 e5 f6 07 18'));
  dev.hid.receive(init[0]);
  assert.deepEqual(await dev.hid.read(100), nk3Packets('INIT response')[0]);
  return dev;
}

test('answers INIT with CID 1, version 02, device version 00 00 00, capabilities 05 (§10.1)', async () => {
  await fresh();
});

test('answers SELECT over CTAPHID with version 4.14.0, a salt and the serial (§10.2)', async () => {
  const dev = await fresh();
  const r = await ctaphid(dev, nk3Apdu('SELECT'));
  const golden = nk3Response('SELECT no PIN');
  assert.equal(hex(r.subarray(0, 2)), '9000');
  assert.equal(hex(r.subarray(2, 9)), hex(golden.subarray(0, 7))); // 79 03 04 0e 00 71 08
  assert.equal(hex(r.subarray(17)), hex(golden.subarray(15))); // 8f 04 12 34 56 78
});

test('runs the §10.5–10.7 session byte for byte: PUT, LIST v1, CALCULATE at T=59', async () => {
  const dev = await fresh();
  assert.equal(hex(await ctaphid(dev, nk3Apdu('PUT TOTP SHA1 6 GitHub'))), '9000');
  assert.deepEqual((await ctaphid(dev, nk3Apdu('LIST v1'))).subarray(2), nk3Response('LIST v1 GitHub'));
  const calc = await ctaphid(dev, nk3Apdu('CALCULATE GitHub T=59'));
  assert.equal(hex(calc), '9000' + hex(nk3Response('CALCULATE GitHub T=59')));
  assert.equal(hex(await ctaphid(dev, nk3Apdu('PUT TOTP SHA256 8 sha256'))), '9000');
  const calc256 = fromHex('00 a2 00 01 12 71 06 73 68 61 32 35 36 74 08 00 00 00 00 00 00 00 01');
  assert.equal(hex((await ctaphid(dev, calc256)).subarray(2)), hex(nk3Response('CALCULATE sha256 T=59')));
});

test('refuses a second PUT of the same name with 6983 and the 51st credential with 6A84 (§4.4, §8)', async () => {
  const dev = await fresh();
  assert.equal(hex(await ctaphid(dev, nk3Apdu('PUT TOTP SHA1 6 GitHub'))), '9000');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('PUT TOTP SHA1 6 GitHub'))), '6983');
  for (let i = 1; i < 50; i++) {
    const name = Buffer.from(`n${i}`);
    const body = Buffer.concat([Buffer.of(0x71, name.length), name, Buffer.of(0x73, 3, 0x21, 6, 1)]);
    assert.equal(hex(await ctaphid(dev, Buffer.concat([Buffer.of(0, 1, 0, 0, body.length), body]))), '9000');
  }
  const last = Buffer.concat([Buffer.of(0, 1, 0, 0, 10, 0x71, 3), Buffer.from('n50'), Buffer.of(0x73, 3, 0x21, 6, 1)]);
  assert.equal(hex(await ctaphid(dev, last)), '6a84');
});

test('counts HOTP from the device counter and checks reverse HOTP in a window of 10 (§10.8, §4.9)', async () => {
  const dev = await fresh();
  await ctaphid(dev, nk3Apdu('PUT HOTP hotp'));
  const calc = fromHex('00 a2 00 01 08 71 04 68 6f 74 70 74 00');
  assert.equal(hex(await ctaphid(dev, calc)), '9000' + '760506' + '4c93cf18');
  assert.equal(hex(await ctaphid(dev, calc)), '9000' + '760506' + '41397eea');
  await ctaphid(dev, nk3Apdu('DELETE GitHub')); // consumes nothing: not found
  await ctaphid(dev, fromHex('00 02 00 00 06 71 04 68 6f 74 70'));
  // Registering reverse HOTP needs a just-verified PIN (§4.4 step 5); SET PIN authorises the next APDU.
  assert.equal(hex(await ctaphid(dev, nk3Apdu('PUT reverse HOTP hotp'))), '6982');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('SET PIN 123456'))), '9000');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('PUT reverse HOTP hotp'))), '9000');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('VERIFY CODE hotp 755224'))), '90007700');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('VERIFY CODE hotp 755224'))), '6300');
  // RFC 4226 count 9 (520489) is at offset 8 from counter 1: accepted; count 1 is then behind the window.
  assert.equal(hex(await ctaphid(dev, fromHex('00 b1 00 00 0c 71 04 68 6f 74 70 75 04 00 07 f1 29'))), '90007700');
  assert.equal(hex(await ctaphid(dev, fromHex('00 b1 00 00 0c 71 04 68 6f 74 70 75 04 00 04 61 6a'))), '6300');
});

test('has no CALCULATE ALL, VALIDATE or RENAME: 6D00, as the firmware (§4.2 step 5, §11)', async () => {
  const dev = await fresh();
  assert.equal(hex(await ctaphid(dev, fromHex('00 a4 00 01 0a 74 08 00 00 00 00 00 00 00 01'))), '6d00');
  assert.equal(hex(await ctaphid(dev, fromHex('00 a3 00 00 00'))), '6d00');
  assert.equal(hex(await ctaphid(dev, fromHex('00 05 00 00 00'))), '6d00');
  assert.equal(hex(await ctaphid(dev, fromHex('00 a2 00 00 05 71 01 61 74 00'))), '6d00'); // full response P2=00
});

test('answers a non-APDU 0x70 payload with CTAPHID ERROR 03 (§3.5, §10.11)', async () => {
  const dev = await fresh();
  for (const p of encodeCtaphidMessage(1, 0x70, fromHex('00 a4'))) dev.hid.receive(p);
  assert.deepEqual(await dev.hid.read(100), nk3Packets('ERROR 03')[0]);
});

test('over CCID answers SELECT without Le with 61 15 and the data on GET RESPONSE (§10.3)', async () => {
  const dev = VirtualNk3.create({ serial: '12345678' });
  const ccid = dev.openCcid();
  assert.equal(hex(await ccid.transmit(nk3Apdu('LIST v1'))), '6a82'); // nothing selected yet
  assert.equal(hex(await ccid.transmit(nk3Apdu('SELECT'))), '6115');
  const r = await ccid.transmit(fromHex('00 c0 00 00 15'));
  assert.equal(r.length, 23);
  assert.equal(hex(r.subarray(21)), '9000');
  assert.equal(hex(await ccid.transmit(fromHex('00 c0 00 00 15'))), '6f00'); // nothing buffered
  const withLe = await ccid.transmit(Buffer.concat([nk3Apdu('SELECT'), Buffer.of(0)]));
  assert.equal(hex(withLe.subarray(withLe.length - 2)), '9000');
  assert.equal(withLe.length, 23);
  // Errors carry no data; CCID has no SEND REMAINING substitute for GET RESPONSE.
  assert.equal(hex(await ccid.transmit(nk3Apdu('SEND REMAINING'))), '6985');
});

test('shows PIN-encrypted credentials only right after VERIFY PIN (§6.2, §6.3)', async () => {
  const dev = await fresh();
  await ctaphid(dev, nk3Apdu('SET PIN 123456'));
  const putPinEnc = fromHex('00 01 00 00 0e 71 03 70 69 6e 73 05 21 06 01 02 03 78 04');
  assert.equal(hex(await ctaphid(dev, putPinEnc)), '6982'); // SET PIN loads no key
  assert.equal(hex(await ctaphid(dev, nk3Apdu('VERIFY PIN 123456'))), '9000');
  assert.equal(hex(await ctaphid(dev, putPinEnc)), '9000');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('LIST v1'))), '9000'); // key dropped after PUT
  assert.equal(hex(await ctaphid(dev, nk3Apdu('VERIFY PIN 123456'))), '9000');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('LIST v1'))), '9000' + '7205' + '21' + '70696e' + '02');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('LIST v1'))), '9000');
  assert.equal(hex(await ctaphid(dev, putPinEnc)), '6983'); // the invisible name still blocks PUT
});

test('counts wrong PINs down to a block that only RESET lifts (§4.10, §6.1)', async () => {
  const dev = await fresh();
  await ctaphid(dev, nk3Apdu('SET PIN 123456'));
  const wrong = fromHex('00 b2 00 00 05 80 03 30 30 30');
  for (let i = 7; i >= 0; i--) {
    assert.equal(hex(await ctaphid(dev, wrong)), '6300');
    assert.equal(dev.state.pin?.retriesLeft, i);
  }
  assert.equal(hex(await ctaphid(dev, nk3Apdu('VERIFY PIN 123456'))), '6300');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('SET PIN 123456'))), '6982');
  const sel = await ctaphid(dev, nk3Apdu('SELECT'));
  assert.equal(hex(sel.subarray(7, 10)), '820100');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('RESET'))), '9000');
  assert.equal(hex(await ctaphid(dev, nk3Apdu('VERIFY PIN 123456'))), '6982');
});

test('asks for a touch and answers 6982 when none comes (§7)', async () => {
  const dev = VirtualNk3.create({ serial: '12345678', policy: 'ask', timeoutMs: 50 });
  const ccid = dev.openCcid();
  await ccid.transmit(nk3Apdu('SELECT'));
  assert.equal(hex(await ccid.transmit(nk3Apdu('RESET'))), '6982');
  const pending = ccid.transmit(nk3Apdu('RESET'));
  await new Promise((r) => setImmediate(r));
  assert.equal(dev.touch.isWaiting, true);
  assert.equal(dev.touch.press(), true);
  assert.equal(hex(await pending), '9000');
  assert.equal(dev.touch.requests, 2);
});

test('UPDATE replaces all password-safe fields when any is given (§4.14)', async () => {
  const dev = await fresh();
  await ctaphid(dev, nk3Apdu('PUT password-only mail'));
  assert.equal(hex(await ctaphid(dev, nk3Apdu('LIST v1'))), '9000' + hex(nk3Response('LIST v1 mail')));
  // Only a new login: the password is cleared.
  assert.equal(hex(await ctaphid(dev, fromHex('00 b7 00 00 0b 71 04 6d 61 69 6c 83 03 62 6f 62'))), '9000');
  const got = await ctaphid(dev, fromHex('00 b5 00 00 06 71 04 6d 61 69 6c'));
  assert.equal(hex(got), '9000' + '7801f1' + '71046d61696c' + '8303626f62');
});

test('answers the YubiKey HMAC slot, status and serial forms of §10.10', async () => {
  const dev = await fresh();
  const secret = Buffer.from('12345678901234567890').toString('hex');
  const put = fromHex(`00 01 00 00 25 71 09 ${Buffer.from('HmacSlot1').toString('hex')} 73 16 41 06 ${secret} 78 00`);
  assert.equal(hex(await ctaphid(dev, put)), '9000');
  const challenge = fromHex(`00 01 30 00 40 31 ${'3f'.repeat(63)}`);
  assert.equal(hex(await ctaphid(dev, challenge)), '9000' + 'd27ac8427b7b5d6cc5dd832c20675d4915541407');
  assert.equal(hex(await ctaphid(dev, fromHex('00 03 00 00'))), '9000' + '040e00424242');
  assert.equal(hex(await ctaphid(dev, fromHex('00 01 10 00'))), '9000' + '12345678');
  // Bad padding falls through to PUT decoding with P1 30: 6D00 (§4.18).
  assert.equal(hex(await ctaphid(dev, fromHex(`00 01 30 00 40 31 ${'00'.repeat(62)} 3f`))), '6d00');
});
