import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultVirtualStateFile, openToken, parseDeviceSpec, virtualProfileFromEnv } from '../../device/connect';
import { DeviceError } from '../../device/errors';

describe('parseDeviceSpec', () => {
  it('reads the four forms of --device', () => {
    assert.deepEqual(parseDeviceSpec('auto'), { mode: 'auto' });
    assert.deepEqual(parseDeviceSpec('hid'), { mode: 'hid' });
    assert.deepEqual(parseDeviceSpec('virtual'), { mode: 'virtual' });
    assert.deepEqual(parseDeviceSpec('virtual:/tmp/a:b.json'), { mode: 'virtual', file: '/tmp/a:b.json' });
  });
  it('refuses anything else with bad-input', () => {
    for (const spec of ['', 'virtual:', 'HID', 'usb']) {
      assert.throws(
        () => parseDeviceSpec(spec),
        (e: unknown) => e instanceof DeviceError && e.code === 'bad-input',
        spec,
      );
    }
  });
});

describe('defaultVirtualStateFile', () => {
  it('uses $XDG_CONFIG_HOME/keyslot/virtual-token.json', () => {
    assert.equal(
      defaultVirtualStateFile({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' }),
      '/x/cfg/keyslot/virtual-token.json',
    );
  });
  it('falls back to ~/.config', () => {
    assert.equal(defaultVirtualStateFile({ HOME: '/home/u' }), '/home/u/.config/keyslot/virtual-token.json');
  });
});

describe('virtualProfileFromEnv', () => {
  it('defaults to a Pro with the emulator default firmware', () => {
    assert.deepEqual(virtualProfileFromEnv({}), { model: 'pro' });
  });
  it('reads model and firmware', () => {
    assert.deepEqual(virtualProfileFromEnv({ KEYSLOT_VIRTUAL_MODEL: 'storage', KEYSLOT_VIRTUAL_FIRMWARE: '0.53' }), {
      model: 'storage',
      firmwareMinor: 53,
    });
  });
  it('refuses a firmware that is not 0.N', () => {
    assert.throws(
      () => virtualProfileFromEnv({ KEYSLOT_VIRTUAL_FIRMWARE: '1.2' }),
      /KEYSLOT_VIRTUAL_FIRMWARE takes a version such as 0\.15, not "1\.2"/,
    );
  });
});

describe('openToken virtual', () => {
  it('creates the default state file under XDG_CONFIG_HOME, with the model and firmware from the environment', async () => {
    const config = mkdtempSync(join(tmpdir(), 'keyslot-xdg-'));
    const token = await openToken(
      'virtual',
      { XDG_CONFIG_HOME: config, KEYSLOT_VIRTUAL_MODEL: 'librem', KEYSLOT_VIRTUAL_FIRMWARE: '0.7' },
      { virtualLatency: 'none' },
    );
    try {
      assert.equal(token.model, 'librem');
      await token.ready();
      assert.equal(token.firmware.minor, 7);
      assert.equal(token.isLegacy, true);
      assert.equal(token.info.isVirtual, true);
      assert.ok(existsSync(join(config, 'keyslot', 'virtual-token.json')));
    } finally {
      await token.close();
    }
  });
});
