/**
 * What an OTP slot holds and what may be written to it, checked against one token's limits before
 * anything is sent (protocol reference §5.3, §5.4, §7.1). Pure functions; no I/O.
 */
import { DeviceError } from '../errors';
import * as cmd from '../protocol/commands';
import { type SlotRef, LIMITS, SLOT_COUNT, SLOT_FLAG } from '../protocol/commands';
import { utf8 } from '../protocol/fields';
import { hasUnsafeText } from '../otp/text-safety';
import type { Model } from '../transport/types';

/** A programmed OTP slot as READ_SLOT reports it (the secret cannot be read back). */
export interface OtpSlot {
  slot: SlotRef;
  name: string;
  digits: 6 | 8;
  /** TOTP time step in seconds. */
  period?: number;
  /** HOTP: the counter the next code will use. */
  counter?: bigint;
  flags: number;
  tokenId: string;
}

/** What to write into an OTP slot. Validate user input with device/otp before building this. */
export interface SlotWrite {
  name: string;
  /** Raw secret bytes; an empty array keeps the slot's current secret (§5.3 step 3). */
  secret: Uint8Array;
  digits: 6 | 8;
  /** TOTP time step in seconds (1..65535). */
  period?: number;
  /** HOTP initial counter. */
  counter?: bigint;
  tokenId?: string;
  sendEnter?: boolean;
}

/** The token facts a slot write is checked against. */
export interface SlotLimits {
  model: Model;
  isLegacy: boolean;
  maxSecretBytes: number;
}

/** The wire number of a slot; an index outside the host range is the user's error, not a crash. */
export function wireSlot(slot: SlotRef): number {
  try {
    return cmd.slotNumber(slot);
  } catch {
    const count = SLOT_COUNT[slot.kind] ?? 0;
    throw new DeviceError('wrong-slot', { reason: 'slot-range', kind: slot.kind, max: count });
  }
}

/**
 * The wire fields of a slot write, or the DeviceError of the first limit it breaks: name 1..15
 * bytes, secret ≤ 40 bytes (20 on legacy firmware) and not all zero, digits 6 or 8, TOTP step
 * 1..65535, token ID ≤ 13 bytes, HOTP counter range.
 */
export function slotParams(
  t: SlotLimits,
  slot: SlotRef,
  w: SlotWrite,
): { n: number; name: Uint8Array; params: cmd.SlotParams } {
  const n = wireSlot(slot);
  const name = utf8(w.name);
  if (name.length === 0) throw new DeviceError('name-empty');
  // Issue 9 item 7: a name with ESC, BEL or a bidi override would act on every terminal that lists it.
  if (hasUnsafeText(w.name)) throw new DeviceError('text-unsafe', { field: 'name' });
  if (name.length > LIMITS.slotName)
    throw new DeviceError('name-too-long', {
      reason: 'bytes',
      bytes: name.length,
      maxBytes: LIMITS.slotName,
    });
  if (w.secret.length > t.maxSecretBytes) {
    throw new DeviceError('secret-too-long', {
      reason: 'bytes-firmware',
      bytes: w.secret.length,
      maxBytes: t.maxSecretBytes,
    });
  }
  // The firmware reads an all-zero secret as "keep the stored one" (§5.3 step 3).
  if (w.secret.length > 0 && w.secret.every((b) => b === 0))
    throw new DeviceError('secret-invalid', { reason: 'secret-zero' });
  if (t.isLegacy && w.secret.length === 0) throw new DeviceError('secret-empty', { reason: 'secret-every-write' });
  if (w.digits !== 6 && w.digits !== 8) throw new DeviceError('digits-unsupported');
  const tokenId = utf8(w.tokenId ?? '');
  if (tokenId.length > LIMITS.tokenId)
    throw new DeviceError('bad-input', { reason: 'token-id-bytes', maxBytes: LIMITS.tokenId });
  let counterOrStep: bigint;
  if (slot.kind === 'totp') {
    const p = w.period ?? 30;
    if (!Number.isInteger(p) || p < 1 || p > 0xffff)
      throw new DeviceError('period-unsupported', { reason: 'period-range' });
    counterOrStep = BigInt(p);
  } else {
    counterOrStep = w.counter ?? 0n;
    if (counterOrStep < 0n || counterOrStep > 0xffffffffffffffffn) throw new DeviceError('counter-invalid');
    if (t.model === 'storage' && t.isLegacy && counterOrStep > 99_999_999n) {
      throw new DeviceError('counter-invalid', { reason: 'counter-8-digits' });
    }
  }
  if (t.model === 'storage' && n === 0x2e) {
    // Storage firmware ignores writes to TOTP slot 15 yet answers OK (§5.3 step 5): refuse before sending.
    throw new DeviceError('wrong-slot', {
      reason: 'storage-totp-15',
      detail: 'storage slot 0x2e',
    });
  }
  const flags = (w.digits === 8 ? SLOT_FLAG.EIGHT_DIGITS : 0) | (w.sendEnter ? SLOT_FLAG.SEND_ENTER : 0);
  return { n, name, params: { counterOrStep, flags, tokenId } };
}

/** Decodes a READ_SLOT reply for this token's layout (§5.6: legacy u16 TOTP step, legacy Storage ASCII counter). */
export function slotFromReadSlot(t: SlotLimits, slot: SlotRef, payload: Uint8Array): OtpSlot {
  const format =
    t.model === 'storage' && t.isLegacy
      ? slot.kind === 'hotp'
        ? 'ascii'
        : 'binary'
      : t.isLegacy && slot.kind === 'totp'
        ? 'u16'
        : 'binary';
  const rec = cmd.decodeReadSlot(payload, format);
  const base = {
    slot,
    name: rec.name,
    digits: (rec.flags & SLOT_FLAG.EIGHT_DIGITS ? 8 : 6) as 6 | 8,
    flags: rec.flags,
    tokenId: rec.tokenId,
  };
  return slot.kind === 'totp'
    ? { ...base, period: Number(t.model === 'storage' ? rec.counterOrStep : rec.counterOrStep & 0xffffn) }
    : { ...base, counter: rec.counterOrStep };
}
