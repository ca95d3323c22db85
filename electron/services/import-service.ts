/**
 * Adding accounts (issue 4): reads them from the screens, an image, the clipboard, pasted URIs or a
 * typed secret, plans them against the attached token and keeps them here, under an id, until the
 * dialog is done. The renderer sees a review without secrets; the write is in import-write.ts.
 */
import { randomBytes } from 'node:crypto';
import {
  accountFromTyped,
  backupCandidates,
  decodeQrImageAsync,
  findOnToken,
  decodeQrRgbaAsync,
  planImport,
  planRestore,
  readImportTexts,
  toBase32,
  type AlreadyOnToken,
  type BackupContents,
  type ImportCandidate,
  type ImportPlan,
  type OtpauthAccount,
  type QrScan,
  type QrWorkerOptions,
  type SlotRef,
} from '../../device/index';
import { DeviceError } from '../../device/index';
import type { ImportReview, ImportSource, TypedAccountRequest } from '../ipc/contract';
import { AppError } from '../ipc/serve';
import type { ClipboardPort } from './clipboard-service';
import { factsFromSlots, toReview } from './import-review';
import type { ScreenCapturePort } from './import-ports';
import type { SlotService } from './slot-service';
import type { TokenSession } from './token-session';

/** An import held in main: the accounts with their secrets, and what became of them. */
export interface PendingImport {
  id: string;
  source: ImportSource;
  candidates: ImportCandidate[];
  scanNotes: string[];
  /** The plan of the last review (for the token attached then); a restore's lists what the token holds already. */
  plan: ImportPlan & { alreadyOnToken?: AlreadyOnToken[] };
  /** Where each account was written last, by index (a backup remembers the slot). */
  written: Map<number, { slot: SlotRef; name: string }>;
  backup?: { name: string; contents: BackupContents };
  touchedAt: number;
}

/** An import is forgotten (secrets wiped) this long after it was last used. */
export const IMPORT_TTL_MS = 30 * 60 * 1000;

export interface ImportServiceDeps {
  capture?: ScreenCapturePort;
  clipboard: ClipboardPort;
}

export class ImportService {
  private readonly pending = new Map<string, PendingImport>();
  /** QR codes are decoded on worker threads, so main's tray, IPC and window keep going; a fall back to main's thread is logged. */
  private readonly qrOptions: QrWorkerOptions = {
    onFallback: (reason) => this.session.log.warn(`QR decoding on the main thread: ${reason}`),
  };

  constructor(
    private readonly session: TokenSession,
    private readonly slots: SlotService,
    private readonly deps: ImportServiceDeps,
  ) {}

  /** Captures every display and reads the QR codes on each. */
  async scanScreen(): Promise<ImportReview> {
    if (!this.deps.capture) throw new AppError('capture-unavailable');
    let screens;
    try {
      screens = await this.deps.capture.captureScreens();
    } catch (e) {
      this.session.log.warn(`screen capture failed: ${e instanceof Error ? e.message : String(e)}`);
      throw new AppError('capture-unavailable');
    }
    // Each display on a worker thread of its own, side by side (device/otp/qr-async.ts).
    const scans = await Promise.all(
      screens.map(async (s) => ({
        name: s.name,
        scan:
          'rgba' in s
            ? await decodeQrRgbaAsync(s.width, s.height, s.rgba, this.qrOptions)
            : await decodeQrImageAsync(s.encoded, this.qrOptions),
      })),
    );
    return this.fromScans('screen', scans);
  }

  /** Reads the QR codes in a PNG or JPEG. */
  async scanImage(bytes: Uint8Array, source: 'file' | 'clipboard'): Promise<ImportReview> {
    const scan = await decodeQrImageAsync(bytes, this.qrOptions);
    return this.fromScans(source, [{ name: source === 'file' ? 'The image' : 'The clipboard image', scan }]);
  }

  /** Reads the QR codes of the clipboard's image. */
  async scanClipboard(): Promise<ImportReview> {
    const png = this.deps.clipboard.readImage ? await this.deps.clipboard.readImage() : null;
    if (!png || png.length === 0) throw new AppError('nothing-found', { reason: 'clipboard-no-image' });
    return this.scanImage(png, 'clipboard');
  }

  /** Reads pasted URIs, whitespace apart. */
  readText(text: string): Promise<ImportReview> {
    const scan = readImportTexts(text.split(/\s+/).filter(Boolean));
    return this.start('text', scan.candidates, scan.problems);
  }

  /** Checks a typed account and plans it like any other. */
  typed(req: TypedAccountRequest): Promise<ImportReview> {
    const r = accountFromTyped({ ...req, name: undefined });
    if (!r.ok) throw new DeviceError('bad-input', { hint: r.problem });
    const label =
      r.value.issuer && r.value.account
        ? `${r.value.issuer}: ${r.value.account}`
        : r.value.issuer || r.value.account || r.value.name;
    return this.start('typed', [{ ok: true, account: r.value, label }], []);
  }

  /** A restore: the backup's accounts, planned all or nothing on the attached token. */
  fromBackup(name: string, contents: BackupContents): Promise<ImportReview> {
    return this.start('backup', backupCandidates(contents), [], { name, contents });
  }

  /** Plans an import again for the token attached now. */
  replan(id: string): Promise<ImportReview> {
    return this.review(this.get(id));
  }

  /** The account's secret, grouped base32 for reading and writing down. */
  reveal(id: string, index: number): { secret: string } {
    const account = this.account(this.get(id), index);
    return { secret: toBase32(account.secret).replace(/(.{4})(?=.)/g, '$1 ') };
  }

  /** Forgets an import and overwrites its secrets. */
  discard(id: string): { isDiscarded: boolean } {
    const p = this.pending.get(id);
    if (!p) return { isDiscarded: false };
    for (const c of p.candidates) if (c.ok) c.account.secret.fill(0);
    this.pending.delete(id);
    return { isDiscarded: true };
  }

  /** A held import, touched; 'import-expired' when it is gone. */
  get(id: string): PendingImport {
    this.sweep();
    const p = this.pending.get(id);
    if (!p) throw new AppError('import-expired');
    p.touchedAt = this.session.clock.now();
    return p;
  }

  /** A usable account of an import. */
  account(p: PendingImport, index: number): OtpauthAccount {
    const c = p.candidates[index];
    if (!c) throw new AppError('bad-request', { reason: 'no-such-account', count: index + 1 });
    if (!c.ok) throw new AppError('bad-request', { reason: 'account-unusable', name: c.label, hint: c.problem });
    return c.account;
  }

  /** Number of imports held (tests check that secrets are let go). */
  get size(): number {
    return this.pending.size;
  }

  private async fromScans(source: ImportSource, scans: { name: string; scan: QrScan }[]): Promise<ImportReview> {
    const texts = scans.flatMap((s) => (s.scan.ok ? s.scan.texts : []));
    const scan = readImportTexts(texts);
    const unread = scans.filter((s) => !s.scan.ok).map((s) => `${s.name}: ${(s.scan as { problem: string }).problem}`);
    // Several displays: a display without a code is normal when another one had it.
    const notes = scan.candidates.length && scans.length > 1 ? scan.problems : [...unread, ...scan.problems];
    return this.start(source, scan.candidates, notes);
  }

  private async start(
    source: ImportSource,
    candidates: ImportCandidate[],
    notes: string[],
    backup?: PendingImport['backup'],
  ): Promise<ImportReview> {
    if (candidates.length === 0) throw new AppError('nothing-found', notes.length ? { hint: notes.join(' ') } : {});
    this.sweep();
    const id = randomBytes(12).toString('base64url');
    const p: PendingImport = {
      id,
      source,
      candidates,
      scanNotes: notes,
      plan: { assignments: [], refusals: [], notes: [] },
      written: new Map(),
      touchedAt: this.session.clock.now(),
      ...(backup ? { backup } : {}),
    };
    this.pending.set(id, p);
    return this.review(p);
  }

  /** Plans `p` on the attached token (from the cached slot list) and builds its review. */
  private async review(p: PendingImport): Promise<ImportReview> {
    const token = await this.session.current();
    if (!token) throw new AppError('no-token');
    const facts = factsFromSlots(token.model, token.limits.secretMax, await this.slots.list());
    if (p.backup) {
      // Asks the token for TOTP codes of slots named like the backup's accounts (never HOTP).
      const { contents } = p.backup;
      p.plan = planRestore(
        contents,
        facts,
        await this.session.use((t) => findOnToken(t, contents, facts, this.session.clock)),
      );
    } else {
      p.plan = planImport(p.candidates, facts);
    }
    const backup = p.backup
      ? { name: p.backup.name, createdAt: p.backup.contents.createdAt, updatedAt: p.backup.contents.updatedAt }
      : undefined;
    return toReview({
      id: p.id,
      source: p.source,
      candidates: p.candidates,
      plan: p.plan,
      scanNotes: p.scanNotes,
      facts,
      tokenSerial: token.serial,
      backup,
    });
  }

  /** Drops imports unused for IMPORT_TTL_MS. */
  private sweep(): void {
    const now = this.session.clock.now();
    for (const p of [...this.pending.values()]) if (now - p.touchedAt > IMPORT_TTL_MS) this.discard(p.id);
  }
}
