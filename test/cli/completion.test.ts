/**
 * `keyslot --version`, `keyslot completion bash|zsh|fish` and the hidden `keyslot __complete`
 * they call. The scripts run in the real shells, with `keyslot` on PATH as this checkout's
 * bin/keyslot.js, against a virtual token holding a slot named "github".
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from '../../cli/run';
import { DEFAULT_PIN_ENV, runCli, tempStateFile } from '../support/cli';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOTP = Array.from({ length: 15 }, (_, i) => `totp:${i + 1}`);
const HOTP = ['hotp:1', 'hotp:2', 'hotp:3'];

const stateFile = tempStateFile();
const bin = mkdtempSync(join(tmpdir(), 'keyslot-completion-bin-'));
/** Where the fake `timeout` notes its arguments: the scripts bound each call to keyslot. */
const timeoutLog = join(bin, 'timeout.log');

before(async () => {
  const r = await runCli(['otp', 'set', 'totp:1', '--name', 'github', '--secret', 'JBSWY3DPEHPK3PXP'], {
    stateFile,
    env: DEFAULT_PIN_ENV,
  });
  assert.equal(r.code, 0, r.stderr);
  writeFileSync(
    join(bin, 'keyslot'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'keyslot.js')}" "$@"\n`,
  );
  // Coreutils' timeout would stop a keyslot that runs from source slowly on a loaded machine; this one
  // notes its limit and runs the command without one.
  writeFileSync(join(bin, 'timeout'), `#!/bin/sh\necho "$1" >> "${timeoutLog}"\nshift\nexec "$@"\n`);
  chmodSync(join(bin, 'keyslot'), 0o755);
  chmodSync(join(bin, 'timeout'), 0o755);
});

const script = async (shell: string) => (await runCli(['completion', shell])).stdout;
const shellEnv = () => ({ ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: bin });

/** The candidates bash's completion offers for `line` with the cursor at its end. */
async function bash(line: string): Promise<string[]> {
  // COMP_WORDS as bash splits the line: at blanks, and each colon a word of its own.
  const words = line.split(/\s+/).flatMap((w) => w.split(/(:)/).filter((p) => p !== ''));
  if (/\s$/.test(line)) words.push('');
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const setup = [
    await script('bash'),
    `COMP_LINE=${q(line)}; COMP_POINT=${line.length}`,
    `COMP_WORDS=(${words.map(q).join(' ')}); COMP_CWORD=${words.length - 1}`,
    '_keyslot',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const r = spawnSync('bash', ['-c', setup], { encoding: 'utf8', env: shellEnv(), cwd: bin });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l !== '');
}

const device = `--device virtual:${stateFile}`;

describe('keyslot --version', () => {
  it('prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, `keyslot ${version}\n`, '']);
    const viaBin = spawnSync(process.execPath, [join(ROOT, 'bin', 'keyslot.js'), '--version'], { encoding: 'utf8' });
    assert.deepEqual([viaBin.status, viaBin.stdout], [0, `keyslot ${version}\n`]);
  });
});

describe('keyslot completion', () => {
  it('lists completion in the help, and not the hidden __complete', async () => {
    const help = (await runCli(['--help'])).stdout;
    assert.match(help, /\n {2}completion +print the completion script/);
    assert.doesNotMatch(help, /__complete/);
  });

  it('refuses a shell it has no script for (exit 2)', async () => {
    const r = await runCli(['completion', 'tcsh']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /takes bash, zsh or fish, not "tcsh"/);
  });

  const CASES: [string, string, string[]][] = [
    ['the first word: command words, not __complete', 'keyslot ', ['status', 'otp', 'time', 'config', 'pin']],
    ["a group's subcommands", 'keyslot otp ', ['list', 'get', 'set', 'add', 'erase']],
    ['a partial word', 'keyslot ot', ['otp']],
    ["a command's options", 'keyslot otp set totp:2 --', ['--name', '--secret', '--hex', '--uri', '--digits']],
    ['an option with fixed values', 'keyslot config set --numlock ', [...HOTP, 'off']],
    ['a positional with fixed values', 'keyslot pin set ', ['admin', 'user']],
    ['the shells', 'keyslot completion ', ['bash', 'zsh', 'fish']],
    ['the devices', 'keyslot --device ', ['auto', 'hid', 'virtual', 'virtual:']],
    ['slots and the names on the token', `keyslot ${device} otp get `, [...TOTP, ...HOTP, 'github']],
    ['a name from its start', `keyslot ${device} otp get gi`, ['github']],
    [
      'a slot number after its colon (bash completes the part after it)',
      `keyslot ${device} otp erase hotp:`,
      ['1', '2', '3'],
    ],
  ];
  for (const [what, line, want] of CASES) {
    it(`bash: completes ${what}`, async () => {
      const got = await bash(line);
      for (const w of want) assert.ok(got.includes(w), `${w} missing from ${got.join(' ')}`);
      assert.ok(!got.includes('__complete'));
      if (what.includes('partial') || what.includes('name from')) assert.deepEqual(got, want);
    });
  }

  it('bash: completes file names where a command takes a FILE', async () => {
    writeFileSync(join(bin, 'accounts.backup'), '');
    assert.deepEqual(await bash('keyslot backup list acc'), ['accounts.backup']);
  });

  it('bash: bounds each call to keyslot with timeout, 2 s', async () => {
    writeFileSync(timeoutLog, '');
    await bash('keyslot otp ');
    assert.equal(readFileSync(timeoutLog, 'utf8'), '2\n');
  });

  it('bash: offers the static command words when keyslot cannot answer', async () => {
    const setup = `${await script('bash')}\nCOMP_LINE='keyslot p'; COMP_POINT=9\n_keyslot\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', setup], { encoding: 'utf8', env: { ...process.env, PATH: '/usr/bin:/bin' } });
    assert.deepEqual(r.stdout.split('\n').filter(Boolean), ['pin', 'pws']);
  });

  it('offers the slot numbers alone when the token does not answer in time', async () => {
    let stdout = '';
    const code = await run(['__complete', '--', 'otp', 'get', ''], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => undefined },
      stdin: new PassThrough(),
      env: { KEYSLOT_COMPLETE_TIMEOUT_MS: '50' },
      isTTY: false,
      openToken: () => new Promise(() => undefined),
    });
    assert.equal(code, 0);
    assert.deepEqual(stdout.trim().split('\n'), [...TOTP, ...HOTP]);
  });

  it('zsh: compinit loads the script from $fpath, and Tab offers the names on the token and file names', async () => {
    const file = join(bin, '_keyslot');
    writeFileSync(file, await script('zsh'));
    const syntax = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
    if (syntax.error) assert.fail(`zsh is not installed: ${syntax.error.message}`);
    assert.equal(syntax.status, 0, syntax.stderr);
    // An interactive zsh on a pseudo-terminal (zsh/zpty) with compinit; compadd also prints what it adds.
    const capture = [
      'zmodload zsh/zpty',
      'zpty z zsh -f -i',
      `zpty -w z "PROMPT=''; fpath=(${bin} \\$fpath); autoload -U compinit; compinit -u -D"`,
      `zpty -w z 'compadd () { builtin compadd -O __hits "$@"; print -rl -- "<<$__hits>>" >&2; builtin compadd "$@" }'`,
      "zpty -w z 'comppostfuncs=(exit)'",
      "zpty -w z 'exec 2>&1'",
      `zpty -w z "$1"$'\\t'`,
      'while zpty -r z; do :; done',
      'zpty -d z',
    ].join('\n');
    writeFileSync(join(bin, 'capture.zsh'), capture);
    writeFileSync(join(bin, 'accounts.backup'), '');
    const tab = (line: string) => {
      // The shell ends after its first completion; should none run, the time limit ends it (and the test fails).
      const r = spawnSync('zsh', ['-f', join(bin, 'capture.zsh'), line], {
        encoding: 'utf8',
        env: shellEnv(),
        cwd: bin,
        timeout: 60_000,
      });
      const offers = [...r.stdout.matchAll(/<<([^>]*)>>/g)].map((m) => m[1]).filter((m) => m !== '$__hits');
      return offers.join(' ').split(' ').filter(Boolean);
    };
    assert.deepEqual(tab(`keyslot ${device} otp get g`), ['github']);
    assert.deepEqual(tab('keyslot pws '), ['status', 'list', 'get', 'set', 'erase', 'init']);
    assert.ok(tab('keyslot backup list acc').includes('accounts.backup'));
  });

  it('fish: the script parses, and complete -C offers the names on the token', async () => {
    const file = join(bin, 'keyslot.fish');
    writeFileSync(file, await script('fish'));
    const syntax = spawnSync('fish', ['-n', file], { encoding: 'utf8' });
    if (syntax.error) assert.fail(`fish is not installed: ${syntax.error.message}`);
    assert.equal(syntax.status, 0, syntax.stderr);
    const r = spawnSync(
      'fish',
      [
        '--no-config',
        '-c',
        `source ${file}; complete -C "keyslot ${device} otp get "; complete -C "keyslot config set --otp-pin "`,
      ],
      { encoding: 'utf8', env: shellEnv() },
    );
    const got = r.stdout.split('\n').filter(Boolean);
    for (const w of [...TOTP, ...HOTP, 'github', 'on', 'off'])
      assert.ok(got.includes(w), `${w} missing from ${got.join(' ')}`);
  });

  it('offers a Nitrokey 3’s credential names, and no slot numbers, where a command takes a SLOT', async () => {
    const file = tempStateFile();
    const nk3 = ['--device', `virtual-nk3:${file}`];
    for (const name of ['GitHub:alice', 'Bank:bob'])
      assert.equal(
        (await runCli([...nk3, 'otp', 'set', name, '--hex', '3132333435363738393031323334353637383930'])).code,
        0,
      );
    const got = await runCli(['__complete', '--', ...nk3, 'otp', 'get', '']);
    assert.equal(got.code, 0, got.stderr);
    assert.deepEqual(got.stdout.trim().split('\n').sort(), ['Bank:bob', 'GitHub:alice']);
    const partial = await runCli(['__complete', '--', ...nk3, 'otp', 'erase', 'Gi']);
    assert.equal(partial.stdout, 'GitHub:alice\n');
  });

  it('names the Nitrokey 3 in the main help title', async () => {
    assert.match((await runCli(['--help'])).stdout.split('\n')[0], /Nitrokey 3, Nitrokey Pro/);
  });
});
