/**
 * What the Secrets app stores per credential, as the host sees it (protocol reference §4.4, §4.6, §5).
 */

/** Credential kind (high nibble of the key byte, §5.2). `password` = password-safe only (`0xF0`). */
export type Nk3Kind = 'hotp' | 'totp' | 'reverse-hotp' | 'hmac' | 'password';
/** Hash algorithm (low nibble, §5.2). SHA512 is accepted by PUT but cannot compute codes (`6A81`). */
export type Nk3Algorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** A credential to PUT. Labels and field values are bytes; the session takes strings and encodes UTF-8. */
export interface Nk3CredentialSpec {
  label: Uint8Array;
  kind: Nk3Kind;
  /** Default SHA1. */
  algorithm?: Nk3Algorithm;
  /** Code digits (hosts use 6, 7 or 8). Ignored for HMAC and password-only. */
  digits?: number;
  /** Raw secret bytes (1–128; HMAC exactly 20). Ignored for password-only. */
  secret?: Uint8Array;
  /** Touch required for each use (§7). */
  isTouchRequired?: boolean;
  /** Encrypted with the PIN key: needs VERIFY PIN right before every use (§6.2). */
  isPinEncrypted?: boolean;
  /** Initial HOTP counter, u32 (HOTP and reverse HOTP). */
  counter?: number;
  login?: Uint8Array;
  password?: Uint8Array;
  metadata?: Uint8Array;
}

/** One LIST entry. Properties are known only from LIST v1 (§4.6). */
export interface Nk3ListEntry {
  label: Uint8Array;
  kind: Nk3Kind;
  algorithm: Nk3Algorithm;
  isTouchRequired?: boolean;
  isPinEncrypted?: boolean;
  /** Login or password set (metadata alone does not count). */
  hasPwsData?: boolean;
}

/** The GET CREDENTIAL answer (§4.13): never the secret. */
export interface Nk3CredentialData {
  label: Uint8Array;
  kind: Nk3Kind;
  algorithm: Nk3Algorithm;
  login?: Uint8Array;
  password?: Uint8Array;
  metadata?: Uint8Array;
}

/** Changes for UPDATE CREDENTIAL (§4.14). */
export interface Nk3CredentialUpdate {
  newLabel?: Uint8Array;
  isTouchRequired?: boolean;
  /**
   * Password-safe fields. If given, all three are sent and replace the stored ones: an absent or empty
   * field is cleared on the device (the firmware's replacement rule, §4.14).
   */
  pws?: { login?: Uint8Array; password?: Uint8Array; metadata?: Uint8Array };
}

/** The SELECT answer (§2.3). */
export interface Nk3SelectInfo {
  /** Application version, e.g. 4.14.0 for secrets-app 0.14.0. */
  version: { major: number; minor: number; patch: number };
  /** 8-byte random salt; present only while no PIN is set. */
  salt?: Uint8Array;
  /** PIN retries left; present iff a PIN is set (0 = blocked). */
  pinRetries?: number;
  /** First 4 bytes of the device UUID, as 8 upper-case hex digits (absent before firmware 1.5). */
  serial?: string;
}
