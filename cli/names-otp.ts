/**
 * `keyslot otp list|get|set|erase|rename` on a named-credential token (Nitrokey 3): credentials by name, the
 * TOTP period in the name's `P/` prefix, SHA-256 and 7 digits where the token has them (caps), the PIN
 * only for PIN-protected credentials, touches announced on stderr.
 */
import { CLI_NK3_EN, CLI_NK3_HELP_EN } from '../shared/vocabulary/cli-nk3-en';
import { DeviceError, NK3_LIMITS, parseOtpauthUri, parseSecret, storedName } from '../device/index';
import type { CredentialInfo, CredentialWrite, OtpAlgorithm, TokenCaps, TokenSession } from '../device/index';
import { say, sayJson, usage, type Command, type Invocation } from './command';
import { pinSource, withSession } from './names-family';

const wantsPin = (inv: Invocation) => inv.values['with-pin'] === true || !!inv.ctx.env.KEYSLOT_PIN;

/** One credential as `otp list --json` shows it on a Nitrokey 3. */
export function credentialView(c: CredentialInfo) {
  return {
    name: c.name,
    kind: c.kind,
    algorithm: c.algorithm,
    ...(c.period !== undefined ? { period: c.period } : {}),
    isTouchRequired: c.isTouchRequired,
    isPinProtected: c.isPinProtected,
    hasPwsData: c.hasPwsData,
  };
}

export const namesOtpList: Command = {
  path: ['otp', 'list'],
  summary: 'list the credentials',
  usage: 'otp list [--with-pin]',
  details: CLI_NK3_HELP_EN['otp list'],
  hasJson: true,
  options: { 'with-pin': { type: 'boolean', help: 'also list PIN-protected credentials (asks the PIN)' } },
  async run(inv) {
    const list = await withSession(inv, (s) => s.listCredentials(wantsPin(inv) ? { pin: pinSource(inv.ctx) } : {}));
    if (inv.json) return sayJson(inv, list.map(credentialView));
    if (list.length === 0) return say(inv, CLI_NK3_EN.noCredentials);
    const width = Math.min(32, Math.max(...list.map((c) => c.name.length)) + 2);
    const lines = list.map((c) => {
      const flags = [c.isTouchRequired ? 'touch' : '', c.isPinProtected ? 'PIN' : ''].filter(Boolean).join(' ');
      const what = c.kind === 'totp' ? CLI_NK3_EN.everySeconds({ period: c.period ?? 30 }) : '';
      return `${c.name.padEnd(width)}${c.kind.padEnd(9)}${(c.algorithm ?? '').padEnd(8)}${what.padEnd(14)}${flags}`.trimEnd();
    });
    say(inv, lines.join('\n'));
  },
};

/** The code of NAME: one CALCULATE for an exact name; else the name matched without case, then the PIN. */
export async function codeByName(inv: Invocation, s: TokenSession, name: string) {
  const pin = pinSource(inv.ctx);
  try {
    return { name, ...(await s.getCode({ name }, { pin })) };
  } catch (e) {
    if (!(e instanceof DeviceError) || e.code !== 'credential-not-found') throw e;
  }
  const c = await s.findCredential(name, { pin });
  return { name: c.name, ...(await s.getCode(c.ref, { pin, credential: c })) };
}

export const namesOtpGet: Command = {
  path: ['otp', 'get'],
  summary: 'print the code of a credential',
  usage: 'otp get NAME',
  details: CLI_NK3_HELP_EN['otp get'],
  positionals: [1, 1],
  hasJson: true,
  async run(inv) {
    const name = inv.positionals[0];
    if (name.trim() === '') throw usage(CLI_NK3_EN.nameEmptyArg);
    const r = await withSession(inv, (s) => codeByName(inv, s, name));
    if (inv.json) return sayJson(inv, { name: r.name, code: r.code, digits: r.digits });
    say(inv, r.code);
  },
};

/** `--uri` on a Nitrokey 3: the URI parser's checks, with SHA-256 and 7 digits let through to the caps check. */
export function parseNk3Uri(uri: string, caps: TokenCaps): CredentialWrite & { label: string } {
  const param = (k: string) => new RegExp(`([?&]${k}=)([^&#]*)`, 'i').exec(uri)?.[2];
  const algorithm = decodeURIComponent(param('algorithm') ?? 'SHA1')
    .toUpperCase()
    .replace('-', '');
  const digits = param('digits') ?? '6';
  const plain = uri.replace(/([?&]algorithm=)[^&#]*/i, '$1SHA1').replace(/([?&]digits=)7(?=&|#|$)/, '$16');
  const r = parseOtpauthUri(plain);
  if (!r.ok) throw usage(r.problem);
  checkAlgorithm(algorithm, caps);
  const a = r.value;
  const label = a.issuer && a.account ? `${a.issuer}:${a.account}` : (a.account ?? a.issuer ?? '');
  return {
    label,
    name: label,
    kind: a.kind,
    secret: a.secret,
    algorithm: algorithm as OtpAlgorithm,
    digits: Number(digits),
    period: a.period,
    counter: a.counter,
  };
}

function checkAlgorithm(text: string, caps: TokenCaps): void {
  if (!(caps.algorithms as readonly string[]).includes(text))
    throw new DeviceError('nk3-algorithm-unsupported', { algorithm: text });
}

/** Builds the write from the options; everything is checked before the token is asked anything. */
function planWrite(inv: Invocation, caps: TokenCaps): CredentialWrite {
  const v = inv.values;
  const sources = (['secret', 'hex', 'uri'] as const).filter((k) => v[k] !== undefined);
  if (sources.length !== 1) throw usage(sources.length ? CLI_NK3_EN.giveOnlyOne : CLI_NK3_EN.giveSecret);
  const name = inv.positionals[0];
  let w: CredentialWrite;
  if (sources[0] === 'uri') {
    const clash = (['kind', 'digits', 'period', 'algorithm', 'counter'] as const).find((k) => v[k] !== undefined);
    if (clash) throw usage(CLI_NK3_EN.uriSaysIt({ option: clash }));
    const u = parseNk3Uri(v.uri as string, caps);
    w = { ...u, name: name ?? u.label };
    if (w.name === '') throw usage(CLI_NK3_EN.nameNeeded);
  } else {
    if (name === undefined) throw usage(CLI_NK3_EN.nameNeeded);
    const secret = parseSecret(v[sources[0]] as string, sources[0] === 'hex' ? 'hex' : 'base32');
    if (!secret.ok) throw usage(secret.problem);
    const kind = (v.kind as string | undefined) ?? (v.counter !== undefined ? 'hotp' : 'totp');
    if (kind !== 'totp' && kind !== 'hotp') throw usage(CLI_NK3_EN.kindTakes({ value: kind }));
    const algorithm = ((v.algorithm as string | undefined) ?? 'SHA1').toUpperCase().replace('-', '');
    checkAlgorithm(algorithm, caps);
    const digits = (v.digits as string | undefined) ?? '6';
    if (!/^\d+$/.test(digits) || !caps.digits.includes(Number(digits)))
      throw new DeviceError('nk3-digits-unsupported', { value: digits });
    const period = v.period === undefined ? undefined : Number(v.period);
    if (period !== undefined && !(Number.isInteger(period) && period >= 1 && period <= 65535))
      throw usage(CLI_NK3_EN.periodTakes({ value: String(v.period) }));
    if (kind === 'hotp' && period !== undefined) throw usage(CLI_NK3_EN.periodForTotp);
    if (kind === 'totp' && v.counter !== undefined) throw usage(CLI_NK3_EN.counterForHotp);
    const counter = v.counter === undefined ? undefined : String(v.counter);
    if (counter !== undefined && !/^\d+$/.test(counter)) throw usage(CLI_NK3_EN.counterTakes({ value: counter }));
    w = {
      name,
      kind,
      secret: secret.bytes,
      algorithm: algorithm as OtpAlgorithm,
      digits: Number(digits),
      period,
      counter: counter === undefined ? undefined : BigInt(counter),
    };
  }
  return { ...w, isTouchRequired: v.touch === true, isPinProtected: v['pin-protected'] === true };
}

/** Says on stderr what a period other than 30 s means for other apps (issue 11). */
export function periodNote(inv: Invocation, w: CredentialWrite): void {
  if (w.kind === 'totp' && (w.period ?? 30) !== 30)
    inv.ctx.stderr.write(`keyslot: ${CLI_NK3_EN.periodNote({ name: storedName(w), period: w.period ?? 30 })}\n`);
}

export const namesOtpSet: Command = {
  path: ['otp', 'set'],
  summary: 'write a credential',
  usage:
    'otp set NAME (--secret BASE32 | --hex HEX | --uri URI) [--kind totp|hotp] [--digits 6|7|8] [--period S] [--algorithm SHA1|SHA256] [--counter N] [--touch] [--pin-protected]',
  details: CLI_NK3_HELP_EN['otp set'],
  positionals: [0, 1],
  options: {
    secret: { type: 'string', value: 'BASE32', help: 'the secret in base32' },
    hex: { type: 'string', value: 'HEX', help: 'the secret in hex' },
    uri: { type: 'string', value: 'URI', help: 'an otpauth:// URI' },
    kind: { type: 'string', value: 'totp|hotp', help: 'credential kind (default totp; hotp with --counter)' },
    digits: { type: 'string', value: '6|7|8', help: 'code length (default 6)' },
    period: { type: 'string', value: 'S', help: 'TOTP time step in seconds (default 30; kept as a P/ name prefix)' },
    algorithm: { type: 'string', value: 'SHA1|SHA256', help: 'HMAC hash (default SHA1)' },
    counter: { type: 'string', value: 'N', help: 'HOTP counter of the first code (default 0)' },
    touch: { type: 'boolean', help: 'each code needs a touch' },
    'pin-protected': { type: 'boolean', help: 'encrypt with the PIN: listed and used only with it' },
  },
  async run(inv) {
    const w = await withSession(inv, async (s) => {
      const w = planWrite(inv, s.caps);
      const problem = s.checkWrite(w);
      if (problem) throw problem;
      periodNote(inv, w);
      await s.writeCredential(w, { pin: pinSource(inv.ctx) });
      return w;
    });
    const what = w.kind === 'totp' ? CLI_NK3_EN.everySeconds({ period: w.period ?? 30 }) : CLI_NK3_EN.hotp;
    say(inv, CLI_NK3_EN.wrote({ name: storedName(w), digits: w.digits ?? 6, what, algorithm: w.algorithm ?? 'SHA1' }));
  },
};

export const namesOtpErase: Command = {
  path: ['otp', 'erase'],
  summary: 'delete a credential',
  usage: 'otp erase NAME',
  positionals: [1, 1],
  async run(inv) {
    const name = await withSession(inv, async (s) => {
      const pin = pinSource(inv.ctx);
      const c = await s.findCredential(inv.positionals[0], { pin });
      await s.deleteCredential(c.ref, { pin });
      return c.name;
    });
    say(inv, CLI_NK3_EN.erased({ name }));
  },
};

/**
 * Renames a credential in place (UPDATE CREDENTIAL, a touch): the secret stays, so do the codes; a TOTP
 * period prefix is kept. The PIN is asked only for a PIN-protected credential (found without the PIN
 * first, as erase does), or with --with-pin / KEYSLOT_PIN, which also checks the new name against the
 * PIN-protected credentials.
 */
export const namesOtpRename: Command = {
  path: ['otp', 'rename'],
  summary: 'rename a credential, keeping its secret',
  usage: 'otp rename NAME NEW-NAME [--with-pin]',
  details: CLI_NK3_HELP_EN['otp rename'],
  positionals: [2, 2],
  options: {
    'with-pin': { type: 'boolean', help: 'also check the names of PIN-protected credentials (asks the PIN)' },
  },
  async run(inv) {
    const [from, to] = inv.positionals;
    if (from.trim() === '') throw usage(CLI_NK3_EN.nameEmptyArg);
    if (to.trim() === '') throw usage(CLI_NK3_EN.newNameEmptyArg);
    const bytes = new TextEncoder().encode(to).length;
    if (bytes > NK3_LIMITS.labelBytes)
      throw new DeviceError('name-too-long', { reason: 'bytes', bytes, maxBytes: NK3_LIMITS.labelBytes });
    const r = await withSession(inv, async (s) => {
      const pin = pinSource(inv.ctx);
      const c = await s.findCredential(from, { pin });
      const auth = c.isPinProtected || wantsPin(inv) ? { pin } : {};
      return { from: c.name, to: await s.updateCredential(c.ref, { name: to }, auth) };
    });
    say(inv, CLI_NK3_EN.renamed({ from: r.from, name: 'name' in r.to ? r.to.name : to }));
  },
};
