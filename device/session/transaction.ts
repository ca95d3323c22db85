/**
 * One request/response exchange with a token, polled the robust way (protocol reference §9.3):
 * answer as soon as the token has, accept only a reply that echoes our command id and CRC and whose
 * own CRC is right, and never sleep a fixed 100 ms as libnitrokey does (§1.4).
 */
import type { Clock } from '../clock';
import { DeviceError, isDeviceError } from '../errors';
import { COMMAND, commandName } from '../protocol/command-ids';
import { DEVICE_STATUS, decodeResponse, readCrc, type DecodedResponse } from '../protocol/frame';
import { COMMAND_STATUS, commandStatusName } from '../protocol/status';
import type { Model, Transport } from '../transport/types';

/**
 * Poll delays in ms after each unanswered GET_REPORT; the last one repeats. Fine up to about 50 ms, where
 * the flash writes of the everyday commands end (SET_TIME before every TOTP code, HOTP's counter: 20 ms
 * in the latency model), so such a reply is seen within a few ms of being ready; coarser after that.
 */
const POLL_DELAYS_MS = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 10];
/** A Pro that shows READY but not our reply dropped the request (it was busy, §1.3): resend at most this often. */
const MAX_RESENDS = 3;
/** Consecutive replies with a bad CRC before we call the reply damaged. */
const MAX_BAD_CRC = 5;

/** One line of the traffic log: never a payload (style guide §6). */
export interface TrafficEntry {
  command: string;
  length: number;
  status: string;
  roundTrips: number;
  ms: number;
}

export interface TransactOptions {
  model: Model;
  clock: Clock;
  /** Give up after this many ms without our reply. */
  timeoutMs: number;
  onTraffic?: (entry: TrafficEntry) => void;
}

const isStick20Command = (id: number) => id >= 0x20 && id < 0x60;

/**
 * Storage stick20 commands report through the stick20 status byte R[22] (§4.3, §4.4):
 * 2 and 4 are busy, 0 and 1 are done; 3 is a wrong password, 6 "no user password unlock".
 * Returns the equivalent command status, or 'busy'.
 */
function stick20Outcome(r: Uint8Array): number | 'busy' {
  switch (r[22]) {
    case 0:
    case 1:
      return COMMAND_STATUS.OK;
    case 2:
    case 4:
      return 'busy';
    case 3:
      return COMMAND_STATUS.WRONG_PASSWORD;
    case 6:
      return COMMAND_STATUS.AES_DEC_FAILED;
    default:
      return COMMAND_STATUS.UNKNOWN_ERROR;
  }
}

/**
 * Sends `frame` (a complete 64-byte request) and polls until the token answers it.
 * Resolves with the decoded reply whatever its command status; the caller judges the status.
 * Rejects with DeviceError: 'token-unplugged' (transport lost), 'timeout', 'bad-response'.
 */
export async function transact(transport: Transport, frame: Uint8Array, o: TransactOptions): Promise<DecodedResponse> {
  const id = frame[0];
  const crc = readCrc(frame);
  const start = o.clock.now();
  let roundTrips = 0;
  let resends = 0;
  let badCrc = 0;
  let polls = 0;
  let hasResentWrongCrc = false;

  const finish = (d: DecodedResponse): DecodedResponse => {
    o.onTraffic?.({
      command: commandName(id),
      length: frame.length,
      status: commandStatusName(d.commandStatus),
      roundTrips,
      ms: o.clock.now() - start,
    });
    return d;
  };

  try {
    await transport.sendFeatureReport(frame);
    roundTrips++;
    for (;;) {
      const r = await transport.getFeatureReport();
      roundTrips++;
      const d = decodeResponse(r);
      const isOurs = d.lastCommandId === id && d.lastCommandCrc === crc;
      if (d.deviceStatus === DEVICE_STATUS.READY && isOurs) {
        if (!d.isCrcValid) {
          // A Storage may be caught half-way through writing its reply (§1.3); on a Pro a bad CRC is line noise.
          if (++badCrc >= MAX_BAD_CRC)
            throw new DeviceError('bad-response', { detail: `${commandName(id)}: reply CRC mismatch` });
        } else if (o.model === 'storage' && isStick20Command(id)) {
          const outcome = stick20Outcome(r);
          if (outcome !== 'busy') return finish({ ...d, commandStatus: outcome });
        } else if (d.commandStatus === COMMAND_STATUS.WRONG_CRC && !hasResentWrongCrc) {
          // The token did not execute a frame that arrived damaged; sending it again is safe (§9.3).
          hasResentWrongCrc = true;
          await transport.sendFeatureReport(frame);
          roundTrips++;
          continue;
        } else {
          return finish(d);
        }
      } else if (d.deviceStatus === DEVICE_STATUS.READY && o.model !== 'storage' && !isOurs) {
        // A Pro drops a SET_REPORT that arrives while it is busy and is READY again without our reply.
        if (resends++ >= MAX_RESENDS)
          throw new DeviceError('timeout', { detail: `${commandName(id)}: request dropped repeatedly` });
        await transport.sendFeatureReport(frame);
        roundTrips++;
        continue;
      }
      if (o.clock.now() - start > o.timeoutMs) {
        throw new DeviceError('timeout', { detail: `${commandName(id)}: no reply after ${o.timeoutMs} ms` });
      }
      await o.clock.sleep(POLL_DELAYS_MS[Math.min(polls++, POLL_DELAYS_MS.length - 1)]);
    }
  } catch (e) {
    if (isDeviceError(e)) throw e;
    throw new DeviceError('token-unplugged', { detail: `${commandName(id)}: ${(e as Error)?.message ?? String(e)}` });
  }
}

/** Commands that take long on real hardware (smart-card key generation, full erase). */
export const LONG_COMMANDS: ReadonlySet<number> = new Set([
  COMMAND.FACTORY_RESET,
  COMMAND.NEW_AES_KEY,
  COMMAND.GENERATE_NEW_KEYS,
]);
