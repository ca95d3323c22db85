/**
 * Where PINs come from: environment variables or a hidden prompt on a terminal, never argv.
 * A wrong PIN is reported with its tries left and never sent again by keyslot itself.
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { DEFAULT_PINS, type PinKind } from '../device/index';
import type { Token } from '../device/index';
import { CliError, type CliContext } from './context';
import { EXIT } from './exit-codes';
import { prompt } from './prompt';

/** Environment variable of each PIN. */
export const PIN_ENV = { admin: 'KEYSLOT_ADMIN_PIN', user: 'KEYSLOT_USER_PIN', new: 'KEYSLOT_NEW_PIN' } as const;

/** Shortest PINs the OpenPGP card accepts (OpenPGP card spec: PW1 6, PW3 8 characters). */
export const MIN_PIN_LENGTH: Record<PinKind, number> = { admin: 8, user: 6 };

/** The current PIN of `kind`: from its environment variable, else asked on the terminal. */
export async function readPin(ctx: CliContext, kind: PinKind): Promise<string> {
  const fromEnv = ctx.env[PIN_ENV[kind]];
  if (fromEnv) return fromEnv;
  if (!ctx.isTTY) {
    throw new CliError(CLI_EN.pinNeeded({ kind, env: PIN_ENV[kind] }), EXIT.pin);
  }
  return prompt(ctx, CLI_EN.pinPrompt({ kind }), { hidden: true });
}

/**
 * A new PIN of `kind`: from KEYSLOT_NEW_PIN, else asked twice on the terminal. Refuses a PIN
 * shorter than the card accepts, and two entries that differ, before anything is sent.
 */
export async function readNewPin(ctx: CliContext, kind: PinKind): Promise<string> {
  let pin = ctx.env[PIN_ENV.new];
  if (!pin) {
    if (!ctx.isTTY) throw new CliError(CLI_EN.newPinNeeded({ kind, env: PIN_ENV.new }), EXIT.pin);
    pin = await prompt(ctx, CLI_EN.newPinPrompt({ kind }), { hidden: true });
    const again = await prompt(ctx, CLI_EN.newPinAgainPrompt({ kind }), { hidden: true });
    if (again !== pin) throw new CliError(CLI_EN.newPinsDiffer, EXIT.pin);
  }
  if ([...pin].length < MIN_PIN_LENGTH[kind]) {
    throw new CliError(CLI_EN.newPinTooShort({ kind, min: MIN_PIN_LENGTH[kind] }), EXIT.pin);
  }
  return pin;
}

/** Warns on stderr when a PIN that just worked is still the factory default. */
export function warnIfDefaultPin(ctx: CliContext, kind: PinKind, pin: string): void {
  if (pin === DEFAULT_PINS[kind]) {
    ctx.stderr.write(`keyslot: ${CLI_EN.defaultPinWarning({ kind })}\n`);
  }
}

/** Reads the PIN of `kind` and authenticates once (no retry); warns about a default PIN. */
export async function authenticate(ctx: CliContext, token: Token, kind: PinKind): Promise<void> {
  const pin = await readPin(ctx, kind);
  await token.authenticate(kind, pin);
  warnIfDefaultPin(ctx, kind, pin);
}
