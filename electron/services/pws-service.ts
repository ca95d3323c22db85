/**
 * The password safe: unlock with the user PIN, list names, add/edit/erase entries, copy a login or
 * password to the clipboard. Passwords never go to the renderer; an edit without a new password
 * keeps the stored one.
 */
import { DeviceError, LIMITS, isDeviceError, nameBytes } from '../../device/index';
import type { CopyResult, PwsEntrySummary, PwsState, PwsWriteRequest } from '../ipc/contract';
import type { ClipboardService } from './clipboard-service';
import type { TokenSession } from './token-session';

const LOCKED: PwsState = { isUnlocked: false, hasKey: true, entries: [], capacity: LIMITS.pwsSlots };

export class PwsService {
  constructor(
    private readonly session: TokenSession,
    private readonly clipboard: ClipboardService,
  ) {}

  /** Names of the entries in use when unlocked; locked (or no token) gives an empty list. */
  async status(): Promise<PwsState> {
    if (!this.session.isAttached) return LOCKED;
    let used: boolean[];
    try {
      used = await this.session.use((t) => t.pws.status());
    } catch (e) {
      if (isDeviceError(e) && e.code === 'pws-locked') return LOCKED;
      throw e;
    }
    const entries: PwsEntrySummary[] = [];
    for (let index = 0; index < used.length; index++) {
      if (!used[index]) continue;
      const entry = await this.session.use((t) => t.pws.read(index));
      entries.push({ index, name: entry.name });
    }
    return { isUnlocked: true, hasKey: true, entries, capacity: LIMITS.pwsSlots };
  }

  /** Pushes the state to the window and tray. */
  async announce(): Promise<PwsState> {
    const state = await this.status();
    this.session.emit('pws/changed', state);
    this.session.changed();
    return state;
  }

  /** Unlocks with the user PIN. 'pws-no-key' → the UI offers 'pws/init'. */
  async unlock(userPin: string): Promise<PwsState> {
    try {
      await this.session.use((t) => t.pws.unlock(userPin));
    } catch (e) {
      if (isDeviceError(e) && (e.code === 'wrong-pin' || e.code === 'pin-locked'))
        void this.session.announce().catch(() => undefined);
      throw e;
    }
    return this.announce();
  }

  /** Builds a new AES key (destroys all entries), then the safe still needs unlocking. */
  async init(adminPin: string): Promise<PwsState> {
    await this.session.use((t) => t.pws.buildKey(adminPin));
    void this.session.announce().catch(() => undefined);
    return this.announce();
  }

  /** Name and login of an entry, for the edit dialog. */
  async read(index: number): Promise<{ index: number; name: string; login: string }> {
    const e = await this.session.use((t) => t.pws.read(index));
    return { index, name: e.name, login: e.login };
  }

  /** Writes an entry, checking each field's bytes first. */
  async write(req: PwsWriteRequest): Promise<PwsState> {
    const fields: [string, string | undefined, number][] = [
      ['name', req.name, LIMITS.pwsName],
      ['login', req.login, LIMITS.pwsLogin],
      ['password', req.password, LIMITS.pwsPassword],
    ];
    for (const [field, value, max] of fields) {
      if (value !== undefined && nameBytes(value) > max) {
        throw new DeviceError('pws-field-too-long', {
          reason: 'pws-field-bytes',
          field,
          bytes: nameBytes(value),
          maxBytes: max,
        });
      }
    }
    if (req.name.length === 0) throw new DeviceError('name-empty');
    await this.session.use(async (t) => {
      const password = req.password ?? (await t.pws.read(req.index)).password;
      await t.pws.write(req.index, { name: req.name, login: req.login, password });
    });
    return this.announce();
  }

  async erase(index: number): Promise<PwsState> {
    await this.session.use((t) => t.pws.erase(index));
    return this.announce();
  }

  /** Copies a login or password; both are cleared after the password time. */
  async copy(index: number, field: 'login' | 'password'): Promise<CopyResult> {
    const entry = await this.session.use((t) => t.pws.read(index));
    return this.clipboard.copy(entry[field], 'password');
  }
}
