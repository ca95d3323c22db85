/**
 * The Nitrokey 3 half of cli/family.ts, loaded only when the command runs on a Nitrokey 3 or may
 * (a `--device` naming one, `--transport pcsc`, or no slot token found): which family the device is,
 * the named-credential variant of a command, and the session helpers those variants use. Kept out of
 * the everyday path so a Pro's `otp get` neither parses nor runs the Nitrokey 3 code (issue 10);
 * dist/cli/fast.cjs hands such commands to the full bundle instead (scripts/build-cli.js).
 */
import { CLI_NK3_EN } from '../shared/vocabulary/cli-nk3-en';
import {
  DeviceError,
  openSession,
  SlotSession,
  whichFamily,
  type DeviceInfo,
  type TokenSession,
  type TrafficEntry,
  type Nk3TransportChoice,
  type PinSource,
} from '../device/index';
import type { Command, Invocation } from './command';
import { CliError, type CliContext } from './context';
import { EXIT } from './exit-codes';
import { transportOf } from './family';
import { prompt } from './prompt';

/** The Nitrokey 3's PIN variables. */
export const NK3_PIN_ENV = { pin: 'KEYSLOT_PIN', new: 'KEYSLOT_NEW_PIN' } as const;

/** A command that a Nitrokey 3 does not have: says so, after the usual argument checks. */
function slotOnly(c: Command): Command {
  return {
    ...c,
    run: async () => {
      throw new DeviceError('not-supported', { reason: 'slot-token-only' });
    },
  };
}

/** The Nitrokey 3 variant of `c` (or a "slot tokens only" refusal when it has none). */
async function namesVariant(c: Command): Promise<Command> {
  const load = (await import('./names-commands')).NAMES_COMMANDS[c.path.join(' ')];
  return load ? load() : slotOnly(c);
}

/**
 * pickFamily's second step, when `spec` names a Nitrokey 3 or no slot token matched (`slotTokens`,
 * the one enumeration already made, so a slot command's open does not look again).
 */
export async function pickNames(
  c: Command,
  ctx: CliContext,
  spec: string,
  transport: Nk3TransportChoice | undefined,
  slotTokens: DeviceInfo[],
): Promise<[Command, CliContext]> {
  const known = { listHidTokens: async () => slotTokens };
  let family = transport === 'pcsc' ? 'names' : await whichFamily(spec, { transport, ...known });
  let next: CliContext = { ...ctx, hidTokens: slotTokens };
  if (family === null) {
    // A serial that no slot token has: open the Nitrokey 3 it names and keep it for the command.
    const s = await openSession(spec, ctx.env, { clock: ctx.clock, transport, ...known });
    family = s.caps.addressing;
    if (s instanceof SlotSession) next = { ...ctx, openToken: async () => s.token };
    else next = { ...ctx, openSession: once(s) };
  }
  return family === 'slots' ? [c, next] : [await namesVariant(c), next];
}

/** The Nitrokey 3 variant of `c` for its help (nothing is opened). */
export async function namesHelp(c: Command): Promise<Command> {
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
