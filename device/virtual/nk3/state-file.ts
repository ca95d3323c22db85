/**
 * The virtual Nitrokey 3's state file: JSON (./state.ts), written atomically with mode 0600 like the
 * Pro's (../state-file.ts).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DeviceError } from '../../errors';
import { VirtualNk3, type VirtualNk3Options } from './device';
import type { Nk3StateJson } from './state';

/**
 * Opens the virtual Nitrokey 3 saved at `path`, or creates a factory-fresh one there (folders 0700).
 * Every later change is saved. @throws DeviceError('state-corrupt') if the file is not a valid state.
 */
export async function openVirtualNk3File(path: string, opts: VirtualNk3Options = {}): Promise<VirtualNk3> {
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  let device: VirtualNk3;
  if (text === null) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    device = VirtualNk3.create(opts);
    saveNk3StateSync(path, device.toJSON());
  } else {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new DeviceError('state-corrupt', { detail: `${path}: not JSON (${(e as Error).message})` });
    }
    device = VirtualNk3.fromJSON(json, opts);
  }
  device.onPersist = (state) => saveNk3StateSync(path, state);
  return device;
}

/** Writes `state` to `path` atomically (temporary file 0600 in the same folder, fsync, rename). */
export function saveNk3StateSync(path: string, state: Nk3StateJson): void {
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
