/**
 * The keyslot CLI: `run(argv, ctx)` parses the command line with node:util parseArgs, runs one
 * command and returns its exit code. Failures are one line on stderr, "keyslot: <message>".
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { parseArgs } from 'node:util';
import { escapeForTerminal, isDeviceError, quoteForMessage } from '../device/index';
import type { Command } from './command';
import { commandsUnder, findCommand, loadCommand } from './commands';
import { helpVariant, pickFamily } from './family';
import { CliError, type CliContext } from './context';
import { EXIT, exitCodeFor } from './exit-codes';
import { commandHelp, groupHelp, mainHelp } from './help';

export type { CliContext } from './context';

/** Global options that take a value, so their value is not read as a command word. */
const VALUE_OPTIONS = new Set(['--device', '--transport']);

/** Splits argv into the command words (`otp`, `set`) and everything else. */
function splitCommand(argv: string[]): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let isDone = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (!isDone && !a.startsWith('-')) {
      const next = [...words, a];
      if (findCommand(next) || commandsUnder(next).length) {
        words.push(a);
        isDone = findCommand(next) !== undefined;
        continue;
      }
      isDone = true;
    }
    rest.push(a);
    if (VALUE_OPTIONS.has(a) && i + 1 < argv.length) rest.push(argv[++i]);
  }
  return { words, rest };
}

/**
 * Words of a parseArgs failure, without Node's advice about `--`; the argument it quotes is cut to
 * 40 characters (a 100 kB argument is not echoed whole).
 */
function argsProblem(e: unknown, c: Command): CliError {
  const message = (e as Error).message
    .replace(/\. To specify a positional argument.*$/s, '')
    .replace(/'([^']*)'/g, (_m, arg: string) => quoteForMessage(arg));
  return new CliError(CLI_EN.argsProblem({ problem: message, command: c.path.join(' ') }), EXIT.usage);
}

/**
 * `--counter -5`: parseArgs reads "-5" as an option and says "ambiguous"; a value that looks like
 * a negative number after an option that takes a value is that option's value (then refused by
 * the option's own check, with its own words).
 */
function joinNegativeValues(rest: string[], c: Command): string[] {
  const takesValue = new Set([
    '--device',
    ...Object.entries(c.options ?? {})
      .filter(([, o]) => o.type === 'string')
      .map(([k]) => `--${k}`),
  ]);
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (takesValue.has(rest[i]) && /^-\d/.test(rest[i + 1] ?? '')) out.push(`${rest[i]}=${rest[++i]}`);
    else out.push(rest[i]);
  }
  return out;
}

/** A sink that escapes what a terminal would act on (text-safety.ts); keyslot's own text has none of it. */
function escaping(sink: CliContext['stdout']): CliContext['stdout'] {
  return { write: (text: string) => sink.write(escapeForTerminal(text)) };
}

async function runCommand(slotCommand: Command, rest: string[], slotCtx: CliContext): Promise<number> {
  // A Nitrokey 3 runs the command's named-credential variant (cli/family.ts).
  const [c, ctx] = await pickFamily(slotCommand, rest, slotCtx);
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(rest, c),
      options: {
        device: { type: 'string' },
        transport: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(Object.entries(c.options ?? {}).map(([k, o]) => [k, { type: o.type }])),
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw argsProblem(e, c);
  }
  const { values, positionals } = parsed;
  const [min, max] = c.positionals ?? [0, 0];
  if (values.json && !c.hasJson) throw new CliError(CLI_EN.noJson({ command: c.path.join(' ') }), EXIT.usage);
  if (positionals.length < min || positionals.length > max) {
    throw new CliError(CLI_EN.usageLine({ usage: c.usage }), EXIT.usage);
  }
  const code = await c.run({
    ctx,
    values,
    positionals,
    device: (values.device as string | undefined) ?? 'auto',
    json: values.json === true,
  });
  return code ?? EXIT.ok;
}

/** The message for a failure: DeviceError.describe() adds PIN tries left. */
function describe(e: unknown): string {
  if (e instanceof CliError) return e.message;
  if (isDeviceError(e)) return e.describe();
  return `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Runs `keyslot <argv>` with the given streams and environment; resolves to the exit code.
 * Never throws: every failure is written to ctx.stderr.
 */
export async function run(argv: string[], rawCtx: CliContext): Promise<number> {
  // Names, issuers, paths and messages may come from QR codes, backups or the token: nothing
  // reaches the terminal raw (issue 9 item 7).
  const ctx: CliContext = { ...rawCtx, stdout: escaping(rawCtx.stdout), stderr: escaping(rawCtx.stderr) };
  const { words, rest } = splitCommand(argv);
  // Words after `--` are arguments, never options (`keyslot __complete -- otp --help`).
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  const wantsHelp = options.includes('--help') || options.includes('-h');
  try {
    if (words.length === 0 && options.includes('--version')) {
      ctx.stdout.write(`${(await import('./cmd-version')).versionLine()}\n`);
      return EXIT.ok;
    }
    if (words.length === 0) {
      // The value of --device is not a command word (`keyslot --device hid --help`).
      const unknown = rest.find((a, i) => !a.startsWith('-') && !VALUE_OPTIONS.has(rest[i - 1]));
      if (unknown !== undefined) throw new CliError(CLI_EN.unknownCommand({ command: unknown }), EXIT.usage);
      (wantsHelp ? ctx.stdout : ctx.stderr).write(`${mainHelp()}\n`);
      return wantsHelp ? EXIT.ok : EXIT.usage;
    }
    const found = findCommand(words);
    if (!found) {
      const group = commandsUnder(words);
      const stray = rest.find((a) => !a.startsWith('-'));
      if (stray !== undefined && !wantsHelp)
        throw new CliError(
          CLI_EN.unknownSubcommand({ command: `${words.join(' ')} ${stray}`, group: words.join(' ') }),
          EXIT.usage,
        );
      (wantsHelp ? ctx.stdout : ctx.stderr).write(`${groupHelp(words, group)}\n`);
      return wantsHelp ? EXIT.ok : EXIT.usage;
    }
    const command = await loadCommand(found);
    if (wantsHelp) {
      ctx.stdout.write(`${commandHelp(await helpVariant(command, rest))}\n`);
      return EXIT.ok;
    }
    return await runCommand(command, rest, ctx);
  } catch (e) {
    ctx.stderr.write(`keyslot: ${describe(e)}\n`);
    if (ctx.env.KEYSLOT_DEBUG && e instanceof Error)
      ctx.stderr.write(`${e.stack}\n${isDeviceError(e) && e.info.detail ? `detail: ${e.info.detail}\n` : ''}`);
    return exitCodeFor(e);
  }
}
