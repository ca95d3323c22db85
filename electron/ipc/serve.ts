/**
 * `serve(handlers)`: the one place where a request becomes a Result (style guide §2). It checks
 * the sender and the arguments, runs the handler and turns every outcome, thrown or not, into data.
 * Used by Electron's ipcMain and by the web host's WebSocket alike.
 */
import { randomBytes } from 'node:crypto';
import { isDeviceError } from '../../device/index';
import { describeError, type ErrorFields } from '../../shared/vocabulary/index';
import type { BackupProblemCode } from '../../device/index';
import type { AppErrorCode, ErrorPayload, RequestArgs, RequestChannel, Requests, ResponseOf, Result } from './contract';
import { checkRequest } from './validate';

/** An implementation of every request channel; may be async and throws DeviceError or AppError. */
export type Handlers = { [C in RequestChannel]: (...args: RequestArgs<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

/**
 * An error of the app layer that is not a device error ('bad-request', 'no-token', …), or a backup
 * file's problem: a code and the fields its words are made from (shared/vocabulary), never a sentence.
 * `message` is the English words, for the log and for tests.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode | BackupProblemCode,
    readonly fields: ErrorFields = {},
  ) {
    super(describeError(code, fields, 'en'));
    this.name = 'AppError';
  }
}

/** The fields of a DeviceError that travel: everything but what is for the log only. */
function travelling(info: ErrorFields & { detail?: string; status?: number }): ErrorFields {
  const { detail: _detail, status: _status, ...fields } = info;
  return fields;
}

/** Where errors go; never receives PINs or secrets (only codes, details and stacks). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Turns anything thrown into an ErrorPayload; unexpected errors are logged with a reference. */
export function toErrorPayload(e: unknown, log: Logger): ErrorPayload {
  if (isDeviceError(e)) {
    if (e.info.detail) log.warn(`device error ${e.code}: ${e.info.detail}`);
    return { ...travelling(e.info), code: e.code };
  }
  if (e instanceof AppError) return { ...e.fields, code: e.code };
  const ref = randomBytes(4).toString('hex');
  log.error(`unexpected error [${ref}]: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return { code: 'unknown', ref };
}

/** Options of {@link serve}. */
export interface ServeOptions {
  /** True if the sender is our own page (Electron: the main window's webContents and URL). */
  isTrustedSender: (sender: unknown) => boolean;
  log?: Logger;
}

/** A served request: channel, sender and raw arguments in, Result out. Never throws. */
export type Dispatch = (channel: unknown, sender: unknown, values: unknown) => Promise<Result<unknown>>;

/** Builds the dispatcher over `handlers`. */
export function serve(handlers: Handlers, opts: ServeOptions): Dispatch {
  const log = opts.log ?? silentLogger;
  return async (channel, sender, values) => {
    if (!opts.isTrustedSender(sender)) {
      log.warn(`refused a request from an untrusted sender on ${String(channel).slice(0, 40)}`);
      return { ok: false, error: { code: 'bad-request', reason: 'untrusted-sender' } };
    }
    // The channel's valibot schema (validate.ts); the handler gets the schema's output, a fresh copy.
    const checked = checkRequest(channel, values);
    if (!checked.ok) {
      log.warn(`refused a request on ${String(channel).slice(0, 40)}: ${checked.problem}`);
      return { ok: false, error: { code: 'bad-request', reason: 'invalid-request', text: checked.problem } };
    }
    const handler = handlers[channel as RequestChannel] as (...a: unknown[]) => unknown;
    try {
      return { ok: true, value: await handler(...checked.args) };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e, log) };
    }
  };
}

/** For typed calls in tests and the web host: dispatch one channel with checked argument types. */
export function call<C extends keyof Requests>(
  dispatch: Dispatch,
  sender: unknown,
  channel: C,
  ...values: RequestArgs<C>
): Promise<Result<ResponseOf<C>>> {
  return dispatch(channel, sender, values) as Promise<Result<ResponseOf<C>>>;
}
