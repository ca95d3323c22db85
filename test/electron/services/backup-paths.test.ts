/**
 * Issue 9 item 10: where main has file dialogs, backup/add, backup/open and backup/save-sheet take
 * only paths main's own dialog handed out; a raw path from the page (a compromised renderer
 * writing the plain-text recovery sheet anywhere) is refused and nothing is written or read.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { call } from '../../../electron/ipc/serve';
import { makeHarness } from '../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'keyslot-paths-'));
const URI = 'otpauth://totp/GitHub:ann?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub';

describe('paths from the renderer (issue 9 item 10)', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses raw paths for the sheet, a backup to add to and a backup to open; accepts what the dialog gave', async () => {
    const chosen = { 'sheet-save': join(dir, 'chosen.html'), 'backup-save': join(dir, 'chosen.keyslot') } as const;
    const h = await makeHarness({
      files: { choose: async (purpose) => chosen[purpose as keyof typeof chosen] ?? null },
    });
    const review = await call(h.dispatch, 'our-page', 'import/read-text', { text: URI });
    assert.ok(review.ok);
    const id = review.value.id;
    const evil = join(dir, 'evil.html');
    const sheet = await call(h.dispatch, 'our-page', 'backup/save-sheet', { id, indexes: [0], path: evil });
    assert.equal(!sheet.ok && sheet.error.code, 'bad-request');
    assert.equal(existsSync(evil), false);
    const add = await call(h.dispatch, 'our-page', 'backup/add', {
      id,
      indexes: [0],
      path: join(dir, 'x.keyslot'),
      password: 'pw',
    });
    assert.equal(!add.ok && add.error.code, 'bad-request');
    assert.equal(existsSync(join(dir, 'x.keyslot')), false);
    const open = await call(h.dispatch, 'our-page', 'backup/open', { path: '/etc/passwd', password: 'pw' });
    assert.equal(!open.ok && open.error.code, 'bad-request');
    assert.equal(!open.ok && open.error.reason, 'path-not-chosen');

    // The same requests with the paths the dialog handed out go through.
    const s = await call(h.dispatch, 'our-page', 'backup/choose-file', { purpose: 'sheet-save' });
    assert.ok(s.ok && s.value);
    const ok = await call(h.dispatch, 'our-page', 'backup/save-sheet', { id, indexes: [0], path: s.value.path });
    assert.ok(ok.ok, JSON.stringify(ok));
    // A sheet path is not a backup path: granted per purpose.
    const wrong = await call(h.dispatch, 'our-page', 'backup/open', { path: s.value.path, password: 'pw' });
    assert.equal(!wrong.ok && wrong.error.code, 'bad-request');
  });
});
