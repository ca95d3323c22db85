/**
 * `keyslot pws list|get|set|erase` on a named-credential token (Nitrokey 3): the login, password and
 * comment fields of a credential; without an OTP secret a password-only credential. The password comes
 * from KEYSLOT_PWS_PASSWORD or a hidden prompt, never from argv.
 */
import { CLI_NK3_EN, CLI_NK3_HELP_EN } from '../shared/vocabulary/cli-nk3-en';
import { say, sayJson, usage, type Command, type Invocation } from './command';
import { CliError } from './context';
import { EXIT } from './exit-codes';
import { pinSource, withSession } from './names-family';
import { prompt } from './prompt';

const PWS_PASSWORD_ENV = 'KEYSLOT_PWS_PASSWORD';
const FIELDS = ['login', 'password', 'comment'] as const;

export const namesPwsList: Command = {
  path: ['pws', 'list'],
  summary: 'list the credentials with password fields (name and login)',
  usage: 'pws list',
  hasJson: true,
  async run(inv) {
    const list = await withSession(inv, (s) => s.pwsList({ pin: pinSource(inv.ctx) }));
    if (inv.json)
      return sayJson(
        inv,
        list.map((e) => ({ name: e.name, login: e.login ?? '' })),
      );
    if (list.length === 0) return say(inv, CLI_NK3_EN.pwsEmpty);
    const width = Math.min(32, Math.max(...list.map((e) => e.name.length)) + 2);
    say(inv, list.map((e) => `${e.name.padEnd(width)}${e.login ?? ''}`.trimEnd()).join('\n'));
  },
};

export const namesPwsGet: Command = {
  path: ['pws', 'get'],
  summary: "print a credential's password fields",
  usage: 'pws get NAME [--login | --password | --comment]',
  options: {
    login: { type: 'boolean', help: 'print the login only' },
    password: { type: 'boolean', help: 'print the password only' },
    comment: { type: 'boolean', help: 'print the comment only' },
  },
  positionals: [1, 1],
  hasJson: true,
  async run(inv) {
    const fields = FIELDS.filter((f) => inv.values[f] === true);
    if (fields.length > 1) throw usage(CLI_NK3_EN.atMostOneField);
    const e = await withSession(inv, (s) => s.pwsGet({ name: inv.positionals[0] }, { pin: pinSource(inv.ctx) }));
    const field = fields[0];
    const view = { name: e.name, login: e.login ?? '', password: e.password ?? '', comment: e.comment ?? '' };
    if (inv.json) return sayJson(inv, field ? { name: e.name, [field]: view[field] } : view);
    say(
      inv,
      field
        ? view[field]
        : `name:     ${view.name}\nlogin:    ${view.login}\npassword: ${view.password}\ncomment:  ${view.comment}`,
    );
  },
};

async function readPassword(inv: Invocation): Promise<string> {
  const fromEnv = inv.ctx.env[PWS_PASSWORD_ENV];
  if (fromEnv !== undefined) return fromEnv;
  if (!inv.ctx.isTTY) throw new CliError(CLI_NK3_EN.passwordNeeded({ env: PWS_PASSWORD_ENV }), EXIT.usage);
  const first = await prompt(inv.ctx, CLI_NK3_EN.passwordPrompt, { hidden: true });
  if ((await prompt(inv.ctx, CLI_NK3_EN.passwordAgainPrompt, { hidden: true })) !== first)
    throw usage(CLI_NK3_EN.passwordsDiffer);
  return first;
}

export const namesPwsSet: Command = {
  path: ['pws', 'set'],
  summary: 'write the password fields of a credential (a new one if none has the name)',
  usage: 'pws set NAME [--login LOGIN] [--comment TEXT] [--pin-protected]',
  details: CLI_NK3_HELP_EN['pws set'],
  options: {
    login: { type: 'string', value: 'LOGIN', help: 'the login' },
    comment: { type: 'string', value: 'TEXT', help: 'a comment' },
    'pin-protected': { type: 'boolean', help: 'a new credential: encrypt it with the PIN' },
  },
  positionals: [1, 1],
  async run(inv) {
    const name = inv.positionals[0];
    if (name.trim() === '') throw usage(CLI_NK3_EN.nameEmptyArg);
    const password = await readPassword(inv);
    await withSession(inv, (s) =>
      s.pwsSet(
        {
          ref: { name },
          name,
          login: inv.values.login as string | undefined,
          password,
          comment: inv.values.comment as string | undefined,
          isPinProtected: inv.values['pin-protected'] === true,
        },
        { pin: pinSource(inv.ctx) },
      ),
    );
    say(inv, CLI_NK3_EN.wroteFields({ name }));
  },
};

export const namesPwsErase: Command = {
  path: ['pws', 'erase'],
  summary: "clear a credential's password fields (a password-only credential is deleted)",
  usage: 'pws erase NAME',
  positionals: [1, 1],
  async run(inv) {
    await withSession(inv, (s) => s.pwsErase({ name: inv.positionals[0] }, { pin: pinSource(inv.ctx) }));
    say(inv, CLI_NK3_EN.erasedFields({ name: inv.positionals[0] }));
  },
};
