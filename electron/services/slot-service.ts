/**
 * OTP slots: list, write (checked field by field before anything is sent), erase, and copy a code
 * to the clipboard. PINs arrive once in the request that needs them and are passed straight on.
 */
import {
  DeviceError,
  SLOT_COUNT,
  checkSlotName,
  hasUnsafeText,
  parseSecret,
  type OtpSlot,
  type SlotRef,
} from '../../device/index';
import type { CopyResult, SlotSummary, SlotWriteRequest, SlotWritten } from '../ipc/contract';
import { AppError } from '../ipc/serve';
import { MAX_HOTP_COUNTER, TOTP_PERIOD } from '../../shared/constants';
import type { ClipboardService } from './clipboard-service';
import type { TokenSession } from './token-session';

/** Slot list order: TOTP, then HOTP, each by slot number. */
export function sortSlots(slots: SlotSummary[]): SlotSummary[] {
  const rank = (s: SlotSummary) => (s.slot.kind === 'totp' ? 0 : 100) + s.slot.index;
  return [...slots].sort((a, b) => rank(a) - rank(b));
}

export function toSummary(s: OtpSlot): SlotSummary {
  const out: SlotSummary = { slot: { kind: s.slot.kind, index: s.slot.index }, name: s.name, digits: s.digits };
  if (s.period !== undefined) out.period = s.period;
  if (s.counter !== undefined) out.counter = s.counter.toString();
  return out;
}

/** Refuses a slot index outside the kind's range (the IPC guard allows the widest). */
export function checkSlotRef(slot: SlotRef): void {
  if (slot.index < 0 || slot.index >= SLOT_COUNT[slot.kind]) {
    throw new DeviceError('wrong-slot', {
      reason: 'slot-range',
      kind: slot.kind.toUpperCase(),
      max: SLOT_COUNT[slot.kind],
    });
  }
}

/** Seconds left in the TOTP step that contains `nowMs` (any period, not only 30 s). */
export function secondsLeftInStep(nowMs: number, period: number): number {
  const elapsed = Math.floor(nowMs / 1000) % period;
  return period - elapsed;
}

export class SlotService {
  /** TOTP periods by slot index from the last list, so a copy needs no extra read. */
  private periods = new Map<number, number>();
  /** The last list read and the session epoch it belongs to; only this app changes slots. */
  private cache: { epoch: number; slots: SlotSummary[] } | null = null;
  /** A read under way, shared by callers that ask meanwhile (the window and the tray at a plug-in). */
  private reading: { epoch: number; slots: Promise<SlotSummary[]> } | null = null;

  constructor(
    private readonly session: TokenSession,
    private readonly clipboard: ClipboardService,
  ) {}

  /** Programmed slots, TOTP then HOTP: the cached list of this attachment, or read now. */
  async list(): Promise<SlotSummary[]> {
    if (this.cache && this.cache.epoch === this.session.epoch) return this.cache.slots;
    if (this.reading && this.reading.epoch === this.session.epoch) return this.reading.slots;
    return this.read();
  }

  /** Drops the cached list (after anything that changed slots: writes, erases, HOTP codes, a reset). */
  invalidate(): void {
    this.cache = null;
    this.reading = null;
  }

  /** Reads every slot from the token and caches the list. */
  async read(): Promise<SlotSummary[]> {
    const epoch = this.session.epoch;
    const reading = {
      epoch,
      slots: this.session.use(async (t) => {
        const all = await t.listSlots();
        const slots = sortSlots(all.flatMap((s) => (s.value ? [toSummary(s.value)] : [])));
        if (this.reading === reading) {
          this.periods = new Map(slots.flatMap((s) => (s.period ? [[s.slot.index, s.period] as const] : [])));
          this.cache = { epoch, slots };
        }
        return slots;
      }),
    };
    this.reading = reading;
    try {
      return await reading.slots;
    } finally {
      if (this.reading === reading) this.reading = null;
    }
  }

  /** Pushes the list to the window and tray: the cached one, or read now after `invalidate`. */
  async announce(): Promise<SlotSummary[]> {
    const slots = await this.list();
    this.session.emit('slot/changed', slots);
    this.session.changed();
    return slots;
  }

  /** Validates, authenticates if a PIN came along, writes, then returns the slot's first code. */
  async write(req: SlotWriteRequest): Promise<SlotWritten> {
    checkSlotRef(req.slot);
    const name = checkSlotName(req.name);
    if (!name.ok && hasUnsafeText(req.name)) throw new DeviceError('text-unsafe', { field: 'name' });
    if (!name.ok) throw new DeviceError(req.name.length === 0 ? 'name-empty' : 'name-too-long', { hint: name.problem });
    // No secret: the token keeps the stored one (an empty secret on the wire, §5.3 step 3).
    const secret = req.secret
      ? parseSecret(req.secret.text, req.secret.encoding)
      : { ok: true as const, bytes: new Uint8Array(0) };
    if (!secret.ok) throw new DeviceError('secret-invalid', { hint: secret.problem });
    if (req.slot.kind === 'totp' && req.period === undefined)
      throw new DeviceError('period-unsupported', { reason: 'totp-needs-period' });
    const counter = req.slot.kind === 'hotp' ? BigInt(req.counter ?? '0') : undefined;
    if (counter !== undefined && counter > MAX_HOTP_COUNTER) throw new DeviceError('counter-invalid');
    return this.session.use(async (t) => {
      if (secret.bytes.length > (await t.ready()).maxSecretBytes) {
        throw new DeviceError('secret-too-long', {
          reason: 'bytes-firmware',
          bytes: secret.bytes.length,
          maxBytes: t.maxSecretBytes,
        });
      }
      const existing = await t.readSlot(req.slot);
      if (!existing && secret.bytes.length === 0)
        throw new DeviceError('secret-empty', { reason: 'new-slot-needs-secret' });
      if (existing && !req.isOverwriteConfirmed) {
        throw new AppError('confirmation-needed', {
          reason: 'slot-overwrite',
          slot: `${req.slot.kind.toUpperCase()} ${req.slot.index + 1}`,
          name: existing.name,
        });
      }
      await this.session.ensureAuth('admin', req.adminPin);
      await t.writeSlot(req.slot, {
        name: req.name,
        secret: secret.bytes,
        digits: req.digits,
        period: req.slot.kind === 'totp' ? req.period : undefined,
        counter,
      });
      secret.bytes.fill(0);
      this.invalidate();
      const code = await this.firstCode(req.slot);
      const written = await t.readSlot(req.slot);
      if (!written) throw new DeviceError('unknown', { detail: 'slot empty right after WRITE_TO_SLOT' });
      void this.announce().catch(() => undefined);
      void this.session.announce().catch(() => undefined);
      return { slot: toSummary(written), code };
    });
  }

  /** The new slot's code, or null when codes need a user PIN the app does not hold. */
  private async firstCode(slot: SlotRef): Promise<string | null> {
    try {
      if (slot.kind === 'totp') await this.session.syncTime();
      return (await this.session.use((t) => t.getCode(slot))).code;
    } catch (e) {
      if (e instanceof DeviceError && e.code === 'not-authorized') return null;
      throw e;
    }
  }

  /** Erases a slot; returns the new list. */
  async erase(slot: SlotRef, adminPin?: string): Promise<SlotSummary[]> {
    checkSlotRef(slot);
    await this.session.ensureAuth('admin', adminPin);
    await this.session.use((t) => t.eraseSlot(slot));
    this.invalidate();
    void this.session.announce().catch(() => undefined);
    return this.announce();
  }

  /** Makes a code on the token and puts it on the clipboard. The code is not returned. */
  async copy(slot: SlotRef, userPin?: string): Promise<CopyResult> {
    checkSlotRef(slot);
    if (userPin !== undefined) await this.session.ensureAuth('user', userPin);
    if (slot.kind === 'totp') await this.session.syncTime();
    const { code } = await this.session.use((t) => t.getCode(slot));
    const { clearsInMs } = await this.clipboard.copy(code, 'code');
    if (slot.kind === 'hotp') {
      this.invalidate();
      const after = await this.session.use((t) => t.readSlot(slot));
      void this.announce().catch(() => undefined);
      return { clearsInMs, counter: after?.counter?.toString() };
    }
    const period =
      this.periods.get(slot.index) ?? (await this.session.use((t) => t.readSlot(slot)))?.period ?? TOTP_PERIOD.default;
    return { clearsInMs, secondsLeft: secondsLeftInStep(this.session.clock.now(), period) };
  }
}
