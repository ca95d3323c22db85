/**
 * Which token family a command talks to (style guide §9): a `--device` that names a Nitrokey 3, or
 * `auto`/`hid` finding one and no slot token, runs the command's named-credential variant
 * (cli/names-*.ts); everything else runs the command as before. The choice looks at the device list
 * without opening where it can, so a slot token's command opens it as it always did.
 */
import { CLI_NK3_EN } from '../shared/vocabulary/cli-nk3-en';
import {
  DeviceError,
  isNamesSpec,
  openSession,
  SlotSession,
  whichFamily,
  type TokenSession,
  type TrafficEntry,
  type Nk3TransportChoice,
  type PinSource,
} from '../device/index';
import type { Command, Invocation } from './command';
import { CliError, type CliContext } from './context';
import { EXIT } from './exit-codes';
import { prompt } from './prompt';

/** The Nitrokey 3's PIN variables. */
export const NK3_PIN_ENV = { pin: 'KEYSLOT_PIN', new: 'KEYSLOT_NEW_PIN' } as const;

/** The value of a global option in the unparsed arguments (`--device X` or `--device=X`). */
function optionValue(rest: string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < rest.length && rest[i] !== '--'; i++) {
    if (rest[i] === name) value = rest[i + 1];
    else if (rest[i].startsWith(`${name}=`)) value = rest[i].slice(name.length + 1);
  }
  return value;
}

/** Commands that talk to no token: they run as they are, whatever --device says. */
const DEVICELESS = new Set([
  'backup create',
  'backup list',
  'backup sheet',
  'virtual serve',
  'virtual shim-path',
  'virtual touch',
  'completion',
  '__complete',
]);

/** `--transport hid|pcsc`. */
export function transportOf(text: string | undefined): Nk3TransportChoice | undefined {
  if (text === undefined) return undefined;
  if (text !== 'hid' && text !== 'pcsc') throw new DeviceError('bad-input', { reason: 'transport-name', value: text });
  return text;
}

/** A command that a Nitrokey 3 does not have: says so, after the usual argument checks. */
function slotOnly(c: Command): Command {
  return {
    ...c,
    run: async () => {
      throw new DeviceError('not-supported', { reason: 'slot-token-only' });
    },
  };
}

/**
 * The command to run for `c` with these arguments, and the context to run it in (a session opened to
 * decide is handed on, not opened twice). Commands that reach no token are returned as they are.
 */
export async function pickFamily(c: Command, rest: string[], ctx: CliContext): Promise<[Command, CliContext]> {
  const key = c.path.join(' ');
  if (DEVICELESS.has(key)) return [c, ctx];
  const spec = optionValue(rest, '--device') ?? 'auto';
  if (spec === 'virtual' || spec.startsWith('virtual:')) return [c, ctx];
  const transport = transportOf(optionValue(rest, '--transport'));
  let family = transport === 'pcsc' ? 'names' : await whichFamily(spec, { transport });
  let next = ctx;
  if (family === null) {
    // A serial: open the token it names and keep it for the command.
    const s = await openSession(spec, ctx.env, { clock: ctx.clock, transport });
    family = s.caps.addressing;
    if (s instanceof SlotSession) next = { ...ctx, openToken: async () => s.token };
    else next = { ...ctx, openSession: once(s) };
  }
  if (family === 'slots') return [c, next];
  const load = (await import('./names-commands')).NAMES_COMMANDS[key];
  return [load ? await load() : slotOnly(c), next];
}

/** The command whose help to show: the Nitrokey 3 variant when `--device` names one (nothing is opened). */
export async function helpVariant(c: Command, rest: string[]): Promise<Command> {
  const spec = optionValue(rest, '--device') ?? 'auto';
  if (!isNamesSpec(spec) && optionValue(rest, '--transport') !== 'pcsc') return c;
  const load = (await import('./names-commands')).NAMES_COMMANDS[c.path.join(' ')];
  return load ? load() : c;
}

function once(s: TokenSession): CliContext['openSession'] {
  let isUsed = false;
  return async () => {
    if (isUsed) throw new DeviceError('unknown', { detail: 'session opened twice' });
    isUsed = true;
    return s;
  };
}

/** Runs `fn` with a session of the token `--device` names, telling about touches on stderr, and closes it. */
export async function withSession<T>(inv: Invocation, fn: (s: TokenSession) => Promise<T>): Promise<T> {
  const { ctx } = inv;
  const transport = transportOf(inv.values.transport as string | undefined);
  const onTouchNeeded = () => ctx.stderr.write(`keyslot: ${CLI_NK3_EN.touchNow}\n`);
  // KEYSLOT_LOG=traffic: one stderr line per APDU (instruction, length, status word; never the data).
  const onTraffic =
    ctx.env.KEYSLOT_LOG === 'traffic'
      ? (e: TrafficEntry) =>
          ctx.stderr.write(`keyslot: traffic ${e.command} ${e.length} B ${e.status} ${e.roundTrips} APDU ${e.ms} ms\n`)
      : undefined;
  const opts = { clock: ctx.clock, transport, onTouchNeeded, onTraffic };
  const open = ctx.openSession ?? ((spec: string) => openSession(spec, ctx.env, opts));
  const session = await open(inv.device, opts);
  // Ctrl-C while the token waits for its button: CTAPHID CANCEL, so the command ends with 'cancelled'
  // (exit 6) and the token stops blinking; a second Ctrl-C, or no answer within a second, ends keyslot.
  const onSigint = () => {
    process.off('SIGINT', onSigint);
    void session.cancel().catch(() => undefined);
    setTimeout(() => process.exit(130), 1000).unref();
  };
  process.on('SIGINT', onSigint);
  try {
    return await fn(session);
  } finally {
    process.off('SIGINT', onSigint);
    await session.close().catch(() => undefined);
  }
}

/** The PIN: KEYSLOT_PIN, else a hidden prompt on a terminal; never from argv. */
export async function readNk3Pin(ctx: CliContext): Promise<string> {
  const fromEnv = ctx.env[NK3_PIN_ENV.pin];
  if (fromEnv) return fromEnv;
  if (!ctx.isTTY) throw new CliError(CLI_NK3_EN.pinNeeded({ env: NK3_PIN_ENV.pin }), EXIT.pin);
  return prompt(ctx, CLI_NK3_EN.pinPrompt, { hidden: true });
}

/** A PinSource for the session: asks (or reads the variable) at most once per command. */
export function pinSource(ctx: CliContext): PinSource {
  let pin: Promise<string> | undefined;
  return () => (pin ??= readNk3Pin(ctx));
}
