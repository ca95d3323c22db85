/** Help texts: `keyslot --help`, a group's (`keyslot otp --help`) and a command's. */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import type { Command } from './command';
import { COMMANDS } from './commands';
import { EXIT_HELP } from './exit-codes';

const GLOBAL_OPTIONS: [string, string][] = [
  ['--device SPEC', 'auto (default: the first token plugged in), hid, virtual, or virtual:FILE'],
  ['--json', 'machine-readable output (read commands)'],
  ['-h, --help', 'help for keyslot or a command'],
  ['--version', "keyslot's version"],
];

const ENVIRONMENT: [string, string][] = [
  ['KEYSLOT_ADMIN_PIN', 'admin PIN (else asked on a terminal; never given as an argument)'],
  ['KEYSLOT_USER_PIN', 'user PIN'],
  ['KEYSLOT_NEW_PIN', 'new PIN for pin set and pin unlock'],
  ['KEYSLOT_PWS_PASSWORD', 'password for pws set'],
  ['KEYSLOT_BACKUP_PASSWORD', 'password of backup files (else asked on a terminal)'],
  ['KEYSLOT_VIRTUAL_MODEL', 'pro, storage or librem: model of a new virtual token'],
  ['KEYSLOT_VIRTUAL_FIRMWARE', '0.N: firmware of a new virtual token'],
  ['KEYSLOT_LOG', 'traffic: one line per token command on stderr (name, status, timing; never data)'],
];

const table = (rows: [string, string][], width: number) =>
  rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n');

/** `keyslot --help`. */
export function mainHelp(): string {
  return [
    CLI_EN.mainHelpTitle,
    '',
    CLI_EN.usageLine({ usage: '[--device SPEC] COMMAND [OPTIONS]' }),
    '',
    'Commands:',
    table(
      COMMANDS.filter((c) => !c.isHidden).map((c) => [c.path.join(' '), c.summary]),
      18,
    ),
    '',
    CLI_EN.mainHelpSlots,
    '',
    'Options:',
    table(GLOBAL_OPTIONS, 14),
    '',
    'Environment:',
    table(ENVIRONMENT, 24),
    '',
    'Exit codes:',
    table(
      EXIT_HELP.map(([n, t]) => [String(n), t]),
      1,
    ),
  ].join('\n');
}

/** Help for a group of commands such as `otp`. */
export function groupHelp(words: string[], commands: Command[]): string {
  return [
    CLI_EN.usageLine({ usage: `${words.join(' ')} SUBCOMMAND` }),
    '',
    'Subcommands:',
    table(
      commands.map((c) => [c.path.slice(words.length).join(' '), c.summary]),
      10,
    ),
    '',
    CLI_EN.groupHelpMore({ group: words.join(' ') }),
  ].join('\n');
}

/** Help for one command. */
export function commandHelp(c: Command): string {
  const options: [string, string][] = Object.entries(c.options ?? {}).map(([name, o]) => [
    `--${name}${o.value ? ` ${o.value}` : ''}`,
    o.help,
  ]);
  if (c.hasJson) options.push(['--json', 'machine-readable output']);
  options.push(['--device SPEC', 'auto, hid, virtual or virtual:FILE']);
  const width = Math.max(...options.map(([a]) => a.length));
  return [
    CLI_EN.usageLine({ usage: c.usage }),
    '',
    `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`,
    ...(c.details ? ['', wrap(c.details, 78)] : []),
    '',
    'Options:',
    table(options, width),
  ].join('\n');
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
