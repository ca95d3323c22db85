/**
 * Codes to show (issue 13): the window's codes in view, a HOTP or PIN reveal, and copying a code
 * the window already shows without asking the token again. Codes may be shown; secrets never leave
 * main. Before TOTP codes the token's clock is set softly, as nitrokey-app does before every TOTP
 * code (protocol reference §9 item 7): right after SET_TIME the token's seconds equal this
 * computer's, which hides the Pro's ≈1 % slow clock (§7.5), so a code made just after a step
 * boundary is the new step's.
 */
import type { SlotRef } from '../../device/index';
import type { ShownCode, SlotSummary } from '../ipc/contract';
import { AppError } from '../ipc/serve';
import type { ClipboardService } from './clipboard-service';
import { checkSlotRef, type SlotService } from './slot-service';
import type { TokenSession } from './token-session';

const keyOf = (s: SlotRef) => `${s.kind}/${s.index}`;

/** The step of `period` seconds that holds `nowMs`: its end, in ms since the epoch. */
export function stepEndMs(nowMs: number, period: number): number {
  const ms = period * 1000;
  return Math.floor(nowMs / ms) * ms + ms;
}

export class CodeService {
  /** The codes handed out, by slot, with the epoch they belong to: 'otp/copy-shown' takes only these. */
  private issued = new Map<string, { code: string; epoch: number; validUntilMs: number }>();

  constructor(
    private readonly session: TokenSession,
    private readonly slots: SlotService,
    private readonly clipboard: ClipboardService,
  ) {}

  /** One code per slot, in the order asked. A PIN sent along is checked first (once). */
  async codes(refs: SlotRef[], userPin?: string): Promise<ShownCode[]> {
    refs.forEach(checkSlotRef);
    if (userPin !== undefined) await this.session.ensureAuth('user', userPin);
    const list = await this.slots.list();
    const byKey = new Map(list.map((s) => [keyOf(s.slot), s] as const));
    const wanted = refs.map((r) => {
      const s = byKey.get(keyOf(r));
      if (!s)
        throw new AppError('bad-request', { reason: 'slot-is-empty', slot: `${r.kind.toUpperCase()} ${r.index + 1}` });
      return s;
    });
    // One soft SET_TIME for the whole batch (TokenSession.syncTime; a refusal marks the time out of sync).
    if (wanted.some((s) => s.slot.kind === 'totp')) await this.session.syncTime();
    const out: ShownCode[] = [];
    let hasHotp = false;
    for (const s of wanted) {
      const { code } = await this.session.use((t) => t.getCode(s.slot));
      out.push(this.issue(s, code));
      hasHotp ||= s.slot.kind === 'hotp';
    }
    if (hasHotp) {
      // The counters moved: the list and the tray learn it from a fresh read.
      this.slots.invalidate();
      const after = await this.slots.list();
      for (const c of out) {
        if (c.slot.kind === 'hotp') c.counter = after.find((x) => keyOf(x.slot) === keyOf(c.slot))?.counter;
      }
      void this.slots.announce().catch(() => undefined);
    }
    return out;
  }

  /** Copies a code this service handed out for `slot` and that is still valid; else 'bad-request'. */
  async copyShown(slot: SlotRef, code: string): Promise<{ clearsInMs: number }> {
    checkSlotRef(slot);
    const held = this.issued.get(keyOf(slot));
    const isValid =
      held !== undefined &&
      held.code === code &&
      held.epoch === this.session.epoch &&
      this.session.clock.now() < held.validUntilMs;
    if (!isValid) {
      throw new AppError('bad-request', { reason: 'code-stale' });
    }
    return this.clipboard.copy(code, 'code');
  }

  /** Forgets every code handed out (the window hid, or the token went away). */
  forget(): void {
    this.issued.clear();
  }

  private issue(s: SlotSummary, code: string): ShownCode {
    const now = this.session.clock.now();
    // A HOTP code stays good until it is used; a shown one may be copied for a minute.
    const validUntilMs = s.period ? stepEndMs(now, s.period) : now + 60_000;
    this.issued.set(keyOf(s.slot), { code, epoch: this.session.epoch, validUntilMs });
    const shown: ShownCode = { slot: s.slot, code };
    if (s.period) Object.assign(shown, { validUntilMs, period: s.period });
    return shown;
  }
}
