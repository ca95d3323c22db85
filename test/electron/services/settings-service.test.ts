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
