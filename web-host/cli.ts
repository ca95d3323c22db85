/**
 * `npm run web -- [--device auto|hid|virtual[:STATEFILE]|virtual-nk3[:STATEFILE]]... [--port N] [--user-data DIR] [--screen-image FILE]`:
 * serves the built renderer with the app's services on 127.0.0.1 and prints the URL (with its
 * one-run token). `--screen-image` stands in for the screen in "Scan the screen" (a page cannot
 * capture the desktop by itself). `--device` may be given twice, a slot token and a virtual Nitrokey 3
 * (`virtual-nk3:FILE`), so both are plugged in at once (the move wizard).
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDeviceSpec, type DeviceSpec } from '../electron/services/discovery';
import { openVirtualNk3, parseNamedSpec, virtualNk3Opener } from '../electron/services/named-discovery';
import { escapeForTerminal, isDeviceError } from '../device/index';
import { startWebHost } from './host';

function usage(problem: string): never {
  console.error(
    `${problem}\nUsage: npm run web -- [--device auto|hid|virtual[:STATEFILE]|virtual-nk3[:STATEFILE]]... [--port N] [--user-data DIR] [--screen-image FILE]`,
  );
  process.exit(2);
}

export function parseArgs(argv: string[]): {
  device: DeviceSpec;
  /** Virtual Nitrokey 3 state files (null: the default in the user-data folder). */
  nk3: (string | null)[];
  port: number;
  userDataDir: string;
  screenImage?: string;
} {
  let device: DeviceSpec = { kind: 'auto' };
  const nk3: (string | null)[] = [];
  let screenImage: string | undefined;
  let port = 0;
  let userDataDir = join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'keyslot');
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? usage(CLI_EN.needsValue({ option: flag }));
    if (flag === '--device') {
      const text = value();
      const named = parseNamedSpec(text);
      if (named) nk3.push(named.stateFile);
      else device = parseDeviceSpec(text) ?? usage(CLI_EN.webDeviceTakes);
    } else if (flag === '--port') {
      port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage(CLI_EN.portTakes);
    } else if (flag === '--user-data') userDataDir = value();
    else if (flag === '--screen-image') screenImage = value();
    else usage(CLI_EN.unknownOption({ option: flag }));
  }
  return { device, nk3, port, userDataDir, ...(screenImage ? { screenImage } : {}) };
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const { screenImage, nk3, ...args } = parseArgs(process.argv.slice(2));
const named = await Promise.all(
  nk3.map(async (file) => {
    const stateFile = file ?? join(args.userDataDir, 'virtual-nk3.json');
    return virtualNk3Opener(await openVirtualNk3(stateFile), stateFile);
  }),
);
// A damaged state file or a taken port is a sentence for the person, not a stack (issue 9 item 9).
const host = await startWebHost({
  ...args,
  ...(named.length ? { named } : {}),
  ...(screenImage
    ? {
        capture: {
          captureScreens: async () => [{ name: screenImage, encoded: new Uint8Array(await readFile(screenImage)) }],
        },
      }
    : {}),
  rendererDir: join(root, 'dist', 'app', 'renderer'),
  log: {
    info: () => undefined,
    warn: (m) => console.error(`warning: ${m}`),
    error: (m) => console.error(`error: ${m}`),
  },
}).catch((e: unknown) => {
  const words = isDeviceError(e) ? e.describe() : e instanceof Error ? e.message : String(e);
  console.error(`keyslot web host: ${escapeForTerminal(words)}`);
  process.exit(1);
});
console.log(
  `keyslot web host (for tests and machines without Electron) listening on 127.0.0.1 only.\nOpen: ${host.url}`,
);
const stop = async () => {
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
