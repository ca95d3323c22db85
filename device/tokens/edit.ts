/**
 * What `updateCredential` may change, checked before anything is sent: every key of the changes must be
 * one of the token's `caps.editable` fields (anything else, a secret or an algorithm included, needs a new
 * credential), and at least one must be given.
 */
import { DeviceError } from '../errors';
import type { CredentialChanges, EditableField } from './types';

const FIELD_OF: Record<keyof CredentialChanges, EditableField> = {
  name: 'name',
  isTouchRequired: 'touch',
  login: 'login',
  password: 'password',
  comment: 'comment',
};

/** Throws 'bad-input' (reason 'not-editable' with the field, or 'nothing-to-change') unless `changes` fits. */
export function checkEditable(changes: CredentialChanges, editable: readonly EditableField[]): void {
  const given = Object.entries(changes).filter(([, value]) => value !== undefined);
  for (const [key] of given) {
    const field = Object.hasOwn(FIELD_OF, key) ? FIELD_OF[key as keyof CredentialChanges] : undefined;
    if (!field || !editable.includes(field)) throw new DeviceError('bad-input', { reason: 'not-editable', field: key });
  }
  if (given.length === 0) throw new DeviceError('bad-input', { reason: 'nothing-to-change' });
}
