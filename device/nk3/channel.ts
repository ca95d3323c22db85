/**
 * The plumbing under Nk3Session: one command at a time, SELECT only when the wire needs it, 61xx
 * chaining, touch announcements, PIN-then-command sequencing, and status words turned into errors
 * (protocol reference nitrokey3-secrets.md §2.3, §2.4, §3.6, §6.3, §7).
 */
import { DeviceError } from '../errors';
import type { ApduTransport } from '../transport/apdu';
import { encodeApdu, splitResponse, type CommandApdu } from './apdu';
import { pinBytes } from './checks';
import * as cmd from './commands';
import { NK3_LIMITS, SW } from './constants';
import { errorForStatus, type Nk3Command } from './status';
import type { Nk3ListEntry, Nk3SelectInfo } from './types';

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

export type Touch = 'always' | 'never' | 'flag';
/** Base of Nk3Session; not exported from the library. */
export class Nk3Channel {
  protected needsSelect: boolean;
  protected lastSelect: Nk3SelectInfo | null = null;
  protected readonly known = new Map<string, Nk3ListEntry>();
  protected lock: Promise<unknown> = Promise.resolve();

  constructor(
    readonly transport: ApduTransport,
    protected readonly opts: Nk3SessionOptions = {},
  ) {
    // CCID routes APDUs to the last selected app; CTAPHID 0x70 reaches the Secrets app directly (§2.3).
    this.needsSelect = transport.wire === 'ccid';
  }

  /** Runs `fn` alone: one command sequence at a time (a VERIFY PIN must be followed by its command). */
  protected serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** One exchange with chaining: CCID `61 xx` → GET RESPONSE; CTAPHID LIST `61 FF` → SEND REMAINING. */
  protected async exchange(
    c: CommandApdu,
    command: Nk3Command,
    timeoutMs?: number,
  ): Promise<{ sw: number; data: Uint8Array }> {
    const isCcid = this.transport.wire === 'ccid';
    // Over CCID ask for everything at once (Le; LIST uses extended Le, up to 3070 bytes a chunk), so data comes
    // without GET RESPONSE (§2.4).
    const apdu = encodeApdu(isCcid && c.le === undefined ? { ...c, le: 0x100 } : c);
    let r: { sw: number; data: Uint8Array };
    try {
      r = splitResponse(await this.transport.transmit(apdu, { timeoutMs }));
    } catch (e) {
      if (isCcid) this.needsSelect = true;
      throw e;
    } finally {
      if (c.isWiped) {
        apdu.fill(0);
        c.data?.fill(0);
      }
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
  protected async send(
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

  protected async doSelect(): Promise<Nk3SelectInfo> {
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
  protected async withPin<T>(pin: string | undefined, next: (isPinVerified: boolean) => Promise<T>): Promise<T> {
    if (pin === undefined) return next(false);
    const p = pinBytes(pin);
    try {
      if (this.needsSelect) await this.doSelect();
      if (this.lastSelect?.pinRetries === 0) throw new DeviceError('pin-locked', { retriesLeft: 0 });
      await this.send(cmd.verifyPinApdu(p), 'VERIFY_PIN', 'always');
    } catch (e) {
      throw await this.explainPinRefusal(e);
    } finally {
      p.fill(0); // the APDU that carried it is wiped in exchange()
    }
    return next(true);
  }

  /** Turns a PIN command's refusal into wrong-pin/pin-locked with tries left, or pin-not-set. */
  protected async explainPinRefusal(e: unknown): Promise<unknown> {
    if (!(e instanceof DeviceError) || (e.code !== 'wrong-pin' && e.code !== 'touch-timeout')) return e;
    const s = await this.doSelect().catch(() => null);
    if (!s) return e;
    if (s.pinRetries === undefined) return new DeviceError('pin-not-set', e.info);
    if (e.code === 'touch-timeout') return e;
    const retriesLeft = s.pinRetries;
    return new DeviceError(retriesLeft === 0 ? 'pin-locked' : 'wrong-pin', { ...e.info, retriesLeft });
  }

  /** LIST v1 with properties; with `pin`, PIN-protected credentials too (§4.6, §6.2). */
}
