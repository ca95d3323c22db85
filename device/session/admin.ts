/**
 * Administration of a Pro-style session: status, PIN tries, general config, PIN changes, lock and
 * factory reset (protocol reference §5.2, §5.8, §5.10, §8). `status` asks once for each fact it shows.
 */
import { DeviceError } from '../errors';
import { COMMAND } from '../protocol/command-ids';
import * as cmd from '../protocol/commands';
import { type GeneralConfig, LIMITS } from '../protocol/commands';
import type { Model } from '../transport/types';
import type { SessionAuth } from './auth';
import type { FirmwareVersion, SessionCore } from './core';
import { pinBytes, wipe, type PinKind } from './pins';

/** What `status()` reports. */
export interface TokenStatus {
  model: Model;
  firmware: FirmwareVersion;
  /** OpenPGP card serial as 8 lower-case hex digits (libnitrokey's form). */
  serial: string;
  adminRetries: number;
  userRetries: number;
  config: GeneralConfig;
  /** Firmware speaks the legacy AUTHORIZE protocol (Pro ≤ 0.7, Storage ≤ 0.53, §6.4). */
  isLegacy: boolean;
  /** Longest secret the slot can store, in bytes (40, or 20 on legacy firmware). */
  maxSecretBytes: number;
  isVirtual: boolean;
  path: string;
}

/** Status, config, PINs, lock and reset commands of one session. */
export class AdminCommands {
  constructor(
    private readonly core: SessionCore,
    private readonly auth: SessionAuth,
  ) {}

  /**
   * Model, serial, firmware, PIN tries left and general config. Pro: GET_STATUS and the two retry
   * counts; Storage: GET_STATUS (config) and GET_DEVICE_STATUS, which carries the rest (§8.2).
   */
  async status(): Promise<TokenStatus> {
    return this.core.exclusive(async () => {
      const pro = await this.core.readProStatus();
      let serial = pro.cardSerial;
      let retries: Record<PinKind, number>;
      if (this.core.model === 'storage') {
        const s = await this.core.readStorageStatus();
        serial = s.cardSerial;
        retries = { admin: s.adminRetries, user: s.userRetries };
      } else {
        retries = await this.readRetries();
      }
      return {
        model: this.core.model,
        firmware: this.core.firmware!,
        serial: serial.toString(16).padStart(8, '0'),
        adminRetries: retries.admin,
        userRetries: retries.user,
        config: pro.config,
        isLegacy: this.core.isLegacy,
        maxSecretBytes: this.core.maxSecretBytes,
        isVirtual: this.core.info.isVirtual,
        path: this.core.info.path,
      };
    });
  }

  private async readRetries(): Promise<Record<PinKind, number>> {
    const admin = (await this.core.simple(COMMAND.GET_PASSWORD_RETRY_COUNT, 'GET_PASSWORD_RETRY_COUNT'))[0];
    const user = (await this.core.simple(COMMAND.GET_USER_PASSWORD_RETRY_COUNT, 'GET_USER_PASSWORD_RETRY_COUNT'))[0];
    return { admin, user };
  }

  /** PIN tries left: admin and user (0 = locked). */
  async retryCounts(): Promise<Record<PinKind, number>> {
    return this.core.exclusive(() => this.readRetries());
  }

  /** The general config (§7.2), read from the token. */
  async getConfig(): Promise<GeneralConfig> {
    return this.core.exclusive(async () => (await this.core.readProStatus()).config);
  }

  /** Writes the general config (admin authentication needed first). */
  async setConfig(c: GeneralConfig): Promise<void> {
    for (const k of ['numlock', 'capslock', 'scrolllock'] as const) {
      const v = c[k];
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > 2))
        throw new DeviceError('bad-input', { reason: 'lock-key-slot', name: k });
    }
    return this.core.exclusive(async () => {
      await this.core.knownFirmware();
      const legacy = this.core.isLegacy;
      const temp = legacy ? null : this.auth.heldTemp('admin');
      await this.auth.adminOk(cmd.encodeWriteConfig(c, temp), 'WRITE_CONFIG', legacy);
      this.core.forgetConfig();
    });
  }

  /** Changes a PIN. Wrong current PIN → 'wrong-pin' with tries left. */
  async changePin(kind: PinKind, current: string, next: string): Promise<void> {
    const isStorage = this.core.model === 'storage';
    const size = isStorage ? LIMITS.storagePin : LIMITS.pin;
    let cur: Uint8Array | undefined;
    let nxt: Uint8Array | undefined;
    try {
      const c = (cur = pinBytes(current, size + 1));
      const n = (nxt = pinBytes(next, size + 1));
      return await this.core.exclusive(async () => {
        if (isStorage) {
          const k = kind === 'admin' ? 'A' : 'P';
          await this.auth.pinCommand(kind, cmd.encodeStick20Password(COMMAND.SEND_PASSWORD, k, c), 'SEND_PASSWORD');
          const frame = cmd.encodeStick20Password(COMMAND.SEND_NEW_PASSWORD, k, n);
          await this.auth.pinCommand(kind, frame, 'SEND_NEW_PASSWORD');
        } else {
          const id = kind === 'admin' ? COMMAND.CHANGE_ADMIN_PIN : COMMAND.CHANGE_USER_PIN;
          const name = kind === 'admin' ? 'CHANGE_ADMIN_PIN' : 'CHANGE_USER_PIN';
          await this.auth.pinCommand(kind, cmd.encodeTwoPins(id, c, n), name);
        }
        this.auth.drop(kind);
      });
    } finally {
      wipe(cur, nxt); // pinCommand wiped the frames that carried them
    }
  }

  /** Sets a new user PIN with the admin PIN; resets the user counter to 3 (§5.10). */
  async unlockUserPin(adminPin: string, newUserPin: string): Promise<void> {
    const isStorage = this.core.model === 'storage';
    let admin: Uint8Array | undefined;
    let user: Uint8Array | undefined;
    try {
      const a = (admin = pinBytes(adminPin, isStorage ? LIMITS.storagePin + 1 : LIMITS.pin));
      const u = (user = pinBytes(newUserPin, isStorage ? 31 : LIMITS.pin));
      return await this.core.exclusive(async () => {
        const name = 'UNLOCK_USER_PASSWORD';
        if (isStorage) {
          await this.auth.pinCommand(
            'admin',
            cmd.encodeStick20Password(COMMAND.SEND_PASSWORD, 'A', a),
            'SEND_PASSWORD',
          );
          const frame = cmd.encodeStick20Password(COMMAND.UNLOCK_USER_PASSWORD, 'A', u, 30);
          await this.auth.pinCommand('admin', frame, name);
        } else {
          await this.auth.pinCommand('admin', cmd.encodeTwoPins(COMMAND.UNLOCK_USER_PASSWORD, a, u), name);
        }
        this.auth.drop('user');
      });
    } finally {
      wipe(admin, user);
    }
  }

  /** LOCK_DEVICE: locks the password safe (Storage: also forgets temporary passwords); keyslot forgets its own too. */
  async lock(): Promise<void> {
    return this.core.exclusive(async () => {
      await this.core.simple(COMMAND.LOCK_DEVICE, 'LOCK_DEVICE');
      this.auth.forgetAll();
    });
  }

  /**
   * Factory reset with the admin PIN: PINs back to defaults, all OTP slots and the password safe
   * erased (§5.10). The password safe then needs a new AES key.
   */
  async factoryReset(adminPin: string): Promise<void> {
    const admin = pinBytes(adminPin);
    try {
      return await this.core.exclusive(async () => {
        await this.auth.pinCommand('admin', cmd.encodePin(COMMAND.FACTORY_RESET, admin), 'FACTORY_RESET');
        this.core.forgetConfig();
        // The Pro keeps a safe unlocked across a reset (§5.12); lock it so the old key is not used.
        await this.core.simple(COMMAND.LOCK_DEVICE, 'LOCK_DEVICE');
        this.auth.forgetAll();
      });
    } finally {
      wipe(admin);
    }
  }
}
