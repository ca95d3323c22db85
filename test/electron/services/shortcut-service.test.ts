/** The quick picker's global shortcut (issue 13): accelerator checks and registration outcomes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ShortcutService,
  isUsableAccelerator,
  type GlobalShortcutPort,
} from '../../../electron/services/shortcut-service';

/** Electron's globalShortcut: `taken` combinations fail as when another program holds them. */
class FakeShortcuts implements GlobalShortcutPort {
  held = new Map<string, () => void>();
  constructor(private readonly taken: string[] = []) {}
  register(accelerator: string, onPress: () => void): boolean {
    if (this.taken.includes(accelerator)) return false;
    this.held.set(accelerator, onPress);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
}

const x11 = { isWayland: false, hasPortalFeature: false };
const on = (pickerShortcut: string) => ({ pickerShortcut, isPickerShortcutOn: true });

describe('quick picker shortcut', () => {
  it('takes modifiers and one key, and never a bare key or Shift alone', () => {
    for (const ok of ['Ctrl+Alt+K', 'CommandOrControl+Shift+P', 'Super+F12', 'Alt+Space', 'Ctrl+Alt+/'])
      assert.equal(isUsableAccelerator(ok), true, ok);
    for (const bad of ['K', 'Shift+K', 'Ctrl+', 'Ctrl+Alt', 'Ctrl+Ctrl+K', 'Hyper+K', 'Ctrl+KK', 'Ctrl+F25', ''])
      assert.equal(isUsableAccelerator(bad), false, bad);
  });

  it('registers the shortcut, and pressing it opens the picker', () => {
    const port = new FakeShortcuts();
    let opened = 0;
    const s = new ShortcutService(port, x11, () => opened++);
    assert.deepEqual(s.apply(on('Ctrl+Alt+K')), { accelerator: 'Ctrl+Alt+K', isRegistered: true });
    port.held.get('Ctrl+Alt+K')?.();
    assert.equal(opened, 1);
  });

  it('drops the old shortcut when the setting changes or is turned off', () => {
    const port = new FakeShortcuts();
    const s = new ShortcutService(port, x11, () => undefined);
    s.apply(on('Ctrl+Alt+K'));
    s.apply(on('Ctrl+Alt+J'));
    assert.deepEqual([...port.held.keys()], ['Ctrl+Alt+J']);
    assert.deepEqual(s.apply({ pickerShortcut: 'Ctrl+Alt+J', isPickerShortcutOn: false }), {
      accelerator: 'Ctrl+Alt+J',
      isRegistered: false,
      problem: 'off',
    });
    assert.equal(port.held.size, 0);
  });

  it('says why when it cannot register', () => {
    const problem = (port: GlobalShortcutPort | null, env = x11, acc = 'Ctrl+Alt+K') =>
      new ShortcutService(port, env, () => undefined).apply(on(acc)).problem;
    assert.equal(problem(new FakeShortcuts(['Ctrl+Alt+K'])), 'taken');
    assert.equal(problem(new FakeShortcuts(), x11, 'K'), 'invalid');
    assert.equal(problem(null), 'unsupported');
    assert.equal(problem(new FakeShortcuts(), { isWayland: true, hasPortalFeature: false }), 'wayland-no-portal');
    // With the portal feature, a refusal on Wayland is the portal's (or the desktop's) refusal.
    assert.equal(
      problem(new FakeShortcuts(['Ctrl+Alt+K']), { isWayland: true, hasPortalFeature: true }),
      'wayland-no-portal',
    );
    assert.equal(problem(new FakeShortcuts(), { isWayland: true, hasPortalFeature: true }), undefined);
    const throwing: GlobalShortcutPort = {
      register() {
        throw new Error('conversion failure');
      },
      unregister() {},
    };
    assert.equal(problem(throwing), 'invalid');
  });
});
