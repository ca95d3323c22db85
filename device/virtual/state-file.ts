/**
 * The virtual token's state file: JSON (state.ts), written atomically with mode 0600.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DeviceError } from '../errors';
import { VirtualToken, type VirtualState, type VirtualTokenLoadOptions, type VirtualTokenOptions } from './token';

/**
 * Opens the token saved at `path`. If the file does not exist, creates a factory-fresh token from
 * `create` and writes it (creating missing folders). Either way every later change is saved (onPersist). An existing file wins
 * over `create` (its model and firmware are kept).
 * @throws DeviceError('state-corrupt') if the file is not a valid state; the file is left untouched.
 */
export async function openVirtualTokenFile(
  path: string,
  create: VirtualTokenOptions,
  opts: VirtualTokenLoadOptions = {},
): Promise<VirtualToken> {
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  let token: VirtualToken;
  if (text === null) {
    // A first run: the config folder may not exist yet (mode 0700: the file holds secrets).
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    token = VirtualToken.create({ ...create, ...definedOnly(opts) });
    saveVirtualStateSync(path, token.toJSON());
  } else {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new DeviceError('state-corrupt', { detail: `${path}: not JSON (${(e as Error).message})` });
    }
    token = VirtualToken.fromJSON(json, opts);
  }
  token.onPersist = (state) => saveVirtualStateSync(path, state);
  return token;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Writes `state` to `path` atomically: a temporary file in the same directory (mode 0600) is written,
 * fsynced and renamed over `path`. Throws the file system's error; the old file then stays as it was.
 */
export function saveVirtualStateSync(path: string, state: VirtualState): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
