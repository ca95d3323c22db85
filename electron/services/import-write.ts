/**
 * Writes an import's chosen accounts to the attached token and checks each one: keyslot computes
 * the code from the secret it still holds and compares it with the token's own (TOTP: the same
 * time step; HOTP: one counter step). A mismatch is reported as such, never as a success. Every
 * choice is checked before the first write, so a refused one writes nothing.
 */
import {
  DeviceError,
  checkAssignments,
  checkSlotName,
  formatSlotRef,
  writeAndVerify,
  type Assignment,
  type VerifyResult,
} from '../../device/index';
import type { ImportCheck, ImportWriteRequest, ImportWritten } from '../ipc/contract';
import { AppError, toErrorPayload } from '../ipc/serve';
import type { ImportService } from './import-service';
import { checkSlotRef, type SlotService } from './slot-service';
import type { TokenSession } from './token-session';

const sameSlot = (a: { kind: string; index: number }, b: { kind: string; index: number }) =>
  a.kind === b.kind && a.index === b.index;

/** The check as it crosses to the renderer (counters as decimal strings). */
export function toCheck(v: VerifyResult): ImportCheck {
  if (!v.ok) return { ok: false, differences: v.differences };
  return v.kind === 'totp'
    ? { ok: true, kind: 'totp', code: v.code, validUntilMs: v.validUntilMs }
    : { ok: true, kind: 'hotp', code: v.code, counter: v.counter.toString() };
}

/** Checks the choices against the import and the token's slots; returns the assignments to write. */
async function assignmentsFor(
  imports: ImportService,
  slots: SlotService,
  req: ImportWriteRequest,
): Promise<Assignment[]> {
  const p = imports.get(req.id);
  const programmed = await slots.list();
  const out: Assignment[] = [];
  let needsOk = false;
  for (const choice of req.choices) {
    const account = imports.account(p, choice.index);
    checkSlotRef(choice.slot);
    if (choice.slot.kind !== account.kind)
      throw new AppError('bad-request', {
        reason: 'slot-kind-mismatch',
        slot: formatSlotRef(choice.slot),
        kind: choice.slot.kind.toUpperCase(),
        other: account.kind.toUpperCase(),
      });
    if (out.some((a) => a.index === choice.index || sameSlot(a.slot, choice.slot)))
      throw new AppError('bad-request', { reason: 'chosen-twice' });
    const name = checkSlotName(choice.name);
    if (!name.ok) throw new DeviceError(choice.name === '' ? 'name-empty' : 'name-too-long', { hint: name.problem });
    const planned = p.plan.assignments.find((a) => a.index === choice.index);
    const label = p.candidates[choice.index].label;
    if (programmed.some((s) => sameSlot(s.slot, choice.slot))) needsOk = true;
    if (planned?.isNameChanged && planned.name === choice.name) needsOk = true;
    out.push({ index: choice.index, label, account, slot: choice.slot, name: choice.name, isNameChanged: false });
  }
  if (p.backup) {
    const present = p.plan.alreadyOnToken ?? [];
    if (out.some((a) => present.some((x) => x.index === a.index)))
      throw new AppError('bad-request', { reason: 'restore-already-on-token' });
    if (out.length !== p.candidates.length - present.length)
      throw new AppError('bad-request', { reason: 'restore-all-or-none' });
  }
  if (needsOk && !req.isConfirmed) {
    throw new AppError('confirmation-needed', { reason: 'confirm-import-list' });
  }
  return out;
}

/**
 * Writes and checks. Refuses before writing: choices that do not fit, a token that refuses one of
 * them (checkSlotWrite), and — when codes need the user PIN — a missing user authorisation, since
 * the check needs a code ('not-authorized'). The admin PIN comes with the request or is held.
 */
export async function writeImport(
  session: TokenSession,
  slots: SlotService,
  imports: ImportService,
  req: ImportWriteRequest,
): Promise<ImportWritten> {
  const assignments = await assignmentsFor(imports, slots, req);
  const p = imports.get(req.id);
  return session.use(async (t) => {
    const refused = checkAssignments(await t.ready(), assignments);
    if (refused)
      throw new DeviceError(refused.error.code, {
        ...refused.error.info,
        account: refused.assignment.label,
        slot: formatSlotRef(refused.assignment.slot),
      });
    if ((await t.isUserPinRequiredForCodes()) && !t.isAuthenticated('user')) {
      throw new DeviceError('not-authorized', { reason: 'check-needs-user-pin' });
    }
    await session.ensureAuth('admin', req.adminPin);
    const serial = (await session.current())?.serial ?? '';
    let report;
    try {
      report = await writeAndVerify(t, assignments, session.clock, (r) =>
        p.written.set(r.assignment.index, { slot: r.assignment.slot, name: r.assignment.name }),
      );
    } finally {
      slots.invalidate();
      void slots.announce().catch(() => undefined);
      void session.announce().catch(() => undefined);
    }
    const written: ImportWritten = {
      results: report.results.map((r) => ({
        index: r.assignment.index,
        label: r.assignment.label,
        slot: r.assignment.slot,
        name: r.assignment.name,
        check: toCheck(r.verify),
      })),
      tokenSerial: serial,
    };
    if (report.failure) {
      written.failure = {
        index: report.failure.assignment.index,
        error: toErrorPayload(report.failure.error, session.log),
      };
    }
    return written;
  });
}
