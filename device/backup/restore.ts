/**
 * Restoring a backup to a token (the same one or a spare): the backup's accounts become import
 * candidates, planned on the target like an import, preferring the slots they were in. Open the
 * backup fully first (`openBackup` checks everything before returning any account), so a bad
 * file restores nothing; `planRestore` refuses the whole restore when any account does not fit.
 */
import { accountLabel } from '../otp/import';
import type { ImportCandidate } from '../otp/migration';
import { planImport, type ImportPlan, type TokenFacts } from '../enrol/plan';
import type { BackupContents } from './contents';

/** The backup's accounts as candidates, with the names they had. */
export function backupCandidates(contents: BackupContents): ImportCandidate[] {
  return contents.accounts.map((b) => ({ ok: true, account: { ...b.account, name: b.name }, label: accountLabel({ ...b.account, name: b.name }) }));
}

/**
 * Plans a restore on a token. Unlike an import, a restore is all or nothing: if any account is
 * refused (say a 40-byte secret on old firmware) the plan gets a `problem` and no assignments.
 */
export function planRestore(contents: BackupContents, facts: TokenFacts): ImportPlan {
  const plan = planImport(backupCandidates(contents), facts, { preferredSlots: contents.accounts.map((b) => b.slot) });
  // Accounts keep the names they had in the backup (already at most 15 bytes).
  for (const a of plan.assignments) {
    a.name = contents.accounts[a.index].name;
    a.isNameChanged = false;
    delete a.nameNote;
  }
  if (plan.refusals.length && !plan.problem) {
    return { ...plan, assignments: [], problem: `${plan.refusals.length} of ${contents.accounts.length} accounts cannot be written to this token, so nothing was restored.` };
  }
  return plan;
}
