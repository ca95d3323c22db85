/**
 * Builders for the Secrets app's command APDUs and parsers for its answers (protocol reference §4, §5).
 * Builders do not check limits; the session does that before sending (§8).
 */
import { ALGORITHM, INS, KIND, LIST_PROPERTY, OATH_AID, PUT_PROPERTY, TAG } from './constants';
import type { CommandApdu } from './apdu';
import { concatBytes, encodeTlv, parseTlvs, type Tlv } from './tlv';
import type {
  Nk3Algorithm,
  Nk3CredentialData,
  Nk3CredentialSpec,
  Nk3CredentialUpdate,
  Nk3Kind,
  Nk3ListEntry,
  Nk3SelectInfo,
} from './types';

const KIND_BYTE: Record<Nk3Kind, number> = {
  hotp: KIND.HOTP,
  totp: KIND.TOTP,
  'reverse-hotp': KIND.REVERSE_HOTP,
  hmac: KIND.HMAC,
  password: KIND.NOT_SET,
};
const ALGORITHM_BYTE: Record<Nk3Algorithm, number> = {
  SHA1: ALGORITHM.SHA1,
  SHA256: ALGORITHM.SHA256,
  SHA512: ALGORITHM.SHA512,
};

/** `kind | algorithm` (§5.2). */
export function keyByte(kind: Nk3Kind, algorithm: Nk3Algorithm): number {
  return KIND_BYTE[kind] | ALGORITHM_BYTE[algorithm];
}

/** Decodes a key byte; undefined for nibbles the firmware rejects (`6A80`). */
export function decodeKeyByte(b: number): { kind: Nk3Kind; algorithm: Nk3Algorithm } | undefined {
  const kind = (Object.keys(KIND_BYTE) as Nk3Kind[]).find((k) => KIND_BYTE[k] === (b & 0xf0));
  const algorithm = (Object.keys(ALGORITHM_BYTE) as Nk3Algorithm[]).find((a) => ALGORITHM_BYTE[a] === (b & 0x0f));
  return kind && algorithm ? { kind, algorithm } : undefined;
}

/** SELECT of the OATH AID (§2.3). Pass `le: 256` over CCID to get the data without GET RESPONSE. */
export function selectApdu(le?: number): CommandApdu {
  return { ins: INS.SELECT, p1: 0x04, p2: 0x00, data: OATH_AID, le };
}

/**
 * PUT (§4.4). Properties go in the TV form `78 P`; HOTP kinds always carry `7A 04 counter` (the SDK does
 * so; without it a following PWS field would be eaten as the counter). Password-only credentials send
 * `F1 06` + 20 × '0' as the SDK does.
 */
export function putApdu(c: Nk3CredentialSpec): CommandApdu {
  const alg = c.algorithm ?? 'SHA1';
  const isPasswordOnly = c.kind === 'password';
  const secret = isPasswordOnly ? new Uint8Array(20).fill(0x30) : (c.secret ?? new Uint8Array(0));
  const digits = isPasswordOnly ? 6 : (c.digits ?? 6);
  const props =
    (c.isTouchRequired ? PUT_PROPERTY.TOUCH_REQUIRED : 0) | (c.isPinEncrypted ? PUT_PROPERTY.PIN_ENCRYPTED : 0);
  const parts = [
    encodeTlv(TAG.NAME, c.label),
    encodeTlv(TAG.KEY, concatBytes(Uint8Array.of(keyByte(c.kind, alg), digits), secret)),
    Uint8Array.of(TAG.PROPERTY, props),
  ];
  if (c.kind === 'hotp' || c.kind === 'reverse-hotp')
    parts.push(encodeTlv(TAG.INITIAL_MOVING_FACTOR, u32be(c.counter ?? 0)));
  if (c.login?.length) parts.push(encodeTlv(TAG.PWS_LOGIN, c.login));
  if (c.password?.length) parts.push(encodeTlv(TAG.PWS_PASSWORD, c.password));
  if (c.metadata?.length) parts.push(encodeTlv(TAG.PWS_METADATA, c.metadata));
  return { ins: INS.PUT, p1: 0, p2: 0, data: concatBytes(...parts) };
}

/** DELETE (§4.5). */
export function deleteApdu(label: Uint8Array): CommandApdu {
  return { ins: INS.DELETE, p1: 0, p2: 0, data: encodeTlv(TAG.NAME, label) };
}

/** RESET (§4.15). */
export function resetApdu(): CommandApdu {
  return { ins: INS.RESET, p1: 0xde, p2: 0xad };
}

/** LIST (§4.6): version 1 carries the properties byte; version 0 is the YKOATH format. */
export function listApdu(version: 0 | 1 = 1, le?: number): CommandApdu {
  return { ins: INS.LIST, p1: 0, p2: 0, data: version ? Uint8Array.of(version) : undefined, le };
}

/** SEND REMAINING (§4.7), after LIST answered `61 FF`. */
export function sendRemainingApdu(le?: number): CommandApdu {
  return { ins: INS.SEND_REMAINING, p1: 0, p2: 0, le };
}

/** GET RESPONSE (CCID only, §2.4). */
export function getResponseApdu(le: number): CommandApdu {
  return { ins: INS.GET_RESPONSE, p1: 0, p2: 0, le };
}

/** CALCULATE, truncated (P2 = 01, §4.8). `challenge`: TOTP time step as 8 bytes; HOTP any (ignored). */
export function calculateApdu(label: Uint8Array, challenge: Uint8Array, le?: number): CommandApdu {
  return {
    ins: INS.CALCULATE,
    p1: 0,
    p2: 0x01,
    data: concatBytes(encodeTlv(TAG.NAME, label), encodeTlv(TAG.CHALLENGE, challenge)),
    le,
  };
}

/** VERIFY CODE for reverse HOTP (§4.9): the code as a u32 number. */
export function verifyCodeApdu(label: Uint8Array, code: number, le?: number): CommandApdu {
  return {
    ins: INS.VERIFY_CODE,
    p1: 0,
    p2: 0,
    data: concatBytes(encodeTlv(TAG.NAME, label), encodeTlv(TAG.RESPONSE, u32be(code))),
    le,
  };
}

/** VERIFY PIN (§4.10). */
export function verifyPinApdu(pin: Uint8Array): CommandApdu {
  return { ins: INS.VERIFY_PIN, p1: 0, p2: 0, data: encodeTlv(TAG.PASSWORD, pin), isWiped: true };
}

/** CHANGE PIN (§4.11). */
export function changePinApdu(oldPin: Uint8Array, newPin: Uint8Array): CommandApdu {
  const parts = [encodeTlv(TAG.PASSWORD, oldPin), encodeTlv(TAG.NEW_PASSWORD, newPin)];
  const data = concatBytes(...parts);
  for (const p of parts) p.fill(0);
  return { ins: INS.CHANGE_PIN, p1: 0, p2: 0, data, isWiped: true };
}

/** SET PIN (§4.12). */
export function setPinApdu(pin: Uint8Array): CommandApdu {
  return { ins: INS.SET_PIN, p1: 0, p2: 0, data: encodeTlv(TAG.PASSWORD, pin), isWiped: true };
}

/** GET CREDENTIAL (§4.13). */
export function getCredentialApdu(label: Uint8Array, le?: number): CommandApdu {
  return { ins: INS.GET_CREDENTIAL, p1: 0, p2: 0, data: encodeTlv(TAG.NAME, label), le };
}

/** UPDATE CREDENTIAL (§4.14). The touch property goes in the TLV form `78 01 P` here. */
export function updateCredentialApdu(label: Uint8Array, u: Nk3CredentialUpdate): CommandApdu {
  const parts = [encodeTlv(TAG.NAME, label)];
  if (u.newLabel) parts.push(encodeTlv(TAG.NAME, u.newLabel));
  if (u.isTouchRequired !== undefined)
    parts.push(encodeTlv(TAG.PROPERTY, Uint8Array.of(u.isTouchRequired ? PUT_PROPERTY.TOUCH_REQUIRED : 0)));
  if (u.pws) {
    parts.push(encodeTlv(TAG.PWS_LOGIN, u.pws.login ?? new Uint8Array(0)));
    parts.push(encodeTlv(TAG.PWS_PASSWORD, u.pws.password ?? new Uint8Array(0)));
    parts.push(encodeTlv(TAG.PWS_METADATA, u.pws.metadata ?? new Uint8Array(0)));
  }
  return { ins: INS.UPDATE_CREDENTIAL, p1: 0, p2: 0, data: concatBytes(...parts) };
}

/** Parses the SELECT answer (§2.3, BER lengths; tags read independently). Throws RangeError if malformed. */
export function parseSelect(data: Uint8Array): Nk3SelectInfo {
  const tlvs = parseTlvs(data, 'ber');
  const get = (tag: number) => tlvs.find((t) => t.tag === tag)?.value;
  const v = get(TAG.VERSION);
  if (!v || v.length !== 3) throw new RangeError('SELECT answer without a version');
  const info: Nk3SelectInfo = { version: { major: v[0], minor: v[1], patch: v[2] } };
  const salt = get(TAG.NAME);
  if (salt) info.salt = Uint8Array.from(salt);
  const retries = get(TAG.PIN_COUNTER);
  if (retries?.length === 1) info.pinRetries = retries[0];
  const serial = get(TAG.SERIAL_NUMBER);
  if (serial) info.serial = Array.from(serial, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join('');
  return info;
}

/** Parses LIST data (§4.6): raw 1-byte lengths; v1 entries end in the properties byte. */
export function parseList(data: Uint8Array, version: 0 | 1): Nk3ListEntry[] {
  return parseTlvs(data, 'raw').map((t: Tlv) => {
    if (t.tag !== TAG.NAME_LIST || t.value.length < 1 + version) throw new RangeError('LIST entry malformed');
    const key = decodeKeyByte(t.value[0]);
    if (!key) throw new RangeError(`LIST entry with key byte ${t.value[0]}`);
    const end = t.value.length - version;
    const entry: Nk3ListEntry = { label: Uint8Array.from(t.value.subarray(1, end)), ...key };
    if (version === 1) {
      const p = t.value[end];
      entry.isTouchRequired = (p & LIST_PROPERTY.TOUCH_REQUIRED) !== 0;
      entry.isPinEncrypted = (p & LIST_PROPERTY.PIN_ENCRYPTED) !== 0;
      entry.hasPwsData = (p & LIST_PROPERTY.PWS_DATA) !== 0;
    }
    return entry;
  });
}

/** Parses the CALCULATE answer `76 05 digits t0..t3` (§4.8). Throws RangeError otherwise. */
export function parseCalculate(data: Uint8Array): { digits: number; truncated: number } {
  const [t] = parseTlvs(data, 'raw');
  if (!t || t.tag !== TAG.TRUNCATED_RESPONSE || t.value.length !== 5)
    throw new RangeError('CALCULATE answer malformed');
  const v = t.value;
  return { digits: v[0], truncated: ((v[1] << 24) | (v[2] << 16) | (v[3] << 8) | v[4]) >>> 0 };
}

/** Parses the GET CREDENTIAL answer (§4.13): `78 01 kindAlg`, `71 label`, optional 83/84/85. */
export function parseGetCredential(data: Uint8Array): Nk3CredentialData {
  const tlvs = parseTlvs(data, 'raw');
  const get = (tag: number) => tlvs.find((t) => t.tag === tag)?.value;
  const kindAlg = get(TAG.PROPERTY);
  const key = kindAlg?.length === 1 ? decodeKeyByte(kindAlg[0]) : undefined;
  const label = get(TAG.NAME);
  if (!key || !label) throw new RangeError('GET CREDENTIAL answer malformed');
  const out: Nk3CredentialData = { label: Uint8Array.from(label), ...key };
  const login = get(TAG.PWS_LOGIN);
  const password = get(TAG.PWS_PASSWORD);
  const metadata = get(TAG.PWS_METADATA);
  if (login) out.login = Uint8Array.from(login);
  if (password) out.password = Uint8Array.from(password);
  if (metadata) out.metadata = Uint8Array.from(metadata);
  return out;
}

/** 4 bytes, big-endian. */
export function u32be(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
