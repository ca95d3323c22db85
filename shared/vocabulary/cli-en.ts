/**
 * The words of the `keyslot` command: its messages, prompts, warnings and usage errors, one entry each,
 * made from the fields the command passes. English only (the CLI speaks English); the error codes'
 * words are in errors-en.ts, the longer help of each command in cli-help-en.ts. To add a message, add
 * an entry here and call it from cli/: `say(inv, CLI_EN.erasedSlot({ slot }))`.
 * Counts go through `count` (Intl.PluralRules), never `n === 1 ? '' : 's'`.
 */
import { pluralFor } from './render';

const plural = pluralFor('en');
/** "1 account", "2 accounts". */
const count = (n: number, one: string, other: string) => `${n} ${plural(n, one, other)}`;
const pinName = (kind: string) => (kind === 'admin' ? 'Admin' : 'User');

export const CLI_EN = {
  // Usage and help (cli/run.ts, cli/help.ts, cli/command.ts)
  usageLine: (f: { usage: string }) => `Usage: keyslot ${f.usage}`,
  mainHelpTitle:
    'keyslot: one-time passwords and passwords on Nitrokey 3, Nitrokey Pro, Nitrokey Storage and Librem Key tokens.',
  mainHelpSlots:
    "Slots are totp:1..15 and hotp:1..3; a slot's name selects it too. Run keyslot COMMAND --help for details.",
  groupHelpMore: (f: { group: string }) => `Run keyslot ${f.group} SUBCOMMAND --help for details.`,
  unknownCommand: (f: { command: string }) => `Unknown command "${f.command}". Run keyslot --help for the list.`,
  unknownSubcommand: (f: { command: string; group: string }) =>
    `Unknown command "${f.command}". Run keyslot ${f.group} --help for the list.`,
  argsProblem: (f: { problem: string; command: string }) => `${f.problem}. See keyslot ${f.command} --help.`,
  noJson: (f: { command: string }) => `keyslot ${f.command} has no --json output.`,
  takesNoArguments: (f: { command: string }) => `${f.command} takes no arguments.`,
  slotEmptyArg: 'SLOT is empty. Write totp:N, hotp:N or the name of a slot.',
  noSlotNamed: (f: { name: string }) =>
    `No slot is named "${f.name}". See keyslot otp list, or write totp:N or hotp:N.`,
  severalSlotsNamed: (f: { name: string; slots: string }) =>
    `Several slots are named "${f.name}" (${f.slots}); write the one you mean by number.`,
  queryEmpty: 'QUERY is empty. Write a slot name or a part of one.',
  noSlotMatches: (f: { query: string }) => `No slot matches "${f.query}". See keyslot otp list.`,

  completionTakes: (f: { value: string }) => `keyslot completion takes bash, zsh or fish, not "${f.value}".`,
  // The web host's own command line (web-host/cli.ts)
  needsValue: (f: { option: string }) => `${f.option} needs a value.`,
  webDeviceTakes: '--device takes auto, hid, virtual, virtual:STATEFILE, virtual-nk3 or virtual-nk3:STATEFILE.',
  portTakes: '--port takes a number from 0 to 65535.',
  unknownOption: (f: { option: string }) => `Unknown option ${f.option}.`,

  // PINs and passwords (cli/pins.ts, cli/cmd-pin.ts, cli/cmd-pws.ts, cli/enrol-shared.ts)
  pinNeeded: (f: { kind: string; env: string }) =>
    `The ${f.kind} PIN is needed. Set ${f.env}, or run keyslot on a terminal to be asked for it.`,
  newPinNeeded: (f: { kind: string; env: string }) =>
    `The new ${f.kind} PIN is needed. Set ${f.env}, or run keyslot on a terminal to be asked for it.`,
  pinPrompt: (f: { kind: string }) => `${pinName(f.kind)} PIN: `,
  newPinPrompt: (f: { kind: string }) => `New ${f.kind} PIN: `,
  newPinAgainPrompt: (f: { kind: string }) => `New ${f.kind} PIN again: `,
  newPinsDiffer: 'The two new PINs differ; nothing was changed.',
  newPinTooShort: (f: { kind: string; min: number }) =>
    `The new ${f.kind} PIN is too short: the card needs at least ${f.min} characters. Nothing was changed.`,
  defaultPinWarning: (f: { kind: string }) =>
    `warning: the ${f.kind} PIN is still the factory default. Choose your own with: keyslot pin set ${f.kind}`,
  pinSetTakes: (f: { value: string }) => `pin set takes admin or user, not "${f.value}".`,
  pinChanged: (f: { kind: string }) => `The ${f.kind} PIN is changed.`,
  userPinUnlocked: 'The user PIN is set and has 3 tries again.',
  locked: 'Locked.',
  resetConfirm: 'This erases every OTP slot and the password safe, and sets both PINs back to the factory defaults.',
  resetDone:
    'The token is reset. Choose new PINs with keyslot pin set admin and keyslot pin set user; run keyslot pws init before using the password safe.',
  passwordNeeded: (f: { env: string }) =>
    `The password is needed. Set ${f.env}, or run keyslot on a terminal to be asked for it.`,
  passwordPrompt: 'Password: ',
  passwordAgainPrompt: 'Password again: ',
  passwordsDifferUnchanged: 'The two passwords differ; nothing was changed.',
  backupPasswordNeeded:
    'The backup password is needed. Set KEYSLOT_BACKUP_PASSWORD, or run keyslot on a terminal to be asked for it.',
  newBackupPasswordPrompt: 'New backup password: ',
  backupPasswordPrompt: 'Backup password: ',
  backupPasswordAgainPrompt: 'Backup password again: ',
  passwordsDifferUnwritten: 'The two passwords differ; nothing was written.',

  // Confirmations (cli/command.ts, cli/enrol-shared.ts)
  notATerminal: (f: { question: string }) =>
    `${f.question} Not a terminal, so keyslot cannot ask: review the list above and add --yes to go ahead.`,
  yesNo: (f: { question: string }) => `${f.question} [y/N] `,
  confirmNotATerminal: (f: { warning: string }) =>
    `${f.warning} Not a terminal, so keyslot cannot ask: add --yes to go ahead.`,
  typeWordToGoAhead: (f: { warning: string; word: string }) => `${f.warning}\nType "${f.word}" to go ahead: `,
  optionNeeded: (f: { option: string }) => `--${f.option} is needed.`,
  matchesMany: (f: { query: string; count: number }) =>
    `"${f.query}" matches ${f.count} slots. Write more of the name, or add --first.`,
  serving: (f: { state: string; socket: string }) =>
    `serving the virtual token of ${f.state} on ${f.socket}; stop with Ctrl-C.`,
  stoppedServing: 'stopped serving.',
  servingNk3: (f: { state: string; where: string; touch: string }) =>
    `serving the virtual Nitrokey 3 of ${f.state} on ${f.where} (touch: ${f.touch}); stop with Ctrl-C.`,
  nk3NeedsSocketOrVpcd: 'A virtual Nitrokey 3 needs --socket PATH, --vpcd HOST:PORT, or both.',
  badVpcd: (f: { value: string }) => `--vpcd "${f.value}" is not HOST:PORT.`,
  badTouchPolicy: (f: { value: string }) => `--touch "${f.value}" is not accept, reject or ask.`,
  touchConfirmed: 'Touched: the waiting request goes on.',
  touchNotWaiting: 'Nothing was waiting for a touch.',

  // OTP slots (cli/cmd-otp*.ts, cli/enrol-shared.ts)
  digitsOnly: (f: { value: string }) =>
    `The token makes 6- or 8-digit codes only; --digits ${f.value} is not one of them.`,
  periodTakes: (f: { value: string }) => `--period takes a time step of 1 to 65535 seconds, not "${f.value}".`,
  counterTakes: (f: { value: string }) => `--counter takes a whole number from 0 to 2^64-1, not "${f.value}".`,
  giveSecret: 'Give the secret with --secret BASE32, --hex HEX or --uri otpauth://…',
  giveOnlyOne: (f: { options: string[] }) => `Give only one of ${f.options.map((o) => `--${o}`).join(', ')}.`,
  uriSaysIt: (f: { option: string }) => `The URI already says the ${f.option}; leave out --${f.option}.`,
  uriNamesNoOne: 'The URI names no issuer or account to name the slot after; give --name.',
  nameNeeded: '--name is needed (up to 15 bytes).',
  nameNeededWithSecret: '--name is needed with --secret (up to 15 bytes).',
  secretBytes: (f: { bytes: number; maxBytes: number }) =>
    `The secret has ${f.bytes} bytes; the token stores at most ${f.maxBytes}.`,
  uriKindMismatch: (f: { kind: string; slot: string; slotKind: string }) =>
    `The URI is a ${f.kind} account, but ${f.slot} is a ${f.slotKind} slot.`,
  periodForTotp: (f: { slot: string }) => `--period is for TOTP slots; ${f.slot} is a HOTP slot.`,
  counterForHotp: (f: { slot: string }) => `--counter is for HOTP slots; ${f.slot} is a TOTP slot.`,
  wroteSlot: (f: { slot: string; name: string; digits: number; what: string }) =>
    `Wrote ${f.slot} "${f.name}": ${f.digits} digits, ${f.what}.`,
  everySeconds: (f: { period: number }) => `every ${f.period} s`,
  counterAt: (f: { counter: string }) => `counter ${f.counter}`,
  erasedSlot: (f: { slot: string }) => `Erased ${f.slot}.`,
  renamedSlot: (f: { slot: string; name: string }) => `Renamed ${f.slot} to "${f.name}".`,
  clockSet: (f: { time: string }) => `Token clock set to ${f.time}.`,
  giveAccount: 'Give the account with --uri URI, --qr IMAGE or --secret BASE32.',
  optionsGoWithSecret: '--digits, --period and --counter go with --secret; a URI or QR code says them itself.',
  unexpectedArgument: (f: { value: string }) => `Unexpected argument "${f.value}".`,
  periodOrCounter: '--period is for TOTP and --counter for HOTP; give one of them.',
  cannotReadImage: (f: { file: string; why: string }) => `Cannot read the image ${f.file} (${f.why}).`,
  noSuchFile: 'no such file',
  noAccountFound: 'No account was found.',
  toWrite: (f: { count: number }) => `To write (${f.count}):`,
  cannotBeWritten: (f: { count: number }) => `Cannot be written (${f.count}):`,
  note: (f: { text: string }) => `Note: ${f.text}`,
  hotpCheckNote:
    'Note: checking a HOTP slot after writing uses one counter step; the code shown then is the one to type into the site.',
  writeAccounts: (f: { count: number }) =>
    `Write ${f.count === 1 ? 'this account' : `these ${f.count} accounts`} to the token?`,
  noAccountWritable: 'No account can be written to this token; see the reasons above. Nothing was written.',
  wroteAndChecked: (f: { slot: string; name: string }) =>
    `Wrote ${f.slot} "${f.name}" and checked it: the token's code matches the secret.`,
  wroteCheckFailed: (f: { slot: string; name: string; differences: string[] }) =>
    `Wrote ${f.slot} "${f.name}", but the check FAILED:\n  ${f.differences.join('\n  ')}`,
  stoppedAt: (f: { why: string; slot: string; done: string[] }) =>
    `${f.why} Stopped at ${f.slot}; ${f.done.length ? `written before it: ${f.done.join(', ')}` : 'nothing was written'}.`,
  checksFailed: (f: { count: number }) =>
    `${count(f.count, 'slot', 'slots')} did not give the expected code; do not rely on ${plural(f.count, 'it', 'them')}.`,
  typeThisCode: (f: { code: string; validity: string }) => `Type this code into the site: ${f.code}${f.validity}`,
  validFor: (f: { seconds: number }) => ` (valid for ${f.seconds} s more)`,
  stepJustEnded: ' (its time step has just ended: keyslot otp get gives the next code)',
  addedToBackup: (f: { count: number; file: string; total: number }) =>
    `Added ${count(f.count, 'account', 'accounts')} to the backup ${f.file} (${f.total} in all).`,

  // Backups (cli/cmd-backup.ts)
  notAdded: (f: { label: string; problem: string }) => `Not added: ${f.label}: ${f.problem}`,
  fileExists: (f: { file: string }) => `${f.file} exists already; keyslot does not overwrite it.`,
  addToBackupHint: 'Add accounts to it with keyslot otp add --backup FILE.',
  createdBackup: (f: { file: string; count: number }) =>
    `Created the backup ${f.file} with ${count(f.count, 'account', 'accounts')}.`,
  backupEmpty: 'The backup holds no accounts yet.',
  nothingToRestore: 'The backup holds no accounts; nothing to restore.',
  allOnToken: 'Every account of the backup is on this token already; nothing was written.',
  restoreQuestion: (f: { count: number }) => `Restore ${count(f.count, 'account', 'accounts')} to this token?`,
  restored: (f: { count: number; present: number }) =>
    `Restored ${count(f.count, 'account', 'accounts')}${f.present ? `; ${f.present} ${plural(f.present, 'was', 'were')} on the token already` : ''}.`,
  alreadyOnToken: (f: { count: number }) => `Already on this token, not written (${f.count}):`,
  givesThisCode: "(the slot gives this account's code)",
  outNeeded: '--out SHEET.html is needed.',
  wroteSheet: (f: { file: string; count: number }) =>
    `Wrote the recovery sheet ${f.file} (${count(f.count, 'account', 'accounts')}). Print it, then delete the file.`,

  // Password safe (cli/cmd-pws.ts)
  pwsNumbered: (f: { max: number; value?: string }) =>
    `Password safe entries are numbered 1 to ${f.max}${f.value === undefined ? '' : `, not "${f.value}"`}.`,
  pwsInUse: (f: { used: number[]; max: number }) =>
    `${f.used.length} of ${f.max} entries in use${f.used.length ? `: ${f.used.join(', ')}` : ''}.`,
  pwsEmpty: 'The password safe is empty.',
  atMostOneField: 'Give at most one of --name, --login and --password.',
  pwsFieldBytes: (f: { field: string; bytes: number; maxBytes: number }) =>
    `The ${f.field} has ${f.bytes} bytes in UTF-8; the password safe stores at most ${f.maxBytes}.`,
  pwsSetHelp: (f: { env: string; name: number; login: number; password: number }) =>
    `The password comes from ${f.env} or is asked twice on a terminal, never from the command line. ` +
    `Limits in UTF-8 bytes: name ${f.name}, login ${f.login}, password ${f.password}.`,
  pwsNameNeeded: '--name is needed.',
  wroteEntry: (f: { entry: number; name: string }) => `Wrote password safe entry ${f.entry} "${f.name}".`,
  erasedEntry: (f: { entry: number }) => `Erased password safe entry ${f.entry}.`,
  pwsInitConfirm: 'This builds a new password safe key and destroys every password safe entry.',
  pwsInitDone: 'The password safe has a new key and is empty.',

  // Config (cli/cmd-status.ts)
  lockKeyTakes: (f: { option: string; value: string }) =>
    `--${f.option} takes hotp:1 to hotp:3 or off, not "${f.value}".`,
  otpPinTakes: (f: { value: string }) => `--otp-pin takes on or off, not "${f.value}".`,
  nothingToChange: 'Nothing to change: give --otp-pin, --numlock, --capslock or --scrolllock.',
  configWritten: (f: { lines: string }) => `Config written.\n${f.lines}`,
} as const;
