/** `keyslot pin set|unlock`, `lock` and `reset`. */
import type { PinKind } from '../device/index';
import { confirm, say, usage, withToken, YES_OPTION, type Command } from './command';
import { readNewPin, readPin, warnIfDefaultPin } from './pins';

/** `keyslot pin set` (see its summary and details below). */
export const pinSetCommand: Command = {
  path: ['pin', 'set'],
  summary: 'change the admin or user PIN',
  usage: 'pin set admin|user',
  details:
    'The current PIN comes from KEYSLOT_ADMIN_PIN or KEYSLOT_USER_PIN, the new one from KEYSLOT_NEW_PIN; ' +
    'on a terminal they are asked (the new one twice). The card needs at least 8 characters for the ' +
    'admin PIN and 6 for the user PIN.',
  positionals: [1, 1],
  async run(inv) {
    const arg = inv.positionals[0];
    if (arg !== 'admin' && arg !== 'user') throw usage(`pin set takes admin or user, not "${arg}".`);
    const kind: PinKind = arg;
    const current = await readPin(inv.ctx, kind);
    const next = await readNewPin(inv.ctx, kind);
    await withToken(inv, (token) => token.changePin(kind, current, next));
    warnIfDefaultPin(inv.ctx, kind, next);
    say(inv, `The ${kind} PIN is changed.`);
  },
};

/** `keyslot pin unlock` (see its summary and details below). */
export const pinUnlockCommand: Command = {
  path: ['pin', 'unlock'],
  summary: 'set a new user PIN with the admin PIN (unlocks a locked user PIN)',
  usage: 'pin unlock',
  details:
    'The admin PIN comes from KEYSLOT_ADMIN_PIN, the new user PIN from KEYSLOT_NEW_PIN; on a terminal they are asked.',
  async run(inv) {
    if (inv.positionals.length) throw usage('pin unlock takes no arguments.');
    const admin = await readPin(inv.ctx, 'admin');
    const next = await readNewPin(inv.ctx, 'user');
    await withToken(inv, (token) => token.unlockUserPin(admin, next));
    warnIfDefaultPin(inv.ctx, 'admin', admin);
    say(inv, 'The user PIN is set and has 3 tries again.');
  },
};

/** `keyslot lock` (see its summary and details below). */
export const lockCommand: Command = {
  path: ['lock'],
  summary: 'lock the password safe and forget unlocked sessions',
  usage: 'lock',
  async run(inv) {
    if (inv.positionals.length) throw usage('lock takes no arguments.');
    await withToken(inv, (t) => t.lock());
    say(inv, 'Locked.');
  },
};

/** `keyslot reset` (see its summary and details below). */
export const resetCommand: Command = {
  path: ['reset'],
  summary: 'factory reset: erase every slot and the password safe (needs the admin PIN)',
  usage: 'reset [--yes]',
  details:
    'Erases all OTP slots and password safe entries and sets both PINs back to the factory defaults. ' +
    'On a terminal you confirm by typing "reset"; scripts pass --yes.',
  options: { yes: YES_OPTION },
  async run(inv) {
    if (inv.positionals.length) throw usage('reset takes no arguments.');
    await confirm(
      inv,
      'This erases every OTP slot and the password safe, and sets both PINs back to the factory defaults.',
      'reset',
    );
    const admin = await readPin(inv.ctx, 'admin');
    await withToken(inv, (token) => token.factoryReset(admin));
    say(
      inv,
      'The token is reset. Choose new PINs with keyslot pin set admin and keyslot pin set user; run keyslot pws init before using the password safe.',
    );
  },
};
