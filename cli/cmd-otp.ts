/** `keyslot otp list|get|erase` and `keyslot time set`. */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { DeviceError, isDeviceError } from '../device/index';
import { formatSlotRef } from '../device/index';
import type { SlotRef } from '../device/index';
import type { OtpSlot, Token } from '../device/index';
import { systemClock } from '../device/index';
import { parseSlotArg, resolveSlot, say, sayJson, usage, withToken, type Command, type Invocation } from './command';
import { authenticate } from './pins';

/** One slot as `otp list --json` shows it. */
export function slotView(slot: SlotRef, value: OtpSlot | null) {
  const base = { slot: formatSlotRef(slot), kind: slot.kind, number: slot.index + 1 };
  if (!value) return { ...base, isEmpty: true as const };
  return {
    ...base,
    isEmpty: false as const,
    name: value.name,
    digits: value.digits,
    ...(slot.kind === 'totp' ? { period: value.period } : { counter: value.counter?.toString() }),
  };
}

/** `keyslot otp list` (see its summary and details below). */
export const otpListCommand: Command = {
  path: ['otp', 'list'],
  summary: 'list the OTP slots',
  usage: 'otp list',
  details: CLI_HELP_EN['otp list'],
  hasJson: true,
  async run(inv) {
    const slots = await withToken(inv, (t) => t.listSlots());
    const views = slots.map((s) => slotView(s.slot, s.value));
    if (inv.json) return sayJson(inv, views);
    const lines = views.map((v) => {
      const ref = v.slot.padEnd(8);
      if (v.isEmpty) return `${ref}(empty)`;
      const what =
        'period' in v
          ? CLI_EN.everySeconds({ period: v.period ?? 30 })
          : CLI_EN.counterAt({ counter: String(v.counter) });
      return `${ref}${v.name.padEnd(17)}${v.digits} digits  ${what}`;
    });
    say(inv, lines.join('\n'));
  },
};

/** Sets the token's clock to this computer's time: soft, so a clock going back is refused (§5.11). */
export async function syncTime(inv: Invocation, token: Token, force: boolean): Promise<number> {
  const seconds = Math.floor((inv.ctx.clock ?? systemClock).now() / 1000);
  await token.setTime(seconds, force);
  return seconds;
}

/** GET_CODE, asking for the user PIN once if the token's config needs it for codes. */
export async function getCode(inv: Invocation, token: Token, slot: SlotRef): Promise<{ code: string; digits: 6 | 8 }> {
  try {
    return await token.getCode(slot);
  } catch (e) {
    // Token refuses before sending GET_CODE when the config needs the user PIN and none is held.
    if (!isDeviceError(e) || e.code !== 'not-authorized' || token.isAuthenticated('user')) throw e;
  }
  await authenticate(inv.ctx, token, 'user');
  return token.getCode(slot);
}

/** `keyslot otp get` (see its summary and details below). */
export const otpGetCommand: Command = {
  path: ['otp', 'get'],
  summary: 'print the code of a slot',
  usage: 'otp get SLOT',
  details: CLI_HELP_EN['otp get'],
  positionals: [1, 1],
  hasJson: true,
  async run(inv) {
    const arg = parseSlotArg(inv.positionals[0]);
    const { slot, code } = await withToken(inv, async (token) => {
      const slot = await resolveSlot(token, arg);
      if (slot.kind === 'totp') await syncTime(inv, token, false);
      try {
        return { slot, code: await getCode(inv, token, slot) };
      } catch (e) {
        if (isDeviceError(e) && e.code === 'slot-empty') {
          throw new DeviceError('slot-empty', {
            reason: 'write-slot-first',
            slot: formatSlotRef(slot),
            detail: e.info.detail,
          });
        }
        throw e;
      }
    });
    if (inv.json) return sayJson(inv, { slot: formatSlotRef(slot), code: code.code, digits: code.digits });
    say(inv, code.code);
  },
};

/** `keyslot otp erase` (see its summary and details below). */
export const otpEraseCommand: Command = {
  path: ['otp', 'erase'],
  summary: 'erase a slot (needs the admin PIN)',
  usage: 'otp erase SLOT',
  positionals: [1, 1],
  async run(inv) {
    const arg = parseSlotArg(inv.positionals[0]);
    const slot = await withToken(inv, async (token) => {
      const slot = await resolveSlot(token, arg);
      await authenticate(inv.ctx, token, 'admin');
      await token.eraseSlot(slot);
      return slot;
    });
    say(inv, CLI_EN.erasedSlot({ slot: formatSlotRef(slot) }));
  },
};

/** `keyslot time set` (see its summary and details below). */
export const timeSetCommand: Command = {
  path: ['time', 'set'],
  summary: "set the token's clock to this computer's time",
  usage: 'time set [--force]',
  details: CLI_HELP_EN['time set'],
  options: { force: { type: 'boolean', help: 'set the time even if it goes back' } },
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_EN.takesNoArguments({ command: 'time set' }));
    const seconds = await withToken(inv, (t) => syncTime(inv, t, inv.values.force === true));
    say(inv, CLI_EN.clockSet({ time: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') }));
  },
};
