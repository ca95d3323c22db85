/**
 * Main checks every request here (style guide §2), even when the preload or the renderer checked it
 * too: the channel is one of the contract's and its arguments fit that channel's valibot schema
 * (requests.ts, requests-import.ts, requests-quick.ts, requests-tokens.ts), the same schemas the contract's request types
 * are derived from.
 *
 * To add a channel: its entry with TSDoc in the contract → REQUEST_CHANNELS → its argument schema in
 * one of the requests*.ts tables, with the request type derived from it (`v.InferOutput`). The compiler
 * reminds you of a missing schema and refuses a request type that says other than its schema.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import * as v from 'valibot';
import {
  REQUEST_CHANNELS,
  type AccountDetails,
  type ConfigWriteRequest,
  type LockKeys,
  type OtpCopyRequest,
  type RequestArgs,
  type RequestChannel,
  type Settings,
  type SettingsChange,
  type SlotRef,
  type TypedAccountRequest,
} from './contract';
import { CORE_REQUEST_SCHEMAS } from './requests';
import { IMPORT_REQUEST_SCHEMAS } from './requests-import';
import { QUICK_REQUEST_SCHEMAS } from './requests-quick';
import { TOKENS_REQUEST_SCHEMAS } from './requests-tokens';
import { describeIssue, type ArgsSchema } from './schema';

/** Every channel's argument schema; `satisfies` makes the compiler keep it complete. */
export const REQUEST_SCHEMAS = {
  ...CORE_REQUEST_SCHEMAS,
  ...IMPORT_REQUEST_SCHEMAS,
  ...QUICK_REQUEST_SCHEMAS,
  ...TOKENS_REQUEST_SCHEMAS,
} satisfies Record<RequestChannel, ArgsSchema>;

/** Deeply the same type: intersections flattened, optional marks and readonly-ness of arrays kept. */
type Norm<T> = T extends Uint8Array ? T : T extends object ? { [K in keyof T]: Norm<T[K]> } : T;
export type Same<A, B> = (<X>() => X extends Norm<A> ? 1 : 2) extends <X>() => X extends Norm<B> ? 1 : 2 ? true : false;

/** The channels whose argument types in `R` differ from what their schema in `S` lets through. */
export type Drifted<S extends Record<RequestChannel, ArgsSchema>, R extends Record<RequestChannel, unknown[]>> = {
  [C in RequestChannel]: Same<v.InferOutput<S[C]>, R[C]> extends true ? never : C;
}[RequestChannel];

/** Fails to compile, naming the channel, when a request type of the contract drifts from its schema. */
const _noDrift: [Drifted<typeof REQUEST_SCHEMAS, { [C in RequestChannel]: RequestArgs<C> }>] extends [never]
  ? true
  : Drifted<typeof REQUEST_SCHEMAS, { [C in RequestChannel]: RequestArgs<C> }> = true;
void _noDrift;

/** Request types that repeat a response type's shape must stay that shape (each line fails alone). */
const _sameShapes: [
  Same<SettingsChange, Partial<Settings>>,
  Same<ConfigWriteRequest['lockKeys'], LockKeys>,
  Same<Omit<TypedAccountRequest, 'secret' | 'encoding'>, AccountDetails>,
  Same<OtpCopyRequest['slot'], SlotRef>,
] = [true, true, true, true];
void _sameShapes;

/** True if `channel` is a request channel of the contract (own property, not inherited). */
export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.hasOwn(REQUEST_CHANNELS, channel);
}

/** A checked request: its arguments as the schema outputs them, or the problem of the first misfit. */
export type Checked<C extends RequestChannel> = { ok: true; args: RequestArgs<C> } | { ok: false; problem: string };

/** Checks a request: the channel is known and its arguments fit. Never repeats a value in a problem. */
export function checkRequest(channel: unknown, values: unknown): Checked<RequestChannel> {
  if (!isRequestChannel(channel)) return { ok: false, problem: PROBLEMS_EN.unknownChannel };
  if (!Array.isArray(values)) return { ok: false, problem: PROBLEMS_EN.argsNotList };
  const schema: ArgsSchema = REQUEST_SCHEMAS[channel];
  const result = v.safeParse(schema, values, { abortEarly: true });
  if (result.success) return { ok: true, args: result.output as RequestArgs<RequestChannel> };
  return { ok: false, problem: describeIssue(result.issues[0]) };
}

/** Checks a request: the channel is known and its arguments fit. Returns null or a problem. */
export function validateRequest(channel: unknown, values: unknown): string | null {
  const checked = checkRequest(channel, values);
  return checked.ok ? null : checked.problem;
}
