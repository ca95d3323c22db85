/**
 * `keyslot otp set`: every piece of input is checked before the token is opened, the token's own
 * limits (secret length, Storage TOTP slot 15) before the admin PIN is asked.
 */
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
  if (text !== '6' && text !== '8')
    throw usage(`The token makes 6- or 8-digit codes only; --digits ${text} is not one of them.`);
  return Number(text) as 6 | 8;
}

function periodOption(text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 0xffff)) throw usage(`--period takes a time step of 1 to 65535 seconds, not "${text}".`);
  return n;
}

function counterOption(text: string): bigint {
  if (!/^\d+$/.test(text) || BigInt(text) > 0xffff_ffff_ffff_ffffn)
    throw usage(`--counter takes a whole number from 0 to 2^64-1, not "${text}".`);
  return BigInt(text);
}

/** Builds the write from the options alone; throws a usage error naming the first problem. */
function plan(inv: Invocation): Plan {
  const v = inv.values;
  const sources = (['secret', 'hex', 'uri'] as const).filter((k) => v[k] !== undefined);
  if (sources.length !== 1) {
    throw usage(
      sources.length === 0
        ? 'Give the secret with --secret BASE32, --hex HEX or --uri otpauth://…'
        : `Give only one of --${sources.join(', --')}.`,
    );
  }
  let write: SlotWrite;
  let uriKind: Plan['uriKind'];
  if (sources[0] === 'uri') {
    const clash = (['digits', 'period', 'counter'] as const).find((k) => v[k] !== undefined);
    if (clash) throw usage(`The URI already says the ${clash}; leave out --${clash}.`);
    const r = parseOtpauthUri(v.uri as string);
    if (!r.ok) throw usage(r.problem);
    const name = typeof v.name === 'string' ? v.name : r.value.name;
    if (name === '') throw usage('The URI names no issuer or account to name the slot after; give --name.');
    uriKind = r.value.kind;
    write = { name, secret: r.value.secret, digits: r.value.digits, period: r.value.period, counter: r.value.counter };
  } else {
    if (typeof v.name !== 'string') throw usage('--name is needed (up to 15 bytes).');
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
    throw usage(`The secret has ${write.secret.length} bytes; the token stores at most ${LIMITS.secret}.`);
  }
  return { write, uriKind };
}

/** Checks that the plan fits the slot and this token; throws before any PIN is asked. */
function checkFits(p: Plan, slot: SlotRef, token: Token | null): void {
  const ref = formatSlotRef(slot);
  if (p.uriKind && p.uriKind !== slot.kind)
    throw usage(`The URI is a ${p.uriKind} account, but ${ref} is a ${slot.kind} slot.`);
  if (slot.kind === 'hotp' && p.write.period !== undefined)
    throw usage(`--period is for TOTP slots; ${ref} is a HOTP slot.`);
  if (slot.kind === 'totp' && p.write.counter !== undefined)
    throw usage(`--counter is for HOTP slots; ${ref} is a TOTP slot.`);
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
  details:
    'SLOT is totp:1..15, hotp:1..3 or the name of a programmed slot. --name is needed unless --uri ' +
    'gives an issuer or account (then "Issuer:account", cut to 15 bytes). Names take up to 15 bytes ' +
    'in UTF-8; secrets up to 40 bytes (20 on old firmware). Codes are HMAC-SHA1, so URIs with ' +
    'another algorithm are refused. The input is checked before the PIN is asked.',
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
    const what = slot.kind === 'totp' ? `every ${p.write.period ?? 30} s` : `counter ${p.write.counter ?? 0n}`;
    say(inv, `Wrote ${formatSlotRef(slot)} "${p.write.name}": ${p.write.digits} digits, ${what}.`);
  },
};
