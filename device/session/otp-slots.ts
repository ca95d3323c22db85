/**
 * OTP slot operations of a Pro-style session: read, list, write, erase, codes and the token's clock
 * (protocol reference §5.3–§5.11, §7). Each asks the token only what its answer needs: a code is one
 * GET_CODE (after SET_TIME for TOTP), and whether codes need the user PIN is learnt from GET_CODE's own
 * refusal rather than from a GET_STATUS before every code.
 */
import { DeviceError } from '../errors';
import * as cmd from '../protocol/commands';
import { type SlotRef, LIMITS, SLOT_COUNT } from '../protocol/commands';
import type { DecodedResponse } from '../protocol/frame';
import { COMMAND_STATUS, errorForStatus } from '../protocol/status';
import type { SessionAuth } from './auth';
import type { SessionCore } from './core';
import { type OtpSlot, type SlotWrite, slotFromReadSlot, slotParams, wireSlot } from './slot-write';

/** OTP slot commands of one session. */
export class OtpSlots {
  constructor(
    private readonly core: SessionCore,
    private readonly auth: SessionAuth,
  ) {}

  /** Reads one slot; null if it is empty. */
  async readSlot(slot: SlotRef): Promise<OtpSlot | null> {
    const n = wireSlot(slot);
    return this.core.exclusive(() => this.readSlotUnqueued(slot, n));
  }

  private async readSlotUnqueued(slot: SlotRef, n: number): Promise<OtpSlot | null> {
    await this.core.knownFirmware(); // the reply's layout depends on it (§5.6)
    const d = await this.core.send(cmd.encodeReadSlot(n));
    if (d.commandStatus === COMMAND_STATUS.SLOT_NOT_PROGRAMMED) return null;
    if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, 'READ_SLOT');
    return slotFromReadSlot(this.core, slot, d.payload);
  }

  /** Every slot in order (HOTP 1..3, then TOTP 1..15), null where empty. */
  async listSlots(): Promise<{ slot: SlotRef; value: OtpSlot | null }[]> {
    return this.core.exclusive(async () => {
      const out: { slot: SlotRef; value: OtpSlot | null }[] = [];
      for (const kind of ['hotp', 'totp'] as const) {
        for (let index = 0; index < SLOT_COUNT[kind]; index++) {
          const slot = { kind, index };
          out.push({ slot, value: await this.readSlotUnqueued(slot, cmd.slotNumber(slot)) });
        }
      }
      return out;
    });
  }

  /**
   * Checks a slot write against every limit of this token without sending anything (see
   * slot-write.ts `slotParams`). Returns the error, or null if it fits. Needs the firmware known.
   */
  checkSlotWrite(slot: SlotRef, w: SlotWrite): DeviceError | null {
    try {
      slotParams(this.core, slot, w);
      return null;
    } catch (e) {
      if (e instanceof DeviceError) return e;
      throw e;
    }
  }

  /**
   * Writes a slot (admin authentication needed first). Checks every limit first (`checkSlotWrite`)
   * and rejects with that DeviceError before sending anything.
   */
  async writeSlot(slot: SlotRef, w: SlotWrite): Promise<void> {
    return this.core.exclusive(async () => {
      await this.core.knownFirmware();
      const { n, name, params } = slotParams(this.core, slot, w);
      if (this.core.isLegacy) {
        const frame = cmd.encodeLegacyWriteToSlot(n, name, w.secret, params, this.core.model === 'storage');
        await this.auth.adminOk(frame, 'WRITE_TO_SLOT', true);
        return;
      }
      const temp = this.auth.heldTemp('admin');
      await this.auth.adminOk(cmd.encodeSendOtpData(temp, 'N', 0, name), 'SEND_OTP_DATA', false);
      // Always stage all 40 bytes (zero padded; HMAC pads keys with zeros anyway, RFC 2104): a
      // transaction another host abandoned keeps its staged secret (§5.3 step 6), and sending fewer
      // chunks than libnitrokey's "only as many as needed" would keep its tail. An empty secret
      // stages 40 zero bytes, which the firmware reads as "keep the stored secret".
      const staged = new Uint8Array(LIMITS.secret);
      staged.set(w.secret);
      for (let chunk = 0; chunk * 30 < LIMITS.secret; chunk++) {
        const data = staged.subarray(chunk * 30, chunk * 30 + 30);
        await this.auth.adminOk(cmd.encodeSendOtpData(temp, 'S', chunk, data), 'SEND_OTP_DATA', false);
      }
      await this.auth.adminOk(cmd.encodeWriteToSlot(temp, n, params), 'WRITE_TO_SLOT', false);
    });
  }

  /** Erases a slot (admin authentication needed first). */
  async eraseSlot(slot: SlotRef): Promise<void> {
    const n = wireSlot(slot);
    return this.core.exclusive(async () => {
      await this.core.knownFirmware();
      const legacy = this.core.isLegacy;
      const temp = legacy ? null : this.auth.heldTemp('admin');
      await this.auth.adminOk(cmd.encodeEraseSlot(n, temp), 'ERASE_SLOT', legacy);
    });
  }

  /**
   * Asks the token for the slot's code. HOTP advances the slot's counter. TOTP uses the token's
   * clock: call `setTime` first. When codes need the user PIN and no user authentication is held,
   * rejects with 'not-authorized' (authenticate('user') and ask again); a held one is used as is.
   */
  async getCode(slot: SlotRef): Promise<{ code: string; digits: 6 | 8 }> {
    const n = wireSlot(slot);
    return this.core.exclusive(async () => {
      const known = this.core.codesNeedUserPin;
      const hasUser = this.auth.isAuthenticated('user');
      let d: DecodedResponse;
      if (hasUser && known !== false) {
        d = await this.sendWithUser(n);
      } else {
        // Without PIN protection GET_CODE has one layout on every firmware (§5.7): no version needed.
        d = await this.core.send(cmd.encodeGetCode(n));
        if (d.commandStatus === COMMAND_STATUS.OK && (await this.isHiddenRefusal(d))) {
          d = { ...d, commandStatus: COMMAND_STATUS.NOT_AUTHORIZED };
        }
        if (d.commandStatus === COMMAND_STATUS.NOT_AUTHORIZED) {
          this.core.config = null;
          this.core.isCodePinRefused = true;
          if (hasUser) d = await this.sendWithUser(n);
        }
      }
      if (d.commandStatus === COMMAND_STATUS.NOT_AUTHORIZED) {
        this.core.config = null;
        this.core.isCodePinRefused = true;
        this.auth.drop('user');
        throw new DeviceError('not-authorized', {
          reason: 'codes-need-user-pin',
          detail: 'GET_CODE: NOT_AUTHORIZED (5)',
          status: 5,
        });
      }
      if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, 'GET_CODE');
      return cmd.decodeGetCode(d.payload);
    });
  }

  /** GET_CODE with the held user authentication: in the frame (new protocol) or USER_AUTHORIZE first (§6.3). */
  private async sendWithUser(n: number): Promise<DecodedResponse> {
    await this.core.knownFirmware();
    if (this.core.isLegacy) return this.auth.sendLegacyAuthorized('user', cmd.encodeGetCode(n));
    return this.core.send(cmd.encodeGetCode(n, this.auth.heldTemp('user')));
  }

  /**
   * A Storage ≥ 0.54 that has seen an AUTHORIZE since power-up reports NOT_AUTHORIZED as OK with an
   * empty payload (§6.3). An all-zero GET_CODE reply there is checked against the config.
   */
  private async isHiddenRefusal(d: DecodedResponse): Promise<boolean> {
    if (this.core.model !== 'storage' || d.payload.subarray(0, 18).some((b) => b !== 0)) return false;
    return (await this.core.readProStatus()).config.isUserPasswordRequired;
  }

  /** Whether codes need the user PIN (config byte 3 == 1, §14.3), from this session's knowledge or GET_STATUS. */
  async isUserPinRequiredForCodes(): Promise<boolean> {
    return this.core.exclusive(
      async () => this.core.codesNeedUserPin ?? (await this.core.knownConfig()).isUserPasswordRequired,
    );
  }

  /**
   * Sets the token's clock (§5.11). `force: false` is a soft set that the token refuses with
   * 'time-refused' when the time would go back a minute or more; `force: true` always sets it.
   */
  async setTime(unixSeconds: number, force = false): Promise<void> {
    return this.core.exclusive(async () => {
      const d = await this.core.send(cmd.encodeSetTime(unixSeconds, force));
      if (d.commandStatus === COMMAND_STATUS.TIMESTAMP_WARNING) {
        throw new DeviceError('time-refused', {
          reason: force ? 'time-not-stored' : 'time-use-force',
          detail: 'SET_TIME: TIMESTAMP_WARNING (6)',
          status: 6,
        });
      }
      if (d.commandStatus !== COMMAND_STATUS.OK) throw errorForStatus(d.commandStatus, 'SET_TIME');
    });
  }
}
