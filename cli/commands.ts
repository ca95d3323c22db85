/** Every CLI command, in the order `keyslot --help` lists them. */
import type { Command } from './command';
import { otpEraseCommand, otpGetCommand, otpListCommand, timeSetCommand } from './cmd-otp';
import { otpSetCommand } from './cmd-otp-set';
import { lockCommand, pinSetCommand, pinUnlockCommand, resetCommand } from './cmd-pin';
import {
  pwsEraseCommand,
  pwsGetCommand,
  pwsInitCommand,
  pwsListCommand,
  pwsSetCommand,
  pwsStatusCommand,
} from './cmd-pws';
import { configGetCommand, configSetCommand, statusCommand } from './cmd-status';
import { virtualServeCommand, virtualShimPathCommand } from './cmd-virtual';

/**
 * A command whose module is loaded only when it runs or shows its own help: `otp add` and `backup`
 * pull in QR decoding, image codecs and scrypt, which `otp get` should not pay for at start-up.
 * Its path and summary here must equal the loaded command's (test/cli/usage.test.ts checks).
 */
function lazy(path: string[], summary: string, load: () => Promise<Command>): Command {
  const notLoaded = async (): Promise<never> => {
    throw new Error(`keyslot ${path.join(' ')} must be loaded before it runs`);
  };
  return { path, summary, usage: path.join(' '), run: notLoaded, load };
}

const backup = () => import('./cmd-backup');

export const COMMANDS: Command[] = [
  statusCommand,
  otpListCommand,
  otpGetCommand,
  otpSetCommand,
  lazy(
    ['otp', 'add'],
    'add accounts from a QR code or URI to free slots, verify them, show the code',
    async () => (await import('./cmd-otp-add')).otpAddCommand,
  ),
  otpEraseCommand,
  timeSetCommand,
  configGetCommand,
  configSetCommand,
  pinSetCommand,
  pinUnlockCommand,
  lockCommand,
  resetCommand,
  pwsStatusCommand,
  pwsListCommand,
  pwsGetCommand,
  pwsSetCommand,
  pwsEraseCommand,
  pwsInitCommand,
  lazy(
    ['backup', 'create'],
    'create an encrypted backup file, with accounts from a QR code or URI',
    async () => (await backup()).backupCreateCommand,
  ),
  lazy(
    ['backup', 'list'],
    'list the accounts in a backup file (never their secrets)',
    async () => (await backup()).backupListCommand,
  ),
  lazy(
    ['backup', 'restore'],
    "write a backup's accounts to a token (the same one or a spare) and verify them",
    async () => (await backup()).backupRestoreCommand,
  ),
  lazy(
    ['backup', 'sheet'],
    'write a printable recovery sheet (one QR code per account) as HTML',
    async () => (await backup()).backupSheetCommand,
  ),
  virtualServeCommand,
  virtualShimPathCommand,
];

/** The full command for an entry of COMMANDS (loads a lazy one). */
export async function loadCommand(c: Command): Promise<Command> {
  return c.load ? c.load() : c;
}

/** The command whose path is exactly `words`. */
export function findCommand(words: string[]): Command | undefined {
  return COMMANDS.find((c) => c.path.length === words.length && c.path.every((w, i) => w === words[i]));
}

/** Commands whose path starts with `words` (a group such as `otp`). */
export function commandsUnder(words: string[]): Command[] {
  return COMMANDS.filter((c) => c.path.length > words.length && words.every((w, i) => c.path[i] === w));
}
