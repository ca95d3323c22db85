/**
 * Runs the web host in its own process for tests that check it survives hostile requests:
 * argv[2] = user-data folder (a `renderer/` folder and the state file live there). Prints the URL
 * as one line on stdout, then runs until killed. A crash shows as the process exiting.
 */
import { join } from 'node:path';
import { startWebHost } from '../../web-host/host';

const dir = process.argv[2];
const host = await startWebHost({
  device: { kind: 'virtual', stateFile: join(dir, 'state.json') },
  rendererDir: join(dir, 'renderer'),
  prerenderFile: null,
  userDataDir: dir,
});
process.stdout.write(`${host.url}\n`);
