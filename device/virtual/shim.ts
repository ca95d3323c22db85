/**
 * Locates (and builds on demand) the LD_PRELOAD hidapi shim native/hidapi-shim.c, which lets
 * hidapi programs (node-hid, libnitrokey, nitrocli) see a virtual token served by ./serve.ts.
 * No binary is committed: build/ is ignored by git and filled on first use.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = join('native', 'hidapi-shim.c');
const OUTPUT = join('build', 'hidapi-shim.so');

/**
 * Absolute path of build/hidapi-shim.so. Compiles it with the system `cc` when it is missing or
 * older than native/hidapi-shim.c (about a second). Safe to call from parallel processes: each
 * compiles to its own temporary file and renames it into place.
 * Throws Error if the project root cannot be found, or if compiling fails; with no compiler the
 * message names the Debian packages to install (`apt-get install gcc libc6-dev`).
 */
export function shimPath(): string {
  const root = projectRoot();
  const source = join(root, SOURCE);
  const output = join(root, OUTPUT);
  if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs) return output;
  mkdirSync(dirname(output), { recursive: true });
  const temp = `${output}.${process.pid}.tmp`;
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-o', temp, source, '-lpthread'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    renameSync(temp, output);
  } catch (e) {
    rmSync(temp, { force: true });
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') {
      throw new Error(PROBLEMS_EN.noCompiler);
    }
    const stderr = err.stderr ? err.stderr.toString().trim() : String(e);
    throw new Error(PROBLEMS_EN.shimBuildFailed({ output: stderr }));
  }
  return output;
}

/** The folder holding native/hidapi-shim.c, searched upwards from this module (also when bundled). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, SOURCE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find ${SOURCE} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
