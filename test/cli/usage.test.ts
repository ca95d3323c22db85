import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempStateFile } from '../support/cli';
import { UDEV_RULES } from '../../device/transport/udev';
import type { DeviceInfo } from '../../device/transport/types';
import { DeviceError } from '../../device/errors';

describe('keyslot --help', () => {
  it('lists every command group and documents the exit codes', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const c of [
      'status',
      'otp list',
      'otp get',
      'otp set',
      'otp erase',
      'time set',
      'config get',
      'config set',
      'pin set',
      'pin unlock',
      'lock',
      'reset',
      'pws init',
      'virtual serve',
      'virtual shim-path',
    ]) {
      assert.match(r.stdout, new RegExp(`\\n  ${c} `), c);
    }
    for (const n of [0, 1, 2, 3, 4, 5, 6]) assert.match(r.stdout, new RegExp(`Exit codes:[\\s\\S]*\\n  ${n}  `));
    assert.match(r.stdout, /KEYSLOT_ADMIN_PIN/);
  });

  it('prints the main help when --device comes with --help alone', async () => {
    const r = await runCli(['--device', 'hid', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^keyslot: /);
  });

  it('prints help for one command, without needing its arguments', async () => {
    const r = await runCli(['otp', 'set', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: keyslot otp set SLOT/);
    assert.match(r.stdout, /--uri URI/);
  });

  it('prints a group help for a group without subcommand, as a usage error', async () => {
    const r = await runCli(['pws']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Usage: keyslot pws SUBCOMMAND/);
  });
});

describe('keyslot usage errors', () => {
  const CASES: [string, string[], RegExp][] = [
    [
      'an unknown command',
      ['frobnicate'],
      /^keyslot: Unknown command "frobnicate"\. Run keyslot --help for the list\.\n$/,
    ],
    ['an unknown subcommand', ['otp', 'frob'], /^keyslot: Unknown command "otp frob"/],
    [
      'an unknown option',
      ['otp', 'list', '--colour'],
      /^keyslot: Unknown option --colour\. See keyslot otp list --help\.\n$/,
    ],
    ['--json on a command that writes', ['otp', 'erase', 'totp:1', '--json'], /keyslot otp erase has no --json output/],
    ['a missing SLOT', ['otp', 'get'], /^keyslot: Usage: keyslot otp get SLOT\n$/],
    [
      'a bad --device',
      ['--device', 'usb', 'status'],
      /--device takes auto, hid, nk3, virtual or virtual:FILE, virtual-nk3 or virtual-nk3:FILE, or a serial, not "usb"/,
    ],
    [
      'a bad virtual model',
      ['--device', 'virtual:/nonexistent/x.json', 'status'],
      /KEYSLOT_VIRTUAL_MODEL takes pro, storage or librem, not "nitro"/,
    ],
  ];
  for (const [what, argv, message] of CASES) {
    it(`exits 2 for ${what}`, async () => {
      const r = await runCli(argv, { env: { KEYSLOT_VIRTUAL_MODEL: 'nitro' } });
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }

  it('accepts global options after the command too', async () => {
    const stateFile = tempStateFile();
    const r = await runCli(['otp', 'list', '--json', '--device', `virtual:${stateFile}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).length, 18);
  });
});

describe('keyslot --device auto', () => {
  it('says no token is plugged in and names --device virtual (exit 3)', async () => {
    const r = await runCli(['status'], {
      connect: {
        listHidTokens: () => [],
        openHidTransport: async () => assert.fail('nothing to open'),
        hidrawNodes: () => [],
      },
    });
    assert.equal(r.code, 3);
    assert.match(
      r.stderr,
      /^keyslot: No Nitrokey 3, Nitrokey Pro, Nitrokey Storage or Librem Key is plugged in\..*--device virtual/,
    );
  });

  it('shows the udev rule when a token is present but this user may not open it', async () => {
    const r = await runCli(['otp', 'list'], {
      connect: {
        listHidTokens: () => [],
        openHidTransport: async () => assert.fail('nothing to open'),
        hidrawNodes: () => [{ path: '/dev/hidraw3', model: 'pro', isAccessible: false }],
      },
    });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /may not open it.*\/dev\/hidraw3/);
    assert.ok(r.stderr.includes(UDEV_RULES.trimEnd()));
  });

  it('opens the first token the lister finds', async () => {
    const seen: string[] = [];
    const infos: DeviceInfo[] = [
      { path: '/dev/hidraw7', model: 'pro', vendorId: 0x20a0, productId: 0x4108, serialNumber: '1', isVirtual: false },
      { path: '/dev/hidraw8', model: 'pro', vendorId: 0x20a0, productId: 0x4108, serialNumber: '2', isVirtual: false },
    ];
    const r = await runCli(['status'], {
      connect: {
        listHidTokens: () => infos,
        openHidTransport: async (info) => {
          seen.push(info.path);
          throw new DeviceError('token-unplugged');
        },
      },
    });
    assert.deepEqual(seen, ['/dev/hidraw7']);
    assert.equal(r.code, 3);
  });
});

describe('commands loaded on demand', () => {
  it('list the same path and summary as the command they load', async () => {
    const { COMMANDS, loadCommand } = await import('../../cli/commands');
    const lazy = COMMANDS.filter((c) => c.load);
    assert.ok(lazy.length >= 5, 'otp add and the backup commands load on demand');
    for (const stub of lazy) {
      const full = await loadCommand(stub);
      assert.deepEqual([full.path, full.summary], [stub.path, stub.summary]);
      assert.equal(full.load, undefined);
    }
  });
});
