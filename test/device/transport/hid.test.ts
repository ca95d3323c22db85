/**
 * device/transport/hid.ts over node-hid, with node-hid's bundled hidapi replaced by
 * native/hidapi-shim.c (LD_PRELOAD) in a child process, talking to a token served here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeResponse } from '../../../device/protocol/frame';
import { mapHidError } from '../../../device/transport/hid';
import { UDEV_RULES, UDEV_RULES_FILE } from '../../../device/transport/udev';
import { controlVirtualSocket, serveVirtualToken, type VirtualTokenServer } from '../../../device/virtual/serve';
import { VirtualToken } from '../../../device/virtual/token';
import { HidChild } from './child';
import { standInToken } from './stand-in-token';

const dir = mkdtempSync(join(tmpdir(), 'keyslot-hid-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('HID transport through the hidapi shim', () => {
  const socketPath = join(dir, 'token.sock');
  let server: VirtualTokenServer;
  before(async () => {
    const token = VirtualToken.create({ model: 'pro', firmwareMinor: 15, cardSerial: 0x5f11, latency: 'none' });
    server = await serveVirtualToken({ socketPath, token, allowControl: true });
  });
  after(() => server.close());

  it('lists the token and answers GET_STATUS with the request echoed', async () => {
    const child = new HidChild(socketPath);
    try {
      const list = await child.send('list');
      assert.deepEqual(list.tokens, [
        {
          path: `keyslot-virtual:${socketPath}`,
          model: 'pro',
          vendorId: 0x20a0,
          productId: 0x4108,
          serialNumber: '000000000000000000005F11',
          isVirtual: false,
        },
      ]);
      assert.equal((await child.send('open')).ok, true);
      const status = await child.send('status');
      assert.equal(status.ok, true, status.message);
      const reply = decodeResponse(Buffer.from(status.reply as string, 'hex'));
      assert.equal(reply.deviceStatus, 0);
      assert.equal(reply.lastCommandId, 0x00);
      assert.equal(reply.lastCommandCrc, 0xef6eb7df, 'the GET_STATUS CRC of §3 comes back in R[2..5]');
      assert.equal(reply.commandStatus, 0);
      assert.equal(reply.isCrcValid, true);
      // §8.1: P[0] firmware minor 15, P[1] major 0, P[2..5] card serial 0x00005F11 little-endian.
      assert.deepEqual([...reply.payload.subarray(0, 6)], [0x0f, 0x00, 0x11, 0x5f, 0x00, 0x00]);
    } finally {
      await child.stop();
    }
  });

  it('fails with token-unplugged after an unplug, and the watcher sees detach then attach', async () => {
    const child = new HidChild(socketPath);
    try {
      assert.equal((await child.send('open')).ok, true);
      assert.equal((await child.send('watch 50')).ok, true);
      const [attached] = await child.waitForEvents(1);
      assert.deepEqual(attached, {
        event: 'attached',
        path: `keyslot-virtual:${socketPath}`,
        serialNumber: '000000000000000000005F11',
      });

      await controlVirtualSocket(socketPath, 'unplug');
      const failed = await child.send('status');
      assert.equal(failed.ok, false);
      assert.equal(failed.code, 'token-unplugged');
      assert.deepEqual((await child.send('list')).tokens, []);
      assert.equal((await child.waitForEvents(2))[1].event, 'detached');

      await controlVirtualSocket(socketPath, 'plug');
      assert.equal((await child.waitForEvents(3))[2].event, 'attached');
      const stale = await child.send('status');
      assert.equal(stale.code, 'token-unplugged', 'a handle from before the unplug stays dead, like a hidraw fd');
      assert.equal((await child.send('close')).ok, true);
      assert.equal((await child.send('open')).ok, true);
      assert.equal((await child.send('status')).ok, true, 'a fresh open after plug works');
    } finally {
      await child.stop();
    }
  });
});

describe('HID token listing', () => {
  it('sees no token when KEYSLOT_VIRTUAL_SOCKET is unset or nobody listens', async () => {
    const child = new HidChild(undefined);
    try {
      assert.deepEqual(await child.send('list'), { ok: true, tokens: [] });
      assert.equal((await child.send('open')).code, 'no-token');
      await child.send(`socket ${join(dir, 'nobody.sock')}`);
      assert.deepEqual(await child.send('list'), { ok: true, tokens: [] });
    } finally {
      await child.stop();
    }
  });

  const cases = [
    { name: 'lists a Librem Key', usb: { vendorId: 0x316d, productId: 0x4c4b }, model: 'librem' },
    {
      name: 'lists a Nitrokey Storage',
      usb: { vendorId: 0x20a0, productId: 0x4109, serialNumber: '0000000000000' },
      model: 'storage',
    },
    {
      name: 'lists a Pro <= 0.9, which declares a keyboard usage page',
      usb: { usagePage: 0x01, usage: 0x06 },
      model: 'pro',
    },
    { name: 'skips a Nitrokey 3, which speaks another protocol', usb: { productId: 0x42b2 }, model: undefined },
    { name: 'skips an interface other than 0', usb: { interfaceNumber: 1 }, model: undefined },
    { name: 'skips another usage page', usb: { usagePage: 0xf1d0 }, model: undefined },
    { name: 'skips a token without a serial number', usb: { serialNumber: '' }, model: undefined },
  ];
  it(`filters hidapi's list: ${cases.map((c) => c.name).join('; ')}`, async () => {
    const child = new HidChild(undefined);
    try {
      for (const [i, c] of cases.entries()) {
        const token = standInToken();
        Object.assign(token.usb, c.usb);
        const socketPath = join(dir, `case-${i}.sock`);
        const server = await serveVirtualToken({ socketPath, token, allowControl: true });
        try {
          await child.send(`socket ${socketPath}`);
          const tokens = (await child.send('list')).tokens as { model: string }[];
          assert.deepEqual(
            tokens.map((t) => t.model),
            c.model ? [c.model] : [],
            c.name,
          );
        } finally {
          await server.close();
        }
      }
    } finally {
      await child.stop();
    }
  });
});

describe('udev rules', () => {
  it('give the logged-in user hidraw and usb access to all three tokens', () => {
    assert.equal(UDEV_RULES_FILE, '41-keyslot.rules');
    for (const [vid, pid] of [
      ['20a0', '4108'],
      ['20a0', '4109'],
      ['316d', '4c4b'],
    ]) {
      assert.match(
        UDEV_RULES,
        new RegExp(
          `SUBSYSTEM=="hidraw", ATTRS\\{idVendor\\}=="${vid}", ATTRS\\{idProduct\\}=="${pid}", TAG\\+="uaccess"`,
        ),
      );
      assert.match(
        UDEV_RULES,
        new RegExp(`SUBSYSTEM=="usb", ATTR\\{idVendor\\}=="${vid}", ATTR\\{idProduct\\}=="${pid}", TAG\\+="uaccess"`),
      );
    }
    // The Nitrokey 3 is reached on its FIDO hidraw node (CTAPHID); its CCID side goes through pcscd.
    assert.match(
      UDEV_RULES,
      /KERNEL=="hidraw\*", SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="20a0", ATTRS\{idProduct\}=="42b2", TAG\+="uaccess"/,
    );
  });
});

describe('node-hid error mapping', () => {
  const info = {
    path: '/dev/hidraw-keyslot-test',
    model: 'pro',
    vendorId: 0x20a0,
    productId: 0x4108,
    serialNumber: 'x',
    isVirtual: false,
  } as const;
  const cases = [
    {
      message:
        "cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied",
      code: 'hid-permission',
    },
    { message: 'could not get feature report from device: ioctl (GFEATURE): No such device', code: 'token-unplugged' },
    {
      message: 'could not send feature report to device: ioctl (SFEATURE): Input/output error',
      code: 'token-unplugged',
    },
    { message: 'something else, and the token no longer enumerates', code: 'token-unplugged' },
  ];
  for (const c of cases) {
    it(`maps "${c.message}" to ${c.code}`, async () => {
      const e = await mapHidError(new Error(c.message), info, 'get');
      assert.equal(e.code, c.code);
      assert.match(e.info.detail ?? '', /\/dev\/hidraw-keyslot-test/);
      if (c.code === 'hid-permission') assert.match(e.message, /41-keyslot\.rules[\s\S]*TAG\+="uaccess"/);
    });
  }
  it('asks the list it is given whether the device is still there (a Nitrokey 3 is in its own list)', async () => {
    const odd = new Error('hid_read_timeout: something odd');
    const present = async () => [{ path: info.path }];
    assert.equal((await mapHidError(odd, info, 'read', present)).code, 'unknown');
    assert.equal((await mapHidError(odd, info, 'read', async () => [])).code, 'token-unplugged');
  });
});
