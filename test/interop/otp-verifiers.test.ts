/**
 * Codes from slots that `otp add`'s flow wrote on the virtual token are accepted by verifiers we
 * did not write: oathtool, python3-pyotp, and a Linux logon through PAM (Debian's
 * libpam-google-authenticator, driven by pamtester) — the Linux counterpart of the Windows OTP
 * credential provider. PAM checks against the real clock, so this suite uses the system clock.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  planImport,
  readImportTexts,
  readTokenFacts,
  systemClock,
  Token,
  VirtualToken,
  VirtualTransport,
  writeAndVerify,
} from '../../device/index';
import { oathtool, run } from '../support/nitrocli';

const TOTP_URI =
  'otpauth://totp/My%20Realm:john.doe?secret=JNRTO4CRGJ3VUOLYJRWTIUTULE4HMQTO&digits=6&algorithm=SHA1&issuer=My%20Realm&period=30';
const HOTP_URI =
  'otpauth://hotp/My%20Realm:john.doe?secret=JNRTO4CRGJ3VUOLYJRWTIUTULE4HMQTO&digits=6&algorithm=SHA1&issuer=My%20Realm&counter=5';
const SECRET_B32 = 'JNRTO4CRGJ3VUOLYJRWTIUTULE4HMQTO';
const SECRET_HEX = Buffer.from('Kc7pQ2wZ9xLm4RtY8vBn').toString('hex');

async function freshToken(): Promise<Token> {
  const v = VirtualToken.create({ model: 'pro', clock: systemClock, latency: 'none', isClockSlow: false });
  const t = await Token.open(new VirtualTransport(v), { clock: systemClock });
  await t.authenticate('admin', '12345678');
  return t;
}

/** Imports URIs the way `otp add` does: plan, write, verify. */
async function add(t: Token, uris: string[]) {
  const plan = planImport(readImportTexts(uris).candidates, await readTokenFacts(t));
  const report = await writeAndVerify(t, plan.assignments, systemClock);
  assert.equal(report.failure, undefined);
  for (const r of report.results) if (!r.verify.ok) assert.fail(r.verify.differences.join(' '));
  return plan.assignments;
}

describe('codes from the virtual token accepted by other verifiers', () => {
  let dir: string;
  let service: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyslot-pam-'));
    service = `keyslot-test-${randomBytes(4).toString('hex')}`;
  });
  after(() => {
    rmSync(join('/etc/pam.d', service), { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  /** A PAM service that asks pam_google_authenticator, with the secret file it reads. */
  function pamService(lines: string[]): void {
    const file = join(dir, 'google_authenticator');
    writeFileSync(file, `${SECRET_B32}\n${lines.join('\n')}\n`, { mode: 0o600 });
    writeFileSync(
      join('/etc/pam.d', service),
      `auth required pam_google_authenticator.so secret=${file} user=root\naccount required pam_permit.so\n`,
    );
  }
  /** pamtester reads the "Verification code" answer from standard input. */
  const pamLogin = (code: string) => run('pamtester', [service, 'root', 'authenticate'], {}, `${code}\n`);

  it('oathtool and pyotp compute the TOTP code the token gives', async () => {
    const t = await freshToken();
    const [a] = await add(t, [TOTP_URI]);
    const now = Math.floor(Date.now() / 1000);
    await t.setTime(now);
    const { code } = await t.getCode(a.slot);
    const candidates = await Promise.all([0, 1].map((d) => oathtool(SECRET_HEX, { totpAt: now + d, digits: 6 })));
    assert.ok(candidates.includes(code), `${code} not in ${candidates}`);
    const py = await run('/usr/bin/python3', [
      '-c',
      'import pyotp,sys; print(pyotp.TOTP(sys.argv[1]).verify(sys.argv[2], valid_window=1))',
      SECRET_B32,
      code,
    ]);
    assert.equal(py.stdout.trim(), 'True', py.stderr);
  });

  it('a Linux logon through pam_google_authenticator accepts the TOTP code and refuses a wrong one', async () => {
    pamService(['" TOTP_AUTH', '" WINDOW_SIZE 3']);
    const t = await freshToken();
    const [a] = await add(t, [TOTP_URI]);
    await t.setTime(Math.floor(Date.now() / 1000));
    const { code } = await t.getCode(a.slot);
    const ok = await pamLogin(code);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr + ok.stdout, /successfully authenticated/);
    const wrong = await pamLogin(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    assert.notEqual(wrong.code, 0, 'PAM refuses a code that is off by one');
  });

  it('a Linux logon through pam_google_authenticator accepts the HOTP code at the written counter', async () => {
    pamService(['" HOTP_COUNTER 6', '" WINDOW_SIZE 1']);
    const t = await freshToken();
    const [a] = await add(t, [HOTP_URI]);
    // Verifying used counter 5; the token's next code is for counter 6, which the file expects.
    const { code } = await t.getCode(a.slot);
    assert.equal(code, await oathtool(SECRET_HEX, { hotpCounter: 6, digits: 6 }));
    const ok = await pamLogin(code);
    assert.equal(ok.code, 0, ok.stderr);
    const again = await pamLogin(code);
    assert.notEqual(again.code, 0, 'a HOTP code is not accepted twice');
  });
});
