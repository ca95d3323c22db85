/**
 * The child's entry: `node --import ./register-fake-electron.mjs run-main.mjs MAIN.mjs [args]`.
 * Loads the built main script as Electron does with an ESM entry point, and emits 'ready' only
 * once that entry point has fully resolved (Electron's ESM caveat: only what runs during the entry
 * point's evaluation happens before ready). Main reads process.argv as it would under Electron:
 * its own arguments follow the script.
 */
import { pathToFileURL } from 'node:url';
import { driver } from './fake-electron-driver.mjs';

const main = process.argv[2];
if (!main) throw new Error('usage: run-main.mjs MAIN.mjs [args]');
driver.start();
await import(pathToFileURL(main).href);
driver.emitReady();
