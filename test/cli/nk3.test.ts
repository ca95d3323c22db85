/**
 * The keyslot CLI on a Nitrokey 3 (issue 11): every command on the virtual Nitrokey 3 in process
 * (`--device virtual-nk3:FILE`, real CTAPHID framing), codes checked against oathtool, limits refused
 * before anything is sent, the PIN's tries left, touches announced, and a refused touch as its own error.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { run as runKeyslot } from '../../cli/run';
import { NameSession, Nk3Session, VirtualNk3, openSession } from '../../device/index';
import { runCli, tempStateFile, type CliOptions } from '../support/cli';
import { FakeClock } from '../support/fake-clock';
import { run } from '../support/nitrocli';

const T = Date.UTC(2024, 0, 1, 12, 0, 10) / 1000;
const RFC = '12345678901234567890';
const RFC_HEX = Buffer.from(RFC).toString('hex');
const RFC256_HEX = Buffer.from('12345678901234567890123456789012').toString('hex');

async function oathtool(hex: string, o: { mode?: string; period?: number; digits?: number; counter?: number }) {
  const args =
    o.counter === undefined
      ? [`--totp=${o.mode ?? 'sha1'}`, `--time-step-size=${o.period ?? 30}s`, '-N', `@${T}`]
      : ['--hotp', '-c', String(o.counter)];
  const r = await run('oathtool', [...args, '-d', String(o.digits ?? 6), hex]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

function nk3(file = tempStateFile()) {
  const k = (argv: string[], opts: CliOptions = {}) => runCli(['--device', `virtual-nk3:${file}`, ...argv], opts);
  return { file, k };
}

const credentials = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')) as { credentials: { label: string }[] }).credentials.length;

describe('keyslot on a Nitrokey 3 (virtual, in process)', () => {
  it('status tells model, firmware, serial, PIN and credential count', async () => {
    const { k } = nk3();
    const r = await k(['status']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^model: {7}Nitrokey 3 \(virtual, .*\)\nserial: {6}[0-9A-F]{8}\n/);
    assert.match(r.stdout, /firmware: {4}Secrets app 4\.14\.0\nPIN: {9}not set \(keyslot pin set sets one\)\n/);
    assert.match(r.stdout, /credentials: 0 of 50\n$/);
  });

  it('otp set and otp get by name give oathtool’s codes (SHA1 and SHA256, 6 and 8 digits, 30 and 60 s, HOTP)', async () => {
    const { k } = nk3();
    const sets: [string[], Promise<string>, string][] = [
      [['GitHub:alice', '--hex', RFC_HEX], oathtool(RFC_HEX, {}), 'GitHub:alice'],
      [
        ['Bank:bob', '--hex', RFC256_HEX, '--algorithm', 'SHA256', '--digits', '8', '--period', '60'],
        oathtool(RFC256_HEX, { mode: 'sha256', period: 60, digits: 8 }),
        '60/Bank:bob',
      ],
      [['Hot', '--hex', RFC_HEX, '--kind', 'hotp', '--counter', '5'], oathtool(RFC_HEX, { counter: 5 }), 'Hot'],
    ];
    for (const [args, , name] of sets) {
      const r = await k(['otp', 'set', ...args]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Wrote "${name.replace('/', '\\/')}"`));
    }
    for (const [, want, name] of sets) {
      const r = await k(['otp', 'get', name]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), await want, name);
    }
    const list = await k(['otp', 'list', '--json']);
    assert.deepEqual(
      (JSON.parse(list.stdout) as { name: string; period?: number }[]).map((c) => [c.name, c.period]).sort(),
      [
        ['60/Bank:bob', 60],
        ['GitHub:alice', 30],
        ['Hot', undefined],
      ],
    );
    // A name matched without case, and code QUERY by part of a name.
    assert.equal((await k(['otp', 'get', 'github:ALICE'])).stdout.trim(), await sets[0][1]);
    assert.equal((await k(['code', 'bank'])).stdout.trim(), await sets[1][1]);
  });

  it('a period other than 30 s is kept as a P/ prefix, with the note about other apps', async () => {
    const { k } = nk3();
    const r = await k(['otp', 'set', 'Slow', '--secret', 'JBSWY3DPEHPK3PXP', '--period', '60']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /keeps 60 s in the name as "60\/Slow".*nitropy and the Nitrokey app compute every credential with 30 s/,
    );
  });

  it('refuses SHA-512, 9 digits, an over-long name and a full store before anything is sent', async () => {
    const { file, k } = nk3();
    await k(['status']);
    const cases: [string[], RegExp][] = [
      [['X', '--hex', RFC_HEX, '--algorithm', 'SHA512'], /SHA-1 and SHA-256 only/],
      [['X', '--hex', RFC_HEX, '--digits', '9'], /6, 7 or 8 digits/],
      [['X'.repeat(129), '--hex', RFC_HEX], /name is too long/],
      [['X', '--uri', `otpauth://totp/X?secret=GEZDGNBV&algorithm=SHA512`], /SHA-1 and SHA-256 only/],
    ];
    for (const [args, words] of cases) {
      const r = await k(['otp', 'set', ...args]);
      assert.equal(r.code, 2, `${args[0].slice(0, 5)}: ${r.stderr}`);
      assert.match(r.stderr, words);
    }
    assert.equal(credentials(file), 0);
    // Fill the store through the session, then one more is refused before PUT.
    const s = await openSession(`virtual-nk3:${file}`, {});
    for (let i = 0; i < 50; i++) await s.writeCredential({ name: `n${i}`, kind: 'totp', secret: Buffer.from(RFC) });
    await s.close();
    const full = await k(['otp', 'set', 'one-more', '--hex', RFC_HEX]);
    assert.equal(full.code, 5, full.stderr);
    assert.match(full.stderr, /holds 50 credentials, as many as it can/);
    assert.equal(credentials(file), 50);
  });

  it('pin set sets the first PIN, then a wrong one is refused with tries left and never retried', async () => {
    const { k } = nk3();
    const first = await k(['pin', 'set'], { env: { KEYSLOT_NEW_PIN: 'first-pin' } });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, 'The PIN is set.\n');
    assert.match(first.stderr, /Touch your Nitrokey 3\./);
    const wrong = await k(['pin', 'set'], { env: { KEYSLOT_PIN: 'nope', KEYSLOT_NEW_PIN: 'x' } });
    assert.equal(wrong.code, 4);
    assert.match(wrong.stderr, /keyslot: Wrong PIN\. 7 tries left before it locks\.\n$/);
    assert.match((await k(['status'])).stdout, /PIN: {9}set, 7 tries left/);
    const change = await k(['pin', 'set'], { env: { KEYSLOT_PIN: 'first-pin', KEYSLOT_NEW_PIN: 'second-pin' } });
    assert.equal(change.stdout, 'The PIN is changed.\n');
    assert.match((await k(['status'])).stdout, /PIN: {9}set, 8 tries left/);
  });

  it('lists PIN-protected credentials only with the PIN, and computes their codes with it', async () => {
    const { k } = nk3();
    await k(['pin', 'set'], { env: { KEYSLOT_NEW_PIN: '123456' } });
    const env = { KEYSLOT_PIN: '123456' };
    assert.equal((await k(['otp', 'set', 'Open', '--hex', RFC_HEX])).code, 0);
    const set = await k(['otp', 'set', 'Secret', '--hex', RFC_HEX, '--pin-protected'], { env });
    assert.equal(set.code, 0, set.stderr);
    assert.doesNotMatch((await k(['otp', 'list'])).stdout, /Secret/);
    assert.match((await k(['otp', 'list'], { env })).stdout, /Secret +totp +SHA1 +every 30 s +PIN/);
    const code = await k(['otp', 'get', 'Secret'], { env });
    assert.equal(code.stdout.trim(), await oathtool(RFC_HEX, {}));
    const noPin = await k(['otp', 'get', 'Secret']);
    assert.equal(noPin.code, 4);
    assert.match(noPin.stderr, /The PIN is needed\. Set KEYSLOT_PIN/);
  });

  it('KEYSLOT_LOG=traffic logs each APDU by name and status word, never a PIN or its length', async () => {
    const { k } = nk3();
    await k(['pin', 'set'], { env: { KEYSLOT_NEW_PIN: 'traffic-pin-1234' } });
    const env = { KEYSLOT_PIN: 'traffic-pin-1234', KEYSLOT_LOG: 'traffic' };
    await k(['otp', 'set', 'Shy', '--hex', RFC_HEX, '--pin-protected'], { env });
    const r = await k(['otp', 'get', 'Shy'], { env });
    assert.equal(r.stdout.trim(), await oathtool(RFC_HEX, {}));
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('keyslot: traffic'));
    assert.deepEqual(
      lines.map((l) => l.split(' ').slice(2, 6).join(' ')),
      ['CALCULATE 20 B 6a82', 'SELECT 12 B 9000', 'VERIFY_PIN 0 B 9000', 'CALCULATE 20 B 9000'],
    );
    assert.doesNotMatch(r.stderr, /traffic-pin|7472616666/);
  });

  it('pws set, list, get and erase: login, password and comment; a password-only credential', async () => {
    const { k } = nk3();
    const pw = { KEYSLOT_PWS_PASSWORD: 'hunter2' };
    assert.equal((await k(['otp', 'set', 'Mail', '--hex', RFC_HEX])).code, 0);
    assert.equal((await k(['pws', 'set', 'Mail', '--login', 'bob', '--comment', 'work'], { env: pw })).code, 0);
    assert.equal((await k(['pws', 'set', 'Wifi', '--login', 'home'], { env: pw })).code, 0);
    assert.equal((await k(['pws', 'list'])).stdout, 'Mail  bob\nWifi  home\n');
    assert.equal(
      (await k(['pws', 'get', 'Mail'])).stdout,
      'name:     Mail\nlogin:    bob\npassword: hunter2\ncomment:  work\n',
    );
    assert.equal((await k(['pws', 'get', 'Wifi', '--password'])).stdout, 'hunter2\n');
    assert.equal((await k(['otp', 'list', '--json'])).stdout.includes('"kind": "password"'), true);
    assert.equal((await k(['pws', 'erase', 'Wifi'])).code, 0);
    assert.equal((await k(['pws', 'erase', 'Mail'])).code, 0);
    assert.equal((await k(['pws', 'list'])).stdout, 'No credential has password fields.\n');
    // The OTP part of Mail stays.
    assert.equal((await k(['otp', 'get', 'Mail'])).stdout.trim(), await oathtool(RFC_HEX, {}));
  });

  it('otp add verifies the credential it wrote and shows the code; a backup restores to a fresh Nitrokey 3', async () => {
    const { k } = nk3();
    const backup = `${tempStateFile()}.kbk`;
    const env = { KEYSLOT_BACKUP_PASSWORD: 'correct horse' };
    const uri = `otpauth://totp/ACME:carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&digits=8`;
    const add = await k(['otp', 'add', '--uri', uri, '--backup', backup], { env });
    assert.equal(add.code, 0, add.stderr);
    const code = await oathtool(RFC_HEX, { digits: 8 });
    assert.match(add.stdout, /Wrote "ACME:carol" and checked it: the token's code matches the secret\./);
    assert.match(add.stdout, new RegExp(`Type this code into the site: ${code} \\(valid for 20 s more\\)`));
    const spare = nk3();
    const restore = await spare.k(['backup', 'restore', backup, '--yes'], { env });
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /Wrote "ACME:carol" and checked it/);
    assert.equal((await spare.k(['otp', 'get', 'ACME:carol'])).stdout.trim(), code);
    const again = await spare.k(['backup', 'restore', backup, '--yes'], { env });
    assert.match(again.stdout, /Already on this token, not written: "ACME:carol"/);
  });

  it('otp erase and reset need a touch, said on stderr before sending', async () => {
    const { file, k } = nk3();
    await k(['otp', 'set', 'Gone', '--hex', RFC_HEX]);
    const erase = await k(['otp', 'erase', 'Gone']);
    assert.equal(erase.code, 0, erase.stderr);
    assert.equal(erase.stderr, 'keyslot: Touch your Nitrokey 3.\n');
    await k(['otp', 'set', 'Again', '--hex', RFC_HEX]);
    const reset = await k(['reset', '--yes']);
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal(reset.stderr, 'keyslot: Touch your Nitrokey 3.\n');
    assert.equal(credentials(file), 0);
  });

  it('a refused touch is its own error, and a slot-only command says a Nitrokey 3 has no such thing', async () => {
    const device = VirtualNk3.create({ policy: 'reject' });
    let stderr = '';
    const code = await runKeyslot(['--device', 'nk3', 'otp', 'set', 'T', '--hex', RFC_HEX, '--touch'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: new PassThrough(),
      env: {},
      isTTY: false,
      clock: new FakeClock(T * 1000),
      openSession: async (_spec, o) =>
        new NameSession(new Nk3Session(await device.openCtaphid(), { onTouchNeeded: o.onTouchNeeded }), {
          model: 'nk3',
          path: 'test',
          isVirtual: true,
          serialNumber: '',
        }),
    });
    // A credential with the touch flag needs a touch to be written too (§7); the button refuses.
    assert.equal(code, 5);
    assert.match(
      stderr,
      /^keyslot: Touch your Nitrokey 3\.\nkeyslot: The Nitrokey 3 was not touched in time \(or the touch was refused\)/,
    );
    assert.equal(device.touch.requests, 1);
    const slotOnly = await nk3().k(['time', 'set']);
    assert.equal(slotOnly.code, 5);
    assert.match(slotOnly.stderr, /This command is for tokens with OTP slots/);
  });
});
