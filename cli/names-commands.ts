/**
 * The named-credential (Nitrokey 3) variants of the CLI's commands, by command path, each loaded when it
 * runs; cli/family.ts picks them when `--device` reaches a Nitrokey 3. A path missing here is a slot-token
 * command: on a Nitrokey 3 it says so. The everyday ones (names-otp, names-admin, names-code) are in the
 * fast bundle; cmd-nk3-* modules, like every cmd-* module outside it, are not (scripts/build-cli.js).
 */
import type { Command } from './command';

const otp = () => import('./names-otp');
const admin = () => import('./names-admin');
const pws = () => import('./cmd-nk3-pws');
const enrol = () => import('./cmd-nk3-enrol');

export const NAMES_COMMANDS: Record<string, () => Promise<Command>> = {
  status: async () => (await admin()).namesStatus,
  'otp list': async () => (await otp()).namesOtpList,
  'otp get': async () => (await otp()).namesOtpGet,
  'otp set': async () => (await otp()).namesOtpSet,
  'otp erase': async () => (await otp()).namesOtpErase,
  'otp rename': async () => (await otp()).namesOtpRename,
  'otp add': async () => (await enrol()).namesOtpAdd,
  code: async () => (await import('./names-code')).namesCode,
  'pin set': async () => (await admin()).namesPinSet,
  reset: async () => (await admin()).namesReset,
  'pws list': async () => (await pws()).namesPwsList,
  'pws get': async () => (await pws()).namesPwsGet,
  'pws set': async () => (await pws()).namesPwsSet,
  'pws erase': async () => (await pws()).namesPwsErase,
  'backup restore': async () => (await enrol()).namesBackupRestore,
};
