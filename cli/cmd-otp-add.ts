/**
 * `keyslot otp add`: an account from a QR code, a URI or a typed secret into the first free slot
 * of its kind, checked against the token before the PIN is asked, optionally added to an
 * encrypted backup first, verified after writing, and ending with the code to type into the site.
 */
import { access } from 'node:fs/promises';
import { addToBackupFile } from '../device/index';
import { systemClock } from '../device/index';
import type { SlotRef } from '../device/index';
import { planImport, readTokenFacts } from '../device/index';
import { parseSlotRef } from '../device/index';
import { say, usage, withToken, YES_OPTION, type Command } from './command';
import {
  askToProceed,
  backupError,
  checkPlan,
  printReview,
  readBackupPassword,
  readSources,
  SOURCE_OPTIONS,
  writePlan,
} from './enrol-shared';

/** `keyslot otp add` (see its summary and details below). */
export const otpAddCommand: Command = {
  path: ['otp', 'add'],
  summary: 'add accounts from a QR code or URI to free slots, verify them, show the code',
  usage:
    'otp add (--uri URI | --qr IMAGE | --secret BASE32 --name NAME) [MORE...] [--slot SLOT] [--backup FILE] [--yes]',
  details:
    'Reads otpauth:// URIs and Google Authenticator exports (otpauth-migration://, one QR code or several: ' +
    'give every image or URI). Each account goes to the first free slot of its kind unless --slot says ' +
    'where (one account only). Names are "Issuer:account" cut to 15 bytes. What the token cannot do ' +
    '(SHA256/SHA512, digits other than 6 or 8, long secrets, more accounts than free slots) is refused ' +
    'before anything is written. With several accounts, a changed name or a replaced slot you are asked ' +
    'to confirm the list (--yes for scripts). --backup FILE adds the accounts to an encrypted backup ' +
    'first (password from KEYSLOT_BACKUP_PASSWORD or asked). After writing, keyslot compares the ' +
    "token's code with the code the secret gives (HOTP: this uses one counter step) and prints the " +
    'code to type into the site. URIs on the command line show in the process list; --qr or --uri - ' +
    '(standard input) do not.',
  options: {
    ...SOURCE_OPTIONS,
    slot: {
      type: 'string',
      value: 'SLOT',
      help: 'write to this slot (totp:N or hotp:N) instead of the first free one',
    },
    backup: { type: 'string', value: 'FILE', help: 'add the accounts to this encrypted backup before writing' },
    yes: YES_OPTION,
  },
  positionals: [0, 32],
  async run(inv) {
    let slot: SlotRef | undefined;
    if (typeof inv.values.slot === 'string') {
      const r = parseSlotRef(inv.values.slot);
      if (!r.ok) throw usage(r.problem);
      slot = r.value;
    }
    const scan = await readSources(inv);
    const name = typeof inv.values.name === 'string' ? inv.values.name : undefined;
    const backupFile = typeof inv.values.backup === 'string' ? inv.values.backup : undefined;
    const report = await withToken(inv, async (token) => {
      const plan = planImport(scan.candidates, await readTokenFacts(token), { slot, name });
      printReview(inv, plan, scan.problems);
      checkPlan(token, plan);
      const needsOk =
        plan.assignments.length > 1 ||
        plan.refusals.length > 0 ||
        plan.assignments.some((a) => a.isNameChanged || a.replaces) ||
        scan.problems.length > 0;
      if (needsOk)
        await askToProceed(
          inv,
          `Write ${plan.assignments.length === 1 ? 'this account' : `these ${plan.assignments.length} accounts`} to the token?`,
        );
      if (backupFile) {
        const isNew = await access(backupFile).then(
          () => false,
          () => true,
        );
        const password = await readBackupPassword(inv.ctx, isNew);
        const saved = await addToBackupFile(
          backupFile,
          password,
          plan.assignments.map((a) => ({ account: a.account, name: a.name, slot: a.slot })),
        );
        if (!saved.ok) throw backupError(saved);
        say(
          inv,
          `Added ${plan.assignments.length} account${plan.assignments.length === 1 ? '' : 's'} to the backup ${backupFile} (${saved.contents.accounts.length} in all).`,
        );
      }
      return writePlan(inv, token, plan, inv.ctx.clock);
    });
    const last = report.results[report.results.length - 1];
    if (report.results.length === 1 && last.verify.ok) {
      const v = last.verify;
      const clock = inv.ctx.clock ?? systemClock;
      const leftMs = v.kind === 'totp' ? v.validUntilMs - clock.now() : null;
      const validity =
        leftMs === null
          ? ''
          : leftMs > 0
            ? ` (valid for ${Math.ceil(leftMs / 1000)} s more)`
            : ' (its time step has just ended: keyslot otp get gives the next code)';
      say(inv, `Type this code into the site: ${v.code}${validity}`);
    }
  },
};
