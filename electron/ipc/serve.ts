/**
 * `serve(handlers)`: the one place where a request becomes a Result (style guide §2). It checks
 * the sender and the arguments, runs the handler and turns every outcome, thrown or not, into data.
 * Used by Electron's ipcMain and by the web host's WebSocket alike.
 */
import { randomBytes } from 'node:crypto';
import { ERROR_MESSAGES, isDeviceError } from '../../device/index';
import type { BackupProblemCode } from '../../device/index';
import type { AppErrorCode, ErrorPayload, RequestArgs, RequestChannel, Requests, ResponseOf, Result } from './contract';
import { checkRequest } from './validate';

/** An implementation of every request channel; may be async and throws DeviceError or AppError. */
export type Handlers = { [C in RequestChannel]: (...args: RequestArgs<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

/**
 * An error of the app layer that is not a device error ('bad-request', 'no-token', …), or a backup
 * file's problem. `hint` holds the specifics of the case where the message has any (ErrorPayload.hint).
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode | BackupProblemCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** An error whose whole message is about this case (a slot, a reason): it is also the hint. */
  static specific(code: AppErrorCode | BackupProblemCode, message: string): AppError {
    return new AppError(code, message, message);
  }
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
    const payload: ErrorPayload = { code: e.code, message: e.message };
    if (e.info.retriesLeft !== undefined) payload.retriesLeft = e.info.retriesLeft;
    if (e.info.hint) payload.hint = e.info.hint;
    return payload;
  }
  if (e instanceof AppError)
    return e.hint ? { code: e.code, message: e.message, hint: e.hint } : { code: e.code, message: e.message };
  const ref = randomBytes(4).toString('hex');
  log.error(`unexpected error [${ref}]: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return { code: 'unknown', message: `${ERROR_MESSAGES.unknown} (ref ${ref})`, ref };
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
      const message = 'The request did not come from keyslot’s window.';
      return { ok: false, error: { code: 'bad-request', message, hint: message } };
    }
    // The channel's valibot schema (validate.ts); the handler gets the schema's output, a fresh copy.
    const checked = checkRequest(channel, values);
    if (!checked.ok) {
      log.warn(`refused a request on ${String(channel).slice(0, 40)}: ${checked.problem}`);
      const problem = checked.problem;
      return { ok: false, error: { code: 'bad-request', message: problem, hint: problem } };
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
