/**
 * Status words of the Secrets app → DeviceError codes, in one function (style guide §3). The same SW means
 * different things per command (protocol reference §4.1): `6982` is a touch timeout, or "no PIN" for
 * VERIFY/CHANGE PIN, or "PIN not just verified" for PIN-encrypted writes; `6300` is a wrong PIN or a
 * rejected reverse-HOTP code.
 */
import { DeviceError, type DeviceErrorCode } from '../errors';
import { NK3_LIMITS, SW } from './constants';

/** The command a status word answers, as the session names it. */
export type Nk3Command =
  | 'SELECT'
  | 'PUT'
  | 'DELETE'
  | 'RESET'
  | 'LIST'
  | 'SEND_REMAINING'
  | 'CALCULATE'
  | 'VERIFY_CODE'
  | 'VERIFY_PIN'
  | 'CHANGE_PIN'
  | 'SET_PIN'
  | 'GET_CREDENTIAL'
  | 'UPDATE_CREDENTIAL'
  | 'GET_RESPONSE';

/** What the session knows when it reads a status word. */
export interface StatusContext {
  command: Nk3Command;
  /** The command was sent right after a successful VERIFY PIN (PIN key loaded). */
  isPinVerified?: boolean;
  /** The command needed a touch (§7). */
  isTouchDue?: boolean;
  /** Credential name, for the words. */
  name?: string;
}

/**
 * The DeviceError for a non-success status word, or undefined for `90 00`. `detail` carries the command
 * and SW for the log; no data bytes (they may hold a secret or PIN).
 */
export function errorForStatus(sw: number, ctx: StatusContext): DeviceError | undefined {
  if (sw === SW.SUCCESS) return undefined;
  const detail = `${ctx.command} SW ${sw.toString(16).padStart(4, '0').toUpperCase()}`;
  const make = (code: DeviceErrorCode, extra: object = {}) => new DeviceError(code, { detail, status: sw, ...extra });
  const isPinCommand = ctx.command === 'VERIFY_PIN' || ctx.command === 'CHANGE_PIN';
  switch (sw) {
    case SW.VERIFICATION_FAILED:
      if (ctx.command === 'VERIFY_CODE') return make('code-rejected');
      if (ctx.command === 'SET_PIN') return make('pin-invalid');
      return make('wrong-pin');
    case SW.SECURITY_STATUS_NOT_SATISFIED:
      // VERIFY/CHANGE PIN check "PIN set?" before the touch; SET PIN "PIN not set?" (§4.10–4.12). The
      // session tells these apart by reading SELECT first; here a touch that was due is the likelier cause.
      if (ctx.isTouchDue) return make('touch-timeout');
      if (isPinCommand) return make('pin-not-set');
      if (ctx.command === 'SET_PIN') return make('pin-already-set');
      return make('pin-required');
    case SW.OPERATION_BLOCKED:
      return make('credential-exists', ctx.name !== undefined ? { name: ctx.name } : {});
    case SW.NOT_FOUND:
      return make(ctx.command === 'SELECT' ? 'not-supported' : 'credential-not-found');
    case SW.NOT_ENOUGH_MEMORY:
      return make('store-full', { max: NK3_LIMITS.credentials });
    case SW.CONDITIONS_OF_USE_NOT_SATISFIED:
      return make('credential-kind-mismatch');
    case SW.FUNCTION_NOT_SUPPORTED:
      return make('nk3-algorithm-unsupported');
    case SW.INCORRECT_DATA_PARAMETER:
      return make('bad-input');
    case SW.INSTRUCTION_NOT_SUPPORTED_OR_INVALID:
    case SW.CLASS_NOT_SUPPORTED:
      return make('not-supported');
    case SW.UNSPECIFIED_PERSISTENT_EXECUTION_ERROR:
      // Touch interrupted by CTAPHID CANCEL, HOTP counter exhausted, HMAC failure (§4.1, §7).
      return make(ctx.isTouchDue ? 'cancelled' : 'refused');
    default:
      return make('refused');
  }
}

/** Throws {@link errorForStatus}'s error unless `sw` is `90 00`. */
export function checkStatus(sw: number, ctx: StatusContext): void {
  const e = errorForStatus(sw, ctx);
  if (e) throw e;
}
