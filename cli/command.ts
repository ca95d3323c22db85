/** The shape of a CLI command and helpers every command shares. */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { openToken } from '../device/index';
import type { TrafficEntry } from '../device/index';
import { DeviceError } from '../device/index';
import type { SlotRef } from '../device/index';
import { looksLikeSlotRef, parseSlotRef, formatSlotRef } from '../device/index';
import type { Token } from '../device/index';
import { CliError, type CliContext } from './context';
import { EXIT } from './exit-codes';
import { prompt } from './prompt';

/** One option of a command, for node:util parseArgs and for its help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Help line; for string options `value` names the argument. */
  help: string;
  value?: string;
}

/** A parsed invocation of a command. */
export interface Invocation {
  ctx: CliContext;
  /** Option values by long name. */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** The `--device` spec (default auto). */
  device: string;
  json: boolean;
}

/** A leaf command such as `otp set`. */
export interface Command {
  path: string[];
  /** Set on a stub whose module loads on demand (cli/commands.ts `lazy`). */
  load?: () => Promise<Command>;
  /** One line for the command list. */
  summary: string;
  /** Usage after `keyslot `, e.g. "otp get SLOT". */
  usage: string;
  /** Further help paragraphs. */
  details?: string;
  options?: Record<string, OptionSpec>;
  /** Positional arguments allowed: [min, max]. */
  positionals?: [number, number];
  /** Accepts --json (read commands). */
  hasJson?: boolean;
  /** Left out of the help and of completions (`__complete`). */
  isHidden?: boolean;
  run(inv: Invocation): Promise<number | void>;
}

/** Runs `fn` with the token `--device` names, closing it afterwards. */
export async function withToken<T>(inv: Invocation, fn: (token: Token) => Promise<T>): Promise<T> {
  const { ctx } = inv;
  // KEYSLOT_LOG=traffic: one stderr line per command (style guide §6: names and statuses, no payloads).
  const onTraffic =
    ctx.env.KEYSLOT_LOG === 'traffic'
      ? (e: TrafficEntry) =>
          ctx.stderr.write(
            `keyslot: traffic ${e.command} ${e.length} B ${e.status} ${e.roundTrips} reports ${e.ms} ms\n`,
          )
      : undefined;
  // Tokens cli/family.ts found: opened without a second enumeration ('hid' also for a serial it matched).
  const known = ctx.hidTokens;
  const open =
    ctx.openToken ??
    ((spec: string) =>
      known
        ? openToken('hid', ctx.env, { clock: ctx.clock, onTraffic, listHidTokens: () => known })
        : openToken(spec, ctx.env, { clock: ctx.clock, onTraffic }));
  const token = await open(inv.device);
  try {
    return await fn(token);
  } finally {
    await token.close().catch(() => undefined);
  }
}

/** Writes a line to stdout. */
export function say(inv: Invocation, text: string): void {
  inv.ctx.stdout.write(`${text}\n`);
}

/** Writes a value as JSON (bigints as decimal strings) to stdout. */
export function sayJson(inv: Invocation, value: unknown): void {
  inv.ctx.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
}

/** A usage error (exit 2): nothing was sent to the token. */
export function usage(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/** A string option's value, or a usage error naming it. */
export function requireString(inv: Invocation, name: string): string {
  const v = inv.values[name];
  if (typeof v !== 'string') throw usage(CLI_EN.optionNeeded({ option: name }));
  return v;
}

/** What a SLOT argument names: a slot reference, or a slot name looked up on the token. */
export type SlotArg = { ref: SlotRef } | { name: string };

/** Parses a SLOT argument before anything is sent: `totp:N`/`hotp:N` is checked here. */
export function parseSlotArg(text: string): SlotArg {
  if (looksLikeSlotRef(text)) {
    const r = parseSlotRef(text);
    if (!r.ok) throw usage(r.problem);
    return { ref: r.value };
  }
  if (text.trim() === '') throw usage(CLI_EN.slotEmptyArg);
  return { name: text };
}

/** The slot a SLOT argument means on this token; a name must match exactly one programmed slot. */
export async function resolveSlot(token: Token, arg: SlotArg): Promise<SlotRef> {
  if ('ref' in arg) return arg.ref;
  const slots = (await token.listSlots()).filter((s) => s.value !== null);
  let hits = slots.filter((s) => s.value!.name === arg.name);
  if (hits.length === 0) hits = slots.filter((s) => s.value!.name.toLowerCase() === arg.name.toLowerCase());
  if (hits.length === 1) return hits[0].slot;
  if (hits.length === 0) {
    throw usage(CLI_EN.noSlotNamed({ name: arg.name }));
  }
  throw usage(CLI_EN.severalSlotsNamed({ name: arg.name, slots: hits.map((h) => formatSlotRef(h.slot)).join(', ') }));
}

/**
 * Asks before a destructive step: on a terminal the person types `word`; elsewhere `--yes` is needed.
 * Throws CliError (exit 2) without a terminal and without --yes, DeviceError('cancelled') on another answer.
 */
export async function confirm(inv: Invocation, warning: string, word: string): Promise<void> {
  if (inv.values.yes === true) return;
  if (!inv.ctx.isTTY) throw usage(CLI_EN.confirmNotATerminal({ warning }));
  const answer = await prompt(inv.ctx, CLI_EN.typeWordToGoAhead({ warning, word }), { hidden: false });
  if (answer.trim() !== word) throw new DeviceError('cancelled');
}

/** The --yes option of destructive commands. */
export const YES_OPTION: OptionSpec = { type: 'boolean', help: 'do not ask for confirmation (for scripts)' };
