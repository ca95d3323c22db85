/**
 * The backup contents' versions (device/backup/contents.ts): version 2 keeps SHA-256, 7 digits and a
 * Nitrokey 3's longer names; version 1 (no `version` field) is read as it always was and may hold none of
 * them; an unknown version is refused. Planning a slot token asks its caps (enrol/plan.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentsFromJson, contentsToJson, type BackupContents } from '../../../device/backup/contents';
import { backupCandidates } from '../../../device/backup/restore';
import { NAMES_CAPS } from '../../../device/index';
import { PROBLEMS_EN } from '../../../shared/vocabulary/problems-en';

const secret = new TextEncoder().encode('12345678901234567890123456789012');
const at = '2026-12-01T10:00:00.000Z';
const LONG = 'A rather long Nitrokey 3 name:someone@example.org';
const contents: BackupContents = {
  createdAt: at,
  updatedAt: at,
  accounts: [
    {
      account: { kind: 'totp', secret, digits: 7, algorithm: 'SHA256', period: 30, name: LONG },
      name: LONG,
      addedAt: at,
    },
    { account: { kind: 'hotp', secret, digits: 6, counter: 3n, name: 'h' }, name: 'h', addedAt: at },
  ],
};

const accountJson = (extra: Record<string, unknown>) =>
  JSON.stringify({
    ...extra,
    createdAt: at,
    updatedAt: at,
    accounts: [
      {
        kind: 'totp',
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        digits: 6,
        period: 30,
        name: 'n',
        addedAt: at,
        ...(extra.account as object),
      },
    ],
  });

describe('backup contents versions', () => {
  it('version 2 round-trips SHA-256, 7 digits and a long name; SHA-1 stays implicit', () => {
    const json = contentsToJson(contents);
    const raw = JSON.parse(json);
    assert.equal(raw.version, 2);
    assert.deepEqual(
      raw.accounts.map((a: { algorithm: string }) => a.algorithm),
      ['SHA256', 'SHA1'],
    );
    assert.deepEqual(contentsFromJson(json), contents);
  });

  it('version 1 reads SHA-1 accounts and refuses what it could not hold', () => {
    assert.equal(typeof contentsFromJson(accountJson({})), 'object');
    assert.match(String(contentsFromJson(accountJson({ account: { digits: 7 } }))), /invalid digits/);
    assert.match(String(contentsFromJson(accountJson({ account: { algorithm: 'SHA256' } }))), /algorithm/);
    assert.match(String(contentsFromJson(accountJson({ account: { name: 'sixteen bytes!!!' } }))), /invalid name/);
  });

  it('refuses an unknown version and an unknown algorithm', () => {
    assert.match(String(contentsFromJson(accountJson({ version: 3 }))), /version/);
    assert.match(String(contentsFromJson(accountJson({ version: 2, account: { algorithm: 'SHA512' } }))), /algorithm/);
  });

  it('a slot token refuses SHA-256 and 7 digits with the reasons its caps give', () => {
    const facts = { model: 'pro' as const, maxSecretBytes: 40, slots: [] };
    const [c] = backupCandidates(contents, facts);
    assert.equal(c.ok, false);
    assert.equal(!c.ok && c.problem, PROBLEMS_EN.algorithmNotSha1({ algorithm: 'SHA256' }));
    const sha256Only = {
      ...contents,
      accounts: [{ ...contents.accounts[0], account: { ...contents.accounts[0].account, algorithm: undefined } }],
    };
    const [d] = backupCandidates(sha256Only, facts);
    assert.equal(!d.ok && d.problem, PROBLEMS_EN.tokenDigits);
    const [e] = backupCandidates(contents, { ...facts, caps: NAMES_CAPS });
    assert.equal(!e.ok && e.field, 'algorithm'); // caps that allow them: a slot still cannot hold them
  });
});
