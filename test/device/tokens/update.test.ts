/**
 * updateCredential on both families. The Nitrokey 3's UPDATE CREDENTIAL bytes are checked against the
 * protocol reference's example (nitrokey3-secrets.md §10.9, "UPDATE rename+touch"), never our encoder;
 * codes are RFC 6238 Appendix B (SHA1, 8 digits, T = 59: 94287082).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NameSession,
  Nk3Session,
  SlotSession,
  Token,
  VirtualNk3,
  VirtualToken,
  VirtualTransport,
  type ApduTransport,
  type CredentialChanges,
  type PinSource,
} from '../../../device/index';
import { FakeClock } from '../../support/fake-clock';

const RFC = new TextEncoder().encode('12345678901234567890');
const T59 = 59_000;
const hex = (s: string) => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));
/** §10.9: UPDATE "GitHub" → name "GitLab", touch on. */
const GOLDEN_UPDATE = hex('00 B7 00 00 13 71 06 47 69 74 48 75 62 71 06 47 69 74 4C 61 62 78 01 02');

function recording(t: ApduTransport) {
  const sent: Uint8Array[] = [];
  const r: ApduTransport = {
    wire: t.wire,
    transmit: (a: Uint8Array, o?: { timeoutMs?: number }) => (sent.push(Uint8Array.from(a)), t.transmit(a, o)),
    close: () => t.close(),
  };
  return { t: r, sent };
}

async function nk3() {
  const device = VirtualNk3.create();
  const rec = recording(await device.openCtaphid());
  const s = new NameSession(new Nk3Session(rec.t, { now: () => T59 }), {
    model: 'nk3',
    path: 't',
    isVirtual: true,
    serialNumber: '',
  });
  return { device, s, sent: rec.sent };
}

const updates = (sent: Uint8Array[]) => sent.filter((a) => a[1] === 0xb7);

describe('NameSession.updateCredential', () => {
  it('renames and sets touch with the reference bytes; the code stays the same', async () => {
    const { device, s, sent } = await nk3();
    await s.writeCredential({ name: 'GitHub', kind: 'totp', secret: RFC, digits: 8 });
    const touches = device.touch.requests;
    const ref = await s.updateCredential({ name: 'GitHub' }, { name: 'GitLab', isTouchRequired: true });
    assert.deepEqual(ref, { name: 'GitLab' });
    assert.deepEqual(updates(sent), [GOLDEN_UPDATE]);
    assert.equal(device.touch.requests, touches + 1);
    const [c] = await s.listCredentials();
    assert.deepEqual([c.name, c.isTouchRequired], ['GitLab', true]);
    assert.equal((await s.getCode(ref, { unixMs: T59 })).code, '94287082');
  });

  it('keeps a TOTP period prefix on rename', async () => {
    const { s } = await nk3();
    await s.writeCredential({ name: 'mail', kind: 'totp', secret: RFC, digits: 8, period: 60 });
    assert.deepEqual(await s.updateCredential({ name: '60/mail' }, { name: 'post' }), { name: '60/post' });
    assert.equal((await s.listCredentials())[0].period, 60);
  });

  it('refuses before sending what the firmware cannot change, a taken name and no change', async () => {
    const { s, sent } = await nk3();
    await s.writeCredential({ name: 'a', kind: 'totp', secret: RFC });
    await s.writeCredential({ name: 'b', kind: 'totp', secret: RFC });
    const refused = async (changes: CredentialChanges, code: string, reason?: string) => {
      await assert.rejects(s.updateCredential({ name: 'a' }, changes), (e: { code: string; info: object }) => {
        assert.equal(e.code, code);
        if (reason) assert.equal((e.info as { reason?: string }).reason, reason);
        return true;
      });
    };
    await refused({ secret: RFC } as unknown as CredentialChanges, 'bad-input', 'not-editable');
    await refused({ algorithm: 'SHA256' } as unknown as CredentialChanges, 'bad-input', 'not-editable');
    await refused({ isPinProtected: true } as unknown as CredentialChanges, 'bad-input', 'not-editable');
    await refused({}, 'bad-input', 'nothing-to-change');
    await refused({ name: 'a' }, 'bad-input', 'nothing-to-change');
    await refused({ name: 'b' }, 'credential-exists');
    await refused({ name: 'x'.repeat(129) }, 'name-too-long');
    await refused({ login: 'l'.repeat(129) }, 'pws-field-too-long');
    assert.deepEqual(updates(sent), []);
  });

  it('changes one password field and resends the others, which the firmware would clear', async () => {
    const { s, sent } = await nk3();
    await s.writeCredential({ name: 'm', kind: 'totp', secret: RFC, login: 'alice', password: 's3cr3t', comment: 'c' });
    await s.updateCredential({ name: 'm' }, { login: 'bob' });
    const got = await s.pwsGet({ name: 'm' });
    assert.deepEqual([got.login, got.password, got.comment], ['bob', 's3cr3t', 'c']);
    await s.updateCredential({ name: 'm' }, { comment: '' });
    const cleared = await s.pwsGet({ name: 'm' });
    assert.deepEqual([cleared.login, cleared.password, cleared.comment], ['bob', 's3cr3t', undefined]);
    assert.equal(updates(sent).length, 2);
  });

  it('a PIN-protected credential: found and updated with the PIN, asked once; refused without', async () => {
    const { s } = await nk3();
    await s.changePin('pin', undefined, '1234');
    const asked: string[] = [];
    const pin: PinSource = async (r) => (asked.push(r.purpose), '1234');
    await s.writeCredential({ name: 'p', kind: 'totp', secret: RFC, digits: 8, isPinProtected: true }, { pin });
    await assert.rejects(s.updateCredential({ name: 'p' }, { name: 'q' }), { code: 'credential-not-found' });
    asked.length = 0;
    assert.deepEqual(await s.updateCredential({ name: 'p' }, { name: 'q' }, { pin }), { name: 'q' });
    assert.equal(asked.length, 1);
    assert.equal((await s.getCode({ name: 'q' }, { unixMs: T59, pin })).code, '94287082');
  });
});

describe('SlotSession.updateCredential', () => {
  async function pro() {
    const clock = new FakeClock(T59);
    const vt = VirtualToken.create({ model: 'pro', latency: 'none', clock });
    const token = await Token.open(new VirtualTransport(vt), { clock });
    const pin: PinSource = async (r) => (r.role === 'admin' ? '12345678' : '123456');
    return { s: new SlotSession(token, () => clock.now()), pin };
  }

  it('renames a slot by rewriting it without the secret: the codes and counter stay', async () => {
    const { s, pin } = await pro();
    const totp = { kind: 'totp' as const, index: 2 };
    const hotp = { kind: 'hotp' as const, index: 1 };
    await s.writeCredential({ slot: totp, name: 'old', kind: 'totp', secret: RFC, digits: 8 }, { pin });
    await s.writeCredential({ slot: hotp, name: 'hot', kind: 'hotp', secret: RFC, digits: 6 }, { pin });
    assert.equal((await s.getCode({ slot: hotp }, { pin })).code, '755224');
    assert.deepEqual(await s.updateCredential({ slot: totp }, { name: 'new' }, { pin }), { slot: totp });
    await s.updateCredential({ slot: hotp }, { name: 'warm' }, { pin });
    const listed = await s.listCredentials();
    assert.deepEqual(listed.map((c) => [c.name, c.digits]).sort(), [
      ['new', 8],
      ['warm', 6],
    ]);
    assert.equal((await s.getCode({ slot: totp }, { unixMs: T59, pin })).code, '94287082');
    // RFC 4226 Appendix D, count 1 (the rename kept the counter the first code advanced).
    assert.equal((await s.getCode({ slot: hotp }, { pin })).code, '287082');
  });

  it('refuses what a slot cannot change, no change and an empty slot', async () => {
    const { s, pin } = await pro();
    const slot = { kind: 'totp' as const, index: 0 };
    await s.writeCredential({ slot, name: 'x', kind: 'totp', secret: RFC }, { pin });
    await assert.rejects(s.updateCredential({ slot }, { isTouchRequired: true }, { pin }), {
      code: 'bad-input',
      info: { reason: 'not-editable', field: 'isTouchRequired' },
    });
    await assert.rejects(s.updateCredential({ slot }, { name: 'x' }, { pin }), { code: 'bad-input' });
    await assert.rejects(s.updateCredential({ slot: { kind: 'totp', index: 5 } }, { name: 'y' }, { pin }), {
      code: 'credential-not-found',
    });
    assert.deepEqual(s.caps.editable, ['name']);
  });
});
