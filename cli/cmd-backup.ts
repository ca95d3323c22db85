/** `keyslot backup create|list|restore|sheet`: encrypted backups of OTP accounts. */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { access } from 'node:fs/promises';
import { createBackupFile, readBackupFile, writeFileAtomic } from '../device/index';
import type { BackupContents } from '../device/index';
import { findOnToken, planRestore, type RestorePlan } from '../device/index';
import { renderRecoverySheet } from '../device/index';
import { readTokenFacts } from '../device/index';
import { formatSlotRef } from '../device/index';
import { say, sayJson, usage, withToken, YES_OPTION, type Command, type Invocation } from './command';
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

/** Opens FILE with the password from the environment or a prompt; throws the backup's problem. */
async function openFile(inv: Invocation, file: string): Promise<BackupContents> {
  const password = await readBackupPassword(inv.ctx, false);
  const r = await readBackupFile(file, password);
  if (!r.ok) throw backupError(r);
  return r.contents;
}

/** `keyslot backup create` (see its summary and details below). */
export const backupCreateCommand: Command = {
  path: ['backup', 'create'],
  summary: 'create an encrypted backup file, with accounts from a QR code or URI',
  usage: 'backup create FILE [--uri URI | --qr IMAGE | --secret BASE32 --name NAME]',
  details: CLI_HELP_EN['backup create'],
  options: { ...SOURCE_OPTIONS },
  positionals: [1, 1],
  async run(inv) {
    const file = inv.positionals[0];
    const hasSource = ['uri', 'qr', 'secret'].some((k) => typeof inv.values[k] === 'string');
    const scan = hasSource ? await readSources({ ...inv, positionals: [] }) : { candidates: [], problems: [] };
    for (const p of scan.problems) say(inv, CLI_EN.note({ text: p }));
    const refused = scan.candidates.filter((c) => !c.ok);
    for (const c of refused) if (!c.ok) say(inv, CLI_EN.notAdded({ label: c.label, problem: c.problem }));
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      throw usage(CLI_EN.fileExists({ file }));
    const password = await readBackupPassword(inv.ctx, true);
    const entries = scan.candidates.flatMap((c) =>
      c.ok
        ? [
            {
              account: c.account,
              name: typeof inv.values.name === 'string' ? inv.values.name : c.account.name || c.label.slice(0, 15),
            },
          ]
        : [],
    );
    const r = await createBackupFile(file, password, entries);
    if (!r.ok) throw backupError(r);
    say(inv, CLI_EN.createdBackup({ file, count: entries.length }));
  },
};

/** `keyslot backup list` (see its summary and details below). */
export const backupListCommand: Command = {
  path: ['backup', 'list'],
  summary: 'list the accounts in a backup file (never their secrets)',
  usage: 'backup list FILE',
  positionals: [1, 1],
  hasJson: true,
  async run(inv) {
    const c = await openFile(inv, inv.positionals[0]);
    const views = c.accounts.map((b) => ({
      name: b.name,
      ...(b.account.issuer ? { issuer: b.account.issuer } : {}),
      ...(b.account.account ? { account: b.account.account } : {}),
      kind: b.account.kind,
      digits: b.account.digits,
      ...(b.account.kind === 'totp'
        ? { period: b.account.period ?? 30 }
        : { counter: String(b.account.counter ?? 0n) }),
      ...(b.slot ? { slot: formatSlotRef(b.slot) } : {}),
      addedAt: b.addedAt,
    }));
    if (inv.json) return sayJson(inv, { createdAt: c.createdAt, updatedAt: c.updatedAt, accounts: views });
    if (views.length === 0) return say(inv, CLI_EN.backupEmpty);
    say(
      inv,
      views
        .map(
          (v) =>
            `${(v.slot ?? '-').padEnd(8)}${v.name.padEnd(17)}${v.kind.toUpperCase()}  ${v.digits} digits  ${'period' in v ? CLI_EN.everySeconds({ period: v.period }) : CLI_EN.counterAt({ counter: v.counter })}  ${[v.issuer, v.account].filter(Boolean).join(': ')}`,
        )
        .join('\n'),
    );
  },
};

/** `keyslot backup restore` (see its summary and details below). */
export const backupRestoreCommand: Command = {
  path: ['backup', 'restore'],
  summary: "write a backup's accounts to a token (the same one or a spare) and verify them",
  usage: 'backup restore FILE [--yes]',
  details: CLI_HELP_EN['backup restore'],
  options: { yes: YES_OPTION },
  positionals: [1, 1],
  async run(inv) {
    const contents = await openFile(inv, inv.positionals[0]);
    if (contents.accounts.length === 0) throw usage(CLI_EN.nothingToRestore);
    let written = 0;
    let present = 0;
    await withToken(inv, async (token) => {
      const facts = await readTokenFacts(token);
      const plan = planRestore(contents, facts, await findOnToken(token, contents, facts, inv.ctx.clock));
      present = plan.alreadyOnToken.length;
      printAlreadyOnToken(inv, plan);
      if (present && plan.assignments.length === 0 && !plan.problem && plan.refusals.length === 0) {
        return say(inv, CLI_EN.allOnToken);
      }
      printReview(inv, plan);
      checkPlan(token, plan);
      await askToProceed(inv, CLI_EN.restoreQuestion({ count: plan.assignments.length }));
      await writePlan(inv, token, plan, inv.ctx.clock);
      written = plan.assignments.length;
    });
    if (written) say(inv, CLI_EN.restored({ count: written, present }));
  },
};

/** Lists the accounts a restore leaves out because the token holds them already. */
function printAlreadyOnToken(inv: Invocation, plan: RestorePlan): void {
  if (plan.alreadyOnToken.length === 0) return;
  const lines = [CLI_EN.alreadyOnToken({ count: plan.alreadyOnToken.length })];
  for (const a of plan.alreadyOnToken)
    lines.push(`  ${formatSlotRef(a.slot).padEnd(8)}${`"${a.name}"`.padEnd(19)}${a.label} ${CLI_EN.givesThisCode}`);
  say(inv, lines.join('\n'));
}

/** `keyslot backup sheet` (see its summary and details below). */
export const backupSheetCommand: Command = {
  path: ['backup', 'sheet'],
  summary: 'write a printable recovery sheet (one QR code per account) as HTML',
  usage: 'backup sheet FILE --out SHEET.html',
  details: CLI_HELP_EN['backup sheet'],
  options: { out: { type: 'string', value: 'SHEET.html', help: 'where to write the sheet' } },
  positionals: [1, 1],
  async run(inv) {
    const out = inv.values.out;
    if (typeof out !== 'string') throw usage(CLI_EN.outNeeded);
    if (
      await access(out).then(
        () => true,
        () => false,
      )
    )
      throw usage(CLI_EN.fileExists({ file: out }));
    const c = await openFile(inv, inv.positionals[0]);
    await writeFileAtomic(
      out,
      new TextEncoder().encode(
        renderRecoverySheet(c.accounts, { createdAt: new Date((inv.ctx.clock ?? { now: Date.now }).now()) }),
      ),
    );
    say(inv, CLI_EN.wroteSheet({ file: out, count: c.accounts.length }));
  },
};
