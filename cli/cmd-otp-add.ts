/**
 * `keyslot otp add`: an account from a QR code, a URI or a typed secret into the first free slot
 * of its kind, checked against the token before the PIN is asked, optionally added to an
 * encrypted backup first, verified after writing, and ending with the code to type into the site.
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
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
  details: CLI_HELP_EN['otp add'],
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
      if (needsOk) await askToProceed(inv, CLI_EN.writeAccounts({ count: plan.assignments.length }));
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
          CLI_EN.addedToBackup({
            count: plan.assignments.length,
            file: backupFile,
            total: saved.contents.accounts.length,
          }),
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
            ? CLI_EN.validFor({ seconds: Math.ceil(leftMs / 1000) })
            : CLI_EN.stepJustEnded;
      say(inv, CLI_EN.typeThisCode({ code: v.code, validity }));
    }
  },
};
