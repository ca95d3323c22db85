/** `keyslot pin set|unlock`, `lock` and `reset`. */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import type { PinKind } from '../device/index';
import { confirm, say, usage, withToken, YES_OPTION, type Command } from './command';
import { readNewPin, readPin, warnIfDefaultPin } from './pins';

/** `keyslot pin set` (see its summary and details below). */
export const pinSetCommand: Command = {
  path: ['pin', 'set'],
  summary: 'change the admin or user PIN',
  usage: 'pin set admin|user',
  details: CLI_HELP_EN['pin set'],
  positionals: [1, 1],
  async run(inv) {
    const arg = inv.positionals[0];
    if (arg !== 'admin' && arg !== 'user') throw usage(CLI_EN.pinSetTakes({ value: arg }));
    const kind: PinKind = arg;
    const current = await readPin(inv.ctx, kind);
    const next = await readNewPin(inv.ctx, kind);
    await withToken(inv, (token) => token.changePin(kind, current, next));
    warnIfDefaultPin(inv.ctx, kind, next);
    say(inv, CLI_EN.pinChanged({ kind }));
  },
};

/** `keyslot pin unlock` (see its summary and details below). */
export const pinUnlockCommand: Command = {
  path: ['pin', 'unlock'],
  summary: 'set a new user PIN with the admin PIN (unlocks a locked user PIN)',
  usage: 'pin unlock',
  details: CLI_HELP_EN['pin unlock'],
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_EN.takesNoArguments({ command: 'pin unlock' }));
    const admin = await readPin(inv.ctx, 'admin');
    const next = await readNewPin(inv.ctx, 'user');
    await withToken(inv, (token) => token.unlockUserPin(admin, next));
    warnIfDefaultPin(inv.ctx, 'admin', admin);
    say(inv, CLI_EN.userPinUnlocked);
  },
};

/** `keyslot lock` (see its summary and details below). */
export const lockCommand: Command = {
  path: ['lock'],
  summary: 'lock the password safe and forget unlocked sessions',
  usage: 'lock',
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_EN.takesNoArguments({ command: 'lock' }));
    await withToken(inv, (t) => t.lock());
    say(inv, CLI_EN.locked);
  },
};

/** `keyslot reset` (see its summary and details below). */
export const resetCommand: Command = {
  path: ['reset'],
  summary: 'factory reset: erase every slot and the password safe (needs the admin PIN)',
  usage: 'reset [--yes]',
  details: CLI_HELP_EN['reset'],
  options: { yes: YES_OPTION },
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_EN.takesNoArguments({ command: 'reset' }));
    await confirm(inv, CLI_EN.resetConfirm, 'reset');
    const admin = await readPin(inv.ctx, 'admin');
    await withToken(inv, (token) => token.factoryReset(admin));
    say(inv, CLI_EN.resetDone);
  },
};
