/** Every CLI command, in the order `keyslot --help` lists them. */
import type { Command } from './command';

/**
 * A command whose module is loaded only when it runs or shows its own help, so that start-up parses
 * this list and the one command asked for (issue 10: `otp get` does not pay for QR decoding, scrypt,
 * the virtual token or the password safe). Its path and summary here must equal the loaded
 * command's (test/cli/usage.test.ts checks).
 */
function lazy(path: string[], summary: string, load: () => Promise<Command>, isHidden?: true): Command {
  const notLoaded = async (): Promise<never> => {
    throw new Error(`keyslot ${path.join(' ')} must be loaded before it runs`);
  };
  return { path, summary, usage: path.join(' '), run: notLoaded, load, ...(isHidden ? { isHidden } : {}) };
}

const backup = () => import('./cmd-backup');
const otp = () => import('./cmd-otp');
const pin = () => import('./cmd-pin');
const pws = () => import('./cmd-pws');
const status = () => import('./cmd-status');
const virtual = () => import('./cmd-virtual');

export const COMMANDS: Command[] = [
  lazy(
    ['status'],
    'show model, serial, firmware, PIN tries left and config',
    async () => (await status()).statusCommand,
  ),
  lazy(['otp', 'list'], 'list the OTP slots', async () => (await otp()).otpListCommand),
  lazy(['otp', 'get'], 'print the code of a slot', async () => (await otp()).otpGetCommand),
  lazy(
    ['otp', 'set'],
    'write a secret into a slot (needs the admin PIN)',
    async () => (await import('./cmd-otp-set')).otpSetCommand,
  ),
  lazy(
    ['otp', 'add'],
    'add accounts from a QR code or URI to free slots, verify them, show the code',
    async () => (await import('./cmd-otp-add')).otpAddCommand,
  ),
  lazy(['otp', 'erase'], 'erase a slot (needs the admin PIN)', async () => (await otp()).otpEraseCommand),
  lazy(
    ['otp', 'rename'],
    'rename a slot, keeping its secret (needs the admin PIN)',
    async () => (await import('./cmd-otp-rename')).otpRenameCommand,
  ),
  lazy(
    ['code'],
    'print the code of the slot whose name matches QUERY (for launchers)',
    async () => (await import('./cmd-code')).codeCommand,
  ),
  lazy(['time', 'set'], "set the token's clock to this computer's time", async () => (await otp()).timeSetCommand),
  lazy(['config', 'get'], 'show the general config', async () => (await status()).configGetCommand),
  lazy(
    ['config', 'set'],
    'change the general config (needs the admin PIN)',
    async () => (await status()).configSetCommand,
  ),
  lazy(['pin', 'set'], 'change the admin or user PIN', async () => (await pin()).pinSetCommand),
  lazy(
    ['pin', 'unlock'],
    'set a new user PIN with the admin PIN (unlocks a locked user PIN)',
    async () => (await pin()).pinUnlockCommand,
  ),
  lazy(['lock'], 'lock the password safe and forget unlocked sessions', async () => (await pin()).lockCommand),
  lazy(
    ['reset'],
    'factory reset: erase every slot and the password safe (needs the admin PIN)',
    async () => (await pin()).resetCommand,
  ),
  lazy(['pws', 'status'], 'show which password safe entries are in use', async () => (await pws()).pwsStatusCommand),
  lazy(['pws', 'list'], 'list password safe entries (name and login)', async () => (await pws()).pwsListCommand),
  lazy(['pws', 'get'], 'print a password safe entry', async () => (await pws()).pwsGetCommand),
  lazy(['pws', 'set'], 'write a password safe entry', async () => (await pws()).pwsSetCommand),
  lazy(['pws', 'erase'], 'erase a password safe entry', async () => (await pws()).pwsEraseCommand),
  lazy(
    ['pws', 'init'],
    'build a new password safe key (destroys every entry; needs the admin PIN)',
    async () => (await pws()).pwsInitCommand,
  ),
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
  lazy(
    ['virtual', 'serve'],
    'serve a virtual token on a Unix socket for the hidapi shim',
    async () => (await virtual()).virtualServeCommand,
  ),
  lazy(
    ['virtual', 'shim-path'],
    'print the path of the hidapi shim library (built on first use)',
    async () => (await virtual()).virtualShimPathCommand,
  ),
  lazy(
    ['virtual', 'touch'],
    "press a virtual Nitrokey 3's touch button",
    async () => (await import('./cmd-virtual-nk3')).virtualTouchCommand,
  ),
  lazy(
    ['completion'],
    'print the completion script for bash, zsh or fish',
    async () => (await import('./cmd-completion')).completionCommand,
  ),
  lazy(
    ['__complete'],
    'complete a command line (called by the shell completion scripts)',
    async () => (await import('./cmd-complete')).completeCommand,
    true,
  ),
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
