/** Password-safe request encoders (protocol reference §5.12); commands.ts re-exports them. */
import { COMMAND } from './command-ids';
import { putField } from './fields';
import { request } from './request';
import { LIMITS } from '../../shared/constants';

/** 0x61..0x63, 0x66: password safe commands with a slot at R[1]. */
export function encodePwsSlot(id: number, slot: number): Uint8Array {
  return request(id, (r) => (r[1] = slot));
}

/** 0x64 SET_PW_SAFE_SLOT_DATA_1 (§5.12): slot R[1], name R[2..12], password R[13..32]. */
export function encodePwsData1(slot: number, name: Uint8Array, password: Uint8Array): Uint8Array {
  return request(COMMAND.SET_PW_SAFE_SLOT_DATA_1, (r) => {
    r[1] = slot;
    putField(r, 2, LIMITS.pwsName, name);
    putField(r, 13, LIMITS.pwsPassword, password);
  });
}

/** 0x65 SET_PW_SAFE_SLOT_DATA_2 (§5.12): slot R[1], login R[2..33]. */
export function encodePwsData2(slot: number, login: Uint8Array): Uint8Array {
  return request(COMMAND.SET_PW_SAFE_SLOT_DATA_2, (r) => {
    r[1] = slot;
    putField(r, 2, LIMITS.pwsLogin, login);
  });
}
