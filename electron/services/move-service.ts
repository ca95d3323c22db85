/**
 * The move wizard's orchestration (issue 12): plan a move between two plugged-in tokens of any families
 * (device/enrol/move-plan.ts decides), then write an encrypted keyslot backup of what moves, then write every
 * account on the destination and check it there code by code (password entries field by field). The plan,
 * which holds secrets and passwords, stays here; the window gets a review without them. No Electron import.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import {
  SlotSession,
  createBackupFile,
  formatSlotRef,
  isDeviceError,
  planMove,
  readBackupFile,
  verifyCredential,
  type BackupAccount,
  type BackupEntry,
  type Clock,
  type CredentialInfo,
  type MovePlan,
  type MoveStep,
  type PwsEntryView,
  type SealOptions,
  type TokenSession as SeamSession,
} from '../../device/index';
import type {
  MovePlanRequest,
  MoveReport,
  MoveRunRequest,
  MoveResultItem,
  MoveReview,
  MoveReviewItem,
} from '../ipc/contract';
import { AppError } from '../ipc/serve';
import { pinFrom } from './credential-service';
import { backupAccountOf } from './credential-backup';
import type { FileGrants } from './file-grants';
import type { NamedTokens } from './named-tokens';
import type { TokenSession } from './token-session';

/** A plan is held this long (ms). */
const PLAN_TTL_MS = 30 * 60 * 1000;

/** A backup's account as a token would list it: the source of a restore (its secret is found by name). */
const asListed = (b: BackupAccount): CredentialInfo => ({
  ref: b.slot ? { slot: b.slot } : { name: b.name },
  name: b.name,
  kind: b.account.kind,
  digits: b.account.digits,
  ...(b.account.kind === 'totp' ? { period: b.account.period ?? 30 } : { counter: String(b.account.counter ?? 0n) }),
  algorithm: b.account.algorithm ?? 'SHA1',
  isTouchRequired: false,
  isPinProtected: false,
  hasPwsData: false,
});

interface HeldPlan {
  /** null: a restore, the backup's accounts are the source. */
  source: string | null;
  destination: string;
  plan: MovePlan;
  at: number;
}

export interface MoveServiceDeps {
  clock: Clock;
  seal?: SealOptions;
  /** The handles of files the person chose: the backups are named by them, never by path. */
  grants: FileGrants;
  /** Called after a move wrote to a token (the window re-reads its lists). */
  onWritten?: (token: string) => void;
}

const where = (to: MoveStep['to']): string =>
  'slot' in to ? formatSlotRef(to.slot) : 'index' in to ? `entry ${to.index + 1}` : to.name;

export class MoveService {
  private readonly plans = new Map<string, HeldPlan>();

  constructor(
    private readonly primary: TokenSession,
    private readonly named: NamedTokens,
    private readonly deps: MoveServiceDeps,
  ) {}

  /** Runs `fn` with the token `id` behind the seam: the window's slot token, or a named one. */
  private withSeam<T>(id: string, fn: (s: SeamSession) => Promise<T>): Promise<T> {
    if (this.primary.id === id) return this.primary.use((t) => fn(new SlotSession(t, () => this.deps.clock.now())));
    return this.named.run(id, (e) => fn(e.session));
  }

  /** Password entries with every field; null when they need a PIN that was not given. */
  private async readPws(s: SeamSession, pin: string | undefined): Promise<PwsEntryView[] | null> {
    try {
      const listed = await s.pwsList(pinFrom(pin));
      const out: PwsEntryView[] = [];
      for (const e of listed) out.push(e.password !== undefined ? e : await s.pwsGet(e.ref, pinFrom(pin)));
      return out;
    } catch (e) {
      if (isDeviceError(e) && (e.code === 'pin-required' || e.code === 'not-authorized')) return null;
      throw e;
    }
  }

  async plan(req: MovePlanRequest): Promise<MoveReview> {
    if (req.source === req.destination) throw new AppError('bad-request', { field: 'destination' });
    let backup: BackupAccount[] = [];
    if (req.backup) {
      const opened = await readBackupFile(this.deps.grants.take(req.backup.file, 'backup-open'), req.backup.password);
      if (!opened.ok) throw new AppError(opened.code);
      backup = opened.contents.accounts;
    }
    if (req.source === undefined && !req.backup) throw new AppError('bad-request', { field: 'backup' });
    const source =
      req.source === undefined
        ? { credentials: backup.map(asListed), pws: [] }
        : await this.withSeam(req.source, async (s) => ({
            credentials: await s.listCredentials(pinFrom(req.sourcePin)),
            pws: await this.readPws(s, req.sourcePin),
          }));
    const dest = await this.withSeam(req.destination, async (s) => ({
      caps: s.caps,
      credentials: await s.listCredentials(),
      pws: await this.readPws(s, undefined),
    }));
    const plan = planMove(
      { credentials: source.credentials, pws: dest.pws === null ? [] : (source.pws ?? []) },
      { caps: dest.caps, credentials: dest.credentials, pws: dest.pws ?? [] },
      backup,
    );
    const lockedOut: MoveReviewItem[] =
      dest.pws === null
        ? (source.pws ?? []).map((e) => ({
            what: 'password',
            name: e.name,
            kind: 'password',
            problem: 'destination-locked',
            notes: [],
          }))
        : [];
    const now = this.deps.clock.now();
    for (const [k, p] of this.plans) if (now - p.at > PLAN_TTL_MS) this.plans.delete(k);
    const id = randomBytes(12).toString('base64url');
    this.plans.set(id, { source: req.source ?? null, destination: req.destination, plan, at: now });
    return {
      id,
      moves: plan.steps.map((s) => ({ what: s.what, name: s.name, kind: s.kind, to: where(s.to), notes: s.notes })),
      refusals: [
        ...plan.refusals.map((r): MoveReviewItem => ({
          what: r.what,
          name: r.name,
          kind: r.kind,
          problem: r.problem,
          ...(r.limit !== undefined ? { limit: r.limit } : {}),
          notes: [],
        })),
        ...lockedOut,
      ],
      sourceAccounts: source.credentials.filter((c) => c.kind === 'totp' || c.kind === 'hotp').length,
      hasBackup: req.backup !== undefined,
      isSourcePwsLocked: source.pws === null,
    };
  }

  /** Writes the backup of what moves, then each account, verified on the destination. */
  async run(req: MoveRunRequest): Promise<MoveReport> {
    const backupPath = req.backupFile ? this.deps.grants.take(req.backupFile, 'backup-save') : null;
    const held = this.plans.get(req.id);
    if (!held) throw new AppError('move-expired');
    if (!backupPath || !req.backupPassword) {
      if (held.source !== null) throw new AppError('bad-request', { field: 'backupFile' });
      return { results: await this.runSteps(req.id, held, req.destinationPin) };
    }
    // Algorithm and digits as written (SHA-256, 7 digits from a Nitrokey 3), never narrowed to SHA-1/6.
    const entries: BackupEntry[] = held.plan.steps.flatMap((s) => {
      const w = s.write;
      const account = w ? backupAccountOf(w) : null;
      return w && account ? [{ account, name: w.name, ...(w.slot ? { slot: w.slot } : {}) }] : [];
    });
    const written = await createBackupFile(backupPath, req.backupPassword, entries, {
      ...(this.deps.seal ?? {}),
      now: new Date(this.deps.clock.now()),
    });
    if (!written.ok) throw new AppError(written.code);
    return { backupName: basename(backupPath), results: await this.runSteps(req.id, held, req.destinationPin) };
  }

  private async runSteps(id: string, held: HeldPlan, pin: string | undefined): Promise<MoveResultItem[]> {
    this.plans.delete(id);
    const results: MoveResultItem[] = [];
    for (const step of held.plan.steps) results.push(await this.moveOne(held.destination, step, pin));
    this.deps.onWritten?.(held.destination);
    return results;
  }

  private async moveOne(destination: string, step: MoveStep, pin: string | undefined): Promise<MoveResultItem> {
    const base = { name: step.name, what: step.what };
    try {
      return await this.withSeam(destination, async (s) => {
        if (step.write) {
          const w = step.write;
          const ref = await s.writeCredential(w, pinFrom(pin));
          const check = await verifyCredential(s, ref, w, this.deps.clock.now(), pinFrom(pin));
          return check.isMatch ? { ...base, isVerified: true } : { ...base, isVerified: false, error: 'verify-failed' };
        }
        const p = step.pws!;
        await s.pwsSet(p, pinFrom(pin));
        const back = await s.pwsGet(p.ref, pinFrom(pin));
        const same = (a?: string, b?: string) => (a ?? '') === (b ?? '');
        const isSame = same(back.login, p.login) && same(back.password, p.password) && same(back.comment, p.comment);
        return isSame ? { ...base, isVerified: true } : { ...base, isVerified: false, error: 'verify-failed' };
      });
    } catch (e) {
      const code = isDeviceError(e) ? e.code : e instanceof AppError ? e.code : 'unknown';
      return { ...base, isVerified: false, error: code };
    }
  }
}
