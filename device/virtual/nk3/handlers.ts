/**
 * The Secrets app's command handlers, each in the firmware's order of checks (protocol reference §4.4–§4.18,
 * trussed-secrets-app `authenticator.rs`).
 */
import { createHmac } from 'node:crypto';
import { NK3_LIMITS, SW, TAG } from '../../nk3/constants';
import { keyByte } from '../../nk3/commands';
import { LIST_PROPERTY, PUT_PROPERTY } from '../../nk3/constants';
import { concatBytes, encodeRawTlv } from '../../nk3/tlv';
import { equalBytes, ok, SecretsApplet, type AppletResponse, type AppletWire } from './applet';
import { Sw, type PutBody, type UpdateBody } from './decode';
import { directoryKey, type StoredCredential } from './state';

const MAX = 128;

async function touch(a: SecretsApplet): Promise<void> {
  const o = await a.touch.request();
  if (o === 'timeout') throw new Sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (o === 'cancelled') throw new Sw(SW.UNSPECIFIED_PERSISTENT_EXECUTION_ERROR);
}

/** The stored credential with this exact label, visible or not. */
function findAny(a: SecretsApplet, label: Uint8Array): StoredCredential | undefined {
  return a.state.credentials.find((c) => equalBytes(c.label, label));
}

/** The credential if it decrypts now (hardware key, or PIN key just loaded), else `6A82` (§6.2). */
function findVisible(a: SecretsApplet, label: Uint8Array): StoredCredential {
  const c = findAny(a, label);
  if (!c || (c.isPinEncrypted && !a.v.isPinKeyLoaded)) throw new Sw(SW.NOT_FOUND);
  return c;
}

/** Conditional touch: flagged and not PIN-encrypted (§7). */
async function touchIfFlagged(a: SecretsApplet, c: StoredCredential): Promise<void> {
  if (c.isTouchRequired && !c.isPinEncrypted) await touch(a);
}

/** PUT (§4.4). */
export async function put(a: SecretsApplet, b: PutBody, wasAuthorized: boolean): Promise<AppletResponse> {
  const isPinEncrypted = (b.props & PUT_PROPERTY.PIN_ENCRYPTED) !== 0;
  if (b.props & PUT_PROPERTY.TOUCH_REQUIRED && !isPinEncrypted) await touch(a);
  if (a.state.credentials.length >= NK3_LIMITS.credentials) throw new Sw(SW.NOT_ENOUGH_MEMORY);
  if (findAny(a, b.label)) throw new Sw(SW.OPERATION_BLOCKED);
  const fields = [b.label, b.secret, b.login, b.password, b.metadata];
  if (fields.some((f) => f && f.length > MAX)) throw new Sw(SW.NOT_ENOUGH_MEMORY);
  if (b.kind === 'reverse-hotp' && !wasAuthorized) throw new Sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  if (isPinEncrypted && !a.v.isPinKeyLoaded) throw new Sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  a.state.credentials.push({
    label: Uint8Array.from(b.label),
    kind: b.kind,
    algorithm: b.algorithm,
    digits: b.digits,
    secret: Uint8Array.from(b.secret),
    isTouchRequired: (b.props & PUT_PROPERTY.TOUCH_REQUIRED) !== 0,
    isPinEncrypted,
    counter: b.counter,
    ...(b.login ? { login: Uint8Array.from(b.login) } : {}),
    ...(b.password ? { password: Uint8Array.from(b.password) } : {}),
    ...(b.metadata ? { metadata: Uint8Array.from(b.metadata) } : {}),
  });
  a.persist();
  return ok();
}

/** DELETE (§4.5): touch always, before the lookup. */
export async function remove(a: SecretsApplet, label: Uint8Array): Promise<AppletResponse> {
  await touch(a);
  const c = findVisible(a, label);
  a.state.credentials.splice(a.state.credentials.indexOf(c), 1);
  a.persist();
  return ok();
}

/** RESET (§4.15): touch always; then no PIN, no credentials. */
export async function reset(a: SecretsApplet): Promise<AppletResponse> {
  await touch(a);
  a.v.isPinKeyLoaded = false;
  delete a.state.pin;
  a.state.credentials.length = 0;
  a.persist();
  return ok();
}

/** LIST from entry `start` (§4.6), and SEND REMAINING (§4.7). Sets `pending` and `61 FF` when full. */
export function list(a: SecretsApplet, start: number, version: number, wire: AppletWire): AppletResponse {
  const visible = a.state.credentials
    .filter((c) => !c.isPinEncrypted || a.v.isPinKeyLoaded)
    .sort((x, y) => (directoryKey(x.label) < directoryKey(y.label) ? -1 : 1));
  const limit = SecretsApplet.listLimit(wire);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = start; i < visible.length; i++) {
    const entry = listEntry(visible[i], version);
    if (!entry || size + entry.length > limit) {
      // An unknown version fails to serialise the first entry: `61 FF` with no entries (§4.6 quirk).
      a.v.pending = { index: entry ? i : visible.length, version };
      return { sw: SW.MORE_AVAILABLE, data: concatBytes(...parts) };
    }
    parts.push(entry);
    size += entry.length;
  }
  return ok(concatBytes(...parts));
}

function listEntry(c: StoredCredential, version: number): Uint8Array | undefined {
  const head = concatBytes(Uint8Array.of(keyByte(c.kind, c.algorithm)), c.label);
  if (version === 0) return encodeRawTlv(TAG.NAME_LIST, head);
  if (version !== 1) return undefined;
  const props =
    (c.isTouchRequired ? LIST_PROPERTY.TOUCH_REQUIRED : 0) |
    (c.isPinEncrypted ? LIST_PROPERTY.PIN_ENCRYPTED : 0) |
    (c.login || c.password ? LIST_PROPERTY.PWS_DATA : 0);
  return encodeRawTlv(TAG.NAME_LIST, concatBytes(head, Uint8Array.of(props)));
}

function hmac(c: StoredCredential, message: Uint8Array): Buffer {
  return createHmac(c.algorithm === 'SHA1' ? 'sha1' : 'sha256', c.secret)
    .update(message)
    .digest();
}

/** Dynamic truncation with the top bit cleared (RFC 4226 §5.3). */
function truncate(mac: Buffer): number {
  const off = mac[mac.length - 1] & 0x0f;
  return mac.readUInt32BE(off) & 0x7fffffff;
}

function u64(n: number): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** CALCULATE (§4.8). HOTP stores counter+1 before computing; SHA-512 → `6A81`. */
export async function calculate(a: SecretsApplet, label: Uint8Array, challenge: Uint8Array): Promise<AppletResponse> {
  const c = findVisible(a, label);
  await touchIfFlagged(a, c);
  let message: Uint8Array;
  if (c.kind === 'totp') message = challenge;
  else if (c.kind === 'hotp') {
    if (c.counter === 0xffffffff) throw new Sw(SW.UNSPECIFIED_PERSISTENT_EXECUTION_ERROR);
    message = u64(c.counter);
    c.counter += 1;
    a.persist();
  } else throw new Sw(SW.CONDITIONS_OF_USE_NOT_SATISFIED);
  if (c.algorithm === 'SHA512') throw new Sw(SW.FUNCTION_NOT_SUPPORTED);
  const t = truncate(hmac(c, message));
  return ok(
    Uint8Array.of(TAG.TRUNCATED_RESPONSE, 5, c.digits, t >>> 24, (t >>> 16) & 0xff, (t >>> 8) & 0xff, t & 0xff),
  );
}

/** VERIFY CODE, reverse HOTP (§4.9): window of 10, counter moves past a match. */
export async function verifyCode(a: SecretsApplet, label: Uint8Array, code: number): Promise<AppletResponse> {
  const c = findVisible(a, label);
  await touchIfFlagged(a, c);
  if (c.kind !== 'reverse-hotp') throw new Sw(SW.CONDITIONS_OF_USE_NOT_SATISFIED);
  for (let off = 0; off < NK3_LIMITS.reverseHotpWindow; off++) {
    const counter = c.counter + off;
    if (counter > 0xffffffff || c.digits >= 10) throw new Sw(SW.UNSPECIFIED_PERSISTENT_EXECUTION_ERROR);
    if (c.algorithm === 'SHA512') throw new Sw(SW.FUNCTION_NOT_SUPPORTED);
    if (truncate(hmac(c, u64(counter))) % 10 ** c.digits !== code) continue;
    if (counter === 0xffffffff) throw new Sw(SW.UNSPECIFIED_PERSISTENT_EXECUTION_ERROR);
    c.counter = counter + 1;
    a.persist();
    return ok(Uint8Array.of(TAG.HOTP, 0));
  }
  throw new Sw(SW.VERIFICATION_FAILED);
}

/** GET CREDENTIAL (§4.13): `78 01 kindAlg`, `71 label`, PWS fields; never the secret. */
export async function getCredential(a: SecretsApplet, label: Uint8Array): Promise<AppletResponse> {
  const c = findVisible(a, label);
  await touchIfFlagged(a, c);
  const parts = [
    encodeRawTlv(TAG.PROPERTY, Uint8Array.of(keyByte(c.kind, c.algorithm))),
    encodeRawTlv(TAG.NAME, c.label),
  ];
  if (c.login) parts.push(encodeRawTlv(TAG.PWS_LOGIN, c.login));
  if (c.password) parts.push(encodeRawTlv(TAG.PWS_PASSWORD, c.password));
  if (c.metadata) parts.push(encodeRawTlv(TAG.PWS_METADATA, c.metadata));
  return ok(concatBytes(...parts));
}

/**
 * UPDATE CREDENTIAL (§4.14). `78 00` indexes an empty slice in the firmware (a panic, reference open
 * question 9); the emulator answers `6F00` there, after the touch.
 */
export async function update(a: SecretsApplet, u: UpdateBody): Promise<AppletResponse> {
  await touch(a);
  if (u.props === null) throw new Sw(SW.UNKNOWN);
  if (u.newLabel && findAny(a, u.newLabel)) throw new Sw(SW.OPERATION_BLOCKED);
  const c = findVisible(a, u.label);
  if (c.kind === 'reverse-hotp') throw new Sw(SW.CONDITIONS_OF_USE_NOT_SATISFIED);
  if (u.newLabel && u.newLabel.length > MAX) throw new Sw(SW.NOT_ENOUGH_MEMORY);
  if ([u.login, u.password, u.metadata].some((f) => f && f.length > MAX))
    throw new Sw(SW.UNSPECIFIED_NONPERSISTENT_EXECUTION_ERROR);
  if (u.newLabel) c.label = Uint8Array.from(u.newLabel);
  if (u.props !== undefined) c.isTouchRequired = (u.props & PUT_PROPERTY.TOUCH_REQUIRED) !== 0;
  if (u.hasPws) {
    // All three are replaced: present non-empty → set; empty or absent → cleared (§4.14).
    const set = (v?: Uint8Array) => (v && v.length ? Uint8Array.from(v) : undefined);
    [c.login, c.password, c.metadata] = [set(u.login), set(u.password), set(u.metadata)];
  }
  a.persist();
  return ok();
}

/** VERIFY PIN (§4.10): no PIN → `6982`; key dropped; touch; > 128 → `6A80`; wrong/blocked → `6300`. */
export async function verifyPin(a: SecretsApplet, pin: Uint8Array): Promise<AppletResponse> {
  const p = a.state.pin;
  if (!p) throw new Sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  a.v.isPinKeyLoaded = false;
  await touch(a);
  if (pin.length > MAX) throw new Sw(SW.INCORRECT_DATA_PARAMETER);
  if (!checkPin(a, pin)) throw new Sw(SW.VERIFICATION_FAILED);
  a.v.isPinKeyLoaded = true;
  a.newly.value = true;
  return ok();
}

/** Checks a PIN against the counter: decrements on failure (not below 0), back to 8 on success. */
function checkPin(a: SecretsApplet, pin: Uint8Array): boolean {
  const p = a.state.pin!;
  const isRight = p.retriesLeft > 0 && equalBytes(p.value, pin);
  if (isRight) p.retriesLeft = NK3_LIMITS.pinRetries;
  else if (p.retriesLeft > 0) p.retriesLeft -= 1;
  a.persist();
  return isRight;
}

/** CHANGE PIN (§4.11): any failure is `6300`; does not authorise the next command. */
export async function changePin(a: SecretsApplet, oldPin: Uint8Array, newPin: Uint8Array): Promise<AppletResponse> {
  if (!a.state.pin) throw new Sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  await touch(a);
  if (!checkPin(a, oldPin) || newPin.length > MAX) throw new Sw(SW.VERIFICATION_FAILED);
  a.state.pin.value = Uint8Array.from(newPin);
  a.persist();
  return ok();
}

/** SET PIN (§4.12): only without a PIN; authorises the next APDU but loads no key. */
export async function setPin(a: SecretsApplet, pin: Uint8Array): Promise<AppletResponse> {
  if (a.state.pin) throw new Sw(SW.SECURITY_STATUS_NOT_SATISFIED);
  await touch(a);
  if (pin.length > MAX) throw new Sw(SW.VERIFICATION_FAILED);
  a.state.pin = { value: Uint8Array.from(pin), retriesLeft: NK3_LIMITS.pinRetries };
  a.persist();
  a.newly.value = true;
  return ok();
}

/** YK HMAC challenge-response (§4.18): no touch even if flagged; kind must be HMAC (`6A80`). */
export async function ykHmac(a: SecretsApplet, slot: string, challenge: Uint8Array): Promise<AppletResponse> {
  const c = findVisible(a, new TextEncoder().encode(slot));
  if (c.kind !== 'hmac') throw new Sw(SW.INCORRECT_DATA_PARAMETER);
  return ok(createHmac('sha1', c.secret).update(challenge).digest());
}
