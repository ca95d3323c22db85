/**
 * Pieces `otp add` and `backup …` share: reading accounts from --uri/--qr/--secret, the review
 * list, the backup password, and writing with verification.
 */
import { BACKUP_MESSAGES, type BackupProblem } from '../device/index';
import type { Clock } from '../device/index';
import type { ImportPlan } from '../device/index';
import { checkAssignments, writeAndVerify, type WriteReport } from '../device/index';
import { DeviceError } from '../device/index';
import { accountFromTyped, readImportTexts, type ImportScan } from '../device/index';
import { decodeQrImage } from '../device/index';
import { MAX_IMAGE_FILE_BYTES, readFileCapped } from '../device/index';
import { formatSlotRef } from '../device/index';
import type { Token } from '../device/index';
import { say, usage, type Invocation } from './command';
import { CliError, type CliContext } from './context';
import { EXIT } from './exit-codes';
import { authenticate } from './pins';
import { prompt } from './prompt';

/** Options every command that reads accounts takes. */
export const SOURCE_OPTIONS = {
  uri: {
    type: 'string',
    value: 'URI',
    help: 'an otpauth:// or otpauth-migration:// URI; - reads URIs from standard input',
  },
  qr: { type: 'string', value: 'IMAGE', help: 'a PNG or JPEG image with QR codes (a screenshot is fine)' },
  secret: {
    type: 'string',
    value: 'BASE32',
    help: 'type the secret instead (with --name; --digits, --period or --counter)',
  },
  name: { type: 'string', value: 'NAME', help: 'slot name (one account only), up to 15 bytes' },
  digits: { type: 'string', value: '6|8', help: 'with --secret: code length (default 6)' },
  period: { type: 'string', value: 'S', help: 'with --secret: TOTP time step (default 30)' },
  counter: { type: 'string', value: 'N', help: 'with --secret: a HOTP account starting at counter N' },
} as const;

/** Most URI text `--uri -` reads from standard input, in bytes; more is refused, not buffered. */
const MAX_STDIN_BYTES = 1024 * 1024;

async function readStdin(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += b.length;
    if (size > MAX_STDIN_BYTES) throw new DeviceError('file-too-large', { maxBytes: MAX_STDIN_BYTES });
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The accounts named on the command line. Further arguments after --qr are more images, after
 * --uri more URIs (a Google Authenticator export of several QR codes). Throws a usage error when
 * nothing usable was found, listing every problem.
 */
export async function readSources(inv: Invocation): Promise<ImportScan> {
  const v = inv.values;
  const given = (['uri', 'qr', 'secret'] as const).filter((k) => typeof v[k] === 'string');
  if (given.length !== 1)
    throw usage(
      given.length
        ? `Give only one of --${given.join(', --')}.`
        : 'Give the account with --uri URI, --qr IMAGE or --secret BASE32.',
    );
  if (given[0] !== 'secret' && (['digits', 'period', 'counter'] as const).some((k) => v[k] !== undefined))
    throw usage('--digits, --period and --counter go with --secret; a URI or QR code says them itself.');
  if (given[0] === 'secret') {
    if (inv.positionals.length) throw usage(`Unexpected argument "${inv.positionals[0]}".`);
    if (typeof v.name !== 'string') throw usage('--name is needed with --secret (up to 15 bytes).');
    const isHotp = typeof v.counter === 'string';
    if (isHotp && v.period !== undefined) throw usage('--period is for TOTP and --counter for HOTP; give one of them.');
    const r = accountFromTyped({
      secret: v.secret as string,
      kind: isHotp ? 'hotp' : 'totp',
      digits: v.digits as string | undefined,
      period: v.period as string | undefined,
      counter: v.counter as string | undefined,
      name: v.name,
    });
    if (!r.ok) throw usage(r.problem);
    return { candidates: [{ ok: true, account: r.value, label: r.value.name }], problems: [] };
  }
  const texts: string[] = [];
  const problems: string[] = [];
  if (given[0] === 'uri') {
    const uris = [v.uri as string, ...inv.positionals];
    for (const u of uris) texts.push(...(u === '-' ? (await readStdin(inv.ctx)).split(/\s+/).filter(Boolean) : [u]));
  } else {
    for (const file of [v.qr as string, ...inv.positionals]) {
      // Size first: a huge file or a device such as /dev/zero is refused, not read (issue 9 item 6).
      const read = await readFileCapped(file, MAX_IMAGE_FILE_BYTES);
      if (!read.ok && read.reason === 'too-large')
        throw new DeviceError('file-too-large', { maxBytes: MAX_IMAGE_FILE_BYTES });
      if (!read.ok)
        throw usage(`Cannot read the image ${file} (${read.reason === 'ENOENT' ? 'no such file' : read.reason}).`);
      const bytes = read.bytes;
      const scan = decodeQrImage(bytes);
      if (scan.ok) texts.push(...scan.texts);
      else problems.push(`${file}: ${scan.problem}`);
    }
  }
  const scan = readImportTexts(texts);
  scan.problems.unshift(...problems);
  if (scan.candidates.length === 0) throw usage(scan.problems.join('\n') || 'No account was found.');
  return scan;
}

/** Prints the review list: where each account goes, name changes, refusals and notes. */
export function printReview(inv: Invocation, plan: ImportPlan, scanProblems: string[] = []): void {
  const lines: string[] = [];
  if (plan.assignments.length) {
    lines.push(`To write (${plan.assignments.length}):`);
    for (const a of plan.assignments) {
      const acc = a.account;
      const what =
        acc.kind === 'totp'
          ? `${acc.digits} digits, every ${acc.period ?? 30} s`
          : `${acc.digits} digits, counter ${acc.counter ?? 0n}`;
      lines.push(
        `  ${formatSlotRef(a.slot).padEnd(8)}${`"${a.name}"`.padEnd(19)}${a.label} (${what})${a.replaces ? ` — replaces "${a.replaces}"` : ''}`,
      );
      if (a.nameNote) lines.push(`          name: ${a.nameNote}`);
    }
  }
  if (plan.refusals.length) {
    lines.push(`Cannot be written (${plan.refusals.length}):`);
    for (const r of plan.refusals) lines.push(`  ${r.label}: ${r.problem}`);
  }
  for (const n of [...plan.notes, ...scanProblems]) lines.push(`Note: ${n}`);
  if (plan.assignments.some((a) => a.account.kind === 'hotp')) {
    lines.push(
      'Note: checking a HOTP slot after writing uses one counter step; the code shown then is the one to type into the site.',
    );
  }
  say(inv, lines.join('\n'));
}

/**
 * Asks "Go ahead? [y/N]" on a terminal; `--yes` skips it. Without a terminal and without --yes it
 * refuses (exit 2); any answer but y/yes cancels (exit 6).
 */
export async function askToProceed(inv: Invocation, question: string): Promise<void> {
  if (inv.values.yes === true) return;
  if (!inv.ctx.isTTY)
    throw usage(`${question} Not a terminal, so keyslot cannot ask: review the list above and add --yes to go ahead.`);
  const answer = await prompt(inv.ctx, `${question} [y/N] `, { hidden: false });
  if (!/^y(es)?$/i.test(answer.trim())) throw new DeviceError('cancelled');
}

/** The backup password: KEYSLOT_BACKUP_PASSWORD, else a hidden prompt (twice for a new backup). */
export async function readBackupPassword(ctx: CliContext, isNew: boolean): Promise<string> {
  const fromEnv = ctx.env.KEYSLOT_BACKUP_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!ctx.isTTY)
    throw new CliError(
      'The backup password is needed. Set KEYSLOT_BACKUP_PASSWORD, or run keyslot on a terminal to be asked for it.',
      EXIT.pin,
    );
  const pw = await prompt(ctx, isNew ? 'New backup password: ' : 'Backup password: ', { hidden: true });
  if (isNew) {
    const again = await prompt(ctx, 'Backup password again: ', { hidden: true });
    if (again !== pw) throw new CliError('The two passwords differ; nothing was written.', EXIT.pin);
  }
  return pw;
}

/** A BackupProblem as a CLI error: a wrong password exits 4, other problems 2. */
export function backupError(p: BackupProblem): CliError {
  return new CliError(
    BACKUP_MESSAGES[p.code],
    p.code === 'backup-wrong-password' || p.code === 'backup-password-empty' ? EXIT.pin : EXIT.usage,
  );
}

/** Refuses a plan that cannot go ahead, and assignments this token refuses, before any PIN is asked. */
export function checkPlan(token: Token, plan: ImportPlan): void {
  if (plan.problem) throw new CliError(plan.problem, EXIT.refused);
  if (plan.assignments.length === 0)
    throw new CliError(
      'No account can be written to this token; see the reasons above. Nothing was written.',
      EXIT.usage,
    );
  const refused = checkAssignments(token, plan.assignments);
  if (refused)
    throw new DeviceError(refused.error.code, {
      hint: `(${refused.assignment.label} in ${formatSlotRef(refused.assignment.slot)}) ${refused.error.info.hint ?? ''}`.trim(),
    });
}

/**
 * Authenticates (admin PIN; the user PIN too when codes need it), writes and verifies, printing a
 * line per account. Throws CliError (exit 5) when a check failed or the token stopped part-way.
 */
export async function writePlan(inv: Invocation, token: Token, plan: ImportPlan, clock?: Clock): Promise<WriteReport> {
  await authenticate(inv.ctx, token, 'admin');
  if (await token.isUserPinRequiredForCodes()) await authenticate(inv.ctx, token, 'user');
  const report = await writeAndVerify(token, plan.assignments, clock, (r) => {
    const ref = formatSlotRef(r.assignment.slot);
    if (r.verify.ok)
      say(inv, `Wrote ${ref} "${r.assignment.name}" and checked it: the token's code matches the secret.`);
    else say(inv, `Wrote ${ref} "${r.assignment.name}", but the check FAILED:\n  ${r.verify.differences.join('\n  ')}`);
  });
  if (report.failure) {
    const done = report.results.map((r) => formatSlotRef(r.assignment.slot));
    const e = report.failure.error;
    const why = e instanceof Error ? e.message : String(e);
    throw new CliError(
      `${why} Stopped at ${formatSlotRef(report.failure.assignment.slot)}; ${done.length ? `written before it: ${done.join(', ')}` : 'nothing was written'}.`,
      EXIT.refused,
    );
  }
  const failed = report.results.filter((r) => !r.verify.ok);
  if (failed.length)
    throw new CliError(
      `${failed.length} slot${failed.length === 1 ? '' : 's'} did not give the expected code; do not rely on ${failed.length === 1 ? 'it' : 'them'}.`,
      EXIT.refused,
    );
  return report;
}
