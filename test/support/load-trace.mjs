// Preloaded with `node --import` into a child process a test runs: every module URL the ESM loader
// resolves is appended to the file KEYSLOT_LOAD_TRACE names (one per line), so a test can say which of
// our modules a command loaded. Registered before tsx, so it sees tsx's resolved .ts URLs too.
import { register } from 'node:module';

const hook = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (process.env.KEYSLOT_LOAD_TRACE) appendFileSync(process.env.KEYSLOT_LOAD_TRACE, r.url + '\\n');
  return r;
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
