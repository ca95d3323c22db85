/**
 * Host-side checks of the firmware's limits (protocol reference §8), so that what the Nitrokey 3 would
 * refuse is refused before anything is sent, with the field at fault.
 */
import { createHash } from 'node:crypto';
import { DeviceError } from '../errors';
import { NK3_LIMITS } from './constants';
import type { Nk3Algorithm, Nk3CredentialSpec, Nk3Kind } from './types';

const utf8 = new TextEncoder();

/** A credential as the session's callers give it: strings, UTF-8 on the wire. */
export interface Nk3PutRequest {
  /** The credential's name; for TOTP with a period ≠ 30 s prefixed `P/` (see formatCredentialName). */
  name: string;
  kind: Nk3Kind;
  /** Raw secret bytes; not for password-only. Keys over 64 bytes are shortened by hashing (RFC 2104). */
  secret?: Uint8Array;
  /** SHA1 (default) or SHA256; SHA512 is refused (the device cannot compute it, §4.8). */
  algorithm?: Nk3Algorithm;
  /** 6 (default), 7 or 8. */
  digits?: number;
  /** Initial HOTP counter, 0..2^32-1. */
  counter?: number;
  isTouchRequired?: boolean;
  /** Encrypt with the PIN: the credential is then used only with the PIN (§6.2). */
  isPinProtected?: boolean;
  login?: string;
  password?: string;
  /** The password safe's metadata field. */
  comment?: string;
}

/** UTF-8 bytes of a credential name. @throws DeviceError 'name-empty' | 'name-too-long' ({bytes, maxBytes}). */
export function nameBytes(name: string): Uint8Array {
  const b = utf8.encode(name);
  if (b.length === 0) throw new DeviceError('name-empty');
  if (b.length > NK3_LIMITS.labelBytes)
    throw new DeviceError('name-too-long', { bytes: b.length, maxBytes: NK3_LIMITS.labelBytes, name });
  return b;
}

/** UTF-8 bytes of a PIN. @throws DeviceError('pin-invalid') above 128 bytes (§6.1; empty is allowed by the device). */
export function pinBytes(pin: string): Uint8Array {
  const b = utf8.encode(pin);
  if (b.length > NK3_LIMITS.pinBytes)
    throw new DeviceError('pin-invalid', { bytes: b.length, maxBytes: NK3_LIMITS.pinBytes });
  return b;
}

/** A password-safe field, or undefined when empty. @throws DeviceError('pws-field-too-long'). */
export function pwsField(value: string | undefined, field: string): Uint8Array | undefined {
  if (value === undefined || value === '') return undefined;
  const b = utf8.encode(value);
  if (b.length > NK3_LIMITS.pwsFieldBytes)
    throw new DeviceError('pws-field-too-long', { field, bytes: b.length, maxBytes: NK3_LIMITS.pwsFieldBytes });
  return b;
}

/** Checks a PUT request against §4.4 and §8 and builds the wire spec. Throws DeviceError naming the fault. */
export function checkPutRequest(r: Nk3PutRequest): Nk3CredentialSpec {
  const label = nameBytes(r.name);
  const algorithm = r.algorithm ?? 'SHA1';
  const isOtp = r.kind !== 'password';
  const spec: Nk3CredentialSpec = {
    label,
    kind: r.kind,
    algorithm: isOtp ? algorithm : 'SHA1',
    isTouchRequired: r.isTouchRequired ?? false,
    isPinEncrypted: r.isPinProtected ?? false,
    login: pwsField(r.login, 'login'),
    password: pwsField(r.password, 'password'),
    metadata: pwsField(r.comment, 'comment'),
  };
  if (!isOtp) {
    if (!spec.login && !spec.password && !spec.metadata) throw new DeviceError('bad-input', { field: 'password' });
    return spec;
  }
  if (algorithm === 'SHA512') throw new DeviceError('nk3-algorithm-unsupported', { algorithm });
  const digits = r.digits ?? 6;
  if (r.kind !== 'hmac' && ![6, 7, 8].includes(digits))
    throw new DeviceError('nk3-digits-unsupported', { value: String(digits) });
  spec.digits = digits;
  let secret = r.secret ?? new Uint8Array(0);
  if (secret.length === 0) throw new DeviceError('secret-empty');
  if (r.kind === 'hmac') {
    // HMAC slots: SHA-1 and exactly 20 bytes, else 6A80 (§4.4).
    if (algorithm !== 'SHA1') throw new DeviceError('nk3-algorithm-unsupported', { algorithm });
    if (secret.length !== 20)
      throw new DeviceError('bad-input', { field: 'secret', bytes: secret.length, min: 20, max: 20 });
  } else if (secret.length > 64) {
    // RFC 2104: a key longer than the block size is hashed first; the HMAC is the same (§9, ykman does so).
    secret = Uint8Array.from(
      createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256')
        .update(secret)
        .digest(),
    );
  }
  if (secret.length > NK3_LIMITS.secretBytes)
    throw new DeviceError('secret-too-long', { bytes: secret.length, maxBytes: NK3_LIMITS.secretBytes });
  spec.secret = secret;
  if (r.kind === 'hotp' || r.kind === 'reverse-hotp') {
    const c = r.counter ?? 0;
    if (!Number.isInteger(c) || c < 0 || c > 0xffffffff)
      throw new DeviceError('counter-invalid', { min: 0, max: 0xffffffff });
    spec.counter = c;
  }
  return spec;
}
