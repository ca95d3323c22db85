/** scripts/test-platforms.js: which suites npm test leaves out on Windows and macOS, and why. */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { suitesFor } from '../../scripts/test-platforms.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return testFiles(p);
    return name.endsWith('.test.ts') ? [relative(ROOT, p)] : [];
  });
}
const all = testFiles(join(ROOT, 'test'));

describe('suites by platform', () => {
  it('runs every suite on Linux', () => {
    assert.deepEqual(suitesFor(all, 'linux', ROOT), { run: all, left: [] });
  });

  const CASES: [string, NodeJS.Platform, RegExp][] = [
    ['test/interop/nitrocli.test.ts', 'darwin', /nitrocli/],
    ['test/e2e/otp.test.ts', 'win32', /chromium/],
    ['test/device/otp/qr.test.ts', 'darwin', /python3-qrcode/],
    ['test/device/virtual/bridge.test.ts', 'darwin', /LD_PRELOAD/],
    ['test/cli/otp.test.ts', 'darwin', /oathtool/],
    ['test/cli/completion.test.ts', 'win32', /bash, zsh and fish/],
    ['test/device/virtual/state.test.ts', 'win32', /POSIX file modes/],
  ];
  for (const [file, platform, why] of CASES) {
    it(`leaves out ${file} on ${platform}, saying why`, () => {
      const { run, left } = suitesFor([file], platform, ROOT);
      assert.deepEqual(run, []);
      assert.equal(left.length, 1);
      assert.match(left[0].why, why);
    });
  }

  it('runs the suites that need no Debian package on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { run, left } = suitesFor(all, platform, ROOT);
      assert.equal(run.length + left.length, all.length);
      for (const file of ['test/device/token.test.ts', 'test/device/otp/uri.test.ts', 'test/renderer/store.test.ts'])
        assert.ok(run.includes(file), `${file} runs on ${platform}`);
    }
    assert.ok(
      suitesFor(['test/device/virtual/state.test.ts'], 'darwin', ROOT).run.length === 1,
      'file modes hold on macOS',
    );
  });
});
