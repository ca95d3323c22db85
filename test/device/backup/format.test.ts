import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addToBackupFile,
  createBackupFile,
  openBackup,
  readBackupFile,
  sealBackup,
  BACKUP_MESSAGES,
  type BackupContents,
} from '../../../device/backup/index';
import { parseOtpauthUri } from '../../../device/otp/index';

// A low scrypt cost keeps the suite fast; the default (2^17) is what files get outside tests.
const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };
const PASSWORD = 'correct horse battery';

function account(uri: string) {
  const r = parseOtpauthUri(uri);
  assert.ok(r.ok);
  return r.value;
}
const GITHUB = account('otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
const KEYCLOAK = account(
  'otpauth://hotp/demo:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&issuer=demo&counter=12',
);
const CONTENTS: BackupContents = {
  createdAt: '2024-01-01T12:00:00.000Z',
  updatedAt: '2024-01-01T12:00:00.000Z',
  accounts: [
    { account: GITHUB, name: 'GitHub:octocat', slot: { kind: 'totp', index: 2 }, addedAt: '2024-01-01T12:00:00.000Z' },
    { account: KEYCLOAK, name: 'demo:alice', addedAt: '2024-01-01T12:00:00.000Z' },
  ],
};

async function sealed(contents = CONTENTS): Promise<Uint8Array> {
  const b = await sealBackup(contents, PASSWORD, FAST);
  assert.ok(b instanceof Uint8Array);
  return b;
}

function edit(bytes: Uint8Array, fn: (o: Record<string, unknown>) => void): Uint8Array {
  const o = JSON.parse(new TextDecoder().decode(bytes));
  fn(o);
  return new TextEncoder().encode(JSON.stringify(o));
}

describe('backup format', () => {
  it('round-trips accounts, secrets, counters and slots', async () => {
    const r = await openBackup(await sealed(), PASSWORD);
    assert.ok(r.ok);
    assert.deepEqual(r.contents, CONTENTS);
  });

  it('keeps no secret, name or issuer in the clear', async () => {
    const text = new TextDecoder().decode(await sealed());
    for (const s of ['JBSWY3DPEHPK3PXP', 'octocat', 'GitHub', 'alice']) assert.ok(!text.includes(s), s);
  });

  it('tells a wrong password from altered ciphertext', async () => {
    const bytes = await sealed();
    assert.equal(
      (await openBackup(bytes, 'wrong')).ok === false && ((await openBackup(bytes, 'wrong')) as { code: string }).code,
      'backup-wrong-password',
    );
    const flipped = edit(bytes, (o) => {
      const c = Buffer.from(o.ciphertext as string, 'base64');
      c[5] ^= 0x01;
      o.ciphertext = c.toString('base64');
    });
    assert.deepEqual(await openBackup(flipped, PASSWORD), {
      ok: false,
      code: 'backup-tampered',
      message: BACKUP_MESSAGES['backup-tampered'],
    });
  });

  it('detects a changed header field through the additional data', async () => {
    const bytes = await sealed();
    const iv = edit(bytes, (o) => {
      const c = o.cipher as { iv: string };
      const b = Buffer.from(c.iv, 'base64');
      b[0] ^= 0x80;
      c.iv = b.toString('base64');
    });
    assert.equal(((await openBackup(iv, PASSWORD)) as { code: string }).code, 'backup-tampered');
    const salt = edit(bytes, (o) => {
      const k = o.kdf as { salt: string };
      const b = Buffer.from(k.salt, 'base64');
      b[3] ^= 0x10;
      k.salt = b.toString('base64');
    });
    assert.equal(((await openBackup(salt, PASSWORD)) as { code: string }).code, 'backup-wrong-password');
  });

  it('never opens a file with any single byte flipped', async () => {
    const bytes = await sealed({ ...CONTENTS, accounts: [CONTENTS.accounts[0]] });
    const codes = new Set<string>();
    for (let i = 0; i < bytes.length; i += 7) {
      const copy = bytes.slice();
      copy[i] ^= 0x04;
      const r = await openBackup(copy, PASSWORD);
      // A flip inside JSON whitespace leaves the data as it was; anything else must fail.
      if (r.ok) assert.deepEqual(r.contents.accounts[0].account.secret, GITHUB.secret, `byte ${i}`);
      else codes.add(r.code);
      if (r.ok) assert.match(String.fromCharCode(bytes[i]), /\s/, `byte ${i} changed the data and still opened`);
    }
    assert.ok(codes.has('backup-tampered') && codes.has('backup-damaged'), [...codes].join(','));
  });

  it('says a cut-short file is truncated, wherever it was cut', async () => {
    const bytes = await sealed();
    for (const at of [10, Math.floor(bytes.length / 2), bytes.length - 3]) {
      assert.equal(
        ((await openBackup(bytes.subarray(0, at), PASSWORD)) as { code: string }).code,
        'backup-truncated',
        `cut at ${at}`,
      );
    }
  });

  it('refuses a future version before asking scrypt for anything', async () => {
    const future = edit(await sealed(), (o) => (o.version = 2));
    assert.deepEqual(await openBackup(future, PASSWORD), {
      ok: false,
      code: 'backup-future-version',
      message: BACKUP_MESSAGES['backup-future-version'],
      detail: 'version 2',
    });
  });

  it('says a file that is no backup is not one, and refuses absurd scrypt costs as damage', async () => {
    assert.equal(
      ((await openBackup(new TextEncoder().encode('{"hello": 1}'), PASSWORD)) as { code: string }).code,
      'backup-not-a-backup',
    );
    assert.equal(
      ((await openBackup(new TextEncoder().encode('PK\u0003\u0004'), PASSWORD)) as { code: string }).code,
      'backup-not-a-backup',
    );
    const huge = edit(await sealed(), (o) => ((o.kdf as { N: number }).N = 2 ** 30));
    assert.equal(((await openBackup(huge, PASSWORD)) as { code: string }).code, 'backup-damaged');
  });
});

describe('backup files', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'keyslot-backup-'));

  it('creates a file with mode 0600, refuses to overwrite it, and adds accounts by re-encrypting it', async () => {
    const file = join(dir(), 'b.json');
    const created = await createBackupFile(file, PASSWORD, [{ account: GITHUB, name: 'GitHub:octocat' }], FAST);
    assert.ok(created.ok);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(((await createBackupFile(file, PASSWORD, [], FAST)) as { code: string }).code, 'backup-exists');
    const before = readFileSync(file, 'utf8');
    assert.equal(
      ((await addToBackupFile(file, 'nope', [{ account: KEYCLOAK, name: 'demo:alice' }], FAST)) as { code: string })
        .code,
      'backup-wrong-password',
    );
    assert.equal(readFileSync(file, 'utf8'), before, 'a wrong password leaves the file as it was');
    const added = await addToBackupFile(file, PASSWORD, [{ account: KEYCLOAK, name: 'demo:alice' }], FAST);
    assert.ok(added.ok);
    const r = await readBackupFile(file, PASSWORD);
    assert.ok(r.ok);
    assert.deepEqual(
      r.contents.accounts.map((a) => a.name),
      ['GitHub:octocat', 'demo:alice'],
    );
    assert.notEqual(
      JSON.parse(readFileSync(file, 'utf8')).kdf.salt,
      JSON.parse(before).kdf.salt,
      'each write uses a fresh salt',
    );
  });

  it('is read by Python with the documented format (scrypt, HMAC check, AES-256-GCM over the header)', async () => {
    const file = join(dir(), 'b.json');
    writeFileSync(file, await sealed());
    // python3-cryptography is not assumed; hashlib.scrypt and hmac check the key derivation and check value.
    const script = `
import base64, hashlib, hmac, json, sys
o = json.load(open(sys.argv[1]))
k = o['kdf']
out = hashlib.scrypt(sys.argv[2].encode(), salt=base64.b64decode(k['salt']), n=k['N'], r=k['r'], p=k['p'], dklen=64, maxmem=2**28)
check = hmac.new(out[32:], b'keyslot-backup password check v1', 'sha256').digest()[:16]
print('match' if check == base64.b64decode(o['check']) else 'differ')`;
    assert.equal(
      execFileSync('/usr/bin/python3', ['-c', script, file, PASSWORD], { encoding: 'utf8' }).trim(),
      'match',
    );
    assert.equal(
      execFileSync('/usr/bin/python3', ['-c', script, file, 'other'], { encoding: 'utf8' }).trim(),
      'differ',
    );
  });
});
