/**
 * Which token family a command talks to (style guide §9): a `--device` that names a Nitrokey 3, or
 * `auto`/`hid` finding one and no slot token, runs the command's named-credential variant
 * (cli/names-*.ts, chosen in cli/names-family.ts); everything else runs the command as before. The slot
 * family is looked for first, with the one enumeration its open then reuses (issue 10).
 */
import {
  DeviceError,
  isNamesSpec,
  isSerialOf,
  listSlotTokens,
  parseDeviceSpec,
  type DeviceInfo,
  type Nk3TransportChoice,
} from '../device/index';
import type { Command } from './command';
import type { CliContext } from './context';

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

/**
 * The command to run for `c` with these arguments, and the context to run it in. Commands that reach
 * no token are returned as they are. The slot family is tried first with one enumeration, which the
 * command's open then reuses (ctx.hidTokens); the Nitrokey 3 code (cli/names-family.ts) loads only when
 * `--device` names a Nitrokey 3, `--transport pcsc` is chosen, or no slot token matched (issue 10).
 */
export async function pickFamily(c: Command, rest: string[], ctx: CliContext): Promise<[Command, CliContext]> {
  if (DEVICELESS.has(c.path.join(' '))) return [c, ctx];
  const spec = optionValue(rest, '--device') ?? 'auto';
  const parsed = parseDeviceSpec(spec);
  if (parsed.mode === 'virtual') return [c, ctx];
  const transport = transportOf(optionValue(rest, '--transport'));
  let slotTokens: DeviceInfo[] = [];
  if (!isNamesSpec(spec) && transport !== 'pcsc') {
    slotTokens = await listSlotTokens();
    const match = parsed.mode === 'serial' ? slotTokens.filter((t) => isSerialOf(t, parsed.serial)) : slotTokens;
    if (match.length > 0) return [c, { ...ctx, hidTokens: match.slice(0, 1) }];
  }
  return (await import('./names-family')).pickNames(c, ctx, spec, transport, slotTokens);
}

/** The command whose help to show: the Nitrokey 3 variant when `--device` names one (nothing is opened). */
export async function helpVariant(c: Command, rest: string[]): Promise<Command> {
  const spec = optionValue(rest, '--device') ?? 'auto';
  if (!isNamesSpec(spec) && optionValue(rest, '--transport') !== 'pcsc') return c;
  return (await import('./names-family')).namesHelp(c);
}
