/**
 * The encrypted backup file, format version 1. A UTF-8 JSON object:
 *
 *   { "format": "keyslot-backup", "version": 1,
 *     "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": B64(16) },
 *     "cipher": { "name": "aes-256-gcm", "iv": B64(12) },
 *     "check": B64(16), "ciphertext": B64, "tag": B64(16) }
 *
 * scrypt (Node's crypto, i.e. OpenSSL) turns the password (Unicode NFC, UTF-8) and salt into 64
 * bytes: the first 32 are the AES-256-GCM key, the last 32 key an HMAC-SHA256 whose first 16 bytes
 * over "keyslot-backup password check v1" are `check`. GCM alone cannot tell a wrong password from
 * altered ciphertext; the check value can: a check mismatch means the wrong password (or altered
 * key parameters), a good check with a failing tag means the accounts were altered. The check adds
 * nothing to guessing: each guess still costs one scrypt. The header fields (all but ciphertext
 * and tag) are the GCM additional data, in the canonical form of `headerAad`, so changing any of
 * them fails the tag. The plaintext is device/backup/contents.ts's JSON. Base64 is standard,
 * padded and checked strictly. Each write uses a fresh salt and IV.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes as nodeRandomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { backupProblem, type BackupProblem } from './errors';
import { contentsFromJson, contentsToJson, type BackupContents } from './contents';

export const BACKUP_FORMAT = 'keyslot-backup';
export const BACKUP_VERSION = 1;
/** scrypt cost by default: N = 2^17, r = 8, p = 1 (128 MiB, about half a second). */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
/**
 * The most a backup may ask scrypt for, checked before deriving (a crafted header must not cost
 * gigabytes or minutes, and a wrong password must not pay it either): memory 128·N·r bytes at most
 * 256 MiB, and work N·r·p at most 2^21, twice the default (about one second here: the default takes
 * 0.7 s on the 2-core test machine, 2^21 1.1 to 1.4 s).
 */
export const MAX_SCRYPT = { memoryBytes: 256 * 1024 * 1024, work: 2 ** 21 } as const;

/** True if scrypt with these parameters stays within MAX_SCRYPT. */
export function isScryptAffordable(k: { N: number; r: number; p: number }): boolean {
  return 128 * k.N * k.r <= MAX_SCRYPT.memoryBytes && k.N * k.r * k.p <= MAX_SCRYPT.work;
}

interface Header {
  version: number;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: Uint8Array };
  iv: Uint8Array;
  check: Uint8Array;
}

/** Options for sealing; tests lower the cost and fix the randomness. */
export interface SealOptions {
  scrypt?: { N: number; r: number; p: number };
  randomBytes?: (n: number) => Uint8Array;
}

/** A backup that opened: its contents. */
export type BackupOpened = { ok: true; contents: BackupContents };

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const CHECK_LABEL = 'keyslot-backup password check v1';

/** Strict base64 (standard alphabet, padded); null otherwise. */
function fromB64(v: unknown, length?: number): Uint8Array | null {
  if (typeof v !== 'string' || v.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return null;
  const out = new Uint8Array(Buffer.from(v, 'base64'));
  // Canonical only: a changed last character can differ in unused bits and still decode the same.
  if (Buffer.from(out).toString('base64') !== v) return null;
  return length === undefined || out.length === length ? out : null;
}

/** The additional authenticated data: every header field in one fixed order. */
function headerAad(h: Header): Buffer {
  return Buffer.from(
    `${BACKUP_FORMAT}\nversion=${h.version}\nkdf=scrypt,N=${h.kdf.N},r=${h.kdf.r},p=${h.kdf.p},salt=${b64(h.kdf.salt)}\ncipher=aes-256-gcm,iv=${b64(h.iv)}\ncheck=${b64(h.check)}\n`,
  );
}

function deriveKeys(password: string, kdf: Header['kdf']): Promise<{ key: Buffer; check: Buffer }> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(password.normalize('NFC'), 'utf8'),
      kdf.salt,
      64,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: MAX_SCRYPT.memoryBytes + 1024 * 1024 },
      (err, out) => {
        if (err) return reject(err);
        const check = createHmac('sha256', out.subarray(32)).update(CHECK_LABEL).digest().subarray(0, 16);
        resolve({ key: Buffer.from(out.subarray(0, 32)), check });
      },
    );
  });
}

/** Encrypts contents into the file's bytes. Refuses an empty password. */
export async function sealBackup(
  contents: BackupContents,
  password: string,
  opts: SealOptions = {},
): Promise<Uint8Array | BackupProblem> {
  if (password === '') return backupProblem('backup-password-empty');
  const random = opts.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)));
  const cost = opts.scrypt ?? DEFAULT_SCRYPT;
  // Never write a file keyslot itself would refuse to open.
  if (!isScryptAffordable(cost)) return backupProblem('backup-too-costly', 'seal options');
  const kdf = { name: 'scrypt' as const, ...cost, salt: random(16) };
  const { key, check } = await deriveKeys(password, kdf);
  const header: Header = { version: BACKUP_VERSION, kdf, iv: random(12), check: new Uint8Array(check) };
  const cipher = createCipheriv('aes-256-gcm', key, header.iv);
  cipher.setAAD(headerAad(header));
  const ciphertext = Buffer.concat([cipher.update(contentsToJson(contents), 'utf8'), cipher.final()]);
  key.fill(0);
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p, salt: b64(kdf.salt) },
    cipher: { name: 'aes-256-gcm', iv: b64(header.iv) },
    check: b64(header.check),
    ciphertext: b64(ciphertext),
    tag: b64(cipher.getAuthTag()),
  };
  return new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
}

/** Reads the header without the password: the file's problem, or what is needed to decrypt. */
function readEnvelope(bytes: Uint8Array): { header: Header; ciphertext: Uint8Array; tag: Uint8Array } | BackupProblem {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // Our files begin with the format member, so a cut anywhere leaves a prefix of it or all of it.
    const compact = text.replace(/\s/g, '');
    const marker = `{"format":"${BACKUP_FORMAT}"`;
    if (!compact.startsWith(marker) && !(compact.length > 0 && marker.startsWith(compact)))
      return backupProblem('backup-not-a-backup');
    // JSON.parse names where it stopped; a parse that ran to the end of the text means a cut file.
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const isCut = /end of JSON/i.test(message) || (at !== null && Number(at[1]) >= text.trimEnd().length - 1);
    return backupProblem(isCut ? 'backup-truncated' : 'backup-damaged', (e as Error).message);
  }
  if (!raw || typeof raw !== 'object' || raw.format !== BACKUP_FORMAT) return backupProblem('backup-not-a-backup');
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1)
    return backupProblem('backup-damaged', 'version');
  if (raw.version > BACKUP_VERSION) return backupProblem('backup-future-version', `version ${raw.version}`);
  const kdf = raw.kdf as Record<string, unknown> | undefined;
  const cipher = raw.cipher as Record<string, unknown> | undefined;
  if (!kdf || kdf.name !== 'scrypt' || !cipher || cipher.name !== 'aes-256-gcm')
    return backupProblem('backup-damaged', 'kdf or cipher name');
  const { N, r, p } = kdf as { N: unknown; r: unknown; p: unknown };
  // Bounds keep a crafted file from asking for gigabytes: N 2^10..2^20, r 1..32, p 1..16.
  const isPow2 = typeof N === 'number' && Number.isInteger(Math.log2(N)) && N >= 2 ** 10 && N <= 2 ** 20;
  if (
    !isPow2 ||
    typeof r !== 'number' ||
    !Number.isInteger(r) ||
    r < 1 ||
    r > 32 ||
    typeof p !== 'number' ||
    !Number.isInteger(p) ||
    p < 1 ||
    p > 16
  ) {
    return backupProblem('backup-damaged', 'scrypt parameters');
  }
  if (!isScryptAffordable({ N: N as number, r, p }))
    return backupProblem('backup-too-costly', `scrypt N=${N} r=${r} p=${p}`);
  const salt = fromB64(kdf.salt);
  const iv = fromB64(cipher.iv, 12);
  const check = fromB64(raw.check, 16);
  const ciphertext = fromB64(raw.ciphertext);
  const tag = fromB64(raw.tag, 16);
  if (!salt || salt.length < 16 || !iv || !check || !ciphertext || !tag)
    return backupProblem('backup-damaged', 'a base64 field');
  return {
    header: { version: raw.version, kdf: { name: 'scrypt', N: N as number, r, p, salt }, iv, check },
    ciphertext,
    tag,
  };
}

/**
 * Opens a backup: every check passes before any account is returned, so a caller never sees part
 * of a damaged backup. Problems: not-a-backup, truncated, damaged, future-version, wrong-password,
 * tampered, invalid-content.
 */
export async function openBackup(bytes: Uint8Array, password: string): Promise<BackupOpened | BackupProblem> {
  const env = readEnvelope(bytes);
  if ('ok' in env) return env;
  const { key, check } = await deriveKeys(password, env.header.kdf);
  if (!timingSafeEqual(check, env.header.check)) {
    key.fill(0);
    return backupProblem('backup-wrong-password');
  }
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, env.header.iv);
    decipher.setAAD(headerAad(env.header));
    decipher.setAuthTag(env.tag);
    plain = Buffer.concat([decipher.update(env.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return backupProblem('backup-tampered');
  } finally {
    key.fill(0);
  }
  const contents = contentsFromJson(plain);
  if (typeof contents === 'string') return backupProblem('backup-invalid-content', contents);
  return { ok: true, contents };
}
