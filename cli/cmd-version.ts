/** `keyslot --version`: loaded only for that, so no other command reads package.json. */
import { existsSync, readFileSync } from 'node:fs';

/**
 * keyslot's version from its package.json, found by walking up from this module: cli/ when run
 * from source, dist/cli/ or dist/cli/chunks/ in the bundle.
 */
export function keyslotVersion(): string {
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 5; i++, dir = new URL('..', dir)) {
    const file = new URL('package.json', dir);
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'keyslot' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

/** The line `keyslot --version` prints. */
export function versionLine(): string {
  return `keyslot ${keyslotVersion()}`;
}
