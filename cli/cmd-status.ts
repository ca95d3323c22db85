/** `keyslot status`, `config get` and `config set`. */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import type { GeneralConfig } from '../device/index';
import { parseSlotRef } from '../device/index';
import type { TokenStatus } from '../device/index';
import { say, sayJson, usage, withToken, type Command, type Invocation } from './command';
import { authenticate } from './pins';

const MODEL_NAMES = { pro: 'Nitrokey Pro', storage: 'Nitrokey Storage', librem: 'Librem Key' } as const;
const LOCK_KEYS = ['numlock', 'capslock', 'scrolllock'] as const;

/** The config as the CLI shows it: lock keys as `hotp:N` or null (off). */
export function configView(c: GeneralConfig): Record<string, string | boolean | null> {
  const out: Record<string, string | boolean | null> = { otpPin: c.isUserPasswordRequired };
  for (const k of LOCK_KEYS) out[k] = c[k] === null ? null : `hotp:${c[k]! + 1}`;
  return out;
}

function configLines(c: GeneralConfig): string[] {
  const v = configView(c);
  return [
    `OTP PIN:     ${c.isUserPasswordRequired ? 'on (codes need the user PIN)' : 'off (codes need no PIN)'}`,
    ...LOCK_KEYS.map((k) => `${`${k}:`.padEnd(12)} ${v[k] ?? 'off'}`),
  ];
}

function statusJson(s: TokenStatus) {
  return {
    model: s.model,
    modelName: MODEL_NAMES[s.model],
    isVirtual: s.isVirtual,
    path: s.path,
    serial: s.serial,
    firmware: `${s.firmware.major}.${s.firmware.minor}`,
    adminRetries: s.adminRetries,
    userRetries: s.userRetries,
    config: configView(s.config),
    maxSecretBytes: s.maxSecretBytes,
  };
}

const tries = (n: number) => (n === 0 ? 'locked (0 tries left)' : `${n} ${n === 1 ? 'try' : 'tries'} left`);

/** `keyslot status` (see its summary and details below). */
export const statusCommand: Command = {
  path: ['status'],
  summary: 'show model, serial, firmware, PIN tries left and config',
  usage: 'status',
  hasJson: true,
  async run(inv) {
    const s = await withToken(inv, (t) => t.status());
    if (inv.json) return sayJson(inv, statusJson(s));
    say(
      inv,
      [
        `model:       ${MODEL_NAMES[s.model]}${s.isVirtual ? ` (virtual, ${s.path.replace(/^virtual:/, '')})` : ''}`,
        `serial:      ${s.serial}`,
        `firmware:    ${s.firmware.major}.${s.firmware.minor}`,
        `admin PIN:   ${tries(s.adminRetries)}`,
        `user PIN:    ${tries(s.userRetries)}`,
        ...configLines(s.config),
      ].join('\n'),
    );
  },
};

/** `keyslot config get` (see its summary and details below). */
export const configGetCommand: Command = {
  path: ['config', 'get'],
  summary: 'show the general config',
  usage: 'config get',
  hasJson: true,
  async run(inv) {
    const c = await withToken(inv, (t) => t.getConfig());
    if (inv.json) return sayJson(inv, configView(c));
    say(inv, configLines(c).join('\n'));
  },
};

function parseLockKey(name: string, text: string): number | null {
  if (text === 'off') return null;
  const r = parseSlotRef(text);
  if (!r.ok || r.value.kind !== 'hotp') throw usage(CLI_EN.lockKeyTakes({ option: name, value: text }));
  return r.value.index;
}

/** The config `config set` would write, from the current one and the options; checked before any PIN. */
function changedConfig(inv: Invocation, current: GeneralConfig | null): GeneralConfig {
  const next: GeneralConfig = current ?? {
    numlock: null,
    capslock: null,
    scrolllock: null,
    isUserPasswordRequired: false,
    isDeleteUserPassword: false,
  };
  const otpPin = inv.values['otp-pin'];
  if (otpPin !== undefined) {
    if (otpPin !== 'on' && otpPin !== 'off') throw usage(CLI_EN.otpPinTakes({ value: String(otpPin) }));
    next.isUserPasswordRequired = otpPin === 'on';
  }
  for (const k of LOCK_KEYS) {
    const v = inv.values[k];
    if (typeof v === 'string') next[k] = parseLockKey(k, v);
  }
  return next;
}

/** `keyslot config set` (see its summary and details below). */
export const configSetCommand: Command = {
  path: ['config', 'set'],
  summary: 'change the general config (needs the admin PIN)',
  usage: 'config set [--otp-pin on|off] [--numlock hotp:N|off] [--capslock hotp:N|off] [--scrolllock hotp:N|off]',
  details: CLI_HELP_EN['config set'],
  options: {
    'otp-pin': { type: 'string', value: 'on|off', help: 'whether codes need the user PIN' },
    numlock: { type: 'string', value: 'hotp:N|off', help: 'HOTP slot typed on double NumLock' },
    capslock: { type: 'string', value: 'hotp:N|off', help: 'HOTP slot typed on double CapsLock' },
    scrolllock: { type: 'string', value: 'hotp:N|off', help: 'HOTP slot typed on double ScrollLock' },
  },
  async run(inv) {
    if (!['otp-pin', ...LOCK_KEYS].some((k) => inv.values[k] !== undefined)) {
      throw usage(CLI_EN.nothingToChange);
    }
    changedConfig(inv, null);
    const next = await withToken(inv, async (token) => {
      const c = changedConfig(inv, await token.getConfig());
      await authenticate(inv.ctx, token, 'admin');
      await token.setConfig(c);
      return c;
    });
    say(inv, CLI_EN.configWritten({ lines: configLines(next).join('\n') }));
  },
};
