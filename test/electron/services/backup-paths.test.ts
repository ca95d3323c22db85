/**
 * Issue 9 item 10: the page names files only by the opaque handles main handed out from its own
 * dialog (or, in the web host, its stand-in 'backup/typed-file'), for one purpose and for a while.
 * Every request that reads or writes a file refuses a raw path with 'path-not-chosen' and reads or
 * writes nothing; a handle chosen to open cannot save; an unknown or expired handle is refused; the
 * page sees file names, never folders.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ErrorPayload } from '../../../electron/ipc/contract';
import { call, type Dispatch } from '../../../electron/ipc/serve';
import { FILE_HANDLE_TTL_MS, MAX_FILE_HANDLES } from '../../../electron/services/file-grants';
import type { FilePurpose } from '../../../electron/services/import-ports';
import { makeHarness, typedFile, type Harness } from '../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'keyslot-paths-'));
const URI = 'otpauth://totp/GitHub:ann?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub';
const reason = (r: { ok: boolean; error?: ErrorPayload }) =>
  r.ok ? 'accepted' : `${r.error?.code}/${r.error?.reason}`;

/** A host with dialogs whose person picks `chosen[purpose]` (a fresh name each time when a function). */
async function electronLike(chosen: (purpose: FilePurpose) => string | null): Promise<Harness> {
  return makeHarness({ files: { choose: async (purpose) => chosen(purpose) } });
}

async function importId(d: Dispatch): Promise<string> {
  const review = await call(d, 'our-page', 'import/read-text', { text: URI });
  assert.ok(review.ok);
  return review.value.id;
}

async function choose(d: Dispatch, purpose: FilePurpose) {
  const r = await call(d, 'our-page', 'backup/choose-file', { purpose });
  assert.ok(r.ok && r.value, JSON.stringify(r));
  return r.value;
}

/** Every request that names a file, with `file` in its place. */
function fileRequests(d: Dispatch, id: string, file: string) {
  return {
    'backup/add': () => call(d, 'our-page', 'backup/add', { id, indexes: [0], file, password: 'pw' }),
    'backup/open': () => call(d, 'our-page', 'backup/open', { file, password: 'pw' }),
    'backup/save-sheet': () => call(d, 'our-page', 'backup/save-sheet', { id, indexes: [0], file }),
    'move/plan': () =>
      call(d, 'our-page', 'move/plan', { source: 'a', destination: 'b', backup: { file, password: 'pw' } }),
    'move/run': () => call(d, 'our-page', 'move/run', { id: 'x', backupFile: file, backupPassword: 'pw' }),
  };
}

describe('files named by handle only (issue 9 item 10)', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const host of ['electron', 'web'] as const) {
    it(`${host}: every request that names a file refuses a raw path, and reads or writes nothing`, async () => {
      const h = host === 'electron' ? await electronLike(() => join(dir, 'never.html')) : await makeHarness();
      const id = await importId(h.dispatch);
      const victim = join(dir, `victim-${host}.keyslot-backup`);
      writeFileSync(victim, 'not a backup');
      for (const raw of [join(dir, `evil-${host}.html`), victim, '/etc/passwd', 'relative.html']) {
        for (const [channel, send] of Object.entries(fileRequests(h.dispatch, id, raw)))
          assert.equal(reason(await send()), 'bad-request/path-not-chosen', `${channel} with ${raw}`);
      }
      assert.equal(existsSync(join(dir, `evil-${host}.html`)), false);
      assert.equal(existsSync(join(dir, 'relative.html')), false);
    });
  }

  it('electron: only its own dialog hands out files; the typed stand-in is refused there', async () => {
    const h = await electronLike(() => join(dir, 'dialog.html'));
    const r = await call(h.dispatch, 'our-page', 'backup/typed-file', {
      purpose: 'sheet-save',
      path: join(dir, 'typed.html'),
    });
    assert.equal(reason(r), 'bad-request/path-not-chosen');
  });

  it('a handle works only for the purpose it was chosen for', async () => {
    let n = 0;
    const h = await electronLike((purpose) => join(dir, `p${++n}.${purpose === 'sheet-save' ? 'html' : 'kb'}`));
    const id = await importId(h.dispatch);
    const open = await choose(h.dispatch, 'backup-open');
    const save = await choose(h.dispatch, 'backup-save');
    const sheet = await choose(h.dispatch, 'sheet-save');
    const wrong: [string, Record<string, () => Promise<{ ok: boolean; error?: ErrorPayload }>>][] = [
      [open.handle, { ...fileRequests(h.dispatch, id, open.handle) }],
      [save.handle, { ...fileRequests(h.dispatch, id, save.handle) }],
      [sheet.handle, { ...fileRequests(h.dispatch, id, sheet.handle) }],
    ];
    const allowed: Record<string, string[]> = {
      [open.handle]: ['backup/open', 'move/plan'],
      [save.handle]: ['backup/add', 'move/run'],
      [sheet.handle]: ['backup/save-sheet'],
    };
    for (const [handle, requests] of wrong) {
      for (const [channel, send] of Object.entries(requests)) {
        if (allowed[handle].includes(channel)) continue;
        assert.equal(reason(await send()), 'bad-request/file-handle-purpose', `${channel}`);
      }
    }
    // An 'open' handle can't be used to save: nothing was written at any of the chosen paths.
    for (let i = 1; i <= n; i++)
      assert.equal(existsSync(join(dir, `p${i}.kb`)) || existsSync(join(dir, `p${i}.html`)), false);
    // And each works for its own purpose: the page gets the name, never the folder.
    const added = await call(h.dispatch, 'our-page', 'backup/add', {
      id,
      indexes: [0],
      file: save.handle,
      password: 'pw',
    });
    assert.deepEqual(added, { ok: true, value: { name: save.name, accountCount: 1 } });
    const saved = await call(h.dispatch, 'our-page', 'backup/save-sheet', { id, indexes: [0], file: sheet.handle });
    assert.deepEqual(saved, { ok: true, value: { name: sheet.name } });
    assert.ok(!JSON.stringify([open, save, sheet, added, saved]).includes(dir), 'no folder reaches the page');
  });

  it('refuses a handle main never handed out, and one past its lifetime', async () => {
    const h = await electronLike(() => join(dir, 'late.kb'));
    const id = await importId(h.dispatch);
    const made = await call(h.dispatch, 'our-page', 'backup/add', {
      id,
      indexes: [0],
      file: (await choose(h.dispatch, 'backup-save')).handle,
      password: 'pw',
    });
    assert.ok(made.ok, JSON.stringify(made));
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAA';
    for (const [channel, send] of Object.entries(fileRequests(h.dispatch, id, unknown)))
      assert.equal(reason(await send()), 'bad-request/file-handle-expired', channel);
    const open = await choose(h.dispatch, 'backup-open');
    h.clock.ms += FILE_HANDLE_TTL_MS - 1;
    const inTime = await call(h.dispatch, 'our-page', 'backup/open', { file: open.handle, password: 'pw' });
    assert.ok(inTime.ok, JSON.stringify(inTime));
    h.clock.ms += 2;
    const late = await call(h.dispatch, 'our-page', 'backup/open', { file: open.handle, password: 'pw' });
    assert.equal(reason(late), 'bad-request/file-handle-expired');
  });

  it(`holds at most ${MAX_FILE_HANDLES} handles: choosing more forgets the oldest`, async () => {
    const h = await makeHarness();
    const handles: string[] = [];
    for (let i = 0; i <= MAX_FILE_HANDLES; i++)
      handles.push(await typedFile(h.dispatch, 'backup-open', join(dir, `many-${i}.kb`)));
    assert.equal(new Set(handles).size, handles.length, 'every handle is new');
    const first = await call(h.dispatch, 'our-page', 'backup/open', { file: handles[0], password: 'pw' });
    assert.equal(reason(first), 'bad-request/file-handle-expired');
    // The newest still names its file (which does not exist: a backup problem, not a refused handle).
    const last = await call(h.dispatch, 'our-page', 'backup/open', { file: handles.at(-1)!, password: 'pw' });
    assert.notEqual(reason(last).split('/')[0], 'bad-request');
  });

  it('web: the typed stand-in hands out a handle with the file name only', async () => {
    const h = await makeHarness();
    const r = await call(h.dispatch, 'our-page', 'backup/typed-file', {
      purpose: 'sheet-save',
      path: `  ${join(dir, 'typed.html')} `,
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.name, 'typed.html');
    assert.match(r.value.handle, /^[A-Za-z0-9_-]{22}$/);
    const id = await importId(h.dispatch);
    const saved = await call(h.dispatch, 'our-page', 'backup/save-sheet', { id, indexes: [0], file: r.value.handle });
    assert.deepEqual(saved, { ok: true, value: { name: 'typed.html' } });
    assert.ok(existsSync(join(dir, 'typed.html')));
  });
});
