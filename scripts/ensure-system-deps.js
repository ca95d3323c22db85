#!/usr/bin/env node
// Makes sure the Debian packages the test suites need are installed.
// As root (as in CI) it installs them; otherwise it prints the exact apt-get line and stops.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Package -> a file it installs, to check without asking dpkg. */
const NEEDED = {
  nitrocli: '/usr/bin/nitrocli',
  libnitrokey3: '/usr/lib/x86_64-linux-gnu/libnitrokey.so.3',
  oathtool: '/usr/bin/oathtool',
  'python3-pyotp': '/usr/lib/python3/dist-packages/pyotp/__init__.py',
  gcc: '/usr/bin/gcc',
  'libc6-dev': '/usr/include/stdio.h',
  chromium: '/usr/bin/chromium',
  // nitrocli clears gpg-agent's PIN cache after PIN changes and resets; without an agent it fails.
  'gpg-agent': '/usr/bin/gpg-agent',
  // Issue 4: QR images and Google Authenticator exports drawn by encoders we did not write,
  // zbarimg to read recovery sheets back, and a PAM logon that checks the token's codes.
  'python3-qrcode': '/usr/lib/python3/dist-packages/qrcode/__init__.py',
  'python3-pil': '/usr/lib/python3/dist-packages/PIL/Image.py',
  'python3-protobuf': '/usr/lib/python3/dist-packages/google/protobuf/__init__.py',
  'protobuf-compiler': '/usr/bin/protoc',
  'zbar-tools': '/usr/bin/zbarimg',
  'libpam-google-authenticator': '/lib/x86_64-linux-gnu/security/pam_google_authenticator.so',
  pamtester: '/usr/bin/pamtester',
  // The completion scripts of `keyslot completion zsh|fish` run in the real shells (test/cli/completion.test.ts).
  zsh: '/usr/bin/zsh',
  fish: '/usr/bin/fish',
  // Issue 11: the virtual Nitrokey 3 as a PC/SC card (pcscd + vsmartcard's vpcd), keyslot's PC/SC
  // transport (libpcsclite through koffi), Yubico's yubikit/ykman and python3-fido2 as independent hosts.
  pcscd: '/usr/sbin/pcscd',
  libpcsclite1: '/usr/lib/x86_64-linux-gnu/libpcsclite.so.1',
  'vsmartcard-vpcd': '/usr/lib/pcsc/drivers/serial/libifdvpcd.so',
  'yubikey-manager': '/usr/bin/ykman',
  'python3-fido2': '/usr/lib/python3/dist-packages/fido2/hid/__init__.py',
};

const missing = Object.entries(NEEDED)
  .filter(([, file]) => !existsSync(file))
  .map(([pkg]) => pkg);
if (missing.length === 0) process.exit(0);
const line = `apt-get install -y ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`The tests need Debian packages that are not installed. Run as root:\n  apt-get update && ${line}`);
  process.exit(1);
}
console.log(`Installing test dependencies: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
const install =
  update.status === 0 ? spawnSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', env }) : update;
if (install.status !== 0) {
  console.error(`Could not install ${missing.join(' ')}. Run as root:\n  apt-get update && ${line}`);
  process.exit(1);
}
