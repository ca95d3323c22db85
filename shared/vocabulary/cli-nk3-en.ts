/**
 * The words of the `keyslot` command on a named-credential token (Nitrokey 3), one entry each, made from
 * the fields the command passes; the shared words stay in cli-en.ts and the error codes' in errors-en.ts.
 * English only (the CLI speaks English). Counts go through `plural` (Intl.PluralRules).
 */
import { pluralFor } from './render';

const plural = pluralFor('en');

export const CLI_NK3_EN = {
  // Touch (cli/family.ts): said before a command that needs the button, or when no answer came for a while.
  touchNow: 'Touch your Nitrokey 3.',
  pinNeeded: (f: { env: string }) =>
    `The PIN is needed. Set ${f.env}, or run keyslot on a terminal to be asked for it.`,
  pinPrompt: 'PIN: ',

  // Credentials (cli/names-otp.ts, cli/names-enrol.ts)
  noCredentials: 'The token holds no credentials (PIN-protected ones are listed with --with-pin).',
  everySeconds: (f: { period: number }) => `every ${f.period} s`,
  hotp: 'HOTP',
  nameEmptyArg: 'NAME is empty. Write the name of a credential.',
  newNameEmptyArg: 'NEW-NAME is empty. Write the name the credential is to have.',
  giveSecret: 'Give the secret with --secret BASE32, --hex HEX or --uri otpauth://…',
  giveOnlyOne: 'Give only one of --secret, --hex and --uri.',
  uriSaysIt: (f: { option: string }) => `The URI already says the ${f.option}; leave out --${f.option}.`,
  nameNeeded: 'NAME is needed (or a URI that names an issuer or account).',
  kindTakes: (f: { value: string }) => `--kind takes totp or hotp, not "${f.value}".`,
  periodTakes: (f: { value: string }) => `--period takes a time step of 1 to 65535 seconds, not "${f.value}".`,
  periodForTotp: '--period is for TOTP credentials.',
  counterForHotp: '--counter is for HOTP credentials.',
  counterTakes: (f: { value: string }) => `--counter takes a whole number from 0 to 4294967295, not "${f.value}".`,
  periodNote: (f: { name: string; period: number }) =>
    `note: the Nitrokey 3 does not store a time step, so keyslot keeps ${f.period} s in the name as "${f.name}" (as ykman and Yubico Authenticator do). nitropy and the Nitrokey app compute every credential with 30 s and will show wrong codes for this one.`,
  wrote: (f: { name: string; digits: number; what: string; algorithm: string }) =>
    `Wrote "${f.name}": ${f.digits} digits, ${f.what}, ${f.algorithm}.`,
  erased: (f: { name: string }) => `Deleted "${f.name}".`,
  renamed: (f: { from: string; name: string }) => `Renamed "${f.from}" to "${f.name}".`,
  nameTaken: (f: { name: string }) =>
    `The token already holds a credential named "${f.name}". Delete it first or choose another name. Nothing was written.`,
  noRoom: (f: { count: number; free: number }) =>
    `${f.count} ${plural(f.count, 'credential does', 'credentials do')} not fit: the token has room for ${f.free} more. Nothing was written.`,
  nameOneAccount: '--name is for one account only.',
  wroteAndChecked: (f: { name: string }) => `Wrote "${f.name}" and checked it: the token's code matches the secret.`,
  checkFailed: (f: { name: string }) =>
    `Wrote "${f.name}", but the check FAILED: the token's code differs from the code the secret gives.`,
  alreadyThere: (f: { name: string }) => `Already on this token, not written: "${f.name}" (it gives the same code).`,

  // Status, PIN, reset (cli/names-admin.ts)
  takesNoArguments: (f: { command: string }) => `${f.command} takes no arguments.`,
  modelName: 'Nitrokey 3',
  unknown: 'unknown',
  secretsApp: (f: { version: string }) => `Secrets app ${f.version}`,
  pinSetTries: (f: { count: number }) => `set, ${f.count} ${plural(f.count, 'try', 'tries')} left`,
  pinNotSet: 'not set (keyslot pin set sets one)',
  ofLimit: (f: { used: number; max: number }) => `${f.used} of ${f.max}`,
  newPinNeeded: (f: { env: string }) =>
    `The new PIN is needed. Set ${f.env}, or run keyslot on a terminal to be asked for it.`,
  newPinPrompt: 'New PIN: ',
  newPinAgainPrompt: 'New PIN again: ',
  newPinsDiffer: 'The two new PINs differ; nothing was changed.',
  newPinEmpty: 'The new PIN is empty; nothing was changed.',
  pinSetTakes: (f: { value: string }) => `A Nitrokey 3 has one PIN: write pin set, not pin set ${f.value}.`,
  pinIsSet: 'The PIN is set.',
  pinChanged: 'The PIN is changed.',
  resetConfirm: 'This deletes every credential of the Secrets app and its PIN.',
  resetDone: 'The Secrets app is reset: no credentials, no PIN.',

  // Password fields (cli/names-pws.ts)
  pwsEmpty: 'No credential has password fields.',
  atMostOneField: 'Give at most one of --login, --password and --comment.',
  passwordNeeded: (f: { env: string }) =>
    `The password is needed. Set ${f.env}, or run keyslot on a terminal to be asked for it.`,
  passwordPrompt: 'Password: ',
  passwordAgainPrompt: 'Password again: ',
  passwordsDiffer: 'The two passwords differ; nothing was changed.',
  wroteFields: (f: { name: string }) => `Wrote the password fields of "${f.name}".`,
  erasedFields: (f: { name: string }) => `Erased the password fields of "${f.name}".`,
} as const;

/** The longer help of the Nitrokey 3 variants (`keyslot --device nk3 COMMAND --help`), by command path. */
export const CLI_NK3_HELP_EN: Record<string, string> = {
  'otp list':
    'Lists name, kind, hash, time step (from the name\'s "P/" prefix, else 30 s) and flags. PIN-protected credentials are listed only with the PIN: --with-pin, or KEYSLOT_PIN set.',
  'otp get':
    'NAME as listed (an exact name wins, else the one name that matches ignoring case). A PIN-protected credential needs the PIN (KEYSLOT_PIN or asked); a credential with touch waits for the button.',
  'otp set':
    'Names take up to 128 bytes in UTF-8, secrets up to 128 bytes. SHA1 and SHA256, 6, 7 or 8 digits; SHA512 is refused before anything is sent, as is a taken name or a full store (50 credentials). A time step other than 30 s is kept as a "P/" prefix of the name (ykman\'s convention). --touch makes each code wait for the button; --pin-protected encrypts the credential with the PIN.',
  'otp rename':
    'NAME as listed (an exact name wins, else the one name that matches ignoring case). NEW-NAME takes up to 128 bytes in UTF-8; a TOTP time step kept as a "P/" prefix stays on the new name. The secret and the other settings stay, so the codes do not change; a name another credential has is refused. A PIN-protected credential needs the PIN (KEYSLOT_PIN or asked); --with-pin also checks NEW-NAME against the PIN-protected credentials. Needs a touch.',
  'pin set':
    'Without a PIN yet, sets the first one; else changes it. The current PIN comes from KEYSLOT_PIN, the new one from KEYSLOT_NEW_PIN; on a terminal they are asked (the new one twice). A wrong PIN says how many tries are left; keyslot never tries again by itself. Needs a touch.',
  'pws set':
    'The password comes from KEYSLOT_PWS_PASSWORD or is asked twice on a terminal. A name no credential has makes a password-only credential; otherwise all three fields of that credential are replaced. Needs a touch.',
  'otp add':
    'As on a slot token: accounts from QR codes, URIs or a typed secret, named "Issuer:account", checked against the token before anything is sent, optionally added to a backup first, then each verified against the code the secret gives.',
  'backup restore':
    'Opens the whole backup first; TOTP accounts the token holds already (same name, same code) are left out. Each written credential is verified.',
};
