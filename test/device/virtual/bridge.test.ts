/**
 * The virtual-token bridge: the socket protocol (device/virtual/bridge-protocol.ts), its server
 * (device/virtual/serve.ts) spoken to byte by byte as native/hidapi-shim.c does, and the shim's
 * exported hidapi symbols.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeResponse } from '../../../device/protocol/frame';
import {
  BRIDGE_INFO_SIZE,
  BRIDGE_OP,
  BRIDGE_STATUS,
  decodeInfo,
  encodeInfo,
  type BridgeInfo,
} from '../../../device/virtual/bridge-protocol';
import { controlVirtualSocket, queryVirtualSocket, serveVirtualToken } from '../../../device/virtual/serve';
import { shimPath } from '../../../device/virtual/shim';
import { standInToken } from '../transport/stand-in-token';

const dir = mkdtempSync(join(tmpdir(), 'keyslot-bridge-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** GET_STATUS request R[0..63], protocol reference §3. */
const GET_STATUS = new Uint8Array(64);
GET_STATUS.set([0xdf, 0xb7, 0x6e, 0xef], 60);

/** A raw connection that reads exact byte counts, as the shim does. */
class RawConnection {
  private got = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  isClosed = false;
  private constructor(private readonly socket: Socket) {
    socket.on('data', (d) => {
      this.got = Buffer.concat([this.got, d]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.isClosed = true;
      this.wake?.();
    });
  }
  static open(path: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const s = createConnection(path, () => resolve(new RawConnection(s)));
      s.once('error', reject);
    });
  }
  private reads: Promise<unknown> = Promise.resolve();
  /** Writes a request now; its reply is read after the replies of earlier calls (pipelining). */
  call(bytes: number[] | Uint8Array, replySize: number): Promise<Buffer> {
    this.socket.write(Uint8Array.from(bytes));
    const reply = this.reads.then(async () => {
      while (this.got.length < replySize && !this.isClosed) await new Promise<void>((r) => (this.wake = r));
      const out = this.got.subarray(0, replySize);
      this.got = this.got.subarray(replySize);
      return out;
    });
    this.reads = reply;
    return reply;
  }
  close(): void {
    this.socket.destroy();
  }
}

describe('bridge protocol', () => {
  it('encodes INFO and decodes it back, cutting long strings at a character boundary', () => {
    const info: BridgeInfo = {
      isPlugged: true,
      vendorId: 0x316d,
      productId: 0x4c4b,
      releaseNumber: 0x0101,
      usagePage: 0xff00,
      usage: 1,
      interfaceNumber: 0,
      manufacturer: 'Purism, SPC',
      product: 'Librem Key',
      serialNumber: '000000000000000000005F11',
    };
    const bytes = encodeInfo(info);
    assert.equal(bytes.length, BRIDGE_INFO_SIZE);
    assert.deepEqual([...bytes.subarray(0, 13)], [1, 0x6d, 0x31, 0x4b, 0x4c, 0x01, 0x01, 0x00, 0xff, 0x01, 0x00, 0, 0]);
    assert.deepEqual(decodeInfo(bytes), info);
    const long = decodeInfo(encodeInfo({ ...info, product: 'é'.repeat(40) })).product;
    assert.equal(long, 'é'.repeat(31), '63 bytes hold 31 two-byte characters');
  });
});

describe('bridge server', () => {
  it('answers INFO, SET_FEATURE and GET_FEATURE in order on one connection', async () => {
    const socketPath = join(dir, 'order.sock');
    const server = await serveVirtualToken({ socketPath, token: standInToken() });
    const conn = await RawConnection.open(socketPath);
    try {
      // Pipelined: all three requests written before reading any reply.
      const info = conn.call([BRIDGE_OP.INFO], 1 + BRIDGE_INFO_SIZE);
      const set = conn.call([BRIDGE_OP.SET_FEATURE, ...GET_STATUS], 1);
      const get = conn.call([BRIDGE_OP.GET_FEATURE], 65);
      const infoReply = await info;
      assert.equal(infoReply[0], BRIDGE_STATUS.OK);
      assert.equal(decodeInfo(infoReply.subarray(1)).product, 'Nitrokey Pro');
      assert.deepEqual([...(await set)], [BRIDGE_STATUS.OK]);
      const getReply = await get;
      assert.equal(getReply[0], BRIDGE_STATUS.OK);
      const response = decodeResponse(getReply.subarray(1));
      assert.equal(response.lastCommandCrc, 0xef6eb7df);
      assert.equal(response.isCrcValid, true);
    } finally {
      conn.close();
      await server.close();
    }
    assert.equal(existsSync(socketPath), false, 'close() removes the socket file');
  });

  it('marks connections from before an unplug or power cycle as unplugged for good', async () => {
    const socketPath = join(dir, 'plug.sock');
    const token = standInToken();
    const server = await serveVirtualToken({ socketPath, token, allowControl: true });
    const old = await RawConnection.open(socketPath);
    try {
      await controlVirtualSocket(socketPath, 'unplug');
      assert.equal(token.isPlugged, false);
      assert.equal((await queryVirtualSocket(socketPath)).isPlugged, false);
      assert.deepEqual([...(await old.call([BRIDGE_OP.SET_FEATURE, ...GET_STATUS], 1))], [BRIDGE_STATUS.UNPLUGGED]);
      await controlVirtualSocket(socketPath, 'plug');
      assert.equal((await old.call([BRIDGE_OP.GET_FEATURE], 65))[0], BRIDGE_STATUS.UNPLUGGED);
      const fresh = await RawConnection.open(socketPath);
      assert.equal((await fresh.call([BRIDGE_OP.GET_FEATURE], 65))[0], BRIDGE_STATUS.OK);
      await controlVirtualSocket(socketPath, 'power-cycle');
      assert.equal(token.powerCycles, 1);
      assert.equal((await fresh.call([BRIDGE_OP.INFO], 1 + BRIDGE_INFO_SIZE))[0], BRIDGE_STATUS.UNPLUGGED);
      fresh.close();
    } finally {
      old.close();
      await server.close();
    }
  });

  it('answers an unknown op with ERROR and closes that connection', async () => {
    const socketPath = join(dir, 'unknown.sock');
    const server = await serveVirtualToken({ socketPath, token: standInToken() });
    const conn = await RawConnection.open(socketPath);
    try {
      assert.deepEqual([...(await conn.call([0x7f], 1))], [BRIDGE_STATUS.ERROR]);
      await conn.call([], 1);
      assert.equal(conn.isClosed, true);
    } finally {
      conn.close();
      await server.close();
    }
  });

  it('replaces a stale socket file but refuses one a server still listens on', async () => {
    const socketPath = join(dir, 'stale.sock');
    const first = await serveVirtualToken({ socketPath, token: standInToken() });
    await assert.rejects(serveVirtualToken({ socketPath, token: standInToken() }), /another virtual token server/);
    await first.close();
    // A plain file is not a socket: it is never removed (it may be the state file, issue 9 item 4).
    writeFileSync(socketPath, '');
    await assert.rejects(serveVirtualToken({ socketPath, token: standInToken() }), { code: 'socket-path-taken' });
    rmSync(socketPath);
    // A socket file whose server died without removing it (bound, never listened, process gone) is stale.
    execFileSync('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', socketPath]);
    const second = await serveVirtualToken({ socketPath, token: standInToken() });
    assert.equal((await queryVirtualSocket(socketPath)).vendorId, 0x20a0);
    await second.close();
  });
});

describe('hidapi shim', () => {
  const HIDAPI_0_15 = [
    'hid_init',
    'hid_exit',
    'hid_enumerate',
    'hid_free_enumeration',
    'hid_open',
    'hid_open_path',
    'hid_close',
    'hid_write',
    'hid_read',
    'hid_read_timeout',
    'hid_set_nonblocking',
    'hid_send_feature_report',
    'hid_get_feature_report',
    'hid_get_input_report',
    'hid_get_manufacturer_string',
    'hid_get_product_string',
    'hid_get_serial_number_string',
    'hid_get_indexed_string',
    'hid_get_device_info',
    'hid_get_report_descriptor',
    'hid_error',
    'hid_version',
    'hid_version_str',
    'hid_libusb_wrap_sys_device',
    'hid_send_output_report',
    'hid_read_error',
  ];
  const exported = (file: string) =>
    execFileSync('nm', ['-D', '--defined-only', file], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[2])
      .filter((s): s is string => typeof s === 'string' && s.startsWith('hid_'))
      .sort();

  it("exports hidapi 0.15, including every hid_* function of node-hid's bundled hidapi", () => {
    const shim = exported(shimPath());
    assert.deepEqual(shim, [...HIDAPI_0_15].sort());
    const prebuilds = fileURLToPath(new URL('../../../node_modules/node-hid/prebuilds/', import.meta.url));
    for (const folder of readdirSync(prebuilds).filter((f) => /^HID(_hidraw)?-linux-x64$/.test(f))) {
      for (const file of readdirSync(join(prebuilds, folder))) {
        const missing = exported(join(prebuilds, folder, file)).filter((s) => !shim.includes(s));
        assert.deepEqual(missing, [], `${folder}/${file}`);
      }
    }
  });
});
