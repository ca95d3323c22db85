/**
 * A few runtime schema builders for IPC arguments. Each returns null when the value fits, or a
 * sentence naming the path at fault. The sentence never repeats the value (it may be a PIN).
 */

/** Checks one value; `path` names it in the problem. */
export type Schema = (value: unknown, path: string) => string | null;

/** Longest string any request may carry, in characters (guards against huge payloads). */
export const MAX_STRING = 1024;

export function str(opts: { min?: number; max?: number } = {}): Schema {
  const min = opts.min ?? 0;
  const max = Math.min(opts.max ?? MAX_STRING, MAX_STRING);
  return (v, path) => {
    if (typeof v !== 'string') return `${path} must be a string.`;
    if (v.length < min) return `${path} must have at least ${min} characters.`;
    if (v.length > max) return `${path} must have at most ${max} characters.`;
    return null;
  };
}

/** A long text (pasted URIs), up to `max` characters; apart from {@link str}'s short cap. */
export function text(max: number): Schema {
  return (v, path) => {
    if (typeof v !== 'string') return `${path} must be a string.`;
    if (v.length === 0) return `${path} is empty.`;
    if (v.length > max) return `${path} must have at most ${max} characters.`;
    return null;
  };
}

/** Bytes (a Uint8Array, as IPC's structured clone and the web host's socket deliver them), 1..`max` long. */
export function bytes(max: number): Schema {
  return (v, path) => {
    if (!(v instanceof Uint8Array)) return `${path} must be bytes.`;
    if (v.length === 0) return `${path} is empty.`;
    if (v.length > max) return `${path} must be at most ${max} bytes.`;
    return null;
  };
}

/** An array of 1..`max` items, each fitting `item`. */
export function list(item: Schema, max: number): Schema {
  return (v, path) => {
    if (!Array.isArray(v)) return `${path} must be a list.`;
    if (v.length === 0) return `${path} is empty.`;
    if (v.length > max) return `${path} must have at most ${max} items.`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
}

export function int(min: number, max: number): Schema {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return `${path} must be a whole number.`;
    if (v < min || v > max) return `${path} must be from ${min} to ${max}.`;
    return null;
  };
}

export function bool(): Schema {
  return (v, path) => (typeof v === 'boolean' ? null : `${path} must be true or false.`);
}

export function oneOf(...values: readonly (string | number)[]): Schema {
  return (v, path) => (values.includes(v as string | number) ? null : `${path} must be one of ${values.join(', ')}.`);
}

export function literal(value: string | number | boolean): Schema {
  return (v, path) => (v === value ? null : `${path} must be ${String(value)}.`);
}

/** A string of decimal digits (a u64 counter as text). */
export function decimal(maxDigits: number): Schema {
  return (v, path) =>
    typeof v === 'string' && /^\d+$/.test(v) && v.length <= maxDigits ? null : `${path} must be a whole number.`;
}

/** The value fits `schema`, or is null. */
export function nullable(schema: Schema): Schema {
  return (v, path) => (v === null ? null : schema(v, path));
}

/** Marks a property as optional for {@link obj}. */
export function optional(schema: Schema): Schema & { isOptional: true } {
  return Object.assign((v: unknown, path: string) => (v === undefined ? null : schema(v, path)), {
    isOptional: true as const,
  });
}

/** A plain object with exactly these properties (unknown ones are refused). */
export function obj(shape: Record<string, Schema>): Schema {
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${path} must be an object.`;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return `${path} must be a plain object.`;
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(shape, key)) return `${path} has an unknown field "${key.slice(0, 40)}".`;
    }
    for (const [key, schema] of Object.entries(shape)) {
      const value = (v as Record<string, unknown>)[key];
      if (value === undefined && !(schema as { isOptional?: boolean }).isOptional) return `${path}.${key} is missing.`;
      const problem = schema(value, `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
}

/** Checks an argument list against schemas, one per argument; extra arguments are refused. */
export function args(...schemas: Schema[]): (values: unknown[]) => string | null {
  return (values) => {
    if (!Array.isArray(values)) return 'The arguments must be a list.';
    if (values.length > schemas.length) return `Expected at most ${schemas.length} argument(s), got ${values.length}.`;
    for (let i = 0; i < schemas.length; i++) {
      const problem = schemas[i](values[i], `argument ${i + 1}`);
      if (problem) return problem;
    }
    return null;
  };
}
