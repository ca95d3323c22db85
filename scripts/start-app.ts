/**
 * `npm start`: builds the app and starts it in Electron. When Electron's binary is missing (npm ci
 * does not download it), Electron's own installer (node_modules/electron/install.js, which fetches
 * it with @electron/get) is run first, within a time limit. Only when that fails (offline, a blocked
 * download, ELECTRON_SKIP_BINARY_DOWNLOAD) does the web host start instead: the same app served on
 * 127.0.0.1, with the reason said in one line, and the user's browser opened at its page.
 * Usage: npm start -- [--no-open] [--device auto|hid|virtual[:STATEFILE]]
 *   --no-open   do not open a browser for the web host (nor does CI=true or a Linux without a display)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** How long the reachability check of the download server may take, in ms. */
export const PROBE_TIMEOUT_MS = 5_000;
/** How long Electron's installer may take to download and unpack (about 100 MB), in ms. */
export const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** The folder of the installed electron package, or null. */
export function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron binary's path if the electron package in `dir` has it (path.txt and the file), else null. */
export function electronBinary(dir = electronPackageDir()): string | null {
  if (!dir) return null;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const duration = (ms: number) => (ms >= 60_000 ? `${ms / 60_000} min` : ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

const isSet = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

/** The server @electron/get downloads from (its mirror settings, else GitHub's releases). */
export function downloadOrigin(env: NodeJS.ProcessEnv): string {
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? env.npm_package_config_electron_mirror;
  try {
    return new URL(mirror ?? 'https://github.com/electron/electron/releases/download/').origin;
  } catch {
    return 'https://github.com';
  }
}

/** Resolves to null when `origin` answers an HTTP request at all (any status), else to why not. */
export async function probe(origin: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<string | null> {
  try {
    await fetch(origin, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return null;
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (e as Error).name === 'TimeoutError'
        ? `no answer in ${timeoutMs / 1000} s`
        : (cause?.code ?? cause?.message ?? (e as Error).message);
    return `${new URL(origin).host} cannot be reached: ${why}`;
  }
}

export interface InstallOptions {
  /** The electron package's folder (its install.js is run). */
  dir: string | null;
  env: NodeJS.ProcessEnv;
  /** Checks that the download server answers (default: {@link probe}); skipped behind a proxy. */
  probe?: (origin: string) => Promise<string | null>;
  timeoutMs?: number;
}

/**
 * Runs Electron's own installer for the package in `opts.dir`, unless the environment rules a
 * download out or the download server cannot be reached. Resolves to null once the binary is
 * there, else to why not in a few words (never throws).
 */
export async function installElectron(opts: InstallOptions): Promise<string | null> {
  const { dir, env } = opts;
  if (!dir) return 'the electron package is not installed (npm ci installs it)';
  if (isSet(env.ELECTRON_SKIP_BINARY_DOWNLOAD)) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  if (isSet(env.npm_config_offline)) return 'npm is set to work offline';
  const installer = join(dir, 'install.js');
  if (!existsSync(installer)) return 'the electron package has no installer';
  // Node's fetch does not use a proxy, @electron/get can: behind one only the time limit applies.
  const isProxied = ['ELECTRON_GET_USE_PROXY', 'HTTPS_PROXY', 'https_proxy', 'GLOBAL_AGENT_HTTPS_PROXY'].some((k) =>
    isSet(env[k]),
  );
  if (!isProxied) {
    const unreachable = await (opts.probe ?? probe)(downloadOrigin(env));
    if (unreachable) return unreachable;
  }
  const timeoutMs = opts.timeoutMs ?? INSTALL_TIMEOUT_MS;
  const child = spawn(process.execPath, [installer], { cwd: dir, env, stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4096)));
  const timer = setTimeout(() => child.kill(), timeoutMs);
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', (c) => resolve(c));
  });
  clearTimeout(timer);
  if (child.killed) return `its installer took longer than ${duration(timeoutMs)} and was stopped`;
  if (code === 0) return electronBinary(dir) ? null : 'its installer finished without the binary';
  const firstLine = stderr.split('\n').find((l) => l.trim() !== '');
  return `its installer failed${firstLine ? `: ${firstLine.trim()}` : ` (exit code ${code})`}`;
}

/** Why no browser should be opened here, or null: CI, or a Linux or BSD desktop without a display. */
export function noBrowserReason(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (isSet(env.CI)) return 'CI is set';
  const hasDisplay = platform === 'darwin' || platform === 'win32' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
  return hasDisplay ? null : 'no display: DISPLAY and WAYLAND_DISPLAY are not set';
}

/** Opens `url` in the user's browser with the system's opener; `onError` hears if that cannot start. */
export function openBrowser(url: string, platform: NodeJS.Platform, onError: (why: string) => void): void {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  // cmd's own quoting: start's first quoted word is a window title, and & would end the command.
  const child = spawn(command, args, {
    stdio: 'ignore',
    detached: true,
    windowsVerbatimArguments: platform === 'win32',
  });
  child.on('error', (e) => onError(`${command}: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
  child.unref();
}

/** What {@link startApp} does to the world; tests give fakes. */
export interface StartDeps {
  args: string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  say: (line: string) => void;
  /** Builds dist/app; resolves to the build's exit code. */
  build: () => number;
  findElectron: () => string | null;
  installElectron: () => Promise<string | null>;
  spawnElectron: (binary: string, args: string[]) => ChildProcess;
  /** Starts the web host with its stdout piped (it prints "Open: URL"). */
  spawnWebHost: (args: string[]) => ChildProcess;
  openBrowser: (url: string) => void;
}

/** Starts Electron or, failing that, the web host; resolves to the started child, or null if the build failed. */
export async function startApp(deps: StartDeps): Promise<ChildProcess | null> {
  const isOpenWanted = !deps.args.includes('--no-open');
  const args = deps.args.filter((a) => a !== '--no-open');
  if (deps.build() !== 0) return null;
  let binary = deps.findElectron();
  let why: string | null = null;
  if (!binary) {
    deps.say("Electron's binary is not installed yet; fetching it with Electron's installer (npx install-electron)…");
    why = await deps.installElectron();
    binary = why ? null : deps.findElectron();
  }
  if (binary) return deps.spawnElectron(binary, args);
  deps.say(
    `Electron could not be installed (${why ?? 'no binary after its installer'}), so keyslot runs in your browser instead: the same app, served on 127.0.0.1 only.`,
  );
  const host = deps.spawnWebHost(args);
  const notOpening = isOpenWanted ? noBrowserReason(deps.env, deps.platform) : '--no-open';
  let isOpened = false;
  createInterface({ input: host.stdout! }).on('line', (line) => {
    deps.say(line);
    const url = /^Open: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/.exec(line)?.[1];
    if (!url || isOpened) return;
    isOpened = true;
    if (notOpening) {
      if (isOpenWanted) deps.say(`Not opening a browser (${notOpening}): open the address above yourself.`);
    } else deps.openBrowser(url);
  });
  return host;
}

async function main(): Promise<void> {
  const dir = electronPackageDir();
  const say = (line: string) => console.log(line);
  const child = await startApp({
    args: process.argv.slice(2),
    env: process.env,
    platform: process.platform,
    say,
    build: () => spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-app.js')], { stdio: 'inherit' }).status ?? 1,
    findElectron: () => electronBinary(dir),
    installElectron: () => installElectron({ dir, env: process.env }),
    spawnElectron: (binary, args) =>
      spawn(binary, [join(ROOT, 'dist', 'app', 'main.mjs'), ...args], { stdio: 'inherit' }),
    spawnWebHost: (args) =>
      spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'web-host', 'cli.ts'), ...args], {
        stdio: ['inherit', 'pipe', 'inherit'],
      }),
    openBrowser: (url) =>
      openBrowser(url, process.platform, (why) =>
        say(`Could not open a browser (${why}): open the address above yourself.`),
      ),
  });
  if (!child) return void (process.exitCode = 1);
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
