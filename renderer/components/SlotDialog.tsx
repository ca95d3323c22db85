import { useMemo, useState } from 'react';
import { SLOT_COUNT, TOTP_PERIOD } from '../../shared/constants';
import type { SlotSummary, SlotWritten } from '../../electron/ipc/contract';
import { showError, withPin } from '../actions';
import { invoke } from '../api';
import { t } from '../i18n';
import { useKeyslotStore } from '../store';
import { checkSecret, randomSecret, utf8Bytes } from '../validation';
import { Field } from './Field';
import { RadioChoice } from './RadioChoice';
import { Modal } from './Modal';
import { SecretField } from './SecretField';
import { checkSlotForm, type SlotForm } from './slot-form';
import { slotLabel } from './SlotList';

/** Adds or changes a slot: every field checked before sending; overwrite asks first; shows the new code. */
export function SlotDialog({ edit }: { edit: SlotSummary | null }) {
  const token = useKeyslotStore((s) => s.token)!;
  const slots = useKeyslotStore((s) => s.slots);
  const close = useKeyslotStore((s) => s.closeDialog);
  const firstFree = (kind: 'totp' | 'hotp') => {
    for (let i = 0; i < SLOT_COUNT[kind]; i++)
      if (!slots.some((s) => s.slot.kind === kind && s.slot.index === i)) return i;
    return 0;
  };
  const [f, setF] = useState<SlotForm>(() => ({
    kind: edit?.slot.kind ?? 'totp',
    index: edit?.slot.index ?? firstFree('totp'),
    name: edit?.name ?? '',
    secret: '',
    encoding: 'base32',
    digits: edit?.digits ?? 6,
    period: String(edit?.period ?? TOTP_PERIOD.default),
    counter: edit?.counter ?? '0',
  }));
  const [isShown, setShown] = useState(false);
  const [randomBytes, setRandomBytes] = useState(token.limits.secretMax);
  const [isTouched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState<SlotSummary | null>(null);
  const [written, setWritten] = useState<SlotWritten | null>(null);
  const [isBusy, setBusy] = useState(false);
  const canKeepSecret = !!edit && !token.isLegacy && edit.slot.kind === f.kind && edit.slot.index === f.index;
  const problems = useMemo(() => checkSlotForm(f, token.limits, canKeepSecret), [f, token.limits, canKeepSecret]);
  const shown = isTouched ? problems : {};
  const set = (change: Partial<SlotForm>) => setF((old) => ({ ...old, ...change }));
  const occupant = (kind: 'totp' | 'hotp', index: number) =>
    slots.find((s) => s.slot.kind === kind && s.slot.index === index) ?? null;
  const secretCheck = checkSecret(f.secret, f.encoding);

  async function save(isConfirmed: boolean) {
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    const existing = occupant(f.kind, f.index);
    if (existing && !isConfirmed) return setConfirming(existing);
    setConfirming(null);
    setBusy(true);
    const req = {
      slot: { kind: f.kind, index: f.index },
      name: f.name,
      ...(f.secret.trim() ? { secret: { text: f.secret, encoding: f.encoding } } : {}),
      digits: f.digits,
      ...(f.kind === 'totp' ? { period: Number(f.period) } : { counter: f.counter }),
      isOverwriteConfirmed: isConfirmed || !existing,
    };
    const r = await withPin('admin', (adminPin) => invoke('slot/write', adminPin ? { ...req, adminPin } : req));
    setBusy(false);
    if (!r) return;
    if (!r.ok) return showError(r.error);
    set({ secret: '' });
    setWritten(r.value);
  }

  if (written) {
    return (
      <Modal title={t('newCode')} onClose={close}>
        {written.code ? (
          <>
            <p>{t('newCodeBody')}</p>
            <output className="new-code" data-testid="new-code" aria-label={t('newCode')}>
              {written.code}
            </output>
            {written.slot.slot.kind === 'hotp' && <p className="note">{t('newCodeHotp')}</p>}
          </>
        ) : (
          <p>{t('newCodeNeedsPin')}</p>
        )}
        <div className="actions">
          <button type="button" className="primary" data-autofocus onClick={close}>
            {t('done')}
          </button>
        </div>
      </Modal>
    );
  }

  if (confirming) {
    const vars = { name: confirming.name, slot: slotLabel(confirming.slot) };
    return (
      <Modal title={t('overwriteTitle', vars)} onClose={() => setConfirming(null)} role="alertdialog">
        <p>{t('overwriteBody', vars)}</p>
        <div className="actions">
          <button type="button" data-autofocus onClick={() => setConfirming(null)}>
            {t('cancel')}
          </button>
          <button type="button" className="danger" onClick={() => void save(true)}>
            {t('overwrite')}
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={edit ? t('slotDialogEdit', { slot: slotLabel(edit.slot) }) : t('slotDialogAdd')} onClose={close}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <RadioChoice
          legend={t('kind')}
          name="kind"
          options={['totp', 'hotp'] as const}
          value={f.kind}
          label={(kind) => (kind === 'totp' ? t('kindTotp') : t('kindHotp'))}
          onChange={(kind) => set({ kind, index: firstFree(kind) })}
        />
        <Field label={t('slot')}>
          {(p) => (
            <select {...p} value={f.index} onChange={(e) => set({ index: Number(e.target.value) })}>
              {Array.from({ length: SLOT_COUNT[f.kind] }, (_, i) => (
                <option key={i} value={i}>
                  {`${i + 1} — ${occupant(f.kind, i)?.name ?? t('slotFree')}`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('name')}
          problem={shown.name}
          hint={t('bytesOf', { n: utf8Bytes(f.name), max: token.limits.slotName })}
        >
          {(p) => <input {...p} value={f.name} data-autofocus onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <RadioChoice
          legend={t('encoding')}
          name="encoding"
          options={['base32', 'hex'] as const}
          value={f.encoding}
          label={(encoding) => t(encoding)}
          onChange={(encoding) => set({ encoding })}
        />
        <SecretField
          value={f.secret}
          onChange={(secret) => set({ secret })}
          isShown={isShown}
          onShownChange={setShown}
          problem={shown.secret}
          hint={
            secretCheck.ok
              ? t('secretBytes', { n: secretCheck.bytes, max: token.limits.secretMax })
              : canKeepSecret
                ? t('secretKeep')
                : undefined
          }
        />
        <div className="row generate">
          <label htmlFor="random-bytes">{t('randomBytes')}</label>
          <select id="random-bytes" value={randomBytes} onChange={(e) => setRandomBytes(Number(e.target.value))}>
            {Array.from({ length: token.limits.secretMax - 9 }, (_, i) => i + 10).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => {
              set({ secret: randomSecret(randomBytes), encoding: 'base32' });
              setShown(true);
            }}
          >
            {t('generate')}
          </button>
        </div>
        <RadioChoice
          legend={t('digits')}
          name="digits"
          options={[6, 8] as const}
          value={f.digits}
          label={(digits) => digits}
          onChange={(digits) => set({ digits })}
        />
        {f.kind === 'totp' ? (
          <Field label={t('period')} problem={shown.period}>
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
          <Field label={t('counter')} problem={shown.counter}>
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
          <button type="button" onClick={close}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={isBusy}>
            {t('save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
