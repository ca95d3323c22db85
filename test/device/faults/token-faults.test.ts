/**
 * Issue 9, fault injection on the virtual token: unplugs in the middle of a slot write and a
 * password-safe write, a storm of busy replies, corrupted CRCs and stale replies. The host gives
 * a specific DeviceError, and the token holds the old record or the new one, never a mix.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeviceError, Token } from '../../../device/index';
import { COMMAND } from '../../../device/protocol/command-ids';
import { VirtualTransport } from '../../../device/transport/virtual';
import { VirtualToken } from '../../../device/virtual/token';
import { FakeClock } from '../../support/fake-clock';

const OLD = new TextEncoder().encode('12345678901234567890'); // RFC 6238 key: 94287082 at T=59 s (8 digits)
const NEW = new TextEncoder().encode('abcdefghijabcdefghij');
const SLOT = { kind: 'totp', index: 0 } as const;
const TYPED = ['token-unplugged', 'bad-response', 'timeout', 'busy'];

/** Unplugs the device when the host sends command `id` ('before' it runs or 'after'). */
class UnplugAt extends VirtualTransport {
  constructor(
    private readonly device: VirtualToken,
    private readonly id: number,
    private readonly when: 'before-execute' | 'after-execute',
  ) {
    super(device);
  }
  override async sendFeatureReport(report: Uint8Array): Promise<void> {
    if (report[0] === this.id) this.device.faults.unplugAfterNextSet = this.when;
    return super.sendFeatureReport(report);
  }
}

async function setup() {
  const clock = new FakeClock(59_000);
  const device = VirtualToken.create({ model: 'pro', clock, latency: 'none', cardSerial: 0x5f11 });
  const token = await Token.open(new VirtualTransport(device), { clock });
  await token.authenticate('admin', '12345678');
  await token.writeSlot(SLOT, { name: 'old', secret: OLD, digits: 8, period: 30 });
  return { clock, device };
}

/** After a replug: the slot is wholly old (name "old", old key's code) or wholly new. */
async function assertOldOrNew(device: VirtualToken, clock: FakeClock) {
  device.plug();
  const token = await Token.open(new VirtualTransport(device), { clock });
  await token.setTime(59, true);
  const slot = await token.readSlot(SLOT);
  const { code } = await token.getCode(SLOT);
  if (slot?.name === 'old') assert.equal(code, '94287082', 'old name with a new secret');
  else {
    assert.equal(slot?.name, 'new');
    assert.notEqual(code, '94287082', 'new name with the old secret');
  }
  return slot?.name;
}

function assertTyped(e: unknown, codes = TYPED) {
  assert.ok(isDeviceError(e), `untyped: ${String(e)}`);
  assert.ok(codes.includes(e.code), e.code);
}

describe('fault injection on the virtual token (issue 9)', () => {
  for (const [id, label] of [
    [COMMAND.SEND_OTP_DATA, 'SEND_OTP_DATA'],
    [COMMAND.WRITE_TO_SLOT, 'WRITE_TO_SLOT'],
  ] as const) {
    for (const when of ['before-execute', 'after-execute'] as const) {
      it(`unplug at ${label} (${when}): token-unplugged, and the slot is old or new, never a mix`, async () => {
        const { clock, device } = await setup();
        const token = await Token.open(new UnplugAt(device, id, when), { clock });
        await token.authenticate('admin', '12345678');
        await assert.rejects(token.writeSlot(SLOT, { name: 'new', secret: NEW, digits: 8, period: 30 }), (e) => {
          assertTyped(e, ['token-unplugged']);
          return true;
        });
        const name = await assertOldOrNew(device, clock);
        if (label === 'SEND_OTP_DATA') assert.equal(name, 'old');
      });
    }
  }

  for (const when of ['before-execute', 'after-execute'] as const) {
    it(`unplug during a password-safe write (${when}): token-unplugged, the entry is old or new`, async () => {
      const clock = new FakeClock(59_000);
      const device = VirtualToken.create({ model: 'pro', clock, latency: 'none', cardSerial: 0x5f11 });
      const t0 = await Token.open(new VirtualTransport(device), { clock });
      await t0.authenticate('admin', '12345678');
      await t0.pws.buildKey('12345678');
      await t0.pws.unlock('123456');
      const old = { name: 'mail', login: 'ann', password: 'old-password' };
      await t0.pws.write(0, old);
      const t = await Token.open(new UnplugAt(device, COMMAND.SET_PW_SAFE_SLOT_DATA_2, when), { clock });
      await t.pws.unlock('123456');
      await assert.rejects(t.pws.write(0, { name: 'bank', login: 'bob', password: 'new-password' }), (e) => {
        assertTyped(e, ['token-unplugged']);
        return true;
      });
      device.plug();
      const t2 = await Token.open(new VirtualTransport(device), { clock });
      await t2.pws.unlock('123456');
      const got = await t2.pws.read(0);
      const isOld = JSON.stringify(got) === JSON.stringify(old);
      const isNew = JSON.stringify(got) === JSON.stringify({ name: 'bank', login: 'bob', password: 'new-password' });
      assert.ok(isOld || isNew, JSON.stringify(got));
    });
  }

  it('a storm of busy replies: the command succeeds after the storm, or ends in a specific error', async () => {
    const { clock, device } = await setup();
    const token = await Token.open(new VirtualTransport(device), { clock });
    for (const storm of [5, 50, 5000]) {
      device.faults.busyReports = storm;
      try {
        await token.status();
      } catch (e) {
        assertTyped(e);
      }
      delete device.faults.busyReports;
    }
    assert.ok((await token.status()) !== undefined);
  });

  it('corrupted CRCs on a write: a specific error or success, and the slot is old or new', async () => {
    for (let n = 1; n <= 4; n++) {
      const { clock, device } = await setup();
      const token = await Token.open(new VirtualTransport(device), { clock });
      await token.authenticate('admin', '12345678');
      device.faults.corruptResponseCrcs = n;
      try {
        await token.writeSlot(SLOT, { name: 'new', secret: NEW, digits: 8, period: 30 });
      } catch (e) {
        assertTyped(e, [...TYPED, 'not-authorized']);
      }
      delete device.faults.corruptResponseCrcs;
      await assertOldOrNew(device, clock);
    }
  });

  it("stale replies (dropped requests): a specific error, never the previous command's answer taken as this one", async () => {
    const { clock, device } = await setup();
    const token = await Token.open(new VirtualTransport(device), { clock });
    await token.authenticate('admin', '12345678');
    device.faults.dropRequests = 1;
    try {
      await token.writeSlot(SLOT, { name: 'new', secret: NEW, digits: 8, period: 30 });
    } catch (e) {
      assertTyped(e, [...TYPED, 'not-authorized']);
    }
    delete device.faults.dropRequests;
    await assertOldOrNew(device, clock);
  });
});

describe('retries only where the protocol says it is safe (issue 9)', () => {
  it('a HOTP code whose reply is damaged is not asked again (that would skip a counter step)', async () => {
    const clock = new FakeClock(59_000);
    const device = VirtualToken.create({ model: 'pro', clock, latency: 'none', cardSerial: 0x5f11 });
    const sent: number[] = [];
    class Counting extends VirtualTransport {
      override async sendFeatureReport(report: Uint8Array): Promise<void> {
        sent.push(report[0]);
        return super.sendFeatureReport(report);
      }
    }
    const token = await Token.open(new Counting(device), { clock });
    await token.authenticate('admin', '12345678');
    const hotp = { kind: 'hotp', index: 0 } as const;
    await token.writeSlot(hotp, { name: 'h', secret: OLD, digits: 6, counter: 0n });
    sent.length = 0;
    device.faults.corruptResponseCrcs = 1;
    let code: string | null = null;
    try {
      code = (await token.getCode(hotp)).code;
    } catch (e) {
      assertTyped(e, ['bad-response']);
    }
    const asks = sent.filter((id) => id === COMMAND.GET_CODE).length;
    console.log(`# damaged GET_CODE reply: ${asks} GET_CODE sent, ${code === null ? 'error' : `code ${code}`}`);
    assert.equal(asks, 1, 'GET_CODE was sent again after a damaged reply');
    // The counter moved exactly one step: the next code is RFC 4226's for counter 1.
    assert.equal((await token.getCode(hotp)).code, '287082');
  });
});
