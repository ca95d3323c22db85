/**
 * The named-credential (Nitrokey 3) variants of the CLI's commands, by command path; cli/family.ts picks
 * them when `--device` reaches a Nitrokey 3. A path missing here is a slot-token command: on a Nitrokey 3
 * it says so.
 */
import type { Command } from './command';
import { namesOtpErase, namesOtpGet, namesOtpList, namesOtpSet } from './names-otp';
import { namesPinSet, namesReset, namesStatus } from './names-admin';
import { namesPwsErase, namesPwsGet, namesPwsList, namesPwsSet } from './names-pws';
import { namesBackupRestore, namesOtpAdd } from './names-enrol';
import { namesCode } from './names-code';

export const NAMES_COMMANDS: Record<string, Command> = Object.fromEntries(
  [
    namesStatus,
    namesOtpList,
    namesOtpGet,
    namesOtpSet,
    namesOtpAdd,
    namesOtpErase,
    namesCode,
    namesPinSet,
    namesReset,
    namesPwsList,
    namesPwsGet,
    namesPwsSet,
    namesPwsErase,
    namesBackupRestore,
  ].map((c) => [c.path.join(' '), c]),
);
