/**
 * The credentials of named tokens (a Nitrokey 3): list (PIN-protected ones after an unlock), read a QR image
 * or URI, write and check code by code, erase, copy a code or a password field, set or change the PIN. The
 * PIN comes with the request that needs it and is used for that action only, as the firmware consumes a
 * verification with the next command; it is never retried. Asks `caps`, never the model. No Electron import.
 */
import {
  DeviceError,
  parseSecret,
  verifyCredential,
  type AuthOptions,
  type CredentialInfo,
  type CredentialWrite,
  type Clock,
} from '../../device/index';
import type {
  CopyResult,
  CredentialFields,
  CredentialUpdateRequest,
  CredentialView,
  CredentialWriteRequest,
  CredentialWritten,
  NamedTokenInfo,
  TokenId,
} from '../ipc/contract';
import { AppError } from '../ipc/serve';
import type { ClipboardService } from './clipboard-service';
import { addToBackup, prepareBackup, type CredentialBackupDeps } from './credential-backup';
import { CredentialScanner, type ScanSources } from './credential-scan';
import type { NamedEntry, NamedTokens } from './named-tokens';
import { secondsLeftInStep } from './slot-service';
import type { Emit } from './token-session';

const view = (c: CredentialInfo): CredentialView => ({
  name: c.name,
  kind: c.kind,
  ...(c.digits !== undefined ? { digits: c.digits } : {}),
  ...(c.period !== undefined ? { period: c.period } : {}),
  ...(c.algorithm !== undefined ? { algorithm: c.algorithm } : {}),
  isTouchRequired: c.isTouchRequired,
  isPinProtected: c.isPinProtected,
  hasPwsData: c.hasPwsData,
});

/** A PIN source that gives the request's PIN, or asks for one the request did not carry. */
export function pinFrom(pin: string | undefined): AuthOptions {
  return pin !== undefined ? { pin: async () => pin } : {};
}

export class CredentialService {
  /** Code lengths learnt from codes made, by token and name (a Nitrokey 3 does not list them). */
  private readonly digits = new Map<string, number>();

  constructor(
    private readonly tokens: NamedTokens,
    private readonly clipboard: ClipboardService,
    private readonly deps: { emit: Emit; clock: Clock } & ScanSources & CredentialBackupDeps,
  ) {
    this.scanner = new CredentialScanner(deps);
  }
  private readonly scanner: CredentialScanner;

  private changed(token: TokenId): void {
    this.deps.emit('named/changed', { token });
  }

  async status(token: TokenId): Promise<NamedTokenInfo> {
    return this.tokens.run(token, async (e) => {
      const s = await e.session.status();
      const pin = s.pins[0] ?? { isSet: false, retriesLeft: null };
      const hidden = e.unlocked?.length ?? 0;
      return {
        id: e.id,
        model: s.model,
        firmware: s.firmware,
        serial: s.serial,
        isVirtual: s.isVirtual,
        caps: e.session.caps,
        pin: { isSet: pin.isSet, retriesLeft: pin.retriesLeft },
        credentials: { used: s.credentials.used + hidden, max: s.credentials.max },
        isUnlocked: e.unlocked !== null,
      };
    });
  }

  private async listOf(e: NamedEntry): Promise<CredentialView[]> {
    const open = await e.session.listCredentials();
    const names = new Set(open.map((c) => c.name));
    const all = [...open, ...(e.unlocked ?? []).filter((c) => !names.has(c.name))];
    return all.map((c) => {
      const d = this.digits.get(`${e.id}\n${c.name}`);
      return view(d !== undefined && c.digits === undefined ? { ...c, digits: d } : c);
    });
  }

  list(token: TokenId): Promise<CredentialView[]> {
    return this.tokens.run(token, (e) => this.listOf(e));
  }

  /** Lists with the PIN: the PIN-protected credentials are shown until `lock`. */
  async unlock(token: TokenId, pin: string): Promise<CredentialView[]> {
    const out = await this.tokens.run(token, async (e) => {
      try {
        const all = await e.session.listCredentials(pinFrom(pin));
        e.unlocked = all.filter((c) => c.isPinProtected);
      } finally {
        this.changed(token); // tries left change either way
      }
      return this.listOf(e);
    });
    return out;
  }

  async lock(token: TokenId): Promise<CredentialView[]> {
    return this.tokens.run(token, async (e) => {
      e.unlocked = null;
      this.changed(token);
      return this.listOf(e);
    });
  }

  /** Reads a QR image, URI or export with this token's capabilities; the secrets stay in main (credential-scan.ts). */
  scan(token: TokenId, input: { bytes?: Uint8Array; uri?: string; from?: 'clipboard' | 'screen' }) {
    return this.scanner.scan(token, this.tokens.get(token).session.caps, input);
  }

  private secretOf(req: CredentialWriteRequest): Uint8Array {
    if (req.scanId !== undefined) return this.scanner.secret(req.scanId, req.token);
    if (!req.secret) throw new AppError('bad-request', { field: 'secret' });
    const s = parseSecret(req.secret.text, req.secret.encoding);
    if (!s.ok) throw new AppError('bad-request', { field: 'secret', text: s.problem });
    return s.bytes;
  }

  /**
   * Writes a credential and checks its first code against the secret (a mismatch deletes nothing: it says so);
   * with `req.backup`, adds it to that keyslot backup after the check (credential-backup.ts).
   */
  async write(req: CredentialWriteRequest): Promise<CredentialWritten> {
    const secret = this.secretOf(req);
    const w: CredentialWrite = {
      name: req.name,
      kind: req.kind,
      secret,
      algorithm: req.algorithm,
      digits: req.digits,
      ...(req.kind === 'totp' ? { period: req.period ?? 30 } : { counter: BigInt(req.counter ?? '0') }),
      isTouchRequired: req.isTouchRequired,
      isPinProtected: req.isPinProtected,
    };
    const backup = req.backup ? await prepareBackup(req.backup, w, this.deps) : null;
    const result = await this.tokens.run(req.token, async (e) => {
      const problem = e.session.checkWrite(w);
      if (problem) throw problem;
      const ref = await e.session.writeCredential(w, pinFrom(req.pin));
      const listed = { ...w, ref, isPinProtected: req.isPinProtected } as unknown as CredentialInfo;
      const check = await verifyCredential(e.session, ref, w, this.deps.clock.now(), pinFrom(req.pin));
      if (!check.isMatch) throw new AppError('verify-failed', { name: req.name });
      const name = 'name' in ref ? ref.name : req.name;
      this.digits.set(`${e.id}\n${name}`, req.digits);
      if (req.isPinProtected && e.unlocked) e.unlocked.push({ ...listed, name, ref: { name } });
      return { name, code: check.code };
    });
    if (req.scanId !== undefined) this.scanner.forget(req.scanId);
    this.changed(req.token);
    const saved = backup ? await addToBackup(backup, result.name, this.deps) : null;
    const credential: CredentialView = {
      name: result.name,
      kind: req.kind,
      digits: req.digits,
      algorithm: req.algorithm,
      ...(req.kind === 'totp' ? { period: req.period ?? 30 } : {}),
      isTouchRequired: req.isTouchRequired,
      isPinProtected: req.isPinProtected,
      hasPwsData: false,
    };
    return { credential, code: result.code, ...(saved ? { backup: saved } : {}) };
  }

  /** Changes a credential in place (the session refuses what the token cannot change before sending). */
  async update(req: CredentialUpdateRequest): Promise<CredentialView[]> {
    const out = await this.tokens.run(req.token, async (e) => {
      const isProtected = e.unlocked?.some((c) => c.name === req.name);
      if (isProtected && req.pin === undefined) throw new DeviceError('pin-required');
      const ref = await e.session.updateCredential({ name: req.name }, req.changes, pinFrom(req.pin));
      const next = 'name' in ref ? ref.name : req.name;
      const digits = this.digits.get(`${e.id}\n${req.name}`);
      if (digits !== undefined) this.digits.set(`${e.id}\n${next}`, digits);
      if (e.unlocked) {
        const touch = req.changes.isTouchRequired;
        e.unlocked = e.unlocked.map((c) =>
          c.name !== req.name
            ? c
            : { ...c, name: next, ref, ...(touch !== undefined ? { isTouchRequired: touch } : {}) },
        );
      }
      return this.listOf(e);
    });
    this.changed(req.token);
    return out;
  }

  async erase(token: TokenId, name: string, pin?: string): Promise<CredentialView[]> {
    const out = await this.tokens.run(token, async (e) => {
      await e.session.deleteCredential({ name }, pinFrom(pin));
      if (e.unlocked) e.unlocked = e.unlocked.filter((c) => c.name !== name);
      return this.listOf(e);
    });
    this.changed(token);
    return out;
  }

  /** Makes a code and puts it on the clipboard; the code is not returned. */
  async copy(token: TokenId, name: string, pin?: string): Promise<CopyResult> {
    const { code, period, kind } = await this.tokens.run(token, async (e) => {
      const known = [...(await e.session.listCredentials()), ...(e.unlocked ?? [])].find((c) => c.name === name);
      if (known?.isPinProtected && pin === undefined) throw new DeviceError('pin-required');
      const got = await e.session.getCode({ name }, { ...pinFrom(pin), ...(known ? { credential: known } : {}) });
      this.digits.set(`${e.id}\n${name}`, got.digits);
      return { code: got.code, period: known?.period ?? 30, kind: known?.kind ?? 'totp' };
    });
    const { clearsInMs } = await this.clipboard.copy(code, 'code');
    if (kind === 'hotp') return { clearsInMs };
    return { clearsInMs, secondsLeft: secondsLeftInStep(this.deps.clock.now(), period) };
  }

  /** Sets the first PIN (`current` undefined) or changes it. */
  async setPin(token: TokenId, current: string | undefined, next: string): Promise<NamedTokenInfo> {
    try {
      await this.tokens.run(token, (e) => e.session.changePin('pin', current, next));
    } finally {
      this.changed(token);
    }
    return this.status(token);
  }

  async fields(token: TokenId, name: string, pin?: string): Promise<CredentialFields> {
    const v = await this.tokens.run(token, (e) => e.session.pwsGet({ name }, pinFrom(pin)));
    return { name: v.name, login: v.login ?? '', comment: v.comment ?? '', hasPassword: !!v.password };
  }

  /** Copies a login, password or comment under the password-safe clipboard rules. */
  async copyField(
    token: TokenId,
    name: string,
    field: 'login' | 'password' | 'comment',
    pin?: string,
  ): Promise<CopyResult> {
    const v = await this.tokens.run(token, (e) => e.session.pwsGet({ name }, pinFrom(pin)));
    const value = v[field];
    if (!value) throw new AppError('nothing-found');
    return this.clipboard.copy(value, 'password');
  }
}
