/**
 * Child process for the Nitrokey 3 HID test: under LD_PRELOAD=hidapi-shim.so with
 * KEYSLOT_VIRTUAL_SOCKET set, lists the Nitrokey 3 through node-hid, opens its CTAPHID channel and
 * prints one JSON line: the listing, the status and a code at T=59 for the credential "GitHub".
 */
import { listNk3HidDevices, openRawHidDevice } from '../../../device/transport/hid';
import { CtaphidTransport } from '../../../device/transport/ctaphid';
import { Nk3Session } from '../../../device/nk3/session';

const devices = await listNk3HidDevices();
const transport = await CtaphidTransport.open(await openRawHidDevice(devices[0].path));
const session = new Nk3Session(transport, { now: () => 59_000 });
const status = await session.status();
const code = await session.calculate('GitHub');
await session.close();
process.stdout.write(`${JSON.stringify({ devices, status, code, cid: transport.cid })}\n`);
