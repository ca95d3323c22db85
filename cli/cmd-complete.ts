/**
 * `keyslot __complete -- WORDS... CURRENT` (hidden): what the shell completion scripts of
 * `keyslot completion` ask at each Tab. Prints one candidate per line for CURRENT, the word being
 * typed, given the words before it: command words and options from the command table (cli/commands.ts),
 * option values from their specs, and for a SLOT the slot numbers plus the slot names of the token
 * `--device` names, when it answers within a short time (else the numbers alone); on a Nitrokey 3
 * (`--device nk3|virtual-nk3[:FILE]`, or `auto`/`hid` finding no slot token) its credential names. A last line
 * `:files` asks the shell to complete file names.
 */
import { SLOT_COUNT, formatSlotRef, isDeviceError, isNamesSpec, type SlotRef } from '../device/index';
import { withToken, type Command, type Invocation } from './command';
import { COMMANDS, commandsUnder, findCommand, loadCommand } from './commands';

/** How long the token may take to list its slot names for a completion, in ms. */
export const COMPLETE_TOKEN_TIMEOUT_MS = 1500;

/** The words a completion offers: fixed ones, slots, file names, or nothing. */
export type ValueKind = { words: string[] } | 'slot' | 'file' | 'none';

/** Options every command takes, and which take a value. */
const GLOBAL_OPTIONS = ['--device', '--help'];
const DEVICE_WORDS = ['auto', 'hid', 'virtual', 'virtual:'];

/** Every slot reference, totp:1.. then hotp:1.. (the static words for a SLOT). */
export function slotRefs(kind?: SlotRef['kind']): string[] {
  const kinds: SlotRef['kind'][] = kind ? [kind] : ['totp', 'hotp'];
  return kinds.flatMap((k) => Array.from({ length: SLOT_COUNT[k] }, (_, index) => formatSlotRef({ kind: k, index })));
}

/** What a value named in a usage or an option spec takes: `on|off`, `hotp:N|off`, SLOT, FILE… */
export function valueKind(value: string | undefined): ValueKind {
  if (!value) return 'none';
  if (value === 'SLOT') return 'slot';
  if (/FILE|IMAGE|PATH|\.html$/.test(value)) return 'file';
  if (!value.includes('|')) return 'none';
  const words = value.split('|').flatMap((w) => (w === 'hotp:N' ? slotRefs('hotp') : /[A-Z]/.test(w) ? [] : [w]));
  return { words };
}

/** The kinds of a command's positional arguments, read from its usage ("otp get SLOT", "pin set admin|user"). */
export function positionalKinds(c: Command): ValueKind[] {
  const words = c.usage.split(' ').slice(c.path.length);
  const kinds: ValueKind[] = [];
  for (const w of words) {
    if (w.startsWith('[') || w.startsWith('-') || w.startsWith('(')) break;
    kinds.push(valueKind(w));
  }
  return kinds;
}

/** What the words typed so far mean: the command (if complete), its positionals, the option awaiting a value. */
interface Parsed {
  path: string[];
  command?: Command;
  positionals: number;
  device?: string;
  /** The option whose value is being typed, e.g. "device" or "numlock". */
  awaiting?: string;
}

async function parse(words: string[]): Promise<Parsed> {
  const p: Parsed = { path: [], positionals: 0 };
  for (const w of words) {
    if (p.awaiting) {
      if (p.awaiting === 'device') p.device = w;
      p.awaiting = undefined;
    } else if (w.startsWith('--')) {
      const [name, value] = w.slice(2).split(/=(.*)/s, 2);
      if (value !== undefined) {
        if (name === 'device') p.device = value;
      } else if (name === 'device' || p.command?.options?.[name]?.type === 'string') p.awaiting = name;
    } else if (w.startsWith('-')) continue;
    else if (!p.command && (findCommand([...p.path, w]) || commandsUnder([...p.path, w]).length)) {
      p.path.push(w);
      const found = findCommand(p.path);
      if (found) p.command = await loadCommand(found);
    } else p.positionals++;
  }
  return p;
}

/** What may follow as `current`: a ValueKind for the shell to finish. */
async function expected(p: Parsed, current: string): Promise<ValueKind> {
  const c = p.command;
  if (p.awaiting === 'device') return { words: DEVICE_WORDS };
  if (p.awaiting) return valueKind(c?.options?.[p.awaiting]?.value);
  if (current.startsWith('-')) {
    if (!c) return { words: p.path.length === 0 ? [...GLOBAL_OPTIONS, '--json', '--version'] : GLOBAL_OPTIONS };
    const own = Object.keys(c.options ?? {}).map((n) => `--${n}`);
    return { words: [...own, ...(c.hasJson ? ['--json'] : []), ...GLOBAL_OPTIONS] };
  }
  if (!c) {
    const next = commandsUnder(p.path)
      .filter((x) => !x.isHidden)
      .map((x) => x.path[p.path.length]);
    return { words: [...new Set(next)] };
  }
  return positionalKinds(c)[p.positionals] ?? 'none';
}

/** The credential names a Nitrokey 3 shows without its PIN (the Nitrokey 3 code loads only here). */
async function credentialNames(inv: Invocation, device: string): Promise<string[]> {
  const { withSession } = await import('./names-family');
  return withSession({ ...inv, device }, async (s) => (await s.listCredentials()).map((c) => c.name));
}

/** What the token answered: slot names (beside the slot numbers), or a Nitrokey 3's credential names. */
type TokenWords = { names: string[]; isNk3: boolean };

function tokenWords(inv: Invocation, spec: string): Promise<TokenWords> {
  const nk3 = () => credentialNames(inv, spec).then((names) => ({ names, isNk3: true }));
  if (isNamesSpec(spec)) return nk3();
  return withToken({ ...inv, device: spec }, async (t) => ({
    names: (await t.listSlots()).flatMap((s) => (s.value ? [s.value.name] : [])),
    isNk3: false,
  })).catch((e: unknown) => {
    // No slot token: `auto`/`hid` may find a Nitrokey 3.
    if (isDeviceError(e) && e.code === 'no-token' && (spec === 'auto' || spec === 'hid')) return nk3();
    throw e;
  });
}

/**
 * Slot references and, when the token answers in time, the names of its programmed slots; for a
 * Nitrokey 3, its credential names instead (it has no slot numbers).
 */
async function slotWords(inv: Invocation, device: string | undefined, timeoutMs: number): Promise<string[]> {
  const spec = device ?? 'auto';
  const none: TokenWords = { names: [], isNk3: isNamesSpec(spec) };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<TokenWords>((resolve) => (timer = setTimeout(() => resolve(none), timeoutMs)));
  const found = await Promise.race([tokenWords(inv, spec).catch(() => none), late]);
  clearTimeout(timer);
  return found.isNk3 ? found.names : [...slotRefs(), ...found.names];
}

/** The candidates for `current` after `words`; ':files' asks the shell for file names. */
export async function completions(inv: Invocation, words: string[], current: string): Promise<string[]> {
  const p = await parse(words);
  const kind = await expected(p, current);
  if (kind === 'none') return [];
  if (kind === 'file') return [':files'];
  const timeoutMs = Number(inv.ctx.env.KEYSLOT_COMPLETE_TIMEOUT_MS ?? COMPLETE_TOKEN_TIMEOUT_MS);
  const all = kind === 'slot' ? await slotWords(inv, p.device, timeoutMs) : kind.words;
  return [...new Set(all)].filter((w) => w.startsWith(current));
}

/** `keyslot __complete` (see this file's opening comment); not listed in the help. */
export const completeCommand: Command = {
  path: ['__complete'],
  summary: 'complete a command line (called by the shell completion scripts)',
  usage: '__complete -- WORDS... CURRENT',
  isHidden: true,
  positionals: [0, Infinity],
  async run(inv) {
    const words = inv.positionals.slice(0, -1);
    const current = inv.positionals.at(-1) ?? '';
    const lines = await completions(inv, words, current);
    if (lines.length) inv.ctx.stdout.write(`${lines.join('\n')}\n`);
  },
};

/** The words a script offers when `keyslot __complete` cannot run: the first word of every listed command. */
export function staticWords(): string[] {
  return [...new Set(COMMANDS.filter((c) => !c.isHidden).map((c) => c.path[0])), '--device', '--help', '--version'];
}
