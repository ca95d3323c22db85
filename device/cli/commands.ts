/** Every CLI command, in the order `keyslot --help` lists them. */
import type { Command } from './command';
import { otpEraseCommand, otpGetCommand, otpListCommand, timeSetCommand } from './cmd-otp';
import { otpSetCommand } from './cmd-otp-set';
import { otpAddCommand } from './cmd-otp-add';
import { backupCreateCommand, backupListCommand, backupRestoreCommand, backupSheetCommand } from './cmd-backup';
import { lockCommand, pinSetCommand, pinUnlockCommand, resetCommand } from './cmd-pin';
import { pwsEraseCommand, pwsGetCommand, pwsInitCommand, pwsListCommand, pwsSetCommand, pwsStatusCommand } from './cmd-pws';
import { configGetCommand, configSetCommand, statusCommand } from './cmd-status';
import { virtualServeCommand, virtualShimPathCommand } from './cmd-virtual';

export const COMMANDS: Command[] = [
  statusCommand,
  otpListCommand,
  otpGetCommand,
  otpSetCommand,
  otpAddCommand,
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
  backupCreateCommand,
  backupListCommand,
  backupRestoreCommand,
  backupSheetCommand,
  virtualServeCommand,
  virtualShimPathCommand,
];

/** The command whose path is exactly `words`. */
export function findCommand(words: string[]): Command | undefined {
  return COMMANDS.find((c) => c.path.length === words.length && c.path.every((w, i) => w === words[i]));
}

/** Commands whose path starts with `words` (a group such as `otp`). */
export function commandsUnder(words: string[]): Command[] {
  return COMMANDS.filter((c) => c.path.length > words.length && words.every((w, i) => c.path[i] === w));
}
