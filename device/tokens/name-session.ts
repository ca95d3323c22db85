/**
 * The named-credential family behind the seam: a Nitrokey 3's Secrets app (Nk3Session) as a TokenSession.
 * Names are addresses; a TOTP period ≠ 30 s lives in the name's `P/` prefix (ykman's convention,
 * protocol reference §9); the one PIN is asked only when a step needs it.
 */
import { DeviceError, isDeviceError } from '../errors';
import { checkPutRequest, type Nk3PutRequest } from '../nk3/checks';
import { formatCredentialName, parseCredentialName } from '../nk3/codes';
import { NK3_LIMITS } from '../nk3/constants';
import type { Nk3Credential, Nk3Session } from '../nk3/session';
import type { Nk3CredentialData } from '../nk3/types';
import { NAMES_CAPS } from './names-caps';
import { checkEditable } from './edit';
import type {
  AuthOptions,
  CredentialChanges,
  CredentialInfo,
  CredentialRef,
  CredentialWrite,
  OtpCode,
  PwsEntryView,
  PwsRef,
  PwsWrite,
  SessionDevice,
  SessionStatus,
  TokenSession,
} from './types';

export { NAMES_CAPS };

const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

function nameOf(ref: CredentialRef | PwsRef): string {
  if (!('name' in ref)) throw new DeviceError('bad-input', { reason: 'names-not-slots' });
  return ref.name;
}

/** The stored name of a write: `P/` prefix for a TOTP period ≠ 30 s unless the name has it already. */
export function storedName(w: Pick<CredentialWrite, 'name' | 'kind' | 'period'>): string {
  const period = w.period ?? 30;
  if (w.kind !== 'totp' || period === 30) return w.name;
  if (parseCredentialName(w.name, true).period === period && /^\d+\//.test(w.name)) return w.name;
  return formatCredentialName({ period, account: w.name }, true);
}

function infoOf(c: Nk3Credential): CredentialInfo {
  return {
    ref: { name: c.name },
    name: c.name,
    kind: c.kind,
    algorithm: c.algorithm,
    ...(c.kind === 'totp' ? { period: c.period } : {}),
    isTouchRequired: c.isTouchRequired ?? false,
    isPinProtected: c.isPinEncrypted ?? false,
    hasPwsData: c.hasPwsData ?? false,
  };
}

/** A Nitrokey 3 session behind the seam. */
export class NameSession implements TokenSession {
  readonly caps = NAMES_CAPS;
  constructor(
    readonly nk3: Nk3Session,
    readonly device: SessionDevice,
  ) {}

  async status(): Promise<SessionStatus> {
    const s = await this.nk3.status();
    const used = (await this.nk3.list()).length;
    return {
      model: 'nk3',
      firmware: s.version,
      serial: s.serial ?? null,
      pins: [{ role: 'pin', isSet: s.isPinSet, retriesLeft: s.isPinSet ? (s.pinRetries ?? 0) : null }],
      credentials: { used, max: NK3_LIMITS.credentials },
      isVirtual: this.device.isVirtual,
    };
  }

  /** The PIN from `options`, asked only when the device has one (one SELECT to know). */
  private async pinIfSet(options: AuthOptions, purpose: 'list' | 'code' | 'pws' | 'delete' | 'write', name?: string) {
    if (!options.pin) return undefined;
    const s = await this.nk3.status();
    if (!s.isPinSet) return undefined;
    return options.pin({ role: 'pin', purpose, ...(name !== undefined ? { name } : {}) });
  }

  async listCredentials(options: AuthOptions = {}): Promise<CredentialInfo[]> {
    const pin = await this.pinIfSet(options, 'list');
    return (await this.nk3.list(pin !== undefined ? { pin } : {})).map(infoOf);
  }

  async findCredential(name: string, options: AuthOptions = {}): Promise<CredentialInfo> {
    const pick = (all: CredentialInfo[]) => {
      const exact = all.filter((c) => c.name === name);
      if (exact.length === 1) return exact[0];
      const loose = all.filter((c) => c.name.toLowerCase() === name.toLowerCase());
      return loose.length === 1 ? loose[0] : undefined;
    };
    const found = pick(await this.listCredentials());
    if (found) return found;
    const withPin = options.pin ? pick(await this.listCredentials(options)) : undefined;
    if (withPin) return withPin;
    throw new DeviceError('credential-not-found', { name });
  }

  private request(w: CredentialWrite): Nk3PutRequest {
    if (w.counter !== undefined && (w.counter < 0n || w.counter > 0xffffffffn))
      throw new DeviceError('counter-invalid', { min: 0, max: 0xffffffff });
    return {
      name: storedName(w),
      kind: w.kind,
      secret: w.secret,
      algorithm: w.algorithm,
      digits: w.digits,
      counter: w.counter === undefined ? undefined : Number(w.counter),
      isTouchRequired: w.isTouchRequired,
      isPinProtected: w.isPinProtected,
      login: w.login,
      password: w.password,
      comment: w.comment,
    };
  }

  checkWrite(w: CredentialWrite): DeviceError | null {
    try {
      checkPutRequest(this.request(w));
      return null;
    } catch (e) {
      if (isDeviceError(e)) return e as DeviceError;
      throw e;
    }
  }

  async writeCredential(w: CredentialWrite, options: AuthOptions = {}): Promise<CredentialRef> {
    const r = this.request(w);
    const needsPin = r.isPinProtected === true;
    if (needsPin && !options.pin) throw new DeviceError('pin-required');
    const pin = needsPin ? await options.pin!({ role: 'pin', purpose: 'write', name: r.name }) : undefined;
    await this.nk3.put(r, pin !== undefined ? { pin } : {});
    return { name: r.name };
  }

  /** Runs `fn` without the PIN; if the credential is not found so, with the PIN (when the device has one). */
  private async maybeWithPin<T>(
    options: AuthOptions,
    purpose: 'code' | 'delete' | 'pws',
    name: string,
    fn: (pin?: string) => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (!isDeviceError(e) || e.code !== 'credential-not-found') throw e;
      const pin = await this.pinIfSet(options, purpose, name);
      if (pin === undefined) throw e;
      return fn(pin);
    }
  }

  /**
   * UPDATE CREDENTIAL (§4.14, touch always): what the firmware cannot change (secret, kind, algorithm,
   * digits, PIN protection; any change of a reverse-HOTP credential) and a name another visible credential
   * has are refused before sending. A TOTP period prefix is kept on rename; password fields not given are
   * read and resent, as the firmware clears the ones a PWS update leaves out. The PIN is asked at most once.
   */
  async updateCredential(ref: CredentialRef, changes: CredentialChanges, options: AuthOptions = {}) {
    checkEditable(changes, this.caps.editable);
    let asked: Promise<string> | undefined;
    const once: AuthOptions = options.pin ? { pin: (r) => (asked ??= options.pin!(r)) } : {};
    const c = await this.findCredential(nameOf(ref), once);
    if (c.kind === 'reverse-hotp') throw new DeviceError('bad-input', { reason: 'not-editable', field: 'kind' });
    const kind = c.kind === 'totp' ? 'totp' : 'hotp';
    let next = changes.name === undefined ? undefined : storedName({ name: changes.name, kind, period: c.period });
    if (next === c.name) next = undefined; // the firmware refuses a rename onto itself (6983)
    const isPws = [changes.login, changes.password, changes.comment].some((f) => f !== undefined);
    if (next === undefined && changes.isTouchRequired === undefined && !isPws)
      throw new DeviceError('bad-input', { reason: 'nothing-to-change' });
    if (next !== undefined && (await this.listCredentials(once)).some((x) => x.name === next))
      throw new DeviceError('credential-exists', { name: next });
    const pin = c.isPinProtected ? await this.pinIfSet(once, 'write', c.name) : undefined;
    if (c.isPinProtected && pin === undefined) throw new DeviceError('pin-required');
    const auth = pin !== undefined ? { pin } : {};
    let pws: { login?: string; password?: string; comment?: string } | undefined;
    if (isPws) {
      const now: Partial<Nk3CredentialData> = c.hasPwsData ? await this.nk3.getCredential(c.name, auth) : {};
      pws = {
        login: changes.login ?? text(now.login),
        password: changes.password ?? text(now.password),
        comment: changes.comment ?? text(now.metadata),
      };
    }
    const u = {
      ...(next !== undefined ? { newName: next } : {}),
      ...(changes.isTouchRequired !== undefined ? { isTouchRequired: changes.isTouchRequired } : {}),
      ...(pws ? { pws } : {}),
    };
    await this.nk3.update(c.name, u, auth);
    return { name: next ?? c.name };
  }

  async deleteCredential(ref: CredentialRef, options: AuthOptions = {}): Promise<void> {
    const name = nameOf(ref);
    await this.maybeWithPin(options, 'delete', name, (pin) => this.nk3.delete(name, pin !== undefined ? { pin } : {}));
  }

  async getCode(
    ref: CredentialRef,
    options: AuthOptions & { unixMs?: number; credential?: Pick<CredentialInfo, 'isPinProtected'> } = {},
  ): Promise<OtpCode> {
    const name = nameOf(ref);
    // Without `unixMs`, the Nk3Session's own clock (its `now` option).
    const at = options.unixMs !== undefined ? { unixMs: options.unixMs } : {};
    // One CALCULATE (the period from the name's prefix); a PIN-protected credential needs VERIFY PIN first.
    if (options.credential?.isPinProtected && options.pin) {
      const pin = await options.pin({ role: 'pin', purpose: 'code', name });
      return this.nk3.calculate(name, { ...at, pin });
    }
    return this.maybeWithPin(options, 'code', name, (pin) =>
      this.nk3.calculate(name, { ...at, ...(pin !== undefined ? { pin } : {}) }),
    );
  }

  async changePin(role: string, current: string | undefined, next: string): Promise<void> {
    if (role !== 'pin') throw new DeviceError('bad-input', { reason: 'pin-role', value: role });
    if (current === undefined) return this.nk3.setPin(next);
    return this.nk3.changePin(current, next);
  }

  reset(): Promise<void> {
    return this.nk3.reset();
  }

  async pwsList(options: AuthOptions = {}): Promise<PwsEntryView[]> {
    const all = (await this.listCredentials(options)).filter((c) => c.hasPwsData || c.kind === 'password');
    const out: PwsEntryView[] = [];
    for (const c of all) out.push(await this.pwsGet({ name: c.name }, options, c));
    return out;
  }

  async pwsGet(ref: PwsRef, options: AuthOptions = {}, known?: CredentialInfo): Promise<PwsEntryView> {
    const name = nameOf(ref);
    const get = (pin?: string) => this.nk3.getCredential(name, pin !== undefined ? { pin } : {});
    const pin = known?.isPinProtected ? await this.pinIfSet(options, 'pws', name) : undefined;
    const d = pin !== undefined ? await get(pin) : await this.maybeWithPin(options, 'pws', name, get);
    const login = text(d.login);
    const password = text(d.password);
    const comment = text(d.metadata);
    return {
      ref: { name },
      name,
      ...(login !== undefined ? { login } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(comment !== undefined ? { comment } : {}),
    };
  }

  async pwsSet(w: PwsWrite, options: AuthOptions = {}): Promise<void> {
    const name = nameOf(w.ref);
    // Looked up without the PIN: a name no visible credential has makes a new, password-only credential.
    const existing = await this.findCredential(name).catch((e: unknown) => {
      if (isDeviceError(e) && e.code === 'credential-not-found') return undefined;
      throw e;
    });
    const fields = { login: w.login, password: w.password, comment: w.comment };
    if (!existing) {
      await this.writeCredential({ name, kind: 'password', isPinProtected: w.isPinProtected, ...fields }, options);
      return;
    }
    const pin = existing.isPinProtected ? await this.pinIfSet(options, 'pws', existing.name) : undefined;
    await this.nk3.update(existing.name, { pws: fields }, pin !== undefined ? { pin } : {});
  }

  async pwsErase(ref: PwsRef, options: AuthOptions = {}): Promise<void> {
    const c = await this.findCredential(nameOf(ref), options);
    const pin = c.isPinProtected ? await this.pinIfSet(options, 'pws', c.name) : undefined;
    const auth = pin !== undefined ? { pin } : {};
    if (c.kind === 'password') return this.nk3.delete(c.name, auth);
    await this.nk3.update(c.name, { pws: {} }, auth);
  }

  async cancel(): Promise<void> {
    await this.nk3.transport.cancel?.();
  }

  close(): Promise<void> {
    return this.nk3.close();
  }
}
