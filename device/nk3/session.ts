/**
 * Nk3Session: the Nitrokey 3's Secrets app over an ApduTransport (CTAPHID or CCID), with meaning: names
 * as strings, codes as digits, PIN refusals with tries left, touch announced before it is due, and the
 * firmware's limits checked before anything is sent (protocol reference nitrokey3-secrets.md).
 */
import { DeviceError } from '../errors';
import { Nk3Channel, type Touch } from './channel';
import { checkPutRequest, nameBytes, pinBytes, pwsField, type Nk3PutRequest } from './checks';
import { codeFromTruncated, parseCredentialName, totpChallenge } from './codes';
import * as cmd from './commands';
import { NK3_LIMITS } from './constants';
import type { Nk3CredentialData, Nk3CredentialUpdate, Nk3ListEntry } from './types';

export type { TouchNeeded, Nk3SessionOptions, Nk3Status, Nk3Credential, Nk3Code } from './channel';
export { NK3_CAPS } from './channel';
import type { Nk3Code, Nk3Credential } from './channel';
import { NK3_CAPS } from './channel';

const label = (b: Uint8Array) => new TextDecoder().decode(b);

/** The Secrets app session. Construct over an ApduTransport; every method is one serialised command sequence. */
export class Nk3Session extends Nk3Channel {
  readonly caps = NK3_CAPS;

  list(options: { pin?: string } = {}): Promise<Nk3Credential[]> {
    return this.serial(() => this.withPin(options.pin, (v) => this.doList(v)));
  }

  protected async doList(isPinVerified: boolean): Promise<Nk3Credential[]> {
    const data = await this.send(
      cmd.listApdu(1, this.transport.wire === 'ccid' ? 0x10000 : undefined),
      'LIST',
      'never',
      undefined,
      isPinVerified,
    );
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
      try {
        if (this.needsSelect) await this.doSelect();
        await this.send(cmd.setPinApdu(p), 'SET_PIN', 'always').catch(async (e: unknown) => {
          const s = await this.doSelect().catch(() => null);
          throw s?.pinRetries !== undefined ? new DeviceError('pin-already-set') : e;
        });
      } finally {
        p.fill(0); // the APDU that carried it is wiped by the channel
      }
      this.lastSelect = null;
    });
  }

  /** Changes the PIN (touch, §4.11). A wrong old PIN: 'wrong-pin' with retriesLeft; never retried. */
  changePin(oldPin: string, newPin: string): Promise<void> {
    return this.serial(async () => {
      const o = pinBytes(oldPin);
      let n: Uint8Array | undefined;
      try {
        n = pinBytes(newPin);
        if (this.needsSelect) await this.doSelect();
        if (this.lastSelect?.pinRetries === 0) throw new DeviceError('pin-locked', { retriesLeft: 0 });
        await this.send(cmd.changePinApdu(o, n), 'CHANGE_PIN', 'always');
      } catch (e) {
        throw await this.explainPinRefusal(e);
      } finally {
        o.fill(0);
        n?.fill(0);
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
