import { useState } from 'react';
import { t } from '../i18n';
import { Field } from './Field';

/**
 * The secret of an OTP account as typed (base32 or hex), hidden until Show is pressed, never
 * autocompleted or spell-checked (a spell checker may send words away). Its own Show state, unless
 * the form holds it (`isShown` with `onShownChange`: the slot dialog shows a secret it generated).
 */
export function SecretField({
  value,
  onChange,
  problem,
  hint,
  isShown: heldShown,
  onShownChange,
}: {
  value: string;
  onChange: (secret: string) => void;
  problem?: string | null;
  hint?: string;
  isShown?: boolean;
  onShownChange?: (isShown: boolean) => void;
}) {
  const [ownShown, setOwnShown] = useState(false);
  const isShown = heldShown ?? ownShown;
  const setShown = onShownChange ?? setOwnShown;
  return (
    <Field label={t('secret')} problem={problem} hint={hint}>
      {(p) => (
        <div className="row">
          <input
            {...p}
            type={isShown ? 'text' : 'password'}
            value={value}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange(e.target.value)}
          />
          <button type="button" aria-pressed={isShown} onClick={() => setShown(!isShown)}>
            {isShown ? t('hide') : t('show')}
          </button>
        </div>
      )}
    </Field>
  );
}
