/**
 * Start at login (issue 13): an XDG autostart entry on Linux (Desktop Entry Specification, the
 * Exec key's quoting), Electron's login item on macOS and Windows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AutostartService,
  desktopEntry,
  execArgument,
  type AutostartFs,
} from '../../../electron/services/autostart-service';

class MemoryFs implements AutostartFs {
  files = new Map<string, string>();
  dirs = new Set<string>();
  async mkdir(path: string) {
    this.dirs.add(path);
  }
  async writeFile(path: string, text: string) {
    this.files.set(path, text);
  }
  async rm(path: string) {
    this.files.delete(path);
  }
}

const command = { path: '/opt/key slot/electron', args: ['/opt/key slot/main.mjs'] };

describe('start at login', () => {
  it('writes an XDG autostart entry on Linux and removes it again', async () => {
    const fs = new MemoryFs();
    const loginItems: boolean[] = [];
    const s = new AutostartService({
      platform: 'linux',
      fs,
      configHome: '/home/ann/.config',
      command,
      setLoginItem: (on) => loginItems.push(on),
    });
    await s.apply(true);
    assert.ok(fs.dirs.has('/home/ann/.config/autostart'));
    const text = fs.files.get('/home/ann/.config/autostart/keyslot.desktop');
    assert.ok(text);
    assert.match(text, /^\[Desktop Entry\]\nType=Application\nName=keyslot\n/);
    assert.match(text, /\nExec="\/opt\/key slot\/electron" "\/opt\/key slot\/main.mjs"\n/);
    assert.deepEqual(loginItems, [], 'no login item on Linux');
    await s.apply(false);
    assert.equal(fs.files.size, 0);
  });

  it('uses the login item on macOS and Windows', async () => {
    for (const platform of ['darwin', 'win32']) {
      const fs = new MemoryFs();
      const loginItems: boolean[] = [];
      const s = new AutostartService({
        platform,
        fs,
        configHome: '/x',
        command,
        setLoginItem: (on) => loginItems.push(on),
      });
      await s.apply(true);
      await s.apply(false);
      assert.deepEqual(loginItems, [true, false], platform);
      assert.equal(fs.files.size, 0, platform);
    }
  });

  it('quotes Exec arguments as the Desktop Entry Specification asks', () => {
    assert.equal(execArgument('/usr/bin/keyslot'), '/usr/bin/keyslot');
    assert.equal(execArgument('100%'), '100%%');
    // Quoted: `"`, backquote, `$` and backslash get a backslash; then the string escape doubles backslashes.
    assert.equal(execArgument('a"b'), '"a\\\\"b"');
    assert.equal(execArgument('$HOME'), '"\\\\$HOME"');
    assert.equal(execArgument('C:\\x y'), '"C:\\\\\\\\x y"');
    assert.equal(execArgument(''), '""');
  });

  it('makes a complete entry', () => {
    assert.equal(
      desktopEntry({ path: '/usr/bin/keyslot', args: [] }),
      '[Desktop Entry]\nType=Application\nName=keyslot\nComment=One-time passwords from your Nitrokey\nExec=/usr/bin/keyslot\nIcon=keyslot\nTerminal=false\nX-GNOME-Autostart-enabled=true\n',
    );
  });
});
