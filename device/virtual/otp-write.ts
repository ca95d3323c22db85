/**
 * OTP writing commands: SEND_OTP_DATA + WRITE_TO_SLOT (new and legacy layouts), ERASE_SLOT and
 * WRITE_CONFIG (protocol reference §5.3, §5.4, §5.8, §5.9, §6.3).
 */
import { COMMAND_STATUS } from '../protocol/status';
import { slotAt, isBrokenSlot } from './otp-read';
import { field, isTempValid, readU64, status, type Firmware, type Handler, type Request } from './ram';
import { erasedSlot, SLOT_NAME_BYTES, SLOT_SECRET_BYTES, SLOT_TOKEN_ID_BYTES } from './flash-state';

const TYPE_NAME = 0x4e; // 'N'
const TYPE_SECRET = 0x53; // 'S'
const CHUNK_BYTES = 30;

/**
 * Admin authorisation of a command: new protocol = temp admin password at `tempOffset`;
 * legacy = the request's CRC equals the CRC authorised by AUTHORIZE (§6.3; the dispatcher clears it).
 */
export function isAdminAuthorized(fw: Firmware, req: Request, tempOffset: number): boolean {
  if (fw.profile.isNewProtocol) return isTempValid(fw.ram.tempAdmin, req.r, tempOffset);
  return fw.ram.adminAuthorizedCrc !== null && fw.ram.adminAuthorizedCrc === req.crc;
}

/** 0x17 SEND_OTP_DATA: R[1..25] temp admin, R[26] type, R[27] chunk index, R[28..57] data (§5.3). */
export const sendOtpData: Handler = (fw, req) => {
  const { r } = req;
  if (!isAdminAuthorized(fw, req, 1)) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  const ram = fw.ram;
  if (!ram.isTransactionOpen) {
    ram.stagingName.fill(0);
    ram.stagingSecret.fill(0);
    ram.isTransactionOpen = true;
  }
  if (r[26] === TYPE_NAME) {
    ram.stagingName.set(field(r, 28, SLOT_NAME_BYTES));
    return { status: COMMAND_STATUS.OK, payload: ram.stagingName.slice() };
  }
  if (r[26] === TYPE_SECRET) {
    let offset = r[27] * CHUNK_BYTES;
    if (offset > SLOT_SECRET_BYTES) offset = 0;
    ram.stagingSecret.set(field(r, 28, Math.min(CHUNK_BYTES, SLOT_SECRET_BYTES - offset)), offset);
    return { status: COMMAND_STATUS.OK, payload: ram.stagingSecret.slice() };
  }
  // Unknown type: the Pro ignores it (the transaction is open anyway); the Storage answers 100.
  return status(fw.profile.isStorage ? COMMAND_STATUS.UNKNOWN_ERROR : COMMAND_STATUS.OK);
};

/** 0x01 WRITE_TO_SLOT, dispatching on the protocol generation. */
export const writeToSlot: Handler = (fw, req) =>
  fw.profile.isNewProtocol ? writeToSlotNew(fw, req) : writeToSlotLegacy(fw, req);

/** New layout: R[1..25] temp admin, R[26] slot, R[27..34] counter/step, R[35] config, R[36..48] token ID. */
function writeToSlotNew(fw: Firmware, req: Request) {
  const { r } = req;
  const ram = fw.ram;
  if (!isAdminAuthorized(fw, req, 1) || !ram.isTransactionOpen) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  ram.isTransactionOpen = false;
  if (ram.stagingName[0] === 0) return status(COMMAND_STATUS.NO_NAME_ERROR);
  const ref = slotAt(fw, r[26]);
  if (!ref) return status(COMMAND_STATUS.WRONG_SLOT);
  if (isBrokenSlot(fw, ref)) return status(COMMAND_STATUS.OK); // Storage: silently ignored (§5.3 item 5)
  const slot = ref.slot;
  // An all-zero staged secret keeps the stored one, 0xFF bytes on an erased slot included (§5.3 item 3).
  if (ram.stagingSecret.some((b) => b !== 0)) slot.secret = ram.stagingSecret.slice();
  slot.name = ram.stagingName.slice();
  slot.counter = readU64(r, 27);
  slot.config = r[35];
  slot.tokenId = field(r, 36, SLOT_TOKEN_ID_BYTES);
  slot.isProgrammed = true;
  return status(COMMAND_STATUS.OK);
}

/** C atoi on at most 8 ASCII bytes, as a 32-bit unsigned value (Storage <= 0.53 HOTP counter, §5.4). */
function atoi(bytes: Uint8Array): bigint {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  let n = 0n;
  for (; i < bytes.length && bytes[i] >= 0x30 && bytes[i] <= 0x39; i++) n = n * 10n + BigInt(bytes[i] - 0x30);
  return n & 0xffffffffn;
}

/**
 * Legacy layout (Pro <= 0.7, Storage <= 0.53, §5.4): R[1] slot, R[2..16] name, R[17..36] secret,
 * R[37] config, R[38..50] token ID, R[51..58] counter (Pro u64 LE, Storage ASCII; TOTP u16 step).
 * An empty name (R[2] == 0) is refused with NO_NAME_ERROR before the slot number is looked at, and
 * nothing is written (pro-firmware v0.7 report_protocol.c cmd_write_to_slot, storage-firmware V0.53
 * report_protocol.c cmd_write_to_slot; Corrections C1).
 */
function writeToSlotLegacy(fw: Firmware, req: Request) {
  const { r } = req;
  if (!isAdminAuthorized(fw, req, 0)) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  if (r[2] === 0) return status(COMMAND_STATUS.NO_NAME_ERROR);
  const ref = slotAt(fw, r[1]);
  if (!ref) return status(COMMAND_STATUS.WRONG_SLOT);
  const slot = ref.slot;
  // Legacy firmware keeps the old secret only if secret byte 0 is zero (§5.4).
  if (r[17] !== 0) {
    slot.secret = new Uint8Array(SLOT_SECRET_BYTES);
    slot.secret.set(field(r, 17, 20));
  }
  slot.name = field(r, 2, SLOT_NAME_BYTES);
  slot.config = r[37];
  slot.tokenId = field(r, 38, SLOT_TOKEN_ID_BYTES);
  if (ref.kind === 'totp') slot.counter = BigInt(r[51] | (r[52] << 8));
  else slot.counter = fw.profile.isStorage ? atoi(field(r, 51, 8)) : readU64(r, 51);
  slot.isProgrammed = true;
  return status(COMMAND_STATUS.OK);
}

/** 0x06 ERASE_SLOT: R[1] slot, R[2..26] temp admin (new protocol). Stored bytes become 0xFF (§5.9). */
export const eraseSlot: Handler = (fw, req) => {
  if (!isAdminAuthorized(fw, req, 2)) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  const ref = slotAt(fw, req.r[1]);
  if (!ref) return status(COMMAND_STATUS.WRONG_SLOT);
  const target = ref.kind === 'hotp' ? fw.flash.hotp : fw.flash.totp;
  target[ref.index] = erasedSlot();
  return status(COMMAND_STATUS.OK);
};

/** Storage WRITE_CONFIG validation (§5.8): lock keys 0..2 or 0xFF, flags 0..2. */
function isStorageConfigValid(c: Uint8Array): boolean {
  const isKeyOk = (b: number) => b <= 2 || b === 0xff;
  return isKeyOk(c[0]) && isKeyOk(c[1]) && isKeyOk(c[2]) && c[3] <= 2 && c[4] <= 2;
}

/** 0x05 WRITE_CONFIG: R[1..5] config, R[6..30] temp admin (new protocol). */
export const writeConfig: Handler = (fw, req) => {
  if (!isAdminAuthorized(fw, req, 6)) return status(COMMAND_STATUS.NOT_AUTHORIZED);
  const config = field(req.r, 1, 5);
  if (fw.profile.isStorage && !isStorageConfigValid(config)) return status(COMMAND_STATUS.UNKNOWN_ERROR);
  fw.flash.generalConfig = config;
  return status(COMMAND_STATUS.OK);
};
