/**
 * Pieces `otp add` and `backup …` share: reading accounts from --uri/--qr/--secret, the review
 * list, the backup password, and writing with verification.
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { type BackupOtp, type BackupProblem, type OtpauthAccount, type Parsed } from '../device/index';
import { describeError } from '../shared/vocabulary/index';
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
 * nothing usable was found, listing every problem. `parseUri` reads each otpauth URI (default: the slot
 * tokens' parser; the Nitrokey 3's `otp add` passes one that also takes SHA-256 and 7 digits).
 */
export async function readSources(inv: Invocation): Promise<ImportScan>;
export async function readSources(
  inv: Invocation,
  parseUri: (text: string) => Parsed<BackupOtp>,
): Promise<ImportScan<BackupOtp | OtpauthAccount>>;
export async function readSources(
  inv: Invocation,
  parseUri?: (text: string) => Parsed<BackupOtp>,
): Promise<ImportScan<BackupOtp | OtpauthAccount>> {
  const v = inv.values;
  const given = (['uri', 'qr', 'secret'] as const).filter((k) => typeof v[k] === 'string');
  if (given.length !== 1) throw usage(given.length ? CLI_EN.giveOnlyOne({ options: given }) : CLI_EN.giveAccount);
  if (given[0] !== 'secret' && (['digits', 'period', 'counter'] as const).some((k) => v[k] !== undefined))
    throw usage(CLI_EN.optionsGoWithSecret);
  if (given[0] === 'secret') {
    if (inv.positionals.length) throw usage(CLI_EN.unexpectedArgument({ value: inv.positionals[0] }));
    if (typeof v.name !== 'string') throw usage(CLI_EN.nameNeededWithSecret);
    const isHotp = typeof v.counter === 'string';
    if (isHotp && v.period !== undefined) throw usage(CLI_EN.periodOrCounter);
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
        throw usage(CLI_EN.cannotReadImage({ file, why: read.reason === 'ENOENT' ? CLI_EN.noSuchFile : read.reason }));
      const bytes = read.bytes;
      const scan = decodeQrImage(bytes);
      if (scan.ok) texts.push(...scan.texts);
      else problems.push(`${file}: ${scan.problem}`);
    }
  }
  const scan = parseUri ? readImportTexts(texts, parseUri) : readImportTexts(texts);
  scan.problems.unshift(...problems);
  if (scan.candidates.length === 0) throw usage(scan.problems.join('\n') || CLI_EN.noAccountFound);
  return scan;
}

/** Prints the review list: where each account goes, name changes, refusals and notes. */
export function printReview(inv: Invocation, plan: ImportPlan, scanProblems: string[] = []): void {
  const lines: string[] = [];
  if (plan.assignments.length) {
    lines.push(CLI_EN.toWrite({ count: plan.assignments.length }));
    for (const a of plan.assignments) {
      const acc = a.account;
      const what =
        acc.kind === 'totp'
          ? `${acc.digits} digits, ${CLI_EN.everySeconds({ period: acc.period ?? 30 })}`
          : `${acc.digits} digits, ${CLI_EN.counterAt({ counter: String(acc.counter ?? 0n) })}`;
      lines.push(
        `  ${formatSlotRef(a.slot).padEnd(8)}${`"${a.name}"`.padEnd(19)}${a.label} (${what})${a.replaces ? ` — replaces "${a.replaces}"` : ''}`,
      );
      if (a.nameNote) lines.push(`          name: ${a.nameNote}`);
    }
  }
  if (plan.refusals.length) {
    lines.push(CLI_EN.cannotBeWritten({ count: plan.refusals.length }));
    for (const r of plan.refusals) lines.push(`  ${r.label}: ${r.problem}`);
  }
  for (const n of [...plan.notes, ...scanProblems]) lines.push(CLI_EN.note({ text: n }));
  if (plan.assignments.some((a) => a.account.kind === 'hotp')) {
    lines.push(CLI_EN.hotpCheckNote);
  }
  say(inv, lines.join('\n'));
}

/**
 * Asks "Go ahead? [y/N]" on a terminal; `--yes` skips it. Without a terminal and without --yes it
 * refuses (exit 2); any answer but y/yes cancels (exit 6).
 */
export async function askToProceed(inv: Invocation, question: string): Promise<void> {
  if (inv.values.yes === true) return;
  if (!inv.ctx.isTTY) throw usage(CLI_EN.notATerminal({ question }));
  const answer = await prompt(inv.ctx, CLI_EN.yesNo({ question }), { hidden: false });
  if (!/^y(es)?$/i.test(answer.trim())) throw new DeviceError('cancelled');
}

/** The backup password: KEYSLOT_BACKUP_PASSWORD, else a hidden prompt (twice for a new backup). */
export async function readBackupPassword(ctx: CliContext, isNew: boolean): Promise<string> {
  const fromEnv = ctx.env.KEYSLOT_BACKUP_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!ctx.isTTY) throw new CliError(CLI_EN.backupPasswordNeeded, EXIT.pin);
  const pw = await prompt(ctx, isNew ? CLI_EN.newBackupPasswordPrompt : CLI_EN.backupPasswordPrompt, {
    hidden: true,
  });
  if (isNew) {
    const again = await prompt(ctx, CLI_EN.backupPasswordAgainPrompt, { hidden: true });
    if (again !== pw) throw new CliError(CLI_EN.passwordsDifferUnwritten, EXIT.pin);
  }
  return pw;
}

/** A BackupProblem as a CLI error: a wrong password exits 4, other problems 2. */
export function backupError(p: BackupProblem): CliError {
  return new CliError(
    p.code === 'backup-exists' ? `${describeError(p.code)} ${CLI_EN.addToBackupHint}` : describeError(p.code),
    p.code === 'backup-wrong-password' || p.code === 'backup-password-empty' ? EXIT.pin : EXIT.usage,
  );
}

/** Refuses a plan that cannot go ahead, and assignments this token refuses, before any PIN is asked. */
export function checkPlan(token: Token, plan: ImportPlan): void {
  if (plan.problem) throw new CliError(plan.problem, EXIT.refused);
  if (plan.assignments.length === 0) throw new CliError(CLI_EN.noAccountWritable, EXIT.usage);
  const refused = checkAssignments(token, plan.assignments);
  if (refused)
    throw new DeviceError(refused.error.code, {
      ...refused.error.info,
      account: refused.assignment.label,
      slot: formatSlotRef(refused.assignment.slot),
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
    if (r.verify.ok) say(inv, CLI_EN.wroteAndChecked({ slot: ref, name: r.assignment.name }));
    else say(inv, CLI_EN.wroteCheckFailed({ slot: ref, name: r.assignment.name, differences: r.verify.differences }));
  });
  if (report.failure) {
    const done = report.results.map((r) => formatSlotRef(r.assignment.slot));
    const e = report.failure.error;
    const why = e instanceof Error ? e.message : String(e);
    throw new CliError(
      CLI_EN.stoppedAt({ why, slot: formatSlotRef(report.failure.assignment.slot), done }),
      EXIT.refused,
    );
  }
  const failed = report.results.filter((r) => !r.verify.ok);
  if (failed.length) throw new CliError(CLI_EN.checksFailed({ count: failed.length }), EXIT.refused);
  return report;
}
