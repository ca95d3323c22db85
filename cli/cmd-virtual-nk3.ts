/**
 * `keyslot virtual serve --model nk3` and `keyslot virtual touch`: the virtual Nitrokey 3 for hidapi
 * programs (the bridge socket), for PC/SC programs (vsmartcard's vpcd) and its touch button.
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { requireString, say, usage, type Command, type Invocation } from './command';

const TOUCH_POLICIES = ['accept', 'reject', 'ask'] as const;

/** Parses `--vpcd HOST:PORT` (default port 35963, the reader "Virtual PCD 00 00"). */
function parseVpcd(text: string): { host: string; port: number } {
  const m = /^(.+?)(?::(\d{1,5}))?$/.exec(text);
  const port = m?.[2] ? Number(m[2]) : 35963;
  if (!m || port < 1 || port > 65535) throw usage(CLI_EN.badVpcd({ value: text }));
  return { host: m[1], port };
}

/** The `--model nk3` branch of `keyslot virtual serve`; runs until `untilStop` resolves. */
export async function serveNk3(inv: Invocation, untilStop: () => Promise<void>): Promise<void> {
  const statePath = requireString(inv, 'state');
  const socketPath = inv.values.socket as string | undefined;
  const vpcdText = inv.values.vpcd as string | undefined;
  if (!socketPath && !vpcdText) throw usage(CLI_EN.nk3NeedsSocketOrVpcd);
  const touch = (inv.values.touch as string | undefined) ?? 'accept';
  if (!(TOUCH_POLICIES as readonly string[]).includes(touch)) throw usage(CLI_EN.badTouchPolicy({ value: touch }));
  const { serveVirtualNk3 } = await import('../device/index');
  const served = await serveVirtualNk3({
    statePath,
    socketPath,
    vpcd: vpcdText ? parseVpcd(vpcdText) : undefined,
    touch: touch as (typeof TOUCH_POLICIES)[number],
  });
  const where = [socketPath, vpcdText && `vpcd ${vpcdText}`].filter(Boolean).join(' and ');
  inv.ctx.stderr.write(`keyslot: ${CLI_EN.servingNk3({ state: statePath, where, touch })}\n`);
  await (inv.ctx.waitForStop ?? untilStop)();
  await served.close();
  inv.ctx.stderr.write(`keyslot: ${CLI_EN.stoppedServing}\n`);
}

/** `keyslot virtual touch` (see its summary and details below). */
export const virtualTouchCommand: Command = {
  path: ['virtual', 'touch'],
  summary: "press a virtual Nitrokey 3's touch button",
  usage: 'virtual touch --socket PATH',
  details: CLI_HELP_EN['virtual touch'],
  options: {
    socket: { type: 'string', value: 'PATH', help: 'the socket given to keyslot virtual serve --model nk3' },
  },
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_EN.takesNoArguments({ command: 'virtual touch' }));
    const socketPath = requireString(inv, 'socket');
    const { pressVirtualTouch } = await import('../device/index');
    const wasWaiting = await pressVirtualTouch(socketPath.endsWith('.touch') ? socketPath : `${socketPath}.touch`);
    say(inv, wasWaiting ? CLI_EN.touchConfirmed : CLI_EN.touchNotWaiting);
  },
};
