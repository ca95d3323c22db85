/**
 * The building blocks of the IPC request schemas (valibot): each is a valibot schema whose messages
 * say what the value must be, and `describeIssue` turns valibot's first issue into one problem that
 * names the path at fault ("argument 1.slot.index must be from 0 to 14."). A problem never repeats
 * the value (it may be a PIN): every block sets its own messages, so valibot's defaults, which quote
 * the value received, are never used. Main only (electron/ipc/validate.ts); the renderer sees the
 * types derived from these schemas, never valibot itself.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import * as v from 'valibot';
import { SLOT_COUNT, TOTP_PERIOD } from '../../shared/constants';

/** Longest string any request may carry, in characters (guards against huge payloads). */
export const MAX_STRING = 1024;

/** A string of `min`..`max` characters (`max` capped at {@link MAX_STRING}). */
export function str(opts: { min?: number; max?: number } = {}) {
  const min = opts.min ?? 0;
  const max = Math.min(opts.max ?? MAX_STRING, MAX_STRING);
  return v.pipe(
    v.string('must be a string.'),
    v.minLength(min, `must have at least ${min} characters.`),
    v.maxLength(max, `must have at most ${max} characters.`),
  );
}

/** A long text (pasted URIs), 1..`max` characters; apart from {@link str}'s short cap. */
export function text(max: number) {
  return v.pipe(
    v.string('must be a string.'),
    v.minLength(1, 'is empty.'),
    v.maxLength(max, `must have at most ${max} characters.`),
  );
}

/** Bytes (a Uint8Array, as IPC's structured clone and the web host's socket deliver them), 1..`max` long. */
export function bytes(max: number) {
  return v.pipe(
    v.custom<Uint8Array>((x) => x instanceof Uint8Array, 'must be bytes.'),
    v.check((b) => b.length > 0, 'is empty.'),
    v.check((b) => b.length <= max, `must be at most ${max} bytes.`),
  );
}

/** A list of 1..`max` items (0..`max` with `allowEmpty`), each fitting `item`; the length is checked first. */
export function list<TItem extends v.GenericSchema>(item: TItem, max: number, opts: { allowEmpty?: boolean } = {}) {
  return v.pipe(
    v.custom<unknown[]>((x) => Array.isArray(x), 'must be a list.'),
    v.check((a) => a.length > 0 || opts.allowEmpty === true, 'is empty.'),
    v.check((a) => a.length <= max, `must have at most ${max} items.`),
    v.array(item, 'must be a list.'),
  );
}

/** A whole number from `min` to `max`. */
export function int(min: number, max: number) {
  const range = `must be from ${min} to ${max}.`;
  return v.pipe(
    v.number('must be a whole number.'),
    v.integer('must be a whole number.'),
    v.minValue(min, range),
    v.maxValue(max, range),
  );
}

export function bool() {
  return v.boolean('must be true or false.');
}

/** One of these values; the type is their union. */
export function oneOf<const T extends readonly (string | number)[]>(...values: T) {
  return v.picklist(values, `must be one of ${values.join(', ')}.`);
}

/** A string of decimal digits (a u64 counter as text). */
export function decimal(maxDigits: number) {
  return v.pipe(
    v.string('must be a whole number.'),
    v.regex(/^\d+$/, 'must be a whole number.'),
    v.maxLength(maxDigits, 'must be a whole number.'),
  );
}

/** The value fits `schema`, or is null. */
export function nullable<T extends v.GenericSchema>(schema: T) {
  return v.nullable(schema);
}

/** A property that may be absent (or undefined). */
export function optional<T extends v.GenericSchema>(schema: T) {
  return v.optional(schema);
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
};

/** A plain object with exactly these properties (unknown ones are refused, and so are class instances). */
export function obj<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, (issue) =>
      typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input)
        ? 'must be a plain object.'
        : 'must be an object.',
    ),
    // Its one message covers a missing and an unknown field too: describeIssue tells them apart.
    v.strictObject(entries, 'must be an object.'),
  );
}

/** A request's argument list: exactly these arguments (an optional one may be left off), no more. */
export function args<const T extends v.TupleItems>(...items: T) {
  return v.strictTuple(items, 'must be a list.');
}

// Fields several channels share.
/** An OTP slot; the index range depends on the kind (HOTP 0..2, TOTP 0..14), checked again by the service. */
export const slotRef = () => obj({ kind: oneOf('totp', 'hotp'), index: int(0, SLOT_COUNT.totp - 1) });
export const pin = () => str({ min: 1, max: 64 });
export const pinKind = () => oneOf('admin', 'user');
export const digits = () => oneOf(6, 8);
/** A TOTP step in seconds. */
export const period = () => int(TOTP_PERIOD.min, TOTP_PERIOD.max);
/** A u64 HOTP counter as decimal text. */
export const counter = () => decimal(20);
export const secretEncoding = () => oneOf('base32', 'hex');

/** The schema of one request's argument list. */
export type ArgsSchema = v.StrictTupleSchema<v.TupleItems, v.ErrorMessage<v.StrictTupleIssue> | undefined>;

/** "argument 1.slot.index", "argument 1.choices[2].name" from an issue's path. */
function pathText(path: readonly v.IssuePathItem[]): string {
  return path
    .map((item, i) => {
      const key = String(item.key).slice(0, 40);
      if (i === 0) return `argument ${Number(item.key) + 1}`;
      return item.type === 'array' ? `[${key}]` : `.${key}`;
    })
    .join('');
}

/** The problem of a request's first issue, as a sentence that names the path and never the value. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? [];
  const last = path.at(-1);
  if (issue.type === 'strict_tuple') {
    if (path.length === 0) return PROBLEMS_EN.argsNotList;
    const got = Array.isArray(last?.input) ? last.input.length : path.length;
    return PROBLEMS_EN.tooManyArgs({ max: Number(last?.key), got });
  }
  if (issue.type === 'strict_object' && last?.origin === 'key') {
    if (issue.expected === 'never')
      return PROBLEMS_EN.unknownField({ path: pathText(path.slice(0, -1)), field: String(last.key).slice(0, 40) });
    return PROBLEMS_EN.fieldMissing({ path: pathText(path) });
  }
  return `${pathText(path)} ${issue.message}`;
}
