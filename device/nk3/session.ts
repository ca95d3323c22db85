/**
 * Nk3Session: the Nitrokey 3's Secrets app over an ApduTransport (CTAPHID or CCID), with meaning: names
 * as strings, codes as digits, PIN refusals with tries left, touch announced before it is due, and the
 * firmware's limits checked before anything is sent (protocol reference nitrokey3-secrets.md).
 */
import { DeviceError } from '../errors';
import type { ApduTransport } from '../transport/apdu';
import { encodeApdu, splitResponse, type CommandApdu } from './apdu';
import { checkPutRequest, nameBytes, pinBytes, pwsField, type Nk3PutRequest } from './checks';
import { codeFromTruncated, parseCredentialName, totpChallenge } from './codes';
import * as cmd from './commands';
import { NK3_LIMITS, SW } from './constants';
import { errorForStatus, type Nk3Command } from './status';
import type { Nk3CredentialData, Nk3CredentialUpdate, Nk3ListEntry, Nk3SelectInfo } from './types';

/** What the session tells before (or while) a touch is due. */
export interface TouchNeeded {
  command: Nk3Command;
  /** Credential name, when the command names one. */
  name?: string;
  /** False when the session could not know the credential's touch flag and no answer came for a while. */
  isCertain: boolean;
}

/** Options of an {@link Nk3Session}. */
export interface Nk3SessionOptions {
  /** Called before sending a command that needs a touch (§7); the CLI prints "Touch your Nitrokey 3". */
  onTouchNeeded?: (e: TouchNeeded) => void;
  /** Milliseconds after which an answer that may wait for a touch is announced as one (default 1000). */
  touchHintDelayMs?: number;
  /** Wall clock for TOTP, ms since the epoch (default Date.now). */
  now?: () => number;
}

/** Status of the device (from SELECT, §2.3). */
export interface Nk3Status {
  /** Secrets app version, e.g. "4.14.0" (secrets-app 0.14.0). */
  version: string;
  /** 8 hex digits, or undefined before firmware 1.5. */
  serial?: string;
  isPinSet: boolean;
  /** PIN tries left; undefined when no PIN is set. */
  pinRetries?: number;
}

/** A credential as listed: its name split by the `P/issuer:account` convention. */
export interface Nk3Credential extends Omit<Nk3ListEntry, 'label'> {
  name: string;
  /** TOTP period from the name's prefix (30 when none). */
  period: number;
}

/** A code and its parameters. */
export interface Nk3Code {
  code: string;
  digits: number;
}

/** The Nitrokey 3's capabilities, for callers that ask (style guide §9). */
export const NK3_CAPS = {
  addressing: 'names',
  algorithms: ['SHA1', 'SHA256'],
  digits: [6, 7, 8],
  kinds: ['totp', 'hotp', 'reverse-hotp', 'hmac', 'password'],
  touch: true,
  pins: ['pin'],
  maxCredentials: NK3_LIMITS.credentials,
  maxNameBytes: NK3_LIMITS.labelBytes,
  maxSecretBytes: NK3_LIMITS.secretBytes,
  maxPwsFieldBytes: NK3_LIMITS.pwsFieldBytes,
  pinRetries: NK3_LIMITS.pinRetries,
} as const;

const TOUCH_TIMEOUT_MS = NK3_LIMITS.touchTimeoutMs + 10000;
const label = (b: Uint8Array) => new TextDecoder().decode(b);

type Touch = 'always' | 'never' | 'flag';

export class Nk3Session {
  readonly caps = NK3_CAPS;
  private needsSelect: boolean;
  private lastSelect: Nk3SelectInfo | null = null;
  private readonly known = new Map<string, Nk3ListEntry>();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    readonly transport: ApduTransport,
    private readonly opts: Nk3SessionOptions = {},
  ) {
    // CCID routes APDUs to the last selected app; CTAPHID 0x70 reaches the Secrets app directly (§2.3).
    this.needsSelect = transport.wire === 'ccid';
  }

  /** Runs `fn` alone: one command sequence at a time (a VERIFY PIN must be followed by its command). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** One exchange with chaining: CCID `61 xx` → GET RESPONSE; CTAPHID LIST `61 FF` → SEND REMAINING. */
  private async exchange(
    c: CommandApdu,
    command: Nk3Command,
    timeoutMs?: number,
  ): Promise<{ sw: number; data: Uint8Array }> {
    const isCcid = this.transport.wire === 'ccid';
    // Over CCID ask for everything at once (Le), so data comes without GET RESPONSE (§2.4).
    const apdu = encodeApdu(isCcid && c.le === undefined ? { ...c, le: 0x100 } : c);
    let r: { sw: number; data: Uint8Array };
    try {
      r = splitResponse(await this.transport.transmit(apdu, { timeoutMs }));
    } catch (e) {
      if (isCcid) this.needsSelect = true;
      throw e;
    }
    const parts = [r.data];
    while (isCcid && r.sw >> 8 === 0x61) {
      r = splitResponse(await this.transport.transmit(encodeApdu(cmd.getResponseApdu(r.sw & 0xff || 0x100))));
      parts.push(r.data);
    }
    while (!isCcid && command === 'LIST' && r.sw === SW.MORE_AVAILABLE) {
      r = splitResponse(await this.transport.transmit(encodeApdu(cmd.sendRemainingApdu())));
      parts.push(r.data);
    }
    return { sw: r.sw, data: Buffer.concat(parts) };
  }

  /**
   * Sends one command (SELECT first over CCID when needed), announcing a touch per `touch`.
   * Throws the DeviceError for a refusal (status.ts).
   */
  private async send(
    c: CommandApdu,
    command: Nk3Command,
    touch: Touch,
    name?: string,
    isPinVerified = false,
  ): Promise<Uint8Array> {
    if (this.needsSelect) await this.doSelect();
    const entry = name !== undefined ? this.known.get(name) : undefined;
    const isTouchDue = touch === 'always' || (touch === 'flag' && !!entry?.isTouchRequired && !entry.isPinEncrypted);
    const mayTouch = touch === 'flag' && !entry && !isPinVerified;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (isTouchDue) this.opts.onTouchNeeded?.({ command, name, isCertain: true });
    else if (mayTouch && this.opts.onTouchNeeded) {
      const fn = this.opts.onTouchNeeded;
      timer = setTimeout(() => fn({ command, name, isCertain: false }), this.opts.touchHintDelayMs ?? 1000);
    }
    try {
      const r = await this.exchange(c, command, isTouchDue || mayTouch ? TOUCH_TIMEOUT_MS : undefined);
      const e = errorForStatus(r.sw, {
        command,
        isTouchDue: isTouchDue || (mayTouch && !isPinVerified),
        isPinVerified,
        name,
      });
      if (e) throw e;
      return r.data;
    } finally {
      clearTimeout(timer);
    }
  }

  private async doSelect(): Promise<Nk3SelectInfo> {
    const r = await this.exchange(cmd.selectApdu(), 'SELECT');
    const e = errorForStatus(r.sw, { command: 'SELECT' });
    if (e) throw e;
    try {
      this.lastSelect = cmd.parseSelect(r.data);
    } catch (err) {
      throw new DeviceError('bad-response', { detail: `SELECT: ${(err as Error).message}` });
    }
    this.needsSelect = false;
    return this.lastSelect;
  }

  /** Sends SELECT and returns what it tells (§2.3). Consumes a VERIFY PIN, so never between PIN and command. */
  select(): Promise<Nk3SelectInfo> {
    return this.serial(() => this.doSelect());
  }

  /** Version, serial, PIN set and tries left. One SELECT. */
  async status(): Promise<Nk3Status> {
    const s = await this.select();
    const v = `${s.version.major}.${s.version.minor}.${s.version.patch}`;
    return { version: v, serial: s.serial, isPinSet: s.pinRetries !== undefined, pinRetries: s.pinRetries };
  }

  /**
   * VERIFY PIN (touch), then `next` as the very next APDU (§6.3). A wrong PIN is never retried: the error
   * carries the tries left, read with one SELECT after the refusal.
   */
  private async withPin<T>(pin: string | undefined, next: (isPinVerified: boolean) => Promise<T>): Promise<T> {
    if (pin === undefined) return next(false);
    const p = pinBytes(pin);
    if (this.needsSelect) await this.doSelect();
    if (this.lastSelect?.pinRetries === 0) throw new DeviceError('pin-locked', { retriesLeft: 0 });
    try {
      await this.send(cmd.verifyPinApdu(p), 'VERIFY_PIN', 'always');
    } catch (e) {
      throw await this.explainPinRefusal(e);
    }
    return next(true);
  }

  /** Turns a PIN command's refusal into wrong-pin/pin-locked with tries left, or pin-not-set. */
  private async explainPinRefusal(e: unknown): Promise<unknown> {
    if (!(e instanceof DeviceError) || (e.code !== 'wrong-pin' && e.code !== 'touch-timeout')) return e;
    const s = await this.doSelect().catch(() => null);
    if (!s) return e;
    if (s.pinRetries === undefined) return new DeviceError('pin-not-set', e.info);
    if (e.code === 'touch-timeout') return e;
    const retriesLeft = s.pinRetries;
    return new DeviceError(retriesLeft === 0 ? 'pin-locked' : 'wrong-pin', { ...e.info, retriesLeft });
  }

  /** LIST v1 with properties; with `pin`, PIN-protected credentials too (§4.6, §6.2). */
  list(options: { pin?: string } = {}): Promise<Nk3Credential[]> {
    return this.serial(() => this.withPin(options.pin, (v) => this.doList(v)));
  }

  private async doList(isPinVerified: boolean): Promise<Nk3Credential[]> {
    const data = await this.send(cmd.listApdu(1), 'LIST', 'never', undefined, isPinVerified);
    let entries: Nk3ListEntry[];
    try {
      entries = cmd.parseList(data, 1);
    } catch (err) {
      throw new DeviceError('bad-response', { detail: `LIST: ${(err as Error).message}` });
    }
    if (!isPinVerified) this.known.clear();
    return entries.map((e) => {
      const name = label(e.label);
      this.known.set(name, e);
      const { label: _omit, ...rest } = e;
      void _omit;
      return { ...rest, name, period: parseCredentialName(name, e.kind === 'totp').period };
    });
  }

  /**
   * A code: CALCULATE with the TOTP challenge for `period` (default: from the name's `P/` prefix, else 30)
   * at `unixMs` (default now). HOTP ignores the challenge and advances the device's counter. With `pin`,
   * VERIFY PIN first. One APDU over CTAPHID; over CCID plus one SELECT when the session needs it.
   */
  calculate(name: string, options: { unixMs?: number; period?: number; pin?: string } = {}): Promise<Nk3Code> {
    return this.serial(async () => {
      const l = nameBytes(name);
      const period = options.period ?? parseCredentialName(name, true).period;
      const challenge = totpChallenge(options.unixMs ?? (this.opts.now ?? Date.now)(), period);
      const data = await this.withPin(options.pin, (v) =>
        this.send(cmd.calculateApdu(l, challenge), 'CALCULATE', 'flag', name, v),
      );
      try {
        const { digits, truncated } = cmd.parseCalculate(data);
        return { code: codeFromTruncated(truncated, digits), digits };
      } catch (err) {
        throw new DeviceError('bad-response', { detail: `CALCULATE: ${(err as Error).message}` });
      }
    });
  }

  /**
   * PUT a credential. Checks §8 limits first (LIST once: a full store or a taken visible name is refused
   * before PUT); PIN-protected and reverse-HOTP credentials need `pin` (VERIFY PIN right before PUT).
   */
  put(request: Nk3PutRequest, options: { pin?: string } = {}): Promise<void> {
    return this.serial(async () => {
      const spec = checkPutRequest(request);
      if ((spec.isPinEncrypted || spec.kind === 'reverse-hotp') && options.pin === undefined)
        throw new DeviceError('pin-required');
      const listed = await this.doList(false);
      if (listed.length >= NK3_LIMITS.credentials) throw new DeviceError('store-full', { max: NK3_LIMITS.credentials });
      if (listed.some((c) => c.name === request.name))
        throw new DeviceError('credential-exists', { name: request.name });
      const touch: Touch = spec.isTouchRequired && !spec.isPinEncrypted ? 'always' : 'never';
      await this.withPin(options.pin, (v) => this.send(cmd.putApdu(spec), 'PUT', touch, request.name, v));
      this.known.set(request.name, {
        label: spec.label,
        kind: spec.kind,
        algorithm: spec.algorithm ?? 'SHA1',
        isTouchRequired: spec.isTouchRequired,
        isPinEncrypted: spec.isPinEncrypted,
      });
    });
  }

  /** DELETE (touch always, §4.5); PIN-protected credentials need `pin`. */
  delete(name: string, options: { pin?: string } = {}): Promise<void> {
    return this.serial(async () => {
      const l = nameBytes(name);
      await this.withPin(options.pin, (v) => this.send(cmd.deleteApdu(l), 'DELETE', 'always', name, v));
      this.known.delete(name);
    });
  }

  /** GET CREDENTIAL: kind, algorithm and password-safe fields, never the secret (§4.13). */
  getCredential(name: string, options: { pin?: string } = {}): Promise<Nk3CredentialData> {
    return this.serial(async () => {
      const l = nameBytes(name);
      const data = await this.withPin(options.pin, (v) =>
        this.send(cmd.getCredentialApdu(l), 'GET_CREDENTIAL', 'flag', name, v),
      );
      try {
        return cmd.parseGetCredential(data);
      } catch (err) {
        throw new DeviceError('bad-response', { detail: `GET CREDENTIAL: ${(err as Error).message}` });
      }
    });
  }

  /**
   * UPDATE CREDENTIAL (touch always, §4.14): rename, touch flag, password-safe fields. When `pws` is given
   * all three fields are replaced (absent or empty = cleared), as the firmware does.
   */
  update(
    name: string,
    changes: {
      newName?: string;
      isTouchRequired?: boolean;
      pws?: { login?: string; password?: string; comment?: string };
    },
    options: { pin?: string } = {},
  ): Promise<void> {
    return this.serial(async () => {
      const u: Nk3CredentialUpdate = {};
      if (changes.newName !== undefined) u.newLabel = nameBytes(changes.newName);
      if (changes.isTouchRequired !== undefined) u.isTouchRequired = changes.isTouchRequired;
      if (changes.pws) {
        const p = changes.pws;
        u.pws = {
          login: pwsField(p.login, 'login'),
          password: pwsField(p.password, 'password'),
          metadata: pwsField(p.comment, 'comment'),
        };
      }
      const l = nameBytes(name);
      await this.withPin(options.pin, (v) =>
        this.send(cmd.updateCredentialApdu(l, u), 'UPDATE_CREDENTIAL', 'always', changes.newName ?? name, v),
      );
      this.known.clear();
    });
  }

  /** Reverse HOTP (§4.9): true if the device accepted `code` (and moved its counter), false if not. */
  verifyCode(name: string, code: string): Promise<boolean> {
    return this.serial(async () => {
      if (!/^\d{1,10}$/.test(code)) throw new DeviceError('bad-input', { field: 'code' });
      try {
        await this.send(cmd.verifyCodeApdu(nameBytes(name), Number(code)), 'VERIFY_CODE', 'flag', name);
        return true;
      } catch (e) {
        if (e instanceof DeviceError && e.code === 'code-rejected') return false;
        throw e;
      }
    });
  }

  /** Sets the first PIN (touch, §4.12). @throws 'pin-already-set' when one exists. */
  setPin(pin: string): Promise<void> {
    return this.serial(async () => {
      const p = pinBytes(pin);
      if (this.needsSelect) await this.doSelect();
      await this.send(cmd.setPinApdu(p), 'SET_PIN', 'always').catch(async (e: unknown) => {
        const s = await this.doSelect().catch(() => null);
        throw s?.pinRetries !== undefined ? new DeviceError('pin-already-set') : e;
      });
      this.lastSelect = null;
    });
  }

  /** Changes the PIN (touch, §4.11). A wrong old PIN: 'wrong-pin' with retriesLeft; never retried. */
  changePin(oldPin: string, newPin: string): Promise<void> {
    return this.serial(async () => {
      const [o, n] = [pinBytes(oldPin), pinBytes(newPin)];
      if (this.needsSelect) await this.doSelect();
      if (this.lastSelect?.pinRetries === 0) throw new DeviceError('pin-locked', { retriesLeft: 0 });
      try {
        await this.send(cmd.changePinApdu(o, n), 'CHANGE_PIN', 'always');
      } catch (e) {
        throw await this.explainPinRefusal(e);
      }
    });
  }

  /** Checks the PIN alone (touch). The verification is consumed by the next APDU, so this is a check only. */
  verifyPin(pin: string): Promise<void> {
    return this.serial(() => this.withPin(pin, async () => undefined));
  }

  /** RESET (touch, §4.15): deletes every credential and the PIN. */
  reset(): Promise<void> {
    return this.serial(async () => {
      await this.send(cmd.resetApdu(), 'RESET', 'always');
      this.known.clear();
      this.lastSelect = null;
    });
  }

  /** Closes the transport. */
  close(): Promise<void> {
    return this.transport.close();
  }
}

export { SW };
