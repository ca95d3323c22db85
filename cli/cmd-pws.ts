/** `keyslot pws status|list|get|set|erase|init`: the password safe (16 entries, protocol reference §5.12). */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { LIMITS } from '../device/index';
import type { Token } from '../device/index';
import { CliError } from './context';
import { confirm, say, sayJson, usage, withToken, YES_OPTION, type Command, type Invocation } from './command';
import { EXIT } from './exit-codes';
import { readPin, warnIfDefaultPin } from './pins';
import { prompt } from './prompt';
import { nameBytes } from '../device/index';

/** Environment variable for `pws set`'s password (never argv). */
export const PWS_PASSWORD_ENV = 'KEYSLOT_PWS_PASSWORD';

/** Entry N (1..16) → index from 0; usage error otherwise. */
function entryIndex(text: string | undefined): number {
  const n = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= LIMITS.pwsSlots)) throw usage(CLI_EN.pwsNumbered({ max: LIMITS.pwsSlots, value: text }));
  return n - 1;
}

/** Unlocks the safe with the user PIN; a safe without a key says to run keyslot pws init. */
async function unlock(inv: Invocation, token: Token): Promise<void> {
  const pin = await readPin(inv.ctx, 'user');
  await token.pws.unlock(pin);
  warnIfDefaultPin(inv.ctx, 'user', pin);
}

/** `keyslot pws status` (see its summary and details below). */
export const pwsStatusCommand: Command = {
  path: ['pws', 'status'],
  summary: 'show which password safe entries are in use',
  usage: 'pws status',
  hasJson: true,
  async run(inv) {
    const used = await withToken(inv, async (t) => (await unlock(inv, t), t.pws.status()));
    const numbers = used.flatMap((u, i) => (u ? [i + 1] : []));
    if (inv.json) return sayJson(inv, { entries: LIMITS.pwsSlots, used: numbers });
    say(inv, CLI_EN.pwsInUse({ used: numbers, max: LIMITS.pwsSlots }));
  },
};

/** `keyslot pws list` (see its summary and details below). */
export const pwsListCommand: Command = {
  path: ['pws', 'list'],
  summary: 'list password safe entries (name and login)',
  usage: 'pws list',
  hasJson: true,
  async run(inv) {
    const entries = await withToken(inv, async (t) => {
      await unlock(inv, t);
      const used = await t.pws.status();
      const out: { entry: number; name: string; login: string }[] = [];
      for (const [i, isUsed] of used.entries()) {
        if (!isUsed) continue;
        const e = await t.pws.read(i, ['name', 'login']);
        out.push({ entry: i + 1, name: e.name, login: e.login });
      }
      return out;
    });
    if (inv.json) return sayJson(inv, entries);
    say(
      inv,
      entries.length
        ? entries.map((e) => `${String(e.entry).padEnd(4)}${e.name.padEnd(13)}${e.login}`).join('\n')
        : CLI_EN.pwsEmpty,
    );
  },
};

/** `keyslot pws get` (see its summary and details below). */
export const pwsGetCommand: Command = {
  path: ['pws', 'get'],
  summary: 'print a password safe entry',
  usage: 'pws get N [--name | --login | --password]',
  details: CLI_HELP_EN['pws get'],
  options: {
    name: { type: 'boolean', help: 'print the name only' },
    login: { type: 'boolean', help: 'print the login only' },
    password: { type: 'boolean', help: 'print the password only' },
  },
  positionals: [1, 1],
  hasJson: true,
  async run(inv) {
    const index = entryIndex(inv.positionals[0]);
    const fields = (['name', 'login', 'password'] as const).filter((f) => inv.values[f] === true);
    if (fields.length > 1) throw usage(CLI_EN.atMostOneField);
    const e = await withToken(inv, async (t) => (await unlock(inv, t), t.pws.read(index)));
    const field = fields[0];
    if (inv.json) return sayJson(inv, field ? { entry: index + 1, [field]: e[field] } : { entry: index + 1, ...e });
    say(inv, field ? e[field] : `name:     ${e.name}\nlogin:    ${e.login}\npassword: ${e.password}`);
  },
};

async function readPassword(inv: Invocation): Promise<string> {
  const fromEnv = inv.ctx.env[PWS_PASSWORD_ENV];
  if (fromEnv !== undefined) return fromEnv;
  if (!inv.ctx.isTTY) throw new CliError(CLI_EN.passwordNeeded({ env: PWS_PASSWORD_ENV }), EXIT.usage);
  const first = await prompt(inv.ctx, CLI_EN.passwordPrompt, { hidden: true });
  if ((await prompt(inv.ctx, CLI_EN.passwordAgainPrompt, { hidden: true })) !== first)
    throw usage(CLI_EN.passwordsDifferUnchanged);
  return first;
}

function checkField(field: string, value: string, max: number): void {
  const n = nameBytes(value);
  if (n > max) throw usage(CLI_EN.pwsFieldBytes({ field, bytes: n, maxBytes: max }));
}

/** `keyslot pws set` (see its summary and details below). */
export const pwsSetCommand: Command = {
  path: ['pws', 'set'],
  summary: 'write a password safe entry',
  usage: 'pws set N --name NAME [--login LOGIN]',
  details: CLI_EN.pwsSetHelp({
    env: PWS_PASSWORD_ENV,
    name: LIMITS.pwsName,
    login: LIMITS.pwsLogin,
    password: LIMITS.pwsPassword,
  }),
  options: {
    name: { type: 'string', value: 'NAME', help: `entry name, up to ${LIMITS.pwsName} bytes` },
    login: { type: 'string', value: 'LOGIN', help: `login, up to ${LIMITS.pwsLogin} bytes` },
  },
  positionals: [1, 1],
  async run(inv) {
    const index = entryIndex(inv.positionals[0]);
    const name = inv.values.name;
    if (typeof name !== 'string' || name === '') throw usage(CLI_EN.pwsNameNeeded);
    const login = typeof inv.values.login === 'string' ? inv.values.login : '';
    checkField('name', name, LIMITS.pwsName);
    checkField('login', login, LIMITS.pwsLogin);
    const password = await readPassword(inv);
    checkField('password', password, LIMITS.pwsPassword);
    await withToken(inv, async (t) => (await unlock(inv, t), t.pws.write(index, { name, login, password })));
    say(inv, CLI_EN.wroteEntry({ entry: index + 1, name }));
  },
};

/** `keyslot pws erase` (see its summary and details below). */
export const pwsEraseCommand: Command = {
  path: ['pws', 'erase'],
  summary: 'erase a password safe entry',
  usage: 'pws erase N',
  positionals: [1, 1],
  async run(inv) {
    const index = entryIndex(inv.positionals[0]);
    await withToken(inv, async (t) => (await unlock(inv, t), t.pws.erase(index)));
    say(inv, CLI_EN.erasedEntry({ entry: index + 1 }));
  },
};

/** `keyslot pws init` (see its summary and details below). */
export const pwsInitCommand: Command = {
  path: ['pws', 'init'],
  summary: 'build a new password safe key (destroys every entry; needs the admin PIN)',
  usage: 'pws init [--yes]',
  details: CLI_HELP_EN['pws init'],
  options: { yes: YES_OPTION },
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_EN.takesNoArguments({ command: 'pws init' }));
    await confirm(inv, CLI_EN.pwsInitConfirm, 'init');
    await withToken(inv, async (t) => {
      const pin = await readPin(inv.ctx, 'admin');
      await t.pws.buildKey(pin);
      warnIfDefaultPin(inv.ctx, 'admin', pin);
    });
    say(inv, CLI_EN.pwsInitDone);
  },
};
