/** Exit codes: one per class of failure, listed in `keyslot --help`. */
import { isDeviceError, type DeviceErrorCode } from '../device/index';
import { CliError } from './context';

export const EXIT = {
  ok: 0,
  /** Something unexpected (a bug, or an error keyslot does not know). */
  unexpected: 1,
  /** The command line or its input is wrong; nothing was sent to the token. */
  usage: 2,
  /** No token could be reached: none plugged in, no permission, unplugged, no answer. */
  connection: 3,
  /** A PIN problem: wrong, locked, not given, or refused as a new PIN. */
  pin: 4,
  /** The token refused or cannot do it: empty slot, locked safe, clock refused, unsupported. */
  refused: 5,
  /** The person cancelled. */
  cancelled: 6,
} as const;

/** Lines for `keyslot --help`. */
export const EXIT_HELP: [number, string][] = [
  [EXIT.ok, 'success'],
  [EXIT.unexpected, 'unexpected error'],
  [EXIT.usage, 'bad command line or input (nothing was sent to the token)'],
  [EXIT.connection, 'no token reachable (none plugged in, no permission, unplugged, no answer)'],
  [EXIT.pin, 'PIN problem (wrong, locked, not given, new PIN refused)'],
  [EXIT.refused, 'the token refused or cannot do it (empty slot, locked safe, clock, unsupported)'],
  [EXIT.cancelled, 'cancelled'],
];

const BY_CODE = {
  'no-token': EXIT.connection,
  'hid-permission': EXIT.connection,
  'token-unplugged': EXIT.connection,
  'bad-response': EXIT.connection,
  timeout: EXIT.connection,
  busy: EXIT.connection,
  'state-corrupt': EXIT.connection,
  'wrong-pin': EXIT.pin,
  'pin-locked': EXIT.pin,
  'pin-invalid': EXIT.pin,
  'pin-change-refused': EXIT.pin,
  'not-authorized': EXIT.pin,
  'slot-empty': EXIT.refused,
  'wrong-slot': EXIT.refused,
  'time-refused': EXIT.refused,
  'not-supported': EXIT.refused,
  'pws-locked': EXIT.refused,
  'pws-no-key': EXIT.refused,
  'pws-slot-empty': EXIT.refused,
  refused: EXIT.refused,
  'name-empty': EXIT.usage,
  'name-too-long': EXIT.usage,
  'secret-invalid': EXIT.usage,
  'secret-too-long': EXIT.usage,
  'secret-empty': EXIT.usage,
  'digits-unsupported': EXIT.usage,
  'algorithm-unsupported': EXIT.usage,
  'period-unsupported': EXIT.usage,
  'counter-invalid': EXIT.usage,
  'uri-invalid': EXIT.usage,
  'pws-field-too-long': EXIT.usage,
  'bad-input': EXIT.usage,
  cancelled: EXIT.cancelled,
  unknown: EXIT.unexpected,
  'touch-timeout': EXIT.refused,
  'credential-exists': EXIT.refused,
  'credential-not-found': EXIT.refused,
  'store-full': EXIT.refused,
  'credential-kind-mismatch': EXIT.refused,
  'code-rejected': EXIT.refused,
  'pin-not-set': EXIT.pin,
  'pin-already-set': EXIT.pin,
  'pin-required': EXIT.pin,
  'nk3-algorithm-unsupported': EXIT.usage,
  'nk3-digits-unsupported': EXIT.usage,
  'socket-path-taken': EXIT.usage,
  'text-unsafe': EXIT.usage,
  'file-too-large': EXIT.usage,
} as const satisfies Record<DeviceErrorCode, number>;

/** The exit code for a thrown value. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  if (isDeviceError(e)) return BY_CODE[e.code] ?? EXIT.unexpected;
  return EXIT.unexpected;
}
