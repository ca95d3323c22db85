import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, SettingsService } from '../../../electron/services/settings-service';

function store(initial: string | null) {
  const s = { value: initial };
  return { s, port: { read: async () => s.value, write: async (t: string) => void (s.value = t) } };
}

describe('settings service', () => {
  it('starts from 30 s for codes and 60 s for passwords', async () => {
    const { port } = store(null);
    const loaded = await new SettingsService(port).load();
    assert.deepEqual([loaded.clearCodeAfterS, loaded.clearPasswordAfterS], [30, 60]);
  });

  it('saves a change and reads it back in a new service', async () => {
    const { port } = store(null);
    await new SettingsService(port).set({ clearCodeAfterS: 10, isCloseToTray: false });
    const again = await new SettingsService(port).load();
    assert.deepEqual({ ...again }, { ...DEFAULT_SETTINGS, clearCodeAfterS: 10, isCloseToTray: false });
  });

  it('falls back to the defaults for a damaged file or bad fields', async () => {
    assert.deepEqual(await new SettingsService(store('{not json').port).load(), DEFAULT_SETTINGS);
    const partly = await new SettingsService(store('{"clearCodeAfterS": -5, "language": "de"}').port).load();
    assert.deepEqual(partly, { ...DEFAULT_SETTINGS, language: 'de' });
  });

  it('starts with the quick picker on Ctrl+Alt+K, tray notices on, no start at login, nothing pinned (issue 13)', async () => {
    const loaded = await new SettingsService(store(null).port).load();
    assert.deepEqual(
      [
        loaded.pickerShortcut,
        loaded.isPickerShortcutOn,
        loaded.isTrayCopyNotified,
        loaded.isStartAtLogin,
        loaded.pinnedSlots,
      ],
      ['Ctrl+Alt+K', true, true, false, []],
    );
  });

  it('keeps pinned slots only in the SERIAL/KIND/INDEX form, and hands out a copy', async () => {
    const file = JSON.stringify({ pinnedSlots: ['072b8aa5/totp/0', '072b8aa5/hotp/2'] });
    const service = new SettingsService(store(file).port);
    assert.deepEqual((await service.load()).pinnedSlots, ['072b8aa5/totp/0', '072b8aa5/hotp/2']);
    service.get().pinnedSlots.push('072b8aa5/totp/1');
    assert.equal(service.get().pinnedSlots.length, 2, 'the caller’s copy is its own');
    const bad = JSON.stringify({ pinnedSlots: ['GitHub'], pickerShortcut: '' });
    assert.deepEqual(await new SettingsService(store(bad).port).load(), DEFAULT_SETTINGS);
    await assert.rejects(service.set({ pinnedSlots: ['../etc'] }), { code: 'bad-request' });
  });

  it('refuses a value out of range', async () => {
    const service = new SettingsService(store(null).port);
    await assert.rejects(service.set({ clearCodeAfterS: 99999 }), { code: 'bad-request' });
    assert.equal(service.get().clearCodeAfterS, 30);
  });

  it('tells listeners about a change', async () => {
    const service = new SettingsService(store(null).port);
    const seen: number[] = [];
    service.onChange((s) => seen.push(s.clearPasswordAfterS));
    await service.set({ clearPasswordAfterS: 5 });
    assert.deepEqual(seen, [5]);
  });
});
