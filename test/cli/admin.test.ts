import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PIN_ENV, runCli, tempStateFile } from '../support/cli';

const B32 = 'JBSWY3DPEHPK3PXP';

async function withOneSlot(): Promise<string> {
  const stateFile = tempStateFile();
  const r = await runCli(['otp', 'set', 'totp:1', '--name', 'keep', '--secret', B32], {
    stateFile,
    env: DEFAULT_PIN_ENV,
  });
  assert.equal(r.code, 0, r.stderr);
  return stateFile;
}

async function slotNames(stateFile: string): Promise<string[]> {
  const list = JSON.parse((await runCli(['otp', 'list', '--json'], { stateFile })).stdout) as { name?: string }[];
  return list.flatMap((s) => (s.name ? [s.name] : []));
}

describe('keyslot reset', () => {
  it('refuses without a terminal and without --yes, and keeps the slots', async () => {
    const stateFile = await withOneSlot();
    const r = await runCli(['reset'], { stateFile, env: DEFAULT_PIN_ENV });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /add --yes to go ahead/);
    assert.deepEqual(await slotNames(stateFile), ['keep']);
  });

  it('resets after "reset" is typed on a terminal', async () => {
    const stateFile = await withOneSlot();
    const r = await runCli(['reset'], { stateFile, input: ['reset', '12345678'] });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Type "reset" to go ahead: Admin PIN: /);
    assert.deepEqual(await slotNames(stateFile), []);
  });

  it('cancels on any other answer and changes nothing', async () => {
    const stateFile = await withOneSlot();
    const r = await runCli(['reset'], { stateFile, input: ['yes', '12345678'] });
    assert.equal(r.code, 6);
    assert.match(r.stderr, /keyslot: Cancelled; nothing was changed\.\n$/);
    assert.doesNotMatch(r.stderr, /Admin PIN:/);
    assert.deepEqual(await slotNames(stateFile), ['keep']);
  });

  it('resets with --yes and the PIN from the environment', async () => {
    const stateFile = await withOneSlot();
    const r = await runCli(['reset', '--yes'], { stateFile, env: DEFAULT_PIN_ENV });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await slotNames(stateFile), []);
  });
});

describe('keyslot pin', () => {
  it('changes the user PIN from the environment; the old PIN then fails', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(['pin', 'set', 'user'], {
      stateFile,
      env: { KEYSLOT_USER_PIN: '123456', KEYSLOT_NEW_PIN: '24681357' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'The user PIN is changed.\n');
    const old = await runCli(['pws', 'status'], { stateFile, env: { KEYSLOT_USER_PIN: '123456' } });
    assert.equal(old.code, 4);
    assert.match(old.stderr, /Wrong PIN\. 2 tries left before it locks\./);
  });

  it('asks for the new PIN twice and changes nothing when the two differ', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(['pin', 'set', 'admin'], { stateFile, input: ['12345678', 'abcdefgh', 'abcdefgX'] });
    assert.equal(r.code, 4);
    assert.match(
      r.stderr,
      /Admin PIN: New admin PIN: New admin PIN again: keyslot: The two new PINs differ; nothing was changed\./,
    );
    assert.equal(r.opens, 0);
    const ok = await runCli(['config', 'set', '--numlock', 'hotp:1'], { stateFile, env: DEFAULT_PIN_ENV });
    assert.equal(ok.code, 0, 'the old admin PIN still works');
  });

  it('refuses a new admin PIN shorter than 8 characters before sending it', async () => {
    const r = await runCli(['pin', 'set', 'admin'], {
      stateFile: tempStateFile(),
      env: { KEYSLOT_ADMIN_PIN: '12345678', KEYSLOT_NEW_PIN: '1234' },
    });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /too short: the card needs at least 8 characters/);
  });

  it('unlocks a locked user PIN with the admin PIN', async () => {
    const stateFile = tempStateFile();
    for (let i = 0; i < 3; i++) await runCli(['pws', 'status'], { stateFile, env: { KEYSLOT_USER_PIN: '000000' } });
    const status = JSON.parse((await runCli(['status', '--json'], { stateFile })).stdout);
    assert.equal(status.userRetries, 0);
    const r = await runCli(['pin', 'unlock'], {
      stateFile,
      env: { KEYSLOT_ADMIN_PIN: '12345678', KEYSLOT_NEW_PIN: '654321' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse((await runCli(['status', '--json'], { stateFile })).stdout).userRetries, 3);
  });
});

describe('keyslot status and config', () => {
  it('shows a virtual token as virtual, in text and JSON', async () => {
    const stateFile = tempStateFile();
    const text = await runCli(['status'], { stateFile });
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      new RegExp(`^model: +Nitrokey Pro \\(virtual, ${stateFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)\n`),
    );
    assert.match(text.stdout, /\nadmin PIN: +3 tries left\nuser PIN: +3 tries left\n/);
    const json = JSON.parse((await runCli(['status', '--json'], { stateFile })).stdout);
    assert.deepEqual(Object.keys(json).sort(), [
      'adminRetries',
      'config',
      'firmware',
      'isVirtual',
      'maxSecretBytes',
      'model',
      'modelName',
      'path',
      'serial',
      'userRetries',
    ]);
    assert.equal(json.isVirtual, true);
    assert.equal(json.model, 'pro');
    assert.match(json.serial, /^[0-9a-f]{8}$/);
    assert.match(json.firmware, /^0\.\d+$/);
  });

  it('creates a virtual Storage when KEYSLOT_VIRTUAL_MODEL says so', async () => {
    const r = await runCli(['status', '--json'], {
      stateFile: tempStateFile(),
      env: { KEYSLOT_VIRTUAL_MODEL: 'storage' },
    });
    assert.equal(JSON.parse(r.stdout).model, 'storage');
  });

  it('writes config changes and reads them back', async () => {
    const stateFile = tempStateFile();
    const set = await runCli(['config', 'set', '--numlock', 'hotp:2', '--otp-pin', 'on'], {
      stateFile,
      env: DEFAULT_PIN_ENV,
    });
    assert.equal(set.code, 0, set.stderr);
    const json = JSON.parse((await runCli(['config', 'get', '--json'], { stateFile })).stdout);
    assert.deepEqual(json, { otpPin: true, numlock: 'hotp:2', capslock: null, scrolllock: null });
  });

  it('refuses a lock key that is not a HOTP slot before asking for the PIN', async () => {
    const r = await runCli(['config', 'set', '--capslock', 'totp:1'], {
      stateFile: tempStateFile(),
      input: ['12345678'],
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--capslock takes hotp:1 to hotp:3 or off, not "totp:1"\./);
    assert.equal(r.opens, 0);
  });
});
