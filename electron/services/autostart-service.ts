/**
 * "Start at login" (issue 13). macOS and Windows: Electron's login item
 * (app.setLoginItemSettings, handed in as a port). Linux and the BSDs: an XDG autostart entry,
 * `$XDG_CONFIG_HOME/autostart/keyslot.desktop` (Desktop Application Autostart Specification;
 * the file follows the Desktop Entry Specification), written or removed here through an injected
 * file system so tests need no home folder.
 */
import { join } from 'node:path';

/** The few file operations the service needs (node:fs/promises in the app). */
export interface AutostartFs {
  mkdir(path: string, opts: { recursive: true }): Promise<unknown>;
  writeFile(path: string, text: string): Promise<void>;
  rm(path: string, opts: { force: true }): Promise<void>;
}

export interface AutostartDeps {
  /** Node's process.platform. */
  platform: string;
  fs: AutostartFs;
  /** $XDG_CONFIG_HOME, or ~/.config where it is unset. */
  configHome: string;
  /** The program and arguments that start keyslot (Electron's binary, plus main.mjs when unpackaged). */
  command: { path: string; args: string[] };
  /** Electron's app.setLoginItemSettings where the system has login items (macOS, Windows). */
  setLoginItem?: (isOn: boolean) => void;
}

/** The entry's file name; matches the app's desktop id. */
export const AUTOSTART_FILE = 'keyslot.desktop';

/** Characters that make an Exec argument need quoting (Desktop Entry Specification, "The Exec key"). */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/** One Exec argument: quoted where needed (`"`, `` ` ``, `$`, `\` escaped), `%` doubled, then string-escaped. */
export function execArgument(arg: string): string {
  let quoted = arg.replace(/%/g, '%%');
  if (arg === '' || RESERVED.test(arg)) quoted = `"${quoted.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  // The general string escape applies before the quoting rule is read: a backslash is written twice.
  return quoted.replace(/\\/g, '\\\\');
}

/** The autostart entry for `command`. */
export function desktopEntry(command: { path: string; args: string[] }): string {
  const exec = [command.path, ...command.args].map(execArgument).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=keyslot',
    'Comment=One-time passwords from your Nitrokey',
    `Exec=${exec}`,
    'Icon=keyslot',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export class AutostartService {
  constructor(private readonly deps: AutostartDeps) {}

  /** Where the Linux entry lives. */
  get entryPath(): string {
    return join(this.deps.configHome, 'autostart', AUTOSTART_FILE);
  }

  /** Turns starting at login on or off. */
  async apply(isOn: boolean): Promise<void> {
    if (this.deps.setLoginItem && (this.deps.platform === 'darwin' || this.deps.platform === 'win32')) {
      this.deps.setLoginItem(isOn);
      return;
    }
    if (isOn) {
      await this.deps.fs.mkdir(join(this.deps.configHome, 'autostart'), { recursive: true });
      await this.deps.fs.writeFile(this.entryPath, desktopEntry(this.deps.command));
    } else {
      await this.deps.fs.rm(this.entryPath, { force: true });
    }
  }
}
