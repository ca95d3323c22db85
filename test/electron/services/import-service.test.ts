import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import {
  VirtualTransport,
  parseOtpauthUri,
  type BackupContents,
  type SlotRef,
  type Transport,
} from '../../../device/index';
import { writeCrc } from '../../../device/protocol/frame';
import type { ImportReview } from '../../../electron/ipc/contract';
import { call } from '../../../electron/ipc/serve';
import { migrationUris } from '../../support/migration-fixtures';
import { qrImage } from '../../support/qr-images';
import { timerTurnsDuring } from '../../support/stall';
import { makeHarness, type Harness } from '../support/harness';

// RFC 6238's SHA1 key "12345678901234567890" in base32.
const RFC_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const uri = (label: string, extra = '') =>
  `otpauth://totp/${label}?secret=${RFC_B32}&issuer=${label.split(':')[0]}${extra}`;

async function review(h: Harness, text: string): Promise<ImportReview> {
  const r = await call(h.dispatch, 'our-page', 'import/read-text', { text });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

/** A transport whose token answers GET_CODE with another code, as a slot holding another secret would. */
function wrongCodes(inner: Transport): Transport {
  return {
    info: inner.info,
    close: () => inner.close(),
    sendFeatureReport: (report) => inner.sendFeatureReport(report),
    async getFeatureReport() {
      const r = await inner.getFeatureReport();
      // R[1] = last command (GET_CODE is 0x04), R[6] = status OK (0), code = u32 LE at R[7..10] (protocol reference §5.5).
      if (r[0] === 0 && r[1] === 0x04 && r[6] === 0) {
        const changed = r.slice();
        changed[7] ^= 1;
        writeCrc(changed);
        return changed;
      }
      return r;
    },
  };
}

describe('import service: reading accounts', () => {
  it('reads the QR code in a PNG that another encoder drew, and proposes the first free TOTP slot', async () => {
    const h = await makeHarness();
    const png = qrImage({ texts: [uri('GitHub:ann')], style: 'screenshot' });
    const r = await call(h.dispatch, 'our-page', 'import/scan-image', { bytes: png, source: 'file' });
    assert.ok(r.ok, JSON.stringify(r));
    const [item] = r.value.items;
    assert.equal(item.label, 'GitHub: ann');
    assert.deepEqual(item.details, { kind: 'totp', digits: 6, period: 30, issuer: 'GitHub', account: 'ann' });
    assert.deepEqual(item.target, { slot: { kind: 'totp', index: 0 }, name: 'GitHub:ann', isNameChanged: false });
    assert.equal(r.value.source, 'file');
  });

  it("reads a screenshot on a worker thread, so main's timers run meanwhile", async () => {
    const warnings: string[] = [];
    const h = await makeHarness({ log: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) } });
    const png = qrImage({ texts: [uri('GitHub:ann')], style: 'screenshot' });
    const { turns, result } = await timerTurnsDuring(() =>
      call(h.dispatch, 'our-page', 'import/scan-image', { bytes: png, source: 'file' }),
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(
      result.value.items.map((i) => i.label),
      ['GitHub: ann'],
    );
    // The service logs a decode on main's own thread (no worker could start) as a warning.
    assert.deepEqual(warnings, []);
    // Decoded on main's thread, this screenshot would hold its timers until done (test/device/otp/qr-async.test.ts);
    // how long main stalls is measured by npm run bench (bench/qr.ts).
    assert.ok(turns > 0, "main's timer never ran while the screenshot was read");
  });

  it('keeps the secret out of the review', async () => {
    const h = await makeHarness();
    const text = JSON.stringify(await review(h, uri('GitHub:ann')));
    assert.doesNotMatch(text, new RegExp(RFC_B32.slice(0, 8)));
    assert.doesNotMatch(text, /12345678901234567890|secret/i);
  });

  it('refuses a SHA256 account with its reason and the field at fault', async () => {
    const h = await makeHarness();
    const { items } = await review(h, uri('Bank:ann', '&algorithm=SHA256'));
    assert.equal(items[0].target, undefined);
    assert.equal(items[0].refusal?.field, 'algorithm');
    assert.match(items[0].refusal?.problem ?? '', /SHA256.*HMAC-SHA1 only/);
  });

  it('flags a name shortened to 15 bytes for the person to OK, and will not write it unconfirmed', async () => {
    const h = await makeHarness();
    const { id, items } = await review(h, uri('Protectimus:someone@example.com'));
    assert.equal(items[0].target?.isNameChanged, true);
    assert.equal(items[0].target?.name, 'Protectimus');
    const choice = { index: 0, slot: items[0].target!.slot, name: items[0].target!.name };
    const r = await call(h.dispatch, 'our-page', 'import/write', {
      id,
      choices: [choice],
      isConfirmed: false,
      adminPin: '12345678',
    });
    assert.equal(!r.ok && r.error.code, 'confirmation-needed');
    assert.deepEqual(await h.slots.list(), []);
  });

  it('lists a Google Authenticator export for review, refusing what the token cannot do', async () => {
    const h = await makeHarness();
    const [exportUri] = migrationUris([
      {
        accounts: [
          { secretHex: '3132333435363738393031323334353637383930', name: 'ann@example.com', issuer: 'GitHub' },
          { secretHex: '0102030405060708090a', name: 'ann', issuer: 'Mail', type: 'OTP_TYPE_HOTP', counter: 5 },
          { secretHex: '0102030405060708090a', name: 'bob', issuer: 'Bank', algorithm: 'ALGORITHM_SHA512' },
        ],
      },
    ]);
    const { items } = await review(h, exportUri);
    assert.deepEqual(
      items.map((i) => [i.label, i.target ? `${i.target.slot.kind}${i.target.slot.index + 1}` : i.refusal?.field]),
      [
        ['GitHub: ann@example.com', 'totp1'],
        ['Mail: ann', 'hotp1'],
        ['Bank: bob', 'algorithm'],
      ],
    );
  });

  it('says so when more accounts come than there are free slots', async () => {
    const h = await makeHarness();
    const hotp = (n: number) => `otpauth://hotp/H${n}?secret=${RFC_B32}&counter=0`;
    const r = await review(h, [1, 2, 3, 4].map(hotp).join('\n'));
    assert.match(r.problem ?? '', /4 HOTP accounts but only 3 free HOTP slots/);
    assert.ok(r.items.every((i) => !i.target));
  });

  it('says that nothing was found in text without an account', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'import/read-text', { text: 'https://example.com/setup' });
    assert.equal(!r.ok && r.error.code, 'nothing-found');
  });

  it('reads the QR code of the clipboard image, and says when there is none', async () => {
    const h = await makeHarness();
    const none = await call(h.dispatch, 'our-page', 'import/scan-clipboard');
    assert.equal(!none.ok && none.error.code, 'nothing-found');
    h.clipboard_.image = qrImage({ texts: [uri('Keycloak:ann')] });
    const r = await call(h.dispatch, 'our-page', 'import/scan-clipboard');
    assert.equal(r.ok && r.value.items[0].label, 'Keycloak: ann');
  });

  it('scans every display and keeps the codes found on any of them', async () => {
    const blank = { name: 'Display 1', width: 64, height: 48, rgba: new Uint8Array(64 * 48 * 4).fill(255) };
    const withCode = { name: 'Display 2', encoded: qrImage({ texts: [uri('Windows:logon')], style: 'screenshot' }) };
    const h = await makeHarness({ capture: { captureScreens: async () => [blank, withCode] } });
    const r = await call(h.dispatch, 'our-page', 'import/scan-screen');
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual([r.value.items.map((i) => i.label), r.value.notes], [['Windows: logon'], []]);
  });

  it('says that screen capture is unavailable where the host has none', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'import/scan-screen');
    assert.equal(!r.ok && r.error.code, 'capture-unavailable');
  });

  it('checks a typed account like a scanned one', async () => {
    const h = await makeHarness();
    const bad = await call(h.dispatch, 'our-page', 'import/typed', {
      secret: 'JBSW1Y3D',
      encoding: 'base32',
      kind: 'totp',
      digits: 6,
      period: 30,
      issuer: 'Site',
    });
    assert.equal(!bad.ok && bad.error.code, 'bad-input');
    const r = await call(h.dispatch, 'our-page', 'import/typed', {
      secret: RFC_B32,
      encoding: 'base32',
      kind: 'hotp',
      digits: 8,
      counter: '7',
      issuer: 'VPN',
    });
    assert.deepEqual(r.ok && [r.value.items[0].details, r.value.items[0].target?.slot], [
      { kind: 'hotp', digits: 8, counter: '7', issuer: 'VPN' },
      { kind: 'hotp', index: 0 },
    ]);
  });

  it('shows the secret only when asked, as grouped base32', async () => {
    const h = await makeHarness();
    const { id } = await review(h, uri('GitHub:ann'));
    const r = await call(h.dispatch, 'our-page', 'import/reveal-secret', { id, index: 0 });
    assert.deepEqual(r, { ok: true, value: { secret: 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ' } });
  });

  it('forgets a discarded import and its secrets', async () => {
    const h = await makeHarness();
    const { id } = await review(h, uri('GitHub:ann'));
    assert.deepEqual(await call(h.dispatch, 'our-page', 'import/discard', { id }), {
      ok: true,
      value: { isDiscarded: true },
    });
    const r = await call(h.dispatch, 'our-page', 'import/reveal-secret', { id, index: 0 });
    assert.equal(!r.ok && r.error.code, 'import-expired');
    assert.equal(h.imports.size, 0);
  });

  it('forgets an import left unused for 30 minutes', async () => {
    const h = await makeHarness();
    const { id } = await review(h, uri('GitHub:ann'));
    h.clock.ms += 31 * 60 * 1000;
    const r = await call(h.dispatch, 'our-page', 'import/replan', { id });
    assert.equal(!r.ok && r.error.code, 'import-expired');
  });
});

describe('import service: writing and checking', () => {
  it('writes a TOTP account and returns the token code that matches the secret', async () => {
    const h = await makeHarness();
    const { id, items } = await review(h, uri('GitHub:ann'));
    const r = await call(h.dispatch, 'our-page', 'import/write', {
      id,
      choices: [{ index: 0, slot: items[0].target!.slot, name: 'GitHub' }],
      isConfirmed: false,
      adminPin: '12345678',
    });
    assert.ok(r.ok, JSON.stringify(r));
    const [result] = r.value.results;
    assert.equal(result.check.ok, true);
    const expected = TOTP.generate({
      secret: new Secret({ buffer: RFC_KEY.slice().buffer }),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      timestamp: h.clock.now(),
    });
    assert.equal(result.check.ok && result.check.code, expected);
    assert.deepEqual(
      (await h.slots.list()).map((s) => s.name),
      ['GitHub'],
    );
  });

  it('checks a HOTP account with one counter step and says which counter it used', async () => {
    const h = await makeHarness();
    const { id } = await review(h, `otpauth://hotp/VPN?secret=${RFC_B32}&counter=0`);
    const r = await call(h.dispatch, 'our-page', 'import/write', {
      id,
      choices: [{ index: 0, slot: { kind: 'hotp', index: 0 }, name: 'VPN' }],
      isConfirmed: false,
      adminPin: '12345678',
    });
    assert.ok(r.ok);
    // RFC 4226 Appendix D: count 0 gives 755224.
    assert.deepEqual(r.value.results[0].check, { ok: true, kind: 'hotp', code: '755224', counter: '0' });
    assert.equal((await h.slots.list())[0].counter, '1');
  });

  it('reports a token code that does not match the secret as a failed check, never a success', async () => {
    const h = await makeHarness({ attach: false });
    await h.session.attach(wrongCodes(new VirtualTransport(h.virtual, 'x')));
    const { id } = await review(h, uri('GitHub:ann'));
    const r = await call(h.dispatch, 'our-page', 'import/write', {
      id,
      choices: [{ index: 0, slot: { kind: 'totp', index: 0 }, name: 'GitHub' }],
      isConfirmed: false,
      adminPin: '12345678',
    });
    assert.ok(r.ok);
    assert.equal(r.value.failure, undefined, JSON.stringify(r.value.failure));
    const check = r.value.results[0].check;
    assert.equal(check.ok, false);
    assert.match(!check.ok ? check.differences.join(' ') : '', /another secret/);
  });

  it('refuses, before writing, an account the token cannot hold', async () => {
    const h = await makeHarness({ firmwareMinor: 7 });
    // 32 bytes: more than the 20 of this old firmware.
    const { id, items } = await review(h, `otpauth://totp/Big?secret=${'A'.repeat(52)}`);
    assert.equal(items[0].refusal?.field, 'secret');
    const r = await call(h.dispatch, 'our-page', 'import/write', {
      id,
      choices: [{ index: 0, slot: { kind: 'totp', index: 0 }, name: 'Big' }],
      isConfirmed: true,
      adminPin: '12345678',
    });
    assert.equal(!r.ok && r.error.code, 'secret-too-long');
    assert.deepEqual(await h.slots.list(), []);
  });

  it('asks for the user PIN first when codes need it, and writes nothing until then', async () => {
    const h = await makeHarness();
    await call(h.dispatch, 'our-page', 'config/set', {
      isUserPinRequiredForCodes: true,
      lockKeys: { numlock: null, capslock: null, scrolllock: null },
      adminPin: '12345678',
    });
    const { id } = await review(h, uri('GitHub:ann'));
    const choices = [{ index: 0, slot: { kind: 'totp' as const, index: 0 }, name: 'GitHub' }];
    const r = await call(h.dispatch, 'our-page', 'import/write', { id, choices, isConfirmed: false });
    assert.equal(!r.ok && r.error.code, 'not-authorized');
    assert.deepEqual(await h.slots.list(), []);
    await call(h.dispatch, 'our-page', 'pin/verify', { kind: 'user', pin: '123456' });
    const ok = await call(h.dispatch, 'our-page', 'import/write', { id, choices, isConfirmed: false });
    assert.equal(ok.ok && ok.value.results[0].check.ok, true);
  });

  it('plans the same import again for a second token', async () => {
    const h = await makeHarness();
    const { id } = await review(h, uri('GitHub:ann'));
    await call(h.dispatch, 'our-page', 'import/write', {
      id,
      choices: [{ index: 0, slot: { kind: 'totp', index: 0 }, name: 'GitHub' }],
      isConfirmed: false,
      adminPin: '12345678',
    });
    const first = (await h.session.current())!.serial;
    const spare = await makeHarness();
    await h.session.attach(new VirtualTransport(spare.virtual, 'spare'));
    const again = await call(h.dispatch, 'our-page', 'import/replan', { id });
    assert.ok(again.ok);
    assert.notEqual(again.value.tokenSerial, first);
    assert.deepEqual(again.value.items[0].target?.slot, { kind: 'totp', index: 0 });
    const w = await call(h.dispatch, 'our-page', 'import/write', {
      id,
      choices: [{ index: 0, slot: { kind: 'totp', index: 0 }, name: 'GitHub' }],
      isConfirmed: false,
      adminPin: '12345678',
    });
    assert.equal(w.ok && w.value.results[0].check.ok, true);
  });
});

describe('import service: restoring onto a token that holds some of the accounts', () => {
  const B32 = { github: 'JBSWY3DPEHPK3PXP', mail: RFC_B32, bank: 'MFRGGZDFMZTWQ2LK' };
  const account = (u: string) => {
    const r = parseOtpauthUri(u);
    assert.ok(r.ok);
    return r.value;
  };
  const entry = (u: string, name: string, slot: SlotRef) => ({
    account: account(u),
    name,
    slot,
    addedAt: '2026-01-01T00:00:00Z',
  });
  /** A backup of three TOTP accounts, as if made on a token where they sat in TOTP 1 to 3. */
  const three = (): BackupContents => ({
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    accounts: [
      entry(`otpauth://totp/GitHub:octo?secret=${B32.github}&issuer=GitHub`, 'GitHub:octo', { kind: 'totp', index: 0 }),
      entry(`otpauth://totp/Mail:ann?secret=${B32.mail}&issuer=Mail&digits=8`, 'Mail:ann', { kind: 'totp', index: 1 }),
      entry(`otpauth://totp/Bank:bob?secret=${B32.bank}&issuer=Bank&period=60`, 'Bank:bob', { kind: 'totp', index: 2 }),
    ],
  });
  const where = (s: SlotRef) => `${s.kind}:${s.index + 1}`;
  async function setSlot(
    h: Harness,
    slot: SlotRef,
    name: string,
    secret: string,
    more: { digits?: 6 | 8; period?: number; counter?: string } = {},
  ) {
    const r = await call(h.dispatch, 'our-page', 'slot/write', {
      slot,
      name,
      secret: { text: secret, encoding: 'base32' },
      digits: more.digits ?? 6,
      ...(slot.kind === 'totp' ? { period: more.period ?? 30 } : { counter: more.counter ?? '0' }),
      adminPin: '12345678',
      isOverwriteConfirmed: false,
    });
    assert.ok(r.ok, JSON.stringify(r));
  }
  async function writeTargets(h: Harness, review: ImportReview) {
    const choices = review.items
      .filter((i) => i.target)
      .map((i) => ({ index: i.index, slot: i.target!.slot, name: i.target!.name }));
    return call(h.dispatch, 'our-page', 'import/write', {
      id: review.id,
      choices,
      isConfirmed: true,
      adminPin: '12345678',
    });
  }

  it('writes only the two accounts the token lacks, and lists the third as already on it', async () => {
    const h = await makeHarness();
    await setSlot(h, { kind: 'totp', index: 4 }, 'Mail:ann', B32.mail, { digits: 8 });
    const review = await h.imports.fromBackup('/backups/three.keyslot', three());
    assert.deepEqual(review.alreadyOnToken, [
      { index: 1, label: 'Mail: ann', slot: { kind: 'totp', index: 4 }, name: 'Mail:ann' },
    ]);
    assert.deepEqual(
      review.items.map((i) => i.target && where(i.target.slot)),
      ['totp:1', undefined, 'totp:3'],
    );
    assert.equal(review.problem, undefined);
    const all = await call(h.dispatch, 'our-page', 'import/write', {
      id: review.id,
      choices: [
        ...review.items
          .filter((i) => i.target)
          .map((i) => ({ index: i.index, slot: i.target!.slot, name: i.target!.name })),
        { index: 1, slot: { kind: 'totp', index: 1 }, name: 'Mail:ann' },
      ],
      isConfirmed: true,
      adminPin: '12345678',
    });
    assert.equal(!all.ok && all.error.code, 'bad-request', 'the account already there is not written again');
    const w = await writeTargets(h, review);
    assert.ok(w.ok, JSON.stringify(w));
    assert.deepEqual(
      w.value.results.map((r) => [r.name, r.check.ok]),
      [
        ['GitHub:octo', true],
        ['Bank:bob', true],
      ],
    );
    assert.deepEqual(
      (await h.slots.list()).map((s) => `${where(s.slot)}=${s.name}`),
      ['totp:1=GitHub:octo', 'totp:3=Bank:bob', 'totp:5=Mail:ann'],
    );
  });

  it('writes an account whose same-name slot gives another code elsewhere, with the duplicate-name note', async () => {
    const h = await makeHarness();
    await setSlot(h, { kind: 'totp', index: 0 }, 'GitHub:octo', 'GEZDGNBVGY3TQOJQ');
    const review = await h.imports.fromBackup('/backups/three.keyslot', three());
    assert.deepEqual(review.alreadyOnToken, []);
    assert.equal(review.items[0].target?.name, 'GitHub:octo');
    assert.notDeepEqual(review.items[0].target?.slot, { kind: 'totp', index: 0 });
    assert.deepEqual(review.notes, [
      'totp:1 is already called "GitHub:octo"; select slots by number to tell them apart.',
    ]);
  });

  it('writes an HOTP account with a same-name slot as before, without using a code of that slot', async () => {
    const h = await makeHarness();
    await setSlot(h, { kind: 'hotp', index: 0 }, 'VPN', B32.github, { counter: '7' });
    const counter = async () => (await h.session.use((t) => t.readSlot({ kind: 'hotp', index: 0 })))?.counter;
    const before = await counter();
    const contents = {
      ...three(),
      accounts: [entry(`otpauth://hotp/VPN?secret=${B32.github}&counter=7`, 'VPN', { kind: 'hotp', index: 0 })],
    };
    const review = await h.imports.fromBackup('/backups/vpn.keyslot', contents);
    assert.equal(await counter(), before);
    assert.deepEqual(review.alreadyOnToken, []);
    assert.deepEqual(review.items[0].target?.slot, { kind: 'hotp', index: 1 });
    assert.ok(
      review.notes.some((n) => /HOTP slots cannot be compared without using up a code/.test(n)),
      review.notes.join('\n'),
    );
  });

  it('writes nothing when the same backup is restored again, and says every account is there already', async () => {
    const h = await makeHarness();
    const first = await h.imports.fromBackup('/backups/three.keyslot', three());
    assert.ok((await writeTargets(h, first)).ok);
    h.clock.ms += 65_000;
    const again = await h.imports.fromBackup('/backups/three.keyslot', three());
    assert.deepEqual(
      again.alreadyOnToken?.map((a) => [a.index, where(a.slot)]),
      [
        [0, 'totp:1'],
        [1, 'totp:2'],
        [2, 'totp:3'],
      ],
    );
    assert.ok(again.items.every((i) => !i.target && !i.refusal));
    assert.equal(again.problem, undefined);
  });
});
