/**
 * The password safe: 16 entries of name (11 bytes), login (32) and password (20), unlocked with the
 * user PIN (protocol reference §5.12, §5.13, §9.10).
 */
import { DeviceError } from '../errors';
import { COMMAND } from '../protocol/command-ids';
import * as cmd from '../protocol/commands';
import { LIMITS } from '../protocol/commands';
import { readCString, utf8 } from '../protocol/fields';
import type { DecodedResponse } from '../protocol/frame';
import { COMMAND_STATUS, errorForStatus } from '../protocol/status';
import { pinBytes, wipe } from './pins';
import type { Token } from '../token';

/** One password-safe entry. */
export interface PwsEntry {
  name: string;
  login: string;
  password: string;
}

function checkSlot(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= LIMITS.pwsSlots) {
    throw new DeviceError('bad-input', { reason: 'pws-index', max: LIMITS.pwsSlots });
  }
}

/** The read command, its name and the field size for each entry field (§5.12). */
const FIELD_COMMANDS: Record<keyof PwsEntry, [number, string, number]> = {
  name: [COMMAND.GET_PW_SAFE_SLOT_NAME, 'GET_PW_SAFE_SLOT_NAME', LIMITS.pwsName],
  login: [COMMAND.GET_PW_SAFE_SLOT_LOGINNAME, 'GET_PW_SAFE_SLOT_LOGINNAME', LIMITS.pwsLogin],
  password: [COMMAND.GET_PW_SAFE_SLOT_PASSWORD, 'GET_PW_SAFE_SLOT_PASSWORD', LIMITS.pwsPassword],
};

/** Maps a password-safe reply: 5 = locked, 10/100 on enable = no key. */
function pwsError(d: DecodedResponse, name: string): DeviceError {
  if (d.commandStatus === COMMAND_STATUS.NOT_AUTHORIZED)
    return new DeviceError('pws-locked', { detail: `${name}: NOT_AUTHORIZED (5)`, status: 5 });
  return errorForStatus(d.commandStatus, name);
}

/** Password-safe commands of a Token; reached as `token.pws`. */
export class PasswordSafe {
  constructor(private readonly token: Token) {}

  /**
   * Unlocks the safe with the user PIN (PW_SAFE_ENABLE). A wrong PIN costs one user try and throws
   * 'wrong-pin' with tries left; no AES key yet → 'pws-no-key'.
   */
  async unlock(userPin: string): Promise<void> {
    const pin = pinBytes(userPin, 31);
    return this.token
      .batch(async () => {
        try {
          await this.token.pinCommand('user', cmd.encodePin(COMMAND.PW_SAFE_ENABLE, pin, 30), 'PW_SAFE_ENABLE');
        } catch (e) {
          // Pro answers AES_DEC_FAILED (10), Storage UNKNOWN_ERROR (100) when there is no key yet (§5.12, §9.10).
          const status = (e as DeviceError).info?.status;
          if (status === COMMAND_STATUS.AES_DEC_FAILED || status === COMMAND_STATUS.UNKNOWN_ERROR)
            throw new DeviceError('pws-no-key', { detail: `PW_SAFE_ENABLE: status ${status}`, status });
          throw e;
        }
      })
      .finally(() => wipe(pin)); // pinCommand wiped the frame
  }

  /** Which of the 16 entries are in use. Locked → 'pws-locked'. */
  async status(): Promise<boolean[]> {
    return this.token.batch(async (send) => {
      const d = await send(cmd.encodeSimple(COMMAND.GET_PW_SAFE_SLOT_STATUS));
      if (d.commandStatus !== COMMAND_STATUS.OK) throw pwsError(d, 'GET_PW_SAFE_SLOT_STATUS');
      return Array.from(d.payload.subarray(0, LIMITS.pwsSlots), (b) => b === 1);
    });
  }

  /**
   * Reads one entry (index from 0). `fields` limits what is fetched (default all three), so a list
   * of names need not pull every password off the token; fields not asked for come back as ''.
   * Empty → 'pws-slot-empty'; locked → 'pws-locked'.
   */
  async read(index: number, fields: readonly (keyof PwsEntry)[] = ['name', 'login', 'password']): Promise<PwsEntry> {
    checkSlot(index);
    return this.token.batch(async (send) => {
      const st = await send(cmd.encodeSimple(COMMAND.GET_PW_SAFE_SLOT_STATUS));
      if (st.commandStatus !== COMMAND_STATUS.OK) throw pwsError(st, 'GET_PW_SAFE_SLOT_STATUS');
      // An erased entry still decrypts to something: consult the status first (§5.12).
      if (st.payload[index] !== 1) throw new DeviceError('pws-slot-empty');
      const field = async (which: keyof PwsEntry) => {
        if (!fields.includes(which)) return '';
        const [id, name, size] = FIELD_COMMANDS[which];
        const d = await send(cmd.encodePwsSlot(id, index));
        if (d.commandStatus !== COMMAND_STATUS.OK) throw pwsError(d, name);
        return readCString(d.payload.subarray(0, size));
      };
      return { name: await field('name'), login: await field('login'), password: await field('password') };
    });
  }

  /** Writes an entry: always DATA_1 then DATA_2 (§14.4). Field limits checked before sending. */
  async write(index: number, e: PwsEntry): Promise<void> {
    checkSlot(index);
    const name = utf8(e.name);
    const login = utf8(e.login);
    const password = utf8(e.password);
    const over = [
      ['name', name.length, LIMITS.pwsName],
      ['login', login.length, LIMITS.pwsLogin],
      ['password', password.length, LIMITS.pwsPassword],
    ].find(([, n, max]) => (n as number) > (max as number));
    if (over)
      throw new DeviceError('pws-field-too-long', {
        reason: 'pws-field-bytes',
        field: over[0] as string,
        bytes: over[1] as number,
        maxBytes: over[2] as number,
      });
    if (name.length === 0) throw new DeviceError('name-empty');
    return this.token.batch(async (send) => {
      const d1 = await send(cmd.encodePwsData1(index, name, password));
      if (d1.commandStatus !== COMMAND_STATUS.OK) throw pwsError(d1, 'SET_PW_SAFE_SLOT_DATA_1');
      const d2 = await send(cmd.encodePwsData2(index, login));
      if (d2.commandStatus !== COMMAND_STATUS.OK) throw pwsError(d2, 'SET_PW_SAFE_SLOT_DATA_2');
    });
  }

  /** Erases an entry. */
  async erase(index: number): Promise<void> {
    checkSlot(index);
    return this.token.batch(async (send) => {
      const d = await send(cmd.encodePwsSlot(COMMAND.PW_SAFE_ERASE_SLOT, index));
      if (d.commandStatus !== COMMAND_STATUS.OK) throw pwsError(d, 'PW_SAFE_ERASE_SLOT');
    });
  }

  /**
   * Builds a new AES key for the safe with the admin PIN (Pro NEW_AES_KEY, Storage GENERATE_NEW_KEYS).
   * Destroys every entry. On a Pro even a wrong PIN destroys them (§5.13): callers must warn first.
   */
  async buildKey(adminPin: string): Promise<void> {
    const pin = pinBytes(adminPin, this.token.model === 'storage' ? 31 : LIMITS.pin);
    return this.token
      .batch(async () => {
        if (this.token.model === 'storage') {
          await this.token.pinCommand(
            'admin',
            cmd.encodeStick20Password(COMMAND.GENERATE_NEW_KEYS, 'P', pin, 30),
            'GENERATE_NEW_KEYS',
          );
        } else {
          await this.token.pinCommand('admin', cmd.encodePin(COMMAND.NEW_AES_KEY, pin), 'NEW_AES_KEY');
        }
      })
      .finally(() => wipe(pin));
  }
}
