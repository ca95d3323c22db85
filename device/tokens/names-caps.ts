/** What a Nitrokey 3's Secrets app can do, as the seam's capabilities (name-session.ts re-exports it). */
import { NK3_LIMITS } from '../nk3/constants';
import { NK3_CAPS } from '../nk3/session';
import type { TokenCaps } from './types';

/** A Nitrokey 3's capabilities. */
export const NAMES_CAPS: TokenCaps = {
  addressing: 'names',
  algorithms: ['SHA1', 'SHA256'],
  digits: NK3_CAPS.digits,
  kinds: ['totp', 'hotp'],
  pins: ['pin'],
  pinRetries: { pin: NK3_LIMITS.pinRetries },
  touch: true,
  hasPinProtectedCredentials: true,
  maxNameBytes: NK3_LIMITS.labelBytes,
  maxSecretBytes: NK3_LIMITS.secretBytes,
  maxCredentials: NK3_LIMITS.credentials,
  slots: null,
  isPeriodStored: false,
  needsClock: false,
  pws: {
    entries: null,
    fields: ['login', 'password', 'comment'],
    maxFieldBytes: {
      login: NK3_LIMITS.pwsFieldBytes,
      password: NK3_LIMITS.pwsFieldBytes,
      comment: NK3_LIMITS.pwsFieldBytes,
    },
  },
  // UPDATE CREDENTIAL (reference §4.14): name, touch flag, password fields; never the secret or PIN protection.
  editable: ['name', 'touch', 'login', 'password', 'comment'],
};
