import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planImport, type TokenFacts } from '../../../device/enrol/plan';
import { readImportTexts } from '../../../device/otp/index';
import { SLOT_COUNT } from '../../../device/protocol/commands';

function facts(occupied: string[] = [], over: Partial<TokenFacts> = {}): TokenFacts {
  const slots = (['hotp', 'totp'] as const).flatMap((kind) =>
    Array.from({ length: SLOT_COUNT[kind] }, (_, index) => ({
      slot: { kind, index },
      name: occupied.includes(`${kind}:${index + 1}`) ? `used ${kind}:${index + 1}` : null,
    })),
  );
  return { model: 'pro', maxSecretBytes: 40, slots, ...over };
}
const uri = (label: string, extra = '', kind = 'totp') => `otpauth://${kind}/${label}?secret=JBSWY3DPEHPK3PXP${extra}`;
const plan = (uris: string[], f = facts(), opts = {}) => planImport(readImportTexts(uris).candidates, f, opts);
const ref = (s: { kind: string; index: number }) => `${s.kind}:${s.index + 1}`;

describe('planImport', () => {
  it('proposes the first free slot of the right kind for each account', () => {
    const p = plan([uri('A:a'), uri('B:b', '&counter=0', 'hotp'), uri('C:c')], facts(['totp:1', 'totp:2', 'hotp:1']));
    assert.deepEqual(
      p.assignments.map((a) => [a.name, ref(a.slot)]),
      [
        ['A:a', 'totp:3'],
        ['B:b', 'hotp:2'],
        ['C:c', 'totp:4'],
      ],
    );
    assert.equal(p.problem, undefined);
  });

  it('shortens a long name to 15 bytes and flags it for the user to OK', () => {
    const [a] = plan([uri('ACME%20Corporation:john.doe%40example.com')]).assignments;
    assert.equal(a.name, 'ACME:john.doe');
    assert.equal(a.isNameChanged, true);
    assert.match(
      a.nameNote ?? '',
      /"ACME Corporation:john.doe@example.com" has 37 bytes; the token stores 15, so it is called "ACME:john.doe"\. That is the issuer.s first word and the account up to the @\./,
    );
  });

  it('does not shorten a name to one a programmed slot already has, but may reuse the name of the slot it replaces', () => {
    const named = (name: string) => facts(['totp:1']).slots.map((s) => (s.name ? { ...s, name } : s));
    const long = uri('Protectimus:someone%40example.com');
    assert.equal(plan([long]).assignments[0].name, 'Protectimus');
    assert.equal(plan([long], facts([], { slots: named('Protectimus') })).assignments[0].name, 'someone');
    const replacing = plan([long], facts([], { slots: named('Protectimus') }), { slot: { kind: 'totp', index: 0 } });
    assert.deepEqual(
      replacing.assignments.map((a) => [a.name, a.replaces]),
      [['Protectimus', 'Protectimus']],
    );
  });

  it('keeps a name the person chose, and a name that fits, as they are', () => {
    const p = plan([uri('ACME%20Corporation:john.doe%40example.com')], facts(), { name: 'ACME Corporation work' });
    assert.deepEqual(
      p.assignments.map((a) => [a.name, a.isNameChanged, a.nameNote]),
      [['ACME Corporation work', false, undefined]],
    );
    const fits = plan([uri('GitHub:alice'), uri('GitHub:bob')], facts(['totp:1']));
    assert.deepEqual(
      fits.assignments.map((a) => [a.name, a.isNameChanged]),
      [
        ['GitHub:alice', false],
        ['GitHub:bob', false],
      ],
    );
  });

  it('refuses the whole import when the accounts outnumber the free slots of their kind', () => {
    const p = plan([uri('A:a', '&counter=0', 'hotp'), uri('B:b', '&counter=0', 'hotp')], facts(['hotp:1', 'hotp:2']));
    assert.deepEqual(p.assignments, []);
    assert.equal(
      p.problem,
      '2 HOTP accounts but only 1 free HOTP slot. Erase slots you no longer use (keyslot otp erase SLOT), or import fewer accounts; nothing was written.',
    );
  });

  it('refuses a 40-byte secret on old firmware and says what would store it', () => {
    const long = 'otpauth://totp/L:l?secret=' + 'A'.repeat(64);
    const p = plan([long, uri('S:s')], facts([], { maxSecretBytes: 20 }));
    assert.deepEqual(
      p.assignments.map((a) => a.name),
      ['S:s'],
    );
    assert.equal(p.refusals.length, 1);
    assert.match(
      p.refusals[0].problem,
      /secret has 40 bytes; this token's firmware stores at most 20\. A firmware update/,
    );
  });

  it('lists URIs the token cannot do among the refusals with their reasons', () => {
    const p = plan([uri('X:x', '&algorithm=SHA512'), uri('Y:y', '&digits=7'), uri('Z:z')]);
    assert.deepEqual(
      p.refusals.map((r) => [r.label, r.field]),
      [
        ['X:x', 'algorithm'],
        ['Y:y', 'digits'],
      ],
    );
    assert.deepEqual(
      p.assignments.map((a) => a.name),
      ['Z:z'],
    );
  });

  it('never proposes TOTP slot 15 on a Nitrokey Storage', () => {
    const occupied = Array.from({ length: 14 }, (_, i) => `totp:${i + 1}`);
    const p = plan([uri('A:a')], facts(occupied, { model: 'storage' }));
    assert.match(p.problem ?? '', /1 TOTP account but no free TOTP slots/);
    assert.ok(plan([uri('A:a')], facts(occupied)).assignments.length === 1, 'a Pro has slot 15');
  });

  it('puts one account into a chosen slot, naming what it replaces, and refuses a slot of the wrong kind', () => {
    const p = plan([uri('A:a')], facts(['totp:7']), { slot: { kind: 'totp', index: 6 }, name: 'mine' });
    assert.deepEqual(
      p.assignments.map((a) => [a.name, ref(a.slot), a.replaces]),
      [['mine', 'totp:7', 'used totp:7']],
    );
    const wrong = plan([uri('A:a')], facts(), { slot: { kind: 'hotp', index: 0 } });
    assert.match(wrong.problem ?? '', /This is a TOTP account, but hotp:1 is a HOTP slot/);
  });
});
