// Which test suites can run on Windows and macOS. The full suite is written for Debian (Linux CI and
// .ci/run install its packages: scripts/ensure-system-deps.js); elsewhere scripts/test.js leaves out
// the suites below and names each with its reason. A rule matches a test file's path (with /) or its text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * [reason, test on the path, test on the file's text, platforms it applies to (all but Linux when
 * absent)]. The first matching rule names the reason.
 */
export const DEBIAN_ONLY = [
  ['drives nitrocli, libnitrokey3, oathtool, pyotp or pamtester (Debian packages)', /^test\/interop\//, null],
  ["drives Debian's chromium with Playwright (the Electron test runs in CI's Linux job)", /^test\/e2e\//, null],
  ["loads the hidapi bridge into other programs with LD_PRELOAD (Linux's loader)", null, /shimPath|LD_PRELOAD/],
  [
    "draws QR images or exports with Debian's python3-qrcode, python3-pil and python3-protobuf",
    null,
    /support\/(qr-images|migration-fixtures)'|'\/usr\/bin\/python3'|'python3'/,
  ],
  ["checks codes or sheets with Debian's oathtool or zbarimg", null, /'(oathtool|zbarimg)'/],
  ['runs the completion scripts in bash, zsh and fish', /^test\/cli\/completion\.test\.ts$/, null],
  ['checks POSIX file modes (0600) or serves a Unix socket', null, /mode & 0o777|socketPath/, ['win32']],
];

/**
 * Splits test files (paths relative to `root`) into those that run on `platform` and those left
 * out, with their reason. On Linux every file runs.
 */
export function suitesFor(files, platform, root) {
  if (platform === 'linux') return { run: files, left: [] };
  const run = [];
  const left = [];
  for (const file of files) {
    const path = file.split('\\').join('/');
    const text = readFileSync(join(root, file), 'utf8');
    const rule = DEBIAN_ONLY.find(
      ([, onPath, onText, platforms]) =>
        (!platforms || platforms.includes(platform)) && (onPath?.test(path) || onText?.test(text)),
    );
    if (rule) left.push({ file: path, why: rule[0] });
    else run.push(file);
  }
  return { run, left };
}
