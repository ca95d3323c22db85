import { useState } from 'react';
import type { ImportReview, TypedAccountRequest } from '../../../electron/ipc/contract';
import { TOTP_PERIOD } from '../../../shared/constants';
import { invoke } from '../../api';
import { errorText, t } from '../../i18n';
import { checkSecret } from '../../validation';
import { Field } from '../Field';
import { RadioChoice } from '../RadioChoice';
import { SecretField } from '../SecretField';

/** Typing the secret a site shows as text; checked in main like a scanned account. */
export function TypedForm({ onReview, onBack }: { onReview: (r: ImportReview) => void; onBack: () => void }) {
  const [f, setF] = useState({
    issuer: '',
    account: '',
    secret: '',
    encoding: 'base32' as 'base32' | 'hex',
    kind: 'totp' as 'totp' | 'hotp',
    digits: 6 as 6 | 8,
    period: String(TOTP_PERIOD.default),
    counter: '0',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<typeof f>) => setF((old) => ({ ...old, ...change }));
  const secret = checkSecret(f.secret, f.encoding);
  const hasName = !!(f.issuer.trim() || f.account.trim());

  async function submit() {
    if (!secret.ok || !hasName) return setError(!hasName ? t('typedNeedsName') : t('secretEmpty'));
    const req: TypedAccountRequest = {
      secret: f.secret,
      encoding: f.encoding,
      kind: f.kind,
      digits: f.digits,
      ...(f.kind === 'totp' ? { period: Number(f.period) } : { counter: f.counter }),
      ...(f.issuer.trim() ? { issuer: f.issuer.trim() } : {}),
      ...(f.account.trim() ? { account: f.account.trim() } : {}),
    };
    const r = await invoke('import/typed', req);
    if (!r.ok) return setError(errorText(r.error));
    set({ secret: '' });
    onReview(r.value);
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      <Field label={t('issuer')}>
        {(p) => <input {...p} value={f.issuer} data-autofocus onChange={(e) => set({ issuer: e.target.value })} />}
      </Field>
      <Field label={t('accountName')}>
        {(p) => <input {...p} value={f.account} onChange={(e) => set({ account: e.target.value })} />}
      </Field>
      <RadioChoice
        legend={t('encoding')}
        name="typed-encoding"
        options={['base32', 'hex'] as const}
        value={f.encoding}
        label={(encoding) => t(encoding)}
        onChange={(encoding) => set({ encoding })}
      />
      <SecretField value={f.secret} onChange={(secret) => set({ secret })} />
      <RadioChoice
        legend={t('kind')}
        name="typed-kind"
        options={['totp', 'hotp'] as const}
        value={f.kind}
        label={(kind) => (kind === 'totp' ? t('kindTotp') : t('kindHotp'))}
        onChange={(kind) => set({ kind })}
      />
      <RadioChoice
        legend={t('digits')}
        name="typed-digits"
        options={[6, 8] as const}
        value={f.digits}
        label={(digits) => digits}
        onChange={(digits) => set({ digits })}
      />
      {f.kind === 'totp' ? (
        <Field label={t('period')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={f.period}
              onChange={(e) => set({ period: e.target.value.trim() })}
            />
          )}
        </Field>
      ) : (
        <Field label={t('counter')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={f.counter}
              onChange={(e) => set({ counter: e.target.value.trim() })}
            />
          )}
        </Field>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <button type="submit" className="primary">
          {t('next')}
        </button>
      </div>
    </form>
  );
}
