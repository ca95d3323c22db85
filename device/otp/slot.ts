/**
 * OTP slots as users write them: `totp:1`..`totp:15`, `hotp:1`..`hotp:3`, numbered from 1
 * (SlotRef.index counts from 0), and slot names of at most 15 UTF-8 bytes (protocol reference §7.1).
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { LIMITS, SLOT_COUNT, type SlotRef } from '../protocol/commands';
import { problem, type Parsed } from './result';
import { hasUnsafeText, quoteForMessage } from './text-safety';

const encoder = new TextEncoder();

/** True if `text` is written as a slot reference (`kind:number`), rather than a slot name. */
export function looksLikeSlotRef(text: string): boolean {
  return /^\s*(totp|hotp)\s*:/i.test(text);
}

/**
 * Parses `totp:N` (1..15) or `hotp:N` (1..3), case-insensitive. The index in the result is N − 1.
 * Refuses other kinds, numbers out of range and anything that is not a whole number.
 */
export function parseSlotRef(text: string): Parsed<SlotRef> {
  const m = /^\s*([a-z]+)\s*:\s*(\S*)\s*$/i.exec(text);
  if (!m) return problem('slot', PROBLEMS_EN.notASlot({ text, totp: SLOT_COUNT.totp, hotp: SLOT_COUNT.hotp }));
  const kind = m[1].toLowerCase();
  if (kind !== 'totp' && kind !== 'hotp') {
    return problem('slot', PROBLEMS_EN.notSlotKind({ kind: m[1] }));
  }
  const count = SLOT_COUNT[kind];
  if (!/^\d+$/.test(m[2]) || Number(m[2]) < 1 || Number(m[2]) > count) {
    return problem('slot', PROBLEMS_EN.slotNumbered({ kind, max: count, value: m[2] }));
  }
  return { ok: true, value: { kind, index: Number(m[2]) - 1 } };
}

/** `totp:1` for `{ kind: 'totp', index: 0 }`: the form users type. */
export function formatSlotRef(slot: SlotRef): string {
  return `${slot.kind}:${slot.index + 1}`;
}

/** Bytes a name takes on the token (UTF-8). */
export function nameBytes(name: string): number {
  return encoder.encode(name).length;
}

/**
 * Checks a slot name: 1 to 15 bytes counted as UTF-8 (so "Bücher" is 7), no NUL, which the firmware
 * would read as its end (§5.1), and no control character or bidi override (text-safety.ts). The
 * problem quotes at most 40 characters of the name, escaped.
 */
export function checkSlotName(name: string): Parsed<string> {
  if (name.length === 0) return problem('name', PROBLEMS_EN.slotNeedsName);
  if (name.includes('\0')) return problem('name', PROBLEMS_EN.slotNameNul);
  if (hasUnsafeText(name)) return problem('name', PROBLEMS_EN.nameUnsafe({ name: quoteForMessage(name) }));
  const n = nameBytes(name);
  if (n > LIMITS.slotName) {
    return problem('name', PROBLEMS_EN.nameBytes({ name: quoteForMessage(name), bytes: n, maxBytes: LIMITS.slotName }));
  }
  return { ok: true, value: name };
}

/** The longest prefix of `text` that fits in `max` UTF-8 bytes, never splitting a character. */
export function truncateToBytes(text: string, max: number): string {
  let out = '';
  for (const c of text) {
    if (nameBytes(out + c) > max) break;
    out += c;
  }
  return out;
}

/**
 * A slot name for an account: "Issuer:account" if it fits in 15 bytes, else cut to 15 bytes.
 * Without an issuer, the account alone.
 */
export function proposeSlotName(issuer: string | undefined, account: string | undefined): string {
  const full = issuer && account ? `${issuer}:${account}` : issuer || account || '';
  return truncateToBytes(full.trim(), LIMITS.slotName);
}
