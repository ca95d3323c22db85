import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ImportReview } from '../../../electron/ipc/contract';
import { call } from '../../../electron/ipc/serve';
import { makeHarness, typedFile, type Harness } from '../support/harness';

const RFC_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const TWO = `otpauth://totp/GitHub:ann?secret=${RFC_B32}&issuer=GitHub otpauth://hotp/VPN?secret=JBSWY3DPEHPK3PXP&counter=3`;
const dir = mkdtempSync(join(tmpdir(), 'keyslot-backup-svc-'));
let n = 0;
const newPath = (ext = 'keyslot-backup') => join(dir, `b${++n}.${ext}`);

/** Handles for `path` from the web host's stand-in dialog, to save to and to open. */
const saveTo = (h: Harness, path: string) => typedFile(h.dispatch, 'backup-save', path);
const openAt = (h: Harness, path: string) => typedFile(h.dispatch, 'backup-open', path);

async function imported(h: Harness, text = TWO): Promise<ImportReview> {
  const r = await call(h.dispatch, 'our-page', 'import/read-text', { text });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

/** Writes every planned account of a review; returns the result. */
async function writeAll(h: Harness, review: ImportReview) {
  const choices = review.items
    .filter((i) => i.target)
    .map((i) => ({ index: i.index, slot: i.target!.slot, name: i.target!.name }));
  const r = await call(h.dispatch, 'our-page', 'import/write', {
    id: review.id,
    choices,
    isConfirmed: true,
    adminPin: '12345678',
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
}

describe('backup service', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up an import, erases the token, and restores every account to the slots they had', async () => {
    const h = await makeHarness();
    const review = await imported(h);
    const path = newPath();
    const added = await call(h.dispatch, 'our-page', 'backup/add', {
      id: review.id,
      indexes: [0, 1],
      file: await saveTo(h, path),
      password: 'correct horse',
    });
    assert.deepEqual(added, { ok: true, value: { name: basename(path), accountCount: 2 } });
    await writeAll(h, review);
    await call(h.dispatch, 'our-page', 'token/factory-reset', { adminPin: '12345678', confirmation: 'RESET' });
    assert.deepEqual(await h.slots.list(), []);
    const restore = await call(h.dispatch, 'our-page', 'backup/open', {
      file: await openAt(h, path),
      password: 'correct horse',
    });
    assert.ok(restore.ok, JSON.stringify(restore));
    assert.equal(restore.value.source, 'backup');
    assert.deepEqual(
      restore.value.items.map((i) => [i.target?.name, i.target?.slot]),
      [
        ['GitHub:ann', { kind: 'totp', index: 0 }],
        ['VPN', { kind: 'hotp', index: 0 }],
      ],
    );
    const written = await writeAll(h, restore.value);
    assert.deepEqual(
      written.results.map((r) => r.check.ok),
      [true, true],
    );
    assert.deepEqual(
      (await h.slots.list()).map((s) => s.name),
      ['GitHub:ann', 'VPN'],
    );
  });

  it('writes the backup file readable by its owner only', async () => {
    const h = await makeHarness();
    const review = await imported(h);
    const path = newPath();
    await call(h.dispatch, 'our-page', 'backup/add', {
      id: review.id,
      indexes: [0],
      file: await saveTo(h, path),
      password: 'pw',
    });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.doesNotMatch(readFileSync(path, 'utf8'), new RegExp(RFC_B32.slice(0, 10)));
  });

  it('adds to an existing backup only with its password', async () => {
    const h = await makeHarness();
    const review = await imported(h);
    const path = newPath();
    await call(h.dispatch, 'our-page', 'backup/add', {
      id: review.id,
      indexes: [0],
      file: await saveTo(h, path),
      password: 'first',
    });
    const wrong = await call(h.dispatch, 'our-page', 'backup/add', {
      id: review.id,
      indexes: [1],
      file: await saveTo(h, path),
      password: 'second',
    });
    assert.equal(!wrong.ok && wrong.error.code, 'backup-wrong-password');
    const right = await call(h.dispatch, 'our-page', 'backup/add', {
      id: review.id,
      indexes: [1],
      file: await saveTo(h, path),
      password: 'first',
    });
    assert.equal(right.ok && right.value.accountCount, 2);
  });

  it('restores nothing with a wrong password', async () => {
    const h = await makeHarness();
    const path = newPath();
    await call(h.dispatch, 'our-page', 'backup/add', {
      id: (await imported(h)).id,
      indexes: [0, 1],
      file: await saveTo(h, path),
      password: 'right',
    });
    const r = await call(h.dispatch, 'our-page', 'backup/open', { file: await openAt(h, path), password: 'wrong' });
    assert.equal(!r.ok && r.error.code, 'backup-wrong-password');
    assert.equal(h.imports.size, 1);
  });

  it('restores nothing from a backup changed after it was written', async () => {
    const h = await makeHarness();
    const path = newPath();
    await call(h.dispatch, 'our-page', 'backup/add', {
      id: (await imported(h)).id,
      indexes: [0, 1],
      file: await saveTo(h, path),
      password: 'pw',
    });
    const file = JSON.parse(readFileSync(path, 'utf8'));
    const ct = Buffer.from(file.ciphertext, 'base64');
    ct[3] ^= 0x20;
    writeFileSync(path, JSON.stringify({ ...file, ciphertext: ct.toString('base64') }));
    const r = await call(h.dispatch, 'our-page', 'backup/open', { file: await openAt(h, path), password: 'pw' });
    assert.equal(!r.ok && r.error.code, 'backup-tampered');
  });

  it('restores all of a backup or nothing', async () => {
    const h = await makeHarness();
    const path = newPath();
    await call(h.dispatch, 'our-page', 'backup/add', {
      id: (await imported(h)).id,
      indexes: [0, 1],
      file: await saveTo(h, path),
      password: 'pw',
    });
    const restore = await call(h.dispatch, 'our-page', 'backup/open', { file: await openAt(h, path), password: 'pw' });
    assert.ok(restore.ok);
    const first = restore.value.items[0];
    const r = await call(h.dispatch, 'our-page', 'import/write', {
      id: restore.value.id,
      choices: [{ index: 0, slot: first.target!.slot, name: first.target!.name }],
      isConfirmed: true,
      adminPin: '12345678',
    });
    assert.equal(!r.ok && r.error.code, 'bad-request');
    assert.deepEqual(await h.slots.list(), []);
  });

  it('saves a recovery sheet with one QR code per account, and never over a file', async () => {
    const h = await makeHarness();
    const review = await imported(h);
    const path = newPath('html');
    assert.deepEqual(
      await call(h.dispatch, 'our-page', 'backup/save-sheet', {
        id: review.id,
        indexes: [0, 1],
        file: await typedFile(h.dispatch, 'sheet-save', path),
      }),
      { ok: true, value: { name: basename(path) } },
    );
    const html = readFileSync(path, 'utf8');
    assert.equal(html.match(/<svg /g)?.length, 2);
    assert.match(html, /GitHub:ann/);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const again = await call(h.dispatch, 'our-page', 'backup/save-sheet', {
      id: review.id,
      indexes: [0],
      file: await typedFile(h.dispatch, 'sheet-save', path),
    });
    assert.equal(!again.ok && again.error.code, 'backup-exists');
  });

  it('asks the host for a file where it has dialogs, and refuses where it has none', async () => {
    const asked: string[] = [];
    const h = await makeHarness({
      files: { choose: async (purpose) => (asked.push(purpose), purpose === 'backup-open' ? null : '/tmp/chosen') },
    });
    const chosen = await call(h.dispatch, 'our-page', 'backup/choose-file', { purpose: 'backup-save' });
    assert.ok(chosen.ok && chosen.value, JSON.stringify(chosen));
    assert.equal(chosen.value.name, 'chosen');
    assert.match(chosen.value.handle, /^[A-Za-z0-9_-]{22}$/);
    assert.doesNotMatch(JSON.stringify(chosen), /\/tmp/, 'the page never sees the folder');
    assert.deepEqual(await call(h.dispatch, 'our-page', 'backup/choose-file', { purpose: 'backup-open' }), {
      ok: true,
      value: null,
    });
    assert.deepEqual(asked, ['backup-save', 'backup-open']);
    const web = await makeHarness();
    const r = await call(web.dispatch, 'our-page', 'backup/choose-file', { purpose: 'backup-save' });
    assert.equal(!r.ok && r.error.code, 'bad-request');
    const info = await call(web.dispatch, 'our-page', 'app/info');
    assert.deepEqual(info.ok && [info.value.hasFileDialogs, info.value.canCaptureScreen], [false, false]);
  });
});
