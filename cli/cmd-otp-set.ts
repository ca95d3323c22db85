/**
 * `keyslot otp set`: every piece of input is checked before the token is opened, the token's own
 * limits (secret length, Storage TOTP slot 15) before the admin PIN is asked.
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { checkSlotName, formatSlotRef } from '../device/index';
import { parseSecret } from '../device/index';
import { parseOtpauthUri } from '../device/index';
import { LIMITS, type SlotRef } from '../device/index';
import type { SlotWrite, Token } from '../device/index';
import { parseSlotArg, resolveSlot, say, usage, withToken, type Command, type Invocation } from './command';
import { authenticate } from './pins';

/** A checked write, and the slot kind its input implies (a URI names one). */
interface Plan {
  write: SlotWrite;
  uriKind?: 'totp' | 'hotp';
}

function digitsOption(text: string | undefined): 6 | 8 {
  if (text === undefined) return 6;
  if (text !== '6' && text !== '8') throw usage(CLI_EN.digitsOnly({ value: text }));
  return Number(text) as 6 | 8;
}

function periodOption(text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 0xffff)) throw usage(CLI_EN.periodTakes({ value: text }));
  return n;
}

function counterOption(text: string): bigint {
  if (!/^\d+$/.test(text) || BigInt(text) > 0xffff_ffff_ffff_ffffn) throw usage(CLI_EN.counterTakes({ value: text }));
  return BigInt(text);
}

/** Builds the write from the options alone; throws a usage error naming the first problem. */
function plan(inv: Invocation): Plan {
  const v = inv.values;
  const sources = (['secret', 'hex', 'uri'] as const).filter((k) => v[k] !== undefined);
  if (sources.length !== 1) {
    throw usage(sources.length === 0 ? CLI_EN.giveSecret : CLI_EN.giveOnlyOne({ options: sources }));
  }
  let write: SlotWrite;
  let uriKind: Plan['uriKind'];
  if (sources[0] === 'uri') {
    const clash = (['digits', 'period', 'counter'] as const).find((k) => v[k] !== undefined);
    if (clash) throw usage(CLI_EN.uriSaysIt({ option: clash }));
    const r = parseOtpauthUri(v.uri as string);
    if (!r.ok) throw usage(r.problem);
    const name = typeof v.name === 'string' ? v.name : r.value.name;
    if (name === '') throw usage(CLI_EN.uriNamesNoOne);
    uriKind = r.value.kind;
    write = { name, secret: r.value.secret, digits: r.value.digits, period: r.value.period, counter: r.value.counter };
  } else {
    if (typeof v.name !== 'string') throw usage(CLI_EN.nameNeeded);
    const secret = parseSecret(v[sources[0]] as string, sources[0] === 'hex' ? 'hex' : 'base32');
    if (!secret.ok) throw usage(secret.problem);
    write = {
      name: v.name,
      secret: secret.bytes,
      digits: digitsOption(v.digits as string | undefined),
      period: typeof v.period === 'string' ? periodOption(v.period) : undefined,
      counter: typeof v.counter === 'string' ? counterOption(v.counter) : undefined,
    };
  }
  const name = checkSlotName(write.name);
  if (!name.ok) throw usage(name.problem);
  if (write.secret.length > LIMITS.secret) {
    throw usage(CLI_EN.secretBytes({ bytes: write.secret.length, maxBytes: LIMITS.secret }));
  }
  return { write, uriKind };
}

/** Checks that the plan fits the slot and this token; throws before any PIN is asked. */
function checkFits(p: Plan, slot: SlotRef, token: Token | null): void {
  const ref = formatSlotRef(slot);
  if (p.uriKind && p.uriKind !== slot.kind)
    throw usage(CLI_EN.uriKindMismatch({ kind: p.uriKind, slot: ref, slotKind: slot.kind }));
  if (slot.kind === 'hotp' && p.write.period !== undefined) throw usage(CLI_EN.periodForTotp({ slot: ref }));
  if (slot.kind === 'totp' && p.write.counter !== undefined) throw usage(CLI_EN.counterForHotp({ slot: ref }));
  // The token's own limits (firmware secret length, Storage TOTP slot 15, …) before the PIN is asked.
  const problem = token?.checkSlotWrite(slot, p.write);
  if (problem) throw problem;
}

/** `keyslot otp set` (see its summary and details below). */
export const otpSetCommand: Command = {
  path: ['otp', 'set'],
  summary: 'write a secret into a slot (needs the admin PIN)',
  usage:
    'otp set SLOT (--secret BASE32 | --hex HEX | --uri URI) [--name NAME] [--digits 6|8] [--period S | --counter N]',
  details: CLI_HELP_EN['otp set'],
  options: {
    name: { type: 'string', value: 'NAME', help: 'slot name, up to 15 bytes' },
    secret: { type: 'string', value: 'BASE32', help: 'the secret in base32 (spaces, dashes, lower case are fine)' },
    hex: { type: 'string', value: 'HEX', help: 'the secret in hex' },
    uri: { type: 'string', value: 'URI', help: 'an otpauth://totp/… or otpauth://hotp/… URI' },
    digits: { type: 'string', value: '6|8', help: 'code length (default 6)' },
    period: { type: 'string', value: 'S', help: 'TOTP time step in seconds (default 30)' },
    counter: { type: 'string', value: 'N', help: 'HOTP counter of the next code (default 0)' },
  },
  positionals: [1, 1],
  async run(inv) {
    const arg = parseSlotArg(inv.positionals[0]);
    const p = plan(inv);
    if ('ref' in arg) checkFits(p, arg.ref, null);
    const slot = await withToken(inv, async (token) => {
      const slot = await resolveSlot(token, arg);
      checkFits(p, slot, await token.ready());
      await authenticate(inv.ctx, token, 'admin');
      await token.writeSlot(slot, p.write);
      return slot;
    });
    const what =
      slot.kind === 'totp'
        ? CLI_EN.everySeconds({ period: p.write.period ?? 30 })
        : CLI_EN.counterAt({ counter: String(p.write.counter ?? 0n) });
    say(inv, CLI_EN.wroteSlot({ slot: formatSlotRef(slot), name: p.write.name, digits: p.write.digits, what }));
  },
};
