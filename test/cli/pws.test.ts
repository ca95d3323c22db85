import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PIN_ENV, runCli, tempStateFile } from '../support/cli';

const env = { ...DEFAULT_PIN_ENV, KEYSLOT_PWS_PASSWORD: 'hunter2' };

describe('keyslot pws', () => {
  it('tells to run keyslot pws init while the safe has no key', async () => {
    const r = await runCli(['pws', 'status'], { stateFile: tempStateFile(), env });
    assert.equal(r.code, 5);
    assert.match(r.stderr, /^keyslot: The password safe has no key yet\..*\(keyslot pws init\)\.\n$/);
  });

  it('refuses pws init without a terminal unless --yes is given', async () => {
    const r = await runCli(['pws', 'init'], { stateFile: tempStateFile(), env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /destroys every password safe entry\. Not a terminal, so keyslot cannot ask: add --yes/);
    assert.equal(r.opens, 0);
  });

  it('writes, lists, reads and erases an entry', async () => {
    const stateFile = tempStateFile();
    assert.equal((await runCli(['pws', 'init', '--yes'], { stateFile, env })).code, 0);
    const set = await runCli(['pws', 'set', '3', '--name', 'mail', '--login', 'me@example.com'], { stateFile, env });
    assert.equal(set.code, 0, set.stderr);
    assert.ok(!set.stdout.includes('hunter2') && !set.stderr.includes('hunter2'), 'the password is not echoed');

    assert.deepEqual(JSON.parse((await runCli(['pws', 'status', '--json'], { stateFile, env })).stdout), {
      entries: 16,
      used: [3],
    });
    assert.deepEqual(JSON.parse((await runCli(['pws', 'list', '--json'], { stateFile, env })).stdout), [
      { entry: 3, name: 'mail', login: 'me@example.com' },
    ]);
    const list = await runCli(['pws', 'list'], { stateFile, env });
    assert.ok(!list.stdout.includes('hunter2'), 'list shows no passwords');
    assert.equal((await runCli(['pws', 'get', '3', '--password'], { stateFile, env })).stdout, 'hunter2\n');
    assert.equal((await runCli(['pws', 'get', '3', '--login'], { stateFile, env })).stdout, 'me@example.com\n');
    assert.deepEqual(JSON.parse((await runCli(['pws', 'get', '3', '--json'], { stateFile, env })).stdout), {
      entry: 3,
      name: 'mail',
      login: 'me@example.com',
      password: 'hunter2',
    });

    assert.equal((await runCli(['pws', 'erase', '3'], { stateFile, env })).code, 0);
    assert.deepEqual(JSON.parse((await runCli(['pws', 'status', '--json'], { stateFile, env })).stdout), {
      entries: 16,
      used: [],
    });
    const gone = await runCli(['pws', 'get', '3'], { stateFile, env });
    assert.equal(gone.code, 5);
    assert.match(gone.stderr, /This password safe entry is empty\./);
  });

  it('asks for the password twice on a terminal and refuses two different entries', async () => {
    const stateFile = tempStateFile();
    await runCli(['pws', 'init', '--yes'], { stateFile, env: DEFAULT_PIN_ENV });
    const r = await runCli(['pws', 'set', '1', '--name', 'x'], {
      stateFile,
      env: DEFAULT_PIN_ENV,
      input: ['secret1', 'secret2'],
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Password: Password again: keyslot: The two passwords differ; nothing was changed\./);
    assert.equal(r.opens, 0);
  });

  const TOO_LONG: [string, string[], Record<string, string>, RegExp][] = [
    [
      'a name of 12 bytes',
      ['--name', 'x'.repeat(12)],
      {},
      /The name has 12 bytes in UTF-8; the password safe stores at most 11\./,
    ],
    ['a login of 33 bytes', ['--name', 'x', '--login', 'l'.repeat(33)], {}, /The login has 33 bytes/],
    [
      'a password of 21 bytes',
      ['--name', 'x'],
      { KEYSLOT_PWS_PASSWORD: 'p'.repeat(21) },
      /The password has 21 bytes in UTF-8; the password safe stores at most 20\./,
    ],
  ];
  for (const [what, args, extra, problem] of TOO_LONG) {
    it(`refuses ${what} before opening the token`, async () => {
      const r = await runCli(['pws', 'set', '1', ...args], { stateFile: tempStateFile(), env: { ...env, ...extra } });
      assert.equal(r.code, 2);
      assert.match(r.stderr, problem);
      assert.equal(r.opens, 0);
    });
  }

  it('refuses entry numbers outside 1..16', async () => {
    for (const n of ['0', '17', 'x']) {
      const r = await runCli(['pws', 'get', n], { stateFile: tempStateFile(), env });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /numbered 1 to 16/);
    }
  });
});
