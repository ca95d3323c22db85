/**
 * The slot family behind the seam: a Nitrokey Pro, Nitrokey Storage or Librem Key session (Token) as a
 * TokenSession. Slots are addresses; writes need the admin PIN, codes the user PIN when the config says
 * so, the password safe the user PIN; each is asked from the PinSource only when that step needs it.
 */
import { DeviceError, isDeviceError } from '../errors';
import { formatSlotRef } from '../otp/slot';
import { LIMITS, SLOT_COUNT, SLOT_FLAG, type SlotRef } from '../protocol/commands';
import type { Token } from '../token';
import type { PinKind } from '../session/pins';
import { checkEditable } from './edit';
import type {
  AuthOptions,
  CredentialChanges,
  CredentialInfo,
  CredentialRef,
  CredentialWrite,
  OtpCode,
  PinRole,
  PinRequest,
  PwsEntryView,
  PwsRef,
  PwsWrite,
  SessionDevice,
  SessionStatus,
  TokenCaps,
  TokenSession,
} from './types';

/** Capabilities of a slot token; `maxSecretBytes` is 20 on legacy firmware once the firmware is known. */
export function slotCaps(maxSecretBytes: number = LIMITS.secret): TokenCaps {
  return {
    addressing: 'slots',
    algorithms: ['SHA1'],
    digits: [6, 8],
    kinds: ['totp', 'hotp'],
    pins: ['admin', 'user'],
    pinRetries: { admin: 3, user: 3 },
    touch: false,
    hasPinProtectedCredentials: false,
    maxNameBytes: LIMITS.slotName,
    maxSecretBytes,
    maxCredentials: SLOT_COUNT.totp + SLOT_COUNT.hotp,
    slots: { totp: SLOT_COUNT.totp, hotp: SLOT_COUNT.hotp },
    isPeriodStored: true,
    needsClock: true,
    pws: {
      entries: LIMITS.pwsSlots,
      fields: ['name', 'login', 'password'],
      maxFieldBytes: { name: LIMITS.pwsName, login: LIMITS.pwsLogin, password: LIMITS.pwsPassword },
    },
    // A rename rewrites the slot with an empty secret, which the firmware reads as "keep it" (§5.3).
    editable: ['name'],
  };
}

function slotOf(ref: CredentialRef): SlotRef {
  if (!('slot' in ref)) throw new DeviceError('bad-input', { reason: 'slots-not-names' });
  return ref.slot;
}

function indexOf(ref: PwsRef): number {
  if (!('index' in ref)) throw new DeviceError('bad-input', { reason: 'slots-not-names' });
  return ref.index;
}

/** A Pro-family session behind the seam. */
export class SlotSession implements TokenSession {
  constructor(
    readonly token: Token,
    private readonly now: () => number,
  ) {}

  get caps(): TokenCaps {
    let max: number = LIMITS.secret;
    try {
      max = this.token.maxSecretBytes;
    } catch {
      // Firmware not read yet: the newer limit until status() or a write reads it.
    }
    return slotCaps(max);
  }

  get device(): SessionDevice {
    const i = this.token.info;
    return { model: i.model, path: i.path, isVirtual: i.isVirtual, serialNumber: i.serialNumber };
  }

  private async auth(kind: PinKind, options: AuthOptions, request: Omit<PinRequest, 'role'>): Promise<void> {
    if (this.token.isAuthenticated(kind)) return;
    if (!options.pin) throw new DeviceError('pin-required', { kind });
    await this.token.authenticate(kind, await options.pin({ role: kind, ...request }));
  }

  async status(): Promise<SessionStatus> {
    const s = await this.token.status();
    const used = (await this.token.listSlots()).filter((x) => x.value !== null).length;
    return {
      model: s.model,
      firmware: `${s.firmware.major}.${s.firmware.minor}`,
      serial: s.serial,
      pins: [
        { role: 'admin', isSet: true, retriesLeft: s.adminRetries },
        { role: 'user', isSet: true, retriesLeft: s.userRetries },
      ],
      credentials: { used, max: SLOT_COUNT.totp + SLOT_COUNT.hotp },
      isVirtual: s.isVirtual,
    };
  }

  async listCredentials(): Promise<CredentialInfo[]> {
    const out: CredentialInfo[] = [];
    for (const { slot, value } of await this.token.listSlots()) {
      if (!value) continue;
      out.push({
        ref: { slot },
        name: value.name,
        kind: slot.kind,
        digits: value.digits,
        algorithm: 'SHA1',
        ...(slot.kind === 'totp' ? { period: value.period } : { counter: value.counter?.toString() }),
        isTouchRequired: false,
        isPinProtected: false,
        hasPwsData: false,
      });
    }
    return out;
  }

  async findCredential(name: string): Promise<CredentialInfo> {
    const all = await this.listCredentials();
    let hits = all.filter((c) => c.name === name);
    if (hits.length === 0) hits = all.filter((c) => c.name.toLowerCase() === name.toLowerCase());
    if (hits.length === 1) return hits[0];
    if (hits.length === 0) throw new DeviceError('credential-not-found', { name });
    throw new DeviceError('bad-input', {
      reason: 'several-named',
      name,
      text: hits.map((h) => formatSlotRef(slotOf(h.ref))).join(', '),
    });
  }

  checkWrite(w: CredentialWrite): DeviceError | null {
    if (!w.slot) return new DeviceError('bad-input', { field: 'slot' });
    if (w.algorithm && w.algorithm !== 'SHA1')
      return new DeviceError('algorithm-unsupported', { algorithm: w.algorithm });
    if (w.kind === 'password' || w.kind !== w.slot.kind) return new DeviceError('bad-input', { field: 'kind' });
    if (w.digits !== undefined && w.digits !== 6 && w.digits !== 8)
      return new DeviceError('digits-unsupported', { value: String(w.digits) });
    try {
      return this.token.checkSlotWrite(w.slot, this.slotWrite(w));
    } catch (e) {
      if (isDeviceError(e)) return e as DeviceError;
      return null; // firmware not known yet: writeCredential checks again
    }
  }

  private slotWrite(w: CredentialWrite) {
    return {
      name: w.name,
      secret: w.secret ?? new Uint8Array(0),
      digits: (w.digits ?? 6) as 6 | 8,
      period: w.kind === 'totp' ? (w.period ?? 30) : undefined,
      counter: w.kind === 'hotp' ? (w.counter ?? 0n) : undefined,
    };
  }

  async writeCredential(w: CredentialWrite, options: AuthOptions = {}): Promise<CredentialRef> {
    await this.token.ready();
    const problem = this.checkWrite(w);
    if (problem) throw problem;
    await this.auth('admin', options, { purpose: 'write', name: w.name });
    await this.token.writeSlot(w.slot!, this.slotWrite(w));
    return { slot: w.slot! };
  }

  /**
   * Renames a slot: rewritten with its digits, period or counter, token ID and flags as READ_SLOT gave them
   * and an empty secret (kept by the firmware; legacy firmware needs the secret: 'secret-every-write').
   */
  async updateCredential(ref: CredentialRef, changes: CredentialChanges, options: AuthOptions = {}) {
    const slot = slotOf(ref);
    checkEditable(changes, this.caps.editable);
    await this.token.ready();
    const cur = await this.token.readSlot(slot);
    if (!cur) throw new DeviceError('credential-not-found', { name: formatSlotRef(slot) });
    if (changes.name === cur.name) throw new DeviceError('bad-input', { reason: 'nothing-to-change' });
    const w = {
      name: changes.name ?? cur.name,
      secret: new Uint8Array(0),
      digits: cur.digits,
      period: cur.period,
      counter: cur.counter,
      tokenId: cur.tokenId,
      sendEnter: (cur.flags & SLOT_FLAG.SEND_ENTER) !== 0,
    };
    const problem = this.token.checkSlotWrite(slot, w);
    if (problem) throw problem;
    await this.auth('admin', options, { purpose: 'write', name: w.name });
    await this.token.writeSlot(slot, w);
    return { slot };
  }

  async deleteCredential(ref: CredentialRef, options: AuthOptions = {}): Promise<void> {
    await this.auth('admin', options, { purpose: 'delete' });
    await this.token.eraseSlot(slotOf(ref));
  }

  async getCode(ref: CredentialRef, options: AuthOptions & { unixMs?: number } = {}): Promise<OtpCode> {
    const slot = slotOf(ref);
    if (slot.kind === 'totp') await this.token.setTime(Math.floor((options.unixMs ?? this.now()) / 1000), false);
    try {
      return await this.token.getCode(slot);
    } catch (e) {
      if (!isDeviceError(e) || e.code !== 'not-authorized' || this.token.isAuthenticated('user')) throw e;
    }
    await this.auth('user', options, { purpose: 'code' });
    return this.token.getCode(slot);
  }

  async changePin(role: PinRole, current: string | undefined, next: string): Promise<void> {
    if (role === 'pin' || current === undefined)
      throw new DeviceError('bad-input', { reason: 'pin-role', value: role });
    await this.token.changePin(role, current, next);
  }

  async reset(options: AuthOptions = {}): Promise<void> {
    if (!options.pin) throw new DeviceError('pin-required', { kind: 'admin' });
    await this.token.factoryReset(await options.pin({ role: 'admin', purpose: 'reset' }));
  }

  private async unlockPws(options: AuthOptions): Promise<void> {
    if (this.token.isAuthenticated('user')) return;
    if (!options.pin) throw new DeviceError('pin-required', { kind: 'user' });
    await this.token.pws.unlock(await options.pin({ role: 'user', purpose: 'pws' }));
  }

  async pwsList(options: AuthOptions = {}): Promise<PwsEntryView[]> {
    await this.unlockPws(options);
    const used = await this.token.pws.status();
    const out: PwsEntryView[] = [];
    for (let i = 0; i < used.length; i++) {
      if (!used[i]) continue;
      const e = await this.token.pws.read(i, ['name', 'login']);
      out.push({ ref: { index: i }, name: e.name, login: e.login });
    }
    return out;
  }

  async pwsGet(ref: PwsRef, options: AuthOptions = {}): Promise<PwsEntryView> {
    await this.unlockPws(options);
    const e = await this.token.pws.read(indexOf(ref));
    return { ref, name: e.name, login: e.login, password: e.password };
  }

  async pwsSet(w: PwsWrite, options: AuthOptions = {}): Promise<void> {
    await this.unlockPws(options);
    await this.token.pws.write(indexOf(w.ref), { name: w.name, login: w.login ?? '', password: w.password ?? '' });
  }

  async pwsErase(ref: PwsRef, options: AuthOptions = {}): Promise<void> {
    await this.unlockPws(options);
    await this.token.pws.erase(indexOf(ref));
  }

  /** Slot tokens never wait for a touch: nothing to cancel. */
  async cancel(): Promise<void> {}

  close(): Promise<void> {
    return this.token.close();
  }
}
