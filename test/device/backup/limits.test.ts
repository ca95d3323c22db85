/**
 * Issue 9 items 5, 6 and 9 for backups: a crafted header cannot make keyslot spend gigabytes or
 * minutes on scrypt (refused before deriving, wrong password or not), a large file or a device is
 * refused before it is read, and a decrypted `accounts: [null]` is a specific problem.
 */
import assert from 'node:assert/strict';
import { createCipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  isScryptAffordable,
  MAX_SCRYPT,
  openBackup,
  readBackupFile,
  sealBackup,
  type BackupContents,
} from '../../../device/backup/index';
import { MAX_BACKUP_FILE_BYTES } from '../../../device/read-capped';

const PASSWORD = 'correct horse battery';
const EMPTY: BackupContents = { createdAt: 'x', updatedAt: 'x', accounts: [] };

/** A backup with these scrypt parameters in its header (the rest as sealed at a cheap cost). */
async function withCost(N: number, r: number, p: number): Promise<Uint8Array> {
  const bytes = await sealBackup(EMPTY, PASSWORD, { scrypt: { N: 1024, r: 8, p: 1 } });
  assert.ok(bytes instanceof Uint8Array);
  const o = JSON.parse(new TextDecoder().decode(bytes));
  Object.assign(o.kdf, { N, r, p });
  return new TextEncoder().encode(JSON.stringify(o));
}

/**
 * Encrypts a plaintext exactly as device/backup/format.ts documents (scrypt, HMAC check value, AES-256-GCM
 * over the canonical header), written here from the format's description, not with keyslot's sealer.
 */
function sealPlain(plain: string): Uint8Array {
  const N = 1024,
    r = 8,
    p = 1;
  const salt = randomBytes(16),
    iv = randomBytes(12);
  const out = scryptSync(Buffer.from(PASSWORD, 'utf8'), salt, 64, { N, r, p });
  const check = createHmac('sha256', out.subarray(32))
    .update('keyslot-backup password check v1')
    .digest()
    .subarray(0, 16);
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  const aad = `keyslot-backup\nversion=1\nkdf=scrypt,N=${N},r=${r},p=${p},salt=${b64(salt)}\ncipher=aes-256-gcm,iv=${b64(iv)}\ncheck=${b64(check)}\n`;
  const c = createCipheriv('aes-256-gcm', out.subarray(0, 32), iv);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  const file = {
    format: 'keyslot-backup',
    version: 1,
    kdf: { name: 'scrypt', N, r, p, salt: b64(salt) },
    cipher: { name: 'aes-256-gcm', iv: b64(iv) },
    check: b64(check),
    ciphertext: b64(ct),
    tag: b64(c.getAuthTag()),
  };
  return new TextEncoder().encode(JSON.stringify(file));
}

describe('backup limits (issue 9)', { timeout: 60_000 }, () => {
  it('item 5: refuses N=2^20 r=32 p=1 and p=16 (4 GiB) before deriving, with the right or a wrong password', async () => {
    const before = process.resourceUsage().maxRSS;
    for (const [N, r, p] of [
      [2 ** 20, 32, 1],
      [2 ** 20, 32, 16],
      [2 ** 18, 8, 2],
      [2 ** 19, 8, 1],
    ]) {
      for (const pw of [PASSWORD, 'wrong']) {
        const got = await openBackup(await withCost(N, r, p), pw);
        assert.equal(!got.ok && got.code, 'backup-too-costly', `N=${N} r=${r} p=${p}`);
      }
    }
    // Nothing was derived: the process never grew by the hundreds of MiB one such scrypt needs.
    const grewKiB = process.resourceUsage().maxRSS - before;
    console.log(
      `# scrypt cap: memory ${MAX_SCRYPT.memoryBytes / 2 ** 20} MiB, work N*r*p <= 2^${Math.log2(MAX_SCRYPT.work)}; RSS grew ${grewKiB} KiB`,
    );
    assert.ok(grewKiB < 100 * 1024, `RSS grew by ${grewKiB} KiB`);
  });

  it('item 5: the cap admits the default (2^17, 8, 1) and its double in work, and sealing refuses what opening would', async () => {
    assert.equal(isScryptAffordable({ N: 2 ** 17, r: 8, p: 1 }), true);
    assert.equal(isScryptAffordable({ N: 2 ** 17, r: 8, p: 2 }), true);
    assert.equal(isScryptAffordable({ N: 2 ** 18, r: 8, p: 1 }), true); // 256 MiB exactly
    assert.equal(isScryptAffordable({ N: 2 ** 18, r: 8, p: 2 }), false);
    assert.equal(isScryptAffordable({ N: 2 ** 17, r: 32, p: 1 }), false); // 512 MiB
    const sealed = await sealBackup(EMPTY, PASSWORD, { scrypt: { N: 2 ** 20, r: 32, p: 1 } });
    assert.equal(!(sealed instanceof Uint8Array) && sealed.code, 'backup-too-costly');
  });

  it('item 6: refuses a file over 1 MiB from its size, without reading it (a sparse 1.1 GB file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyslot-limits-'));
    const file = join(dir, 'big.json');
    writeFileSync(file, '');
    truncateSync(file, 1_100_000_000);
    const before = process.resourceUsage().maxRSS;
    const got = await readBackupFile(file, PASSWORD);
    assert.equal(!got.ok && got.code, 'backup-too-large');
    assert.ok(process.resourceUsage().maxRSS - before < 50 * 1024);
    writeFileSync(file, Buffer.alloc(MAX_BACKUP_FILE_BYTES + 1, 0x20));
    const justOver = await readBackupFile(file, PASSWORD);
    assert.equal(!justOver.ok && justOver.code, 'backup-too-large');
    rmSync(dir, { recursive: true });
  });

  it('item 6: reads a device such as /dev/zero only up to the limit', async () => {
    const got = await readBackupFile('/dev/zero', PASSWORD);
    assert.equal(!got.ok && got.code, 'backup-too-large');
  });

  it('item 9: a decrypted accounts:[null] (or a number, or an array) is invalid content, not an unexpected error', async () => {
    for (const bad of ['null', '7', '[]', '"x"']) {
      const bytes = sealPlain(`{"createdAt":"x","updatedAt":"x","accounts":[${bad}]}`);
      const got = await openBackup(bytes, PASSWORD);
      assert.equal(!got.ok && got.code, 'backup-invalid-content', bad);
    }
  });
});
