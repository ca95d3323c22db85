/**
 * The OpenPGP smart card inside the token, reduced to what the OTP/PWS firmware asks of it:
 * VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER, the PW status bytes and the AES key (§6.1).
 *
 * PIN rules the reference could not pin down (§13.2), chosen here and kept simple:
 * - An empty PIN is refused as wrong **without** consuming a try: the firmware then sends VERIFY
 *   without data, which on an OpenPGP card only asks for the verification state.
 * - New PINs must be 6..32 bytes (user) / 8..32 bytes (admin), the OpenPGP card defaults; otherwise
 *   the card refuses the change (firmware status 12 / 13 / 14).
 * - A PIN is compared byte for byte; at 0 tries left even the right PIN is refused.
 */
import { takeFault, type FaultPlan } from './faults';
import { freshCard, PIN_TRIES, type CardState } from './flash-state';

/** Which card PIN: admin = OpenPGP PW3, user = PW1. */
export type PinKind = 'admin' | 'user';

/** Outcome of a card operation. 'error' = the card did not answer (fault injection). */
export type CardResult = 'ok' | 'wrong' | 'blocked' | 'refused' | 'error';

/** Minimum / maximum PIN bytes the virtual card accepts for a new PIN. */
export const PIN_LIMITS: Record<PinKind, { min: number; max: number }> = {
  user: { min: 6, max: 32 },
  admin: { min: 8, max: 32 },
};

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The smart card; mutates the CardState it is given (part of the persistent flash state). */
export class VirtualCard {
  constructor(
    private state: CardState,
    private readonly faults: FaultPlan,
  ) {}

  /** Swaps in another card state (after loading or a factory reset). */
  attach(state: CardState): void {
    this.state = state;
  }

  get serial(): number {
    return this.state.serial;
  }

  get hasAesKey(): boolean {
    return this.state.hasAesKey;
  }

  private failed(): boolean {
    return takeFault(this.faults, 'cardFailures');
  }

  /** Tries left for a PIN (0..3), or null when the card query fails. */
  tries(kind: PinKind): number | null {
    if (this.failed()) return null;
    return kind === 'admin' ? this.state.adminTries : this.state.userTries;
  }

  /** VERIFY: a wrong PIN costs a try, a right one restores all three. */
  verify(kind: PinKind, pin: Uint8Array): CardResult {
    if (this.failed()) return 'error';
    const tries = kind === 'admin' ? this.state.adminTries : this.state.userTries;
    if (tries === 0) return 'blocked';
    if (pin.length === 0) return 'wrong';
    const isRight = equalBytes(pin, kind === 'admin' ? this.state.adminPin : this.state.userPin);
    const next = isRight ? PIN_TRIES : tries - 1;
    if (kind === 'admin') this.state.adminTries = next;
    else this.state.userTries = next;
    return isRight ? 'ok' : 'wrong';
  }

  private isAcceptable(kind: PinKind, pin: Uint8Array): boolean {
    return pin.length >= PIN_LIMITS[kind].min && pin.length <= PIN_LIMITS[kind].max;
  }

  /** CHANGE REFERENCE DATA, after the current PIN was verified: stores the new PIN if acceptable. */
  setPin(kind: PinKind, next: Uint8Array): CardResult {
    if (this.failed()) return 'error';
    if (!this.isAcceptable(kind, next)) return 'refused';
    if (kind === 'admin') this.state.adminPin = next.slice();
    else this.state.userPin = next.slice();
    return 'ok';
  }

  /** RESET RETRY COUNTER (after the admin PIN was verified): new user PIN, user tries back to 3. */
  resetUserPin(next: Uint8Array): CardResult {
    if (this.failed()) return 'error';
    if (!this.isAcceptable('user', next)) return 'refused';
    this.state.userPin = next.slice();
    this.state.userTries = PIN_TRIES;
    return 'ok';
  }

  /** Loads a new AES key into the card (BUILD_AES_KEY step 2, §5.13). */
  loadAesKey(): CardResult {
    if (this.failed()) return 'error';
    this.state.hasAesKey = true;
    return 'ok';
  }

  /** Whether the card can do AES (DETECT_SC_AES, §5.13); false when the card fails. */
  supportsAes(): boolean {
    return !this.failed();
  }

  /** Factory state: default PINs, 3 tries each, no AES key. Keeps the serial. Returns the new state. */
  factoryReset(): CardState {
    this.state = freshCard(this.state.serial);
    return this.state;
  }
}
