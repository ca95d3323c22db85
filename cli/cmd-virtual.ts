/** `keyslot virtual serve` and `keyslot virtual shim-path`: the virtual token for hidapi programs. */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { parseVirtualProfile } from '../device/index';
import { CliError } from './context';
import { requireString, say, usage, type Command } from './command';
import { EXIT } from './exit-codes';

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `keyslot virtual serve` (see its summary and details below). */
export const virtualServeCommand: Command = {
  path: ['virtual', 'serve'],
  summary: 'serve a virtual token on a Unix socket for the hidapi shim',
  usage:
    'virtual serve --socket PATH --state FILE [--model pro|storage|librem|nk3] [--firmware 0.N] [--vpcd HOST:PORT] [--touch accept|reject|ask]',
  details: CLI_HELP_EN['virtual serve'],
  options: {
    socket: { type: 'string', value: 'PATH', help: 'Unix socket to listen on' },
    state: { type: 'string', value: 'FILE', help: 'virtual token state file (created if missing)' },
    model: { type: 'string', value: 'MODEL', help: 'pro, storage, librem or nk3 (default pro)' },
    firmware: { type: 'string', value: '0.N', help: 'firmware version, e.g. 0.7 for the legacy protocol' },
    vpcd: { type: 'string', value: 'HOST:PORT', help: 'nk3: also be the card of vsmartcard vpcd (127.0.0.1:35963)' },
    touch: { type: 'string', value: 'POLICY', help: 'nk3: accept (default), reject or ask (keyslot virtual touch)' },
  },
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_EN.takesNoArguments({ command: 'virtual serve' }));
    if (inv.values.model === 'nk3') return (await import('./cmd-virtual-nk3')).serveNk3(inv, untilSignal);
    const socketPath = requireString(inv, 'socket');
    const statePath = requireString(inv, 'state');
    const profile = parseVirtualProfile(
      inv.values.model as string | undefined,
      inv.values.firmware as string | undefined,
      '--model',
      '--firmware',
    );
    const { openVirtualTokenFile, serveVirtualToken } = await import('../device/index');
    const token = await openVirtualTokenFile(statePath, profile, inv.ctx.clock ? { clock: inv.ctx.clock } : {});
    const server = await serveVirtualToken({ socketPath, token });
    inv.ctx.stderr.write(`keyslot: ${CLI_EN.serving({ state: statePath, socket: socketPath })}\n`);
    await (inv.ctx.waitForStop ?? untilSignal)();
    await server.close();
    inv.ctx.stderr.write(`keyslot: ${CLI_EN.stoppedServing}\n`);
  },
};

/** shimPath() with its compiler problem (no cc, no libc6-dev) as a one-line CLI error. */
function shimPathOrError(shimPath: () => string): string {
  try {
    return shimPath();
  } catch (e) {
    throw new CliError((e as Error).message, EXIT.unexpected);
  }
}

/** `keyslot virtual shim-path` (see its summary and details below). */
export const virtualShimPathCommand: Command = {
  path: ['virtual', 'shim-path'],
  summary: 'print the path of the hidapi shim library (built on first use)',
  usage: 'virtual shim-path',
  async run(inv) {
    if (inv.positionals.length) throw usage(CLI_EN.takesNoArguments({ command: 'virtual shim-path' }));
    const { shimPath } = await import('../device/index');
    say(inv, shimPathOrError(shimPath));
  },
};
