/** `keyslot status`, `pin set` and `reset` on a named-credential token (Nitrokey 3): one PIN, touch for changes. */
import { CLI_NK3_EN, CLI_NK3_HELP_EN } from '../shared/vocabulary/cli-nk3-en';
import { confirm, say, sayJson, usage, YES_OPTION, type Command } from './command';
import { CliError } from './context';
import { EXIT } from './exit-codes';
import { NK3_PIN_ENV, readNk3Pin, withSession } from './names-family';
import { prompt } from './prompt';

export const namesStatus: Command = {
  path: ['status'],
  summary: 'show model, serial, firmware, PIN and credential count',
  usage: 'status',
  hasJson: true,
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_NK3_EN.takesNoArguments({ command: 'status' }));
    const { s, device } = await withSession(inv, async (session) => ({
      s: await session.status(),
      device: session.device,
    }));
    const pin = s.pins[0];
    if (inv.json) return sayJson(inv, { ...s, path: device.path });
    const where = device.isVirtual ? ` (virtual, ${device.path.replace(/^virtual-nk3:/, '')})` : '';
    say(
      inv,
      [
        `model:       ${CLI_NK3_EN.modelName}${where}`,
        `serial:      ${s.serial ?? CLI_NK3_EN.unknown}`,
        `firmware:    ${CLI_NK3_EN.secretsApp({ version: s.firmware })}`,
        `PIN:         ${pin.isSet ? CLI_NK3_EN.pinSetTries({ count: pin.retriesLeft ?? 0 }) : CLI_NK3_EN.pinNotSet}`,
        `credentials: ${CLI_NK3_EN.ofLimit({ used: s.credentials.used, max: s.credentials.max })}`,
      ].join('\n'),
    );
  },
};

/** The new PIN: KEYSLOT_NEW_PIN, else asked twice on a terminal. */
async function readNewNk3Pin(inv: Parameters<Command['run']>[0]): Promise<string> {
  const fromEnv = inv.ctx.env[NK3_PIN_ENV.new];
  if (fromEnv) return fromEnv;
  if (!inv.ctx.isTTY) throw new CliError(CLI_NK3_EN.newPinNeeded({ env: NK3_PIN_ENV.new }), EXIT.pin);
  const pin = await prompt(inv.ctx, CLI_NK3_EN.newPinPrompt, { hidden: true });
  if ((await prompt(inv.ctx, CLI_NK3_EN.newPinAgainPrompt, { hidden: true })) !== pin)
    throw new CliError(CLI_NK3_EN.newPinsDiffer, EXIT.pin);
  return pin;
}

export const namesPinSet: Command = {
  path: ['pin', 'set'],
  summary: 'set the first PIN, or change it',
  usage: 'pin set',
  details: CLI_NK3_HELP_EN['pin set'],
  positionals: [0, 1],
  async run(inv) {
    const role = inv.positionals[0];
    if (role !== undefined && role !== 'pin') throw usage(CLI_NK3_EN.pinSetTakes({ value: role }));
    const isFirst = await withSession(inv, async (s) => {
      const [state] = (await s.status()).pins;
      const current = state.isSet ? await readNk3Pin(inv.ctx) : undefined;
      const next = await readNewNk3Pin(inv);
      if (next === '') throw new CliError(CLI_NK3_EN.newPinEmpty, EXIT.pin);
      await s.changePin('pin', current, next);
      return !state.isSet;
    });
    say(inv, isFirst ? CLI_NK3_EN.pinIsSet : CLI_NK3_EN.pinChanged);
  },
};

export const namesReset: Command = {
  path: ['reset'],
  summary: 'reset the Secrets app: delete every credential and the PIN (needs a touch)',
  usage: 'reset [--yes]',
  options: { yes: YES_OPTION },
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_NK3_EN.takesNoArguments({ command: 'reset' }));
    await confirm(inv, CLI_NK3_EN.resetConfirm, 'reset');
    await withSession(inv, (s) => s.reset());
    say(inv, CLI_NK3_EN.resetDone);
  },
};
