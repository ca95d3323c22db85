/**
 * `keyslot otp add` and `backup restore` on a named-credential token (Nitrokey 3), as on a slot token:
 * accounts from QR codes, URIs or a typed secret (and from a backup), reviewed, refused before anything is
 * sent when the token cannot hold them (a taken name, a full store, a name too long), optionally added to
 * an encrypted backup first, then each verified after writing against the code the host computes.
 */
import { access } from 'node:fs/promises';
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_NK3_EN, CLI_NK3_HELP_EN } from '../shared/vocabulary/cli-nk3-en';
import {
  addToBackupFile,
  NAMES_CAPS,
  parseUriForBackup,
  readBackupFile,
  storedName,
  systemClock,
  verifyCredential,
} from '../device/index';
import type { BackupOtp, CredentialWrite, TokenSession } from '../device/index';
import { say, usage, YES_OPTION, type Command, type Invocation } from './command';
import { askToProceed, backupError, readBackupPassword, readSources, SOURCE_OPTIONS } from './enrol-shared';
import { EXIT } from './exit-codes';
import { pinSource, withSession } from './names-family';
import { periodNote } from './names-otp';

/** An account as the credential to write: named "Issuer:account" (ykman's form). */
function writeFor(a: BackupOtp, name?: string): CredentialWrite {
  const label = a.issuer && a.account ? `${a.issuer}:${a.account}` : (a.account ?? a.issuer ?? a.name);
  return {
    name: name ?? label,
    kind: a.kind,
    secret: a.secret,
    algorithm: a.algorithm ?? 'SHA1',
    digits: a.digits,
    period: a.period,
    counter: a.counter,
  };
}

/** Checks every write against the token before anything is sent; returns the review lines. */
async function review(inv: Invocation, s: TokenSession, writes: CredentialWrite[]): Promise<void> {
  const taken = new Set((await s.listCredentials()).map((c) => c.name));
  const used = taken.size;
  const lines = [CLI_EN.toWrite({ count: writes.length })];
  for (const w of writes) {
    const problem = s.checkWrite(w);
    if (problem) throw problem;
    const name = storedName(w);
    if (taken.has(name)) throw usage(CLI_NK3_EN.nameTaken({ name }));
    taken.add(name);
    const what = w.kind === 'totp' ? CLI_NK3_EN.everySeconds({ period: w.period ?? 30 }) : CLI_NK3_EN.hotp;
    lines.push(`  "${name}"  ${w.digits ?? 6} digits, ${what}`);
  }
  if (used + writes.length > s.caps.maxCredentials)
    throw usage(CLI_NK3_EN.noRoom({ count: writes.length, free: s.caps.maxCredentials - used }));
  say(inv, lines.join('\n'));
  for (const w of writes) periodNote(inv, w);
}

/** Writes and verifies each account; prints what a person needs; returns how many checks failed. */
async function writeAll(inv: Invocation, s: TokenSession, writes: CredentialWrite[]): Promise<number> {
  const clock = inv.ctx.clock ?? systemClock;
  const pin = pinSource(inv.ctx);
  let failed = 0;
  for (const w of writes) {
    const ref = await s.writeCredential(w, { pin });
    const check = await verifyCredential(s, ref, w, clock.now(), { pin });
    const name = storedName(w);
    if (!check.isMatch) {
      failed++;
      say(inv, CLI_NK3_EN.checkFailed({ name }));
      continue;
    }
    say(inv, CLI_NK3_EN.wroteAndChecked({ name }));
    if (writes.length === 1 && w.kind === 'totp')
      say(inv, CLI_EN.typeThisCode({ code: check.code, validity: CLI_EN.validFor({ seconds: check.validForS ?? 0 }) }));
    else if (writes.length === 1) say(inv, CLI_EN.typeThisCode({ code: check.code, validity: '' }));
  }
  if (failed) say(inv, CLI_EN.checksFailed({ count: failed }));
  return failed;
}

export const namesOtpAdd: Command = {
  path: ['otp', 'add'],
  summary: 'add accounts from a QR code or URI, verify them, show the code',
  usage: 'otp add (--uri URI | --qr IMAGE | --secret BASE32 --name NAME) [MORE...] [--backup FILE] [--yes]',
  details: CLI_NK3_HELP_EN['otp add'],
  options: {
    ...SOURCE_OPTIONS,
    backup: { type: 'string', value: 'FILE', help: 'add the accounts to this encrypted backup before writing' },
    yes: YES_OPTION,
  },
  positionals: [0, 32],
  async run(inv) {
    // SHA-256 and 7-digit accounts too: what a Nitrokey 3 computes (its caps), and what a backup keeps.
    const scan = await readSources(inv, (u) => parseUriForBackup(u, NAMES_CAPS));
    const ok = scan.candidates.flatMap((c) => (c.ok ? [c] : []));
    const refused = scan.candidates.flatMap((c) => (c.ok ? [] : [`  ${c.label}: ${c.problem}`]));
    const name = typeof inv.values.name === 'string' ? inv.values.name : undefined;
    if (name !== undefined && ok.length !== 1) throw usage(CLI_NK3_EN.nameOneAccount);
    const writes = ok.map((c) => writeFor(c.account, name));
    const backupFile = typeof inv.values.backup === 'string' ? inv.values.backup : undefined;
    const failed = await withSession(inv, async (s) => {
      if (refused.length) say(inv, [CLI_EN.cannotBeWritten({ count: refused.length }), ...refused].join('\n'));
      if (writes.length === 0) throw usage(CLI_EN.noAccountWritable);
      await review(inv, s, writes);
      if (writes.length > 1 || refused.length || scan.problems.length)
        await askToProceed(inv, CLI_EN.writeAccounts({ count: writes.length }));
      if (backupFile) {
        const isNew = await access(backupFile).then(
          () => false,
          () => true,
        );
        const password = await readBackupPassword(inv.ctx, isNew);
        const saved = await addToBackupFile(
          backupFile,
          password,
          ok.map((c, i) => ({ account: c.account, name: storedName(writes[i]) })),
        );
        if (!saved.ok) throw backupError(saved);
        say(
          inv,
          CLI_EN.addedToBackup({ count: writes.length, file: backupFile, total: saved.contents.accounts.length }),
        );
      }
      return writeAll(inv, s, writes);
    });
    return failed ? EXIT.refused : undefined;
  },
};

export const namesBackupRestore: Command = {
  path: ['backup', 'restore'],
  summary: "write a backup's accounts to a token and verify them",
  usage: 'backup restore FILE [--yes]',
  details: CLI_NK3_HELP_EN['backup restore'],
  options: { yes: YES_OPTION },
  positionals: [1, 1],
  async run(inv) {
    const password = await readBackupPassword(inv.ctx, false);
    const r = await readBackupFile(inv.positionals[0], password);
    if (!r.ok) throw backupError(r);
    if (r.contents.accounts.length === 0) throw usage(CLI_EN.nothingToRestore);
    let written = 0;
    let present = 0;
    const failed = await withSession(inv, async (s) => {
      const clock = inv.ctx.clock ?? systemClock;
      const onToken = new Set((await s.listCredentials()).map((c) => c.name));
      const writes: CredentialWrite[] = [];
      for (const b of r.contents.accounts) {
        const w = writeFor(b.account, b.account.issuer || b.account.account ? undefined : b.name);
        const name = storedName(w);
        // A TOTP account already there with the same code is left out; HOTP is not compared (it would use a code).
        if (onToken.has(name) && w.kind === 'totp') {
          const c = await verifyCredential(s, { name }, w, clock.now(), { pin: pinSource(inv.ctx) }).catch(() => null);
          if (c?.isMatch) {
            present++;
            say(inv, CLI_NK3_EN.alreadyThere({ name }));
            continue;
          }
        }
        writes.push(w);
      }
      if (writes.length === 0) {
        say(inv, CLI_EN.allOnToken);
        return 0;
      }
      await review(inv, s, writes);
      await askToProceed(inv, CLI_EN.restoreQuestion({ count: writes.length }));
      written = writes.length;
      return writeAll(inv, s, writes);
    });
    if (written) say(inv, CLI_EN.restored({ count: written, present }));
    return failed ? EXIT.refused : undefined;
  },
};
