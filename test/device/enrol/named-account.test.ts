import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseUriForCaps } from '../../../device/enrol/named-account';
import { NAMES_CAPS } from '../../../device/tokens/name-session';
import { slotCaps } from '../../../device/tokens/slot-session';

const B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('parseUriForCaps', () => {
  it('takes SHA-256 and 7 digits for a Nitrokey 3, the rest as the slot parser reads it', () => {
    const r = parseUriForCaps(`otpauth://totp/ACME:ann?secret=${B32}&algorithm=SHA256&digits=7&period=60`, NAMES_CAPS);
    assert.ok(r.ok);
    assert.deepEqual(
      { ...r.value, secret: r.value.secret.length },
      {
        kind: 'totp',
        secret: 20,
        digits: 7,
        algorithm: 'SHA256',
        issuer: 'ACME',
        account: 'ann',
        period: 60,
        name: r.value.name,
      },
    );
  });

  it('refuses SHA-256 for a Pro and SHA-512 for a Nitrokey 3, naming the algorithm field', () => {
    const pro = parseUriForCaps(`otpauth://totp/X?secret=${B32}&algorithm=SHA256`, slotCaps());
    assert.equal(!pro.ok && pro.field, 'algorithm');
    const nk3 = parseUriForCaps(`otpauth://totp/X?secret=${B32}&algorithm=sha-512`, NAMES_CAPS);
    assert.equal(!nk3.ok && nk3.field, 'algorithm');
  });

  it('refuses 7 digits for a Pro and keeps the slot parser’s refusals (no secret)', () => {
    const pro = parseUriForCaps(`otpauth://totp/X?secret=${B32}&digits=7`, slotCaps());
    assert.equal(!pro.ok && pro.field, 'digits');
    const none = parseUriForCaps('otpauth://totp/X?digits=6', NAMES_CAPS);
    assert.equal(!none.ok && none.field, 'secret');
  });

  it('reads a URI without parameters beyond the secret as SHA-1, 6 digits', () => {
    const r = parseUriForCaps(`otpauth://hotp/Y?secret=${B32}&counter=4`, NAMES_CAPS);
    assert.ok(r.ok);
    assert.deepEqual([r.value.algorithm, r.value.digits, r.value.counter], ['SHA1', 6, 4n]);
  });
});
