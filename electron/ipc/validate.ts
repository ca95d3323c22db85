/**
 * One guard per request channel (style guide §2): main checks every request's arguments here,
 * even when the preload or renderer checked them too. Limits are the widest any token accepts;
 * the services check the attached token's own limits.
 */
import { REQUEST_CHANNELS, type RequestChannel } from './contract';
import { MAX_IMAGE_BYTES } from '../../shared/constants';
import { args, bool, bytes, decimal, int, list, nullable, obj, oneOf, optional, str, text } from './schema';

const slotRef = () =>
  // The index range depends on the kind (HOTP 0..2, TOTP 0..14); checked again by the service.
  obj({ kind: oneOf('totp', 'hotp'), index: int(0, 14) });
const pin = () => str({ min: 1, max: 64 });
const pwsIndex = () => int(0, 15);
const none = args();
const hotpIndex = () => nullable(int(0, 2));
const importId = () => str({ min: 1, max: 64 });
/** Indexes into an import: an export holds at most a few hundred accounts. */
const itemIndex = () => int(0, 999);
const path = () => str({ min: 1, max: 1024 });
const password = () => str({ min: 1, max: 256 });

/** Guards by channel: null when the arguments fit, else a problem sentence. */
export const GUARDS: Record<RequestChannel, (values: unknown[]) => string | null> = {
  'app/info': none,
  'token/current': none,
  'token/use-virtual': none,
  'token/lock': none,
  'token/set-time': none,
  'pin/verify': args(obj({ kind: oneOf('admin', 'user'), pin: pin() })),
  'pin/change': args(obj({ kind: oneOf('admin', 'user'), current: pin(), next: pin() })),
  'pin/unlock-user': args(obj({ adminPin: pin(), newUserPin: pin() })),
  'token/factory-reset': args(obj({ adminPin: pin(), confirmation: str({ max: 32 }) })),
  'config/set': args(
    obj({
      isUserPinRequiredForCodes: bool(),
      lockKeys: obj({ numlock: hotpIndex(), capslock: hotpIndex(), scrolllock: hotpIndex() }),
      adminPin: optional(pin()),
    }),
  ),
  'slot/list': none,
  'slot/write': args(
    obj({
      slot: slotRef(),
      name: str({ min: 1, max: 64 }),
      secret: optional(obj({ text: str({ min: 1, max: 256 }), encoding: oneOf('base32', 'hex') })),
      digits: oneOf(6, 8),
      period: optional(int(1, 65535)),
      counter: optional(decimal(20)),
      adminPin: optional(pin()),
      isOverwriteConfirmed: bool(),
    }),
  ),
  'slot/erase': args(obj({ slot: slotRef(), adminPin: optional(pin()) })),
  'otp/copy': args(obj({ slot: slotRef(), userPin: optional(pin()) })),
  'pws/status': none,
  'pws/unlock': args(obj({ userPin: pin() })),
  'pws/init': args(obj({ adminPin: pin() })),
  'pws/read': args(obj({ index: pwsIndex() })),
  'pws/write': args(
    obj({
      index: pwsIndex(),
      name: str({ min: 1, max: 64 }),
      login: str({ max: 128 }),
      password: optional(str({ max: 128 })),
    }),
  ),
  'pws/erase': args(obj({ index: pwsIndex() })),
  'pws/copy': args(obj({ index: pwsIndex(), field: oneOf('login', 'password') })),
  'import/scan-screen': none,
  'import/scan-image': args(obj({ bytes: bytes(MAX_IMAGE_BYTES), source: oneOf('file', 'clipboard') })),
  'import/scan-clipboard': none,
  'import/read-text': args(obj({ text: text(64 * 1024) })),
  'import/typed': args(
    obj({
      secret: str({ min: 1, max: 256 }),
      encoding: oneOf('base32', 'hex'),
      kind: oneOf('totp', 'hotp'),
      digits: oneOf(6, 8),
      period: optional(int(1, 65535)),
      counter: optional(decimal(20)),
      issuer: optional(str({ max: 128 })),
      account: optional(str({ max: 128 })),
    }),
  ),
  'import/replan': args(obj({ id: importId() })),
  'import/reveal-secret': args(obj({ id: importId(), index: itemIndex() })),
  'import/write': args(
    obj({
      id: importId(),
      choices: list(obj({ index: itemIndex(), slot: slotRef(), name: str({ min: 1, max: 64 }) }), 18),
      isConfirmed: bool(),
      adminPin: optional(pin()),
    }),
  ),
  'import/discard': args(obj({ id: importId() })),
  'backup/choose-file': args(
    obj({ purpose: oneOf('backup-save', 'backup-open', 'sheet-save'), suggestedName: optional(str({ max: 128 })) }),
  ),
  'backup/add': args(obj({ id: importId(), indexes: list(itemIndex(), 1000), path: path(), password: password() })),
  'backup/open': args(obj({ path: path(), password: password() })),
  'backup/save-sheet': args(obj({ id: importId(), indexes: list(itemIndex(), 1000), path: path() })),
  'settings/get': none,
  'settings/set': args(
    obj({
      clearCodeAfterS: optional(int(0, 3600)),
      clearPasswordAfterS: optional(int(0, 3600)),
      isStartMinimized: optional(bool()),
      isCloseToTray: optional(bool()),
      language: optional(oneOf('system', 'en', 'de')),
    }),
  ),
};

/** True if `channel` is a request channel of the contract (own property, not inherited). */
export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.hasOwn(REQUEST_CHANNELS, channel);
}

/** Checks a request: the channel is known and its arguments fit. Returns null or a problem. */
export function validateRequest(channel: unknown, values: unknown): string | null {
  if (!isRequestChannel(channel)) return 'Unknown channel.';
  if (!Array.isArray(values)) return 'The arguments must be a list.';
  return GUARDS[channel](values);
}
