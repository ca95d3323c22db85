import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { DEFAULT_PIN_ENV, runCli, tempStateFile } from '../support/cli';

const B32 = 'JBSWY3DPEHPK3PXP';
const env = { ...DEFAULT_PIN_ENV, KEYSLOT_BACKUP_PASSWORD: 'pass phrase' };

async function slots(stateFile: string) {
  const r = await runCli(['otp', 'list', '--json'], { stateFile });
  return (JSON.parse(r.stdout) as { slot: string; isEmpty: boolean; name?: string }[])
    .filter((s) => !s.isEmpty)
    .map((s) => `${s.slot}=${s.name}`);
}

/** A backup with two accounts written through `otp add --backup`, and the token it filled. */
async function setup() {
  const stateFile = tempStateFile();
  const backup = join(dirname(stateFile), 'accounts.keyslot');
  for (const u of [
    `otpauth://totp/GitHub:octo?secret=${B32}&issuer=GitHub`,
    'otpauth://hotp/demo:alice?secret=GEZDGNBVGY3TQOJQ&counter=4&issuer=demo',
  ]) {
    const r = await runCli(['otp', 'add', '--uri', u, '--backup', backup], { stateFile, env });
    assert.equal(r.code, 0, r.stderr);
  }
  return { stateFile, backup };
}

describe('keyslot backup', () => {
  it('lists the accounts without their secrets', async () => {
    const { backup } = await setup();
    const r = await runCli(['backup', 'list', backup, '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.deepEqual(
      list.accounts.map((a: { name: string; slot: string }) => [a.name, a.slot]),
      [
        ['GitHub:octo', 'totp:1'],
        ['demo:alice', 'hotp:1'],
      ],
    );
    assert.ok(!r.stdout.includes(B32));
  });

  it('restores to a new token after the review, in the slots the accounts had, verifying each', async () => {
    const { backup } = await setup();
    const spare = tempStateFile();
    const r = await runCli(['backup', 'restore', backup, '--yes'], { stateFile: spare, env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Wrote totp:1 "GitHub:octo" and checked it/);
    assert.deepEqual(await slots(spare), ['hotp:1=demo:alice', 'totp:1=GitHub:octo']);
  });

  const BROKEN: [string, (text: string) => string, number, RegExp][] = [
    ['a wrong password', (t) => t, 4, /The password does not open this backup/],
    [
      'flipped ciphertext bytes',
      (t) => {
        const o = JSON.parse(t);
        const c = Buffer.from(o.ciphertext, 'base64');
        c[3] ^= 0xff;
        o.ciphertext = c.toString('base64');
        return JSON.stringify(o);
      },
      2,
      /the encrypted accounts were changed or damaged/,
    ],
    ['a truncated file', (t) => t.slice(0, Math.floor(t.length * 0.6)), 2, /The backup file is cut short/],
    ['a future version', (t) => t.replace('"version": 1', '"version": 7'), 2, /written by a newer keyslot/],
  ];
  for (const [what, change, code, message] of BROKEN) {
    it(`restores nothing from ${what}, with its own message`, async () => {
      const { backup } = await setup();
      writeFileSync(backup, change(readFileSync(backup, 'utf8')));
      const spare = tempStateFile();
      const r = await runCli(['backup', 'restore', backup, '--yes'], {
        stateFile: spare,
        env: what === 'a wrong password' ? { ...env, KEYSLOT_BACKUP_PASSWORD: 'nope' } : env,
      });
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, message);
      assert.deepEqual(await slots(spare), []);
    });
  }

  it('refuses to restore more accounts than the token has free slots, writing nothing', async () => {
    const { stateFile, backup } = await setup();
    for (const n of [2, 3])
      await runCli(['otp', 'set', `hotp:${n}`, '--name', `h${n}`, '--secret', B32], { stateFile, env });
    const r = await runCli(['backup', 'restore', backup, '--yes'], { stateFile, env });
    assert.equal(r.code, 5);
    assert.match(r.stderr, /1 HOTP account but no free HOTP slots/);
    assert.deepEqual(await slots(stateFile), ['hotp:1=demo:alice', 'hotp:2=h2', 'hotp:3=h3', 'totp:1=GitHub:octo']);
  });

  it('leaves out, and names, the accounts the token holds already; an HOTP slot of the same name is not asked for a code', async () => {
    const { stateFile, backup } = await setup();
    const counter = async () =>
      (
        JSON.parse((await runCli(['otp', 'list', '--json'], { stateFile })).stdout) as {
          slot: string;
          counter?: string;
        }[]
      ).find((s) => s.slot === 'hotp:1')?.counter;
    const before = await counter();
    assert.equal(before, '5', 'otp add checked the slot with one step');
    const r = await runCli(['backup', 'restore', backup, '--yes'], { stateFile, env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Already on this token, not written \(1\):\n  totp:1  "GitHub:octo"\s+GitHub: octo/);
    assert.match(
      r.stdout,
      /Note: hotp:1 is already called "demo:alice". HOTP slots cannot be compared without using up a code/,
    );
    assert.doesNotMatch(r.stdout, /"demo:alice"; select slots/, 'one note for the HOTP name, not two');
    assert.match(r.stdout, /Restored 1 account; 1 was on the token already\./);
    assert.deepEqual(await slots(stateFile), ['hotp:1=demo:alice', 'hotp:2=demo:alice', 'totp:1=GitHub:octo']);
    assert.equal(await counter(), before, 'the HOTP slot already there kept its counter');
  });

  it('writes nothing when a backup is restored a second time, and says every account is there already', async () => {
    const dir = dirname(tempStateFile());
    const file = join(dir, 'totp.keyslot');
    const made = await runCli(
      ['backup', 'create', file, '--uri', `otpauth://totp/GitHub:octo?secret=${B32}&issuer=GitHub`],
      { env },
    );
    assert.equal(made.code, 0, made.stderr);
    const spare = tempStateFile();
    assert.equal((await runCli(['backup', 'restore', file, '--yes'], { stateFile: spare, env })).code, 0);
    const again = await runCli(['backup', 'restore', file, '--yes'], { stateFile: spare, env });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Already on this token, not written \(1\):\n  totp:1  "GitHub:octo"/);
    assert.match(again.stdout, /Every account of the backup is on this token already; nothing was written\./);
    assert.doesNotMatch(again.stdout, /Wrote /);
    assert.deepEqual(await slots(spare), ['totp:1=GitHub:octo']);
  });

  it('creates a backup from a URI, asking the password twice on a terminal', async () => {
    const dir = dirname(tempStateFile());
    const file = join(dir, 'new.keyslot');
    const differ = await runCli(['backup', 'create', file, '--uri', `otpauth://totp/A:a?secret=${B32}`], {
      input: ['one', 'two'],
    });
    assert.equal(differ.code, 4);
    const r = await runCli(['backup', 'create', file, '--uri', `otpauth://totp/A:a?secret=${B32}`], {
      input: ['secret pw', 'secret pw'],
    });
    assert.equal(r.code, 0, r.stderr);
    const list = await runCli(['backup', 'list', file], { input: ['secret pw'] });
    assert.match(list.stdout, /A:a/);
  });

  it('writes a recovery sheet whose QR codes zbarimg reads back as the accounts', async () => {
    const { backup } = await setup();
    const out = join(dirname(backup), 'sheet.html');
    const r = await runCli(['backup', 'sheet', backup, '--out', out], { env });
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    const svgs = [...html.matchAll(/<svg[^>]*width="(\d+)"[^>]*>.*?<path d="([^"]+)"/g)];
    assert.equal(svgs.length, 2);
    const texts = svgs.map(([, size, path], i) => {
      // Paint the path's unit squares into a PNG; Debian's zbarimg (code we did not write) decodes it.
      const n = Number(size);
      const png = new PNG({ width: n, height: n });
      png.data.fill(255);
      for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
        const [x, y, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
        for (let dy = 0; dy < s; dy++)
          for (let dx = 0; dx < s; dx++) png.data.fill(0, ((y + dy) * n + x + dx) * 4, ((y + dy) * n + x + dx) * 4 + 3);
      }
      const file = join(dirname(backup), `qr${i}.png`);
      writeFileSync(file, PNG.sync.write(png));
      return execFileSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8' }).trim();
    });
    assert.deepEqual(texts, [
      `otpauth://totp/GitHub:octo?secret=${B32}&issuer=GitHub&algorithm=SHA1&digits=6&period=30`,
      'otpauth://hotp/demo:alice?secret=GEZDGNBVGY3TQOJQ&issuer=demo&algorithm=SHA1&digits=6&counter=4',
    ]);
  });
});
