/**
 * `keyslot code QUERY` (issue 13): an exact name wins, else a case-insensitive part of a name;
 * several matches are listed and exit 2 unless --first; --json. Codes checked against oathtool.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { slotsForQuery } from '../../cli/cmd-code';
import { FakeClock } from '../support/fake-clock';
import { DEFAULT_PIN_ENV, runCli, tempStateFile } from '../support/cli';

const T = 1_704_110_410; // 2024-01-01T12:00:10Z, mid-step
const SECRETS: Record<string, string> = {
  GitHub: 'JBSWY3DPEHPK3PXP',
  'GitHub work': 'GEZDGNBVGY3TQOJQ',
  'GitLab:ann': 'MFRGGZDFMZTWQ2LK',
};

function oathtoolTotp(secret: string, unixSeconds: number): string {
  return execFileSync('oathtool', ['--totp', '-b', `--now=@${unixSeconds}`, secret], { encoding: 'utf8' }).trim();
}

describe('keyslot code', () => {
  const stateFile = tempStateFile();
  const clock = new FakeClock(T * 1000);
  before(async () => {
    let n = 1;
    for (const [name, secret] of Object.entries(SECRETS)) {
      const r = await runCli(['otp', 'set', `totp:${n++}`, '--name', name, '--secret', secret], {
        stateFile,
        clock,
        env: DEFAULT_PIN_ENV,
      });
      assert.equal(r.code, 0, r.stderr);
    }
  });

  it('prints the code of the exactly named slot even when longer names contain it', async () => {
    const r = await runCli(['code', 'GitHub'], { stateFile, clock });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${oathtoolTotp(SECRETS.GitHub, T)}\n`);
  });

  it('finds a slot by a part of its name, ignoring case', async () => {
    const r = await runCli(['code', 'ANN'], { stateFile, clock });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${oathtoolTotp(SECRETS['GitLab:ann'], T)}\n`);
  });

  it('lists several matches and exits 2, sending nothing for a code', async () => {
    const r = await runCli(['code', 'git'], { stateFile, clock });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, 'totp:1  GitHub\ntotp:2  GitHub work\ntotp:3  GitLab:ann\n');
    assert.equal(r.stderr, 'keyslot: "git" matches 3 slots. Write more of the name, or add --first.\n');
  });

  it('takes the first of several matches with --first', async () => {
    const r = await runCli(['code', 'git', '--first'], { stateFile, clock });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${oathtoolTotp(SECRETS.GitHub, T)}\n`);
  });

  it('speaks JSON for a code and for a list', async () => {
    const one = await runCli(['code', 'work', '--json'], { stateFile, clock });
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(JSON.parse(one.stdout), {
      slot: 'totp:2',
      name: 'GitHub work',
      code: oathtoolTotp(SECRETS['GitHub work'], T),
      digits: 6,
    });
    const many = await runCli(['code', 'hub', '--json'], { stateFile, clock });
    assert.equal(many.code, 2);
    assert.deepEqual(JSON.parse(many.stdout), {
      matches: [
        { slot: 'totp:1', name: 'GitHub' },
        { slot: 'totp:2', name: 'GitHub work' },
      ],
    });
  });

  it('says so when nothing matches', async () => {
    const r = await runCli(['code', 'mail'], { stateFile, clock });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^keyslot: No slot matches "mail"\. See keyslot otp list\.\n$/);
    assert.equal(r.stdout, '');
  });

  it('prefers the exact name as typed, then in any case, then parts of names', () => {
    const s = (name: string, index: number) => ({ slot: { kind: 'totp' as const, index }, name });
    const slots = [s('mail', 0), s('Mail', 1), s('Gmail', 2)];
    assert.deepEqual(
      slotsForQuery(slots, 'Mail').map((x) => x.name),
      ['Mail'],
    );
    assert.deepEqual(
      slotsForQuery(slots, 'MAIL').map((x) => x.name),
      ['mail', 'Mail'],
    );
    assert.deepEqual(
      slotsForQuery(slots, 'ail').map((x) => x.name),
      ['mail', 'Mail', 'Gmail'],
    );
  });
});
