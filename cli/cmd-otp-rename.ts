/**
 * `keyslot otp rename` on a slot token: through the family seam (SlotSession.updateCredential), which
 * rewrites the slot with an empty secret, kept by the firmware. The new name is checked before the token
 * is opened; an empty slot, an unchanged name and old firmware are refused before the admin PIN is asked.
 * Its own module, like otp set, so the everyday commands' bundle (dist/cli/fast.cjs) does not carry the seam.
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { checkSlotName, DeviceError, formatSlotRef, isDeviceError, SlotSession, systemClock } from '../device/index';
import { parseSlotArg, resolveSlot, say, usage, withToken, type Command } from './command';
import { readPin, warnIfDefaultPin } from './pins';

/** `keyslot otp rename` (see its summary and details below). */
export const otpRenameCommand: Command = {
  path: ['otp', 'rename'],
  summary: 'rename a slot, keeping its secret (needs the admin PIN)',
  usage: 'otp rename SLOT NEW-NAME',
  details: CLI_HELP_EN['otp rename'],
  positionals: [2, 2],
  async run(inv) {
    const arg = parseSlotArg(inv.positionals[0]);
    const name = checkSlotName(inv.positionals[1]);
    if (!name.ok) throw usage(name.problem);
    const slot = await withToken(inv, async (token) => {
      const slot = await resolveSlot(token, arg);
      const session = new SlotSession(token, () => (inv.ctx.clock ?? systemClock).now());
      let pin: string | undefined;
      const pinSource = async () => (pin = await readPin(inv.ctx, 'admin'));
      try {
        await session.updateCredential({ slot }, { name: name.value }, { pin: pinSource });
      } catch (e) {
        if (!isDeviceError(e) || e.code !== 'credential-not-found') throw e;
        throw new DeviceError('slot-empty', { reason: 'write-slot-first', slot: formatSlotRef(slot) });
      }
      if (pin !== undefined) warnIfDefaultPin(inv.ctx, 'admin', pin);
      return slot;
    });
    say(inv, CLI_EN.renamedSlot({ slot: formatSlotRef(slot), name: name.value }));
  },
};
