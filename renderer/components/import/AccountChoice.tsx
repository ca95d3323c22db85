import { useState } from 'react';
import { SLOT_COUNT } from '../../../shared/constants';
import type { ImportItem, ImportReview, SlotSummary } from '../../../electron/ipc/contract';
import { invoke } from '../../api';
import { errorText, t } from '../../i18n';
import { utf8Bytes } from '../../validation';
import { slotLabel } from '../SlotList';
import { choiceProblems, describeAccount, occupant, type Choice } from './review-form';

/** One account in the review: include it, its name (OK a shortened one), its slot, and its secret on request. */
export function AccountChoice(props: {
  item: ImportItem;
  review: ImportReview;
  choice: Choice;
  onChange: (c: Choice) => void;
  isSingle: boolean;
  isFixed: boolean;
  nameMax: number;
  slots: SlotSummary[];
}) {
  const { item, choice: c, onChange, slots } = props;
  const target = item.target!;
  const taken = occupant(c, slots);
  const bytes = utf8Bytes(c.name);
  // Names are checked here; the OKs for a shortened name and a replaced slot are their checkboxes.
  const nameProblem = bytes === 0 || bytes > props.nameMax ? choiceProblems([c], [], props.nameMax)[c.index] : null;
  const id = `account-${c.index}`;
  const nameInput = (label?: string, hasNote = true) => (
    <input
      id={`${id}-name`}
      className="name"
      value={c.name}
      disabled={props.isFixed}
      aria-label={label}
      aria-describedby={hasNote ? `${id}-bytes` : undefined}
      onChange={(e) => onChange({ ...c, name: e.target.value, isNameOk: true })}
    />
  );
  const bytesNote = (
    <p id={`${id}-bytes`} className={nameProblem ? 'problem' : 'note'}>
      {nameProblem ?? t('bytesOf', { n: bytes, max: props.nameMax })}
    </p>
  );
  const oks = (
    <>
      {target.isNameChanged && target.nameNote && c.name === target.name && (
        <label className="check warning">
          <input
            type="checkbox"
            checked={c.isNameOk}
            onChange={(e) => onChange({ ...c, isNameOk: e.target.checked })}
          />
          <span>
            {target.nameNote} {t('nameShortenedOk')}
          </span>
        </label>
      )}
      {taken && (
        <label className="check warning">
          <input
            type="checkbox"
            checked={c.isReplaceOk}
            onChange={(e) => onChange({ ...c, isReplaceOk: e.target.checked })}
          />
          <span>
            {t('replaces', { name: taken.name, slot: slotLabel(taken.slot) })} {t('replaceOk')}
          </span>
        </label>
      )}
    </>
  );
  if (!props.isSingle) {
    return (
      <li className="review-item" data-testid="review-item">
        <div className="review-line">
          {!props.isFixed && (
            <input
              type="checkbox"
              aria-label={`${t('include')} ${item.label}`}
              checked={c.isIncluded}
              onChange={(e) => onChange({ ...c, isIncluded: e.target.checked })}
            />
          )}
          <div className="grow">
            <strong>{item.label}</strong>
            <div className="note">{describeAccount(item)}</div>
          </div>
          {c.isIncluded && nameInput(`${t('name')} (${item.label})`, !!nameProblem)}
          <span className="badge">{slotLabel(c.slot)}</span>
        </div>
        {c.isIncluded && nameProblem && bytesNote}
        {c.isIncluded && oks}
      </li>
    );
  }
  return (
    <li className="review-item" data-testid="review-item">
      <strong>{props.isFixed ? item.label : t('reviewFound', { label: item.label })}</strong>
      <div className="note">{describeAccount(item)}</div>
      <label htmlFor={`${id}-name`}>{t('name')}</label>
      {nameInput()}
      {bytesNote}
      {props.isFixed && <p className="note">{`${t('slot')}: ${slotLabel(c.slot)}`}</p>}
      {!props.isFixed && (
        <>
          <label htmlFor={`${id}-slot`}>{t('slot')}</label>
          <select
            id={`${id}-slot`}
            value={c.slot.index}
            onChange={(e) =>
              onChange({ ...c, slot: { kind: c.slot.kind, index: Number(e.target.value) }, isReplaceOk: false })
            }
          >
            {Array.from({ length: SLOT_COUNT[c.slot.kind] }, (_, i) => (
              <option key={i} value={i}>
                {`${c.slot.kind.toUpperCase()} ${i + 1} — ${slots.find((s) => s.slot.kind === c.slot.kind && s.slot.index === i)?.name ?? t('slotFree')}`}
              </option>
            ))}
          </select>
        </>
      )}
      {oks}
      <SecretReveal id={props.review.id} index={c.index} />
    </li>
  );
}

/** Shows the account's secret on request (from main), so the person can keep a copy. */
function SecretReveal({ id, index }: { id: string; index: number }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    if (secret) return setSecret(null);
    const r = await invoke('import/reveal-secret', { id, index });
    if (r.ok) setSecret(r.value.secret);
    else setError(errorText(r.error));
  }
  return (
    <div className="secret-reveal">
      <button type="button" aria-pressed={!!secret} onClick={() => void toggle()}>
        {secret ? t('hideSecret') : t('showSecret')}
      </button>
      {secret && (
        <>
          <output className="secret-text" data-testid="revealed-secret">
            {secret}
          </output>
          <p className="note">{t('secretCopyNote')}</p>
        </>
      )}
      {error && <p className="problem">{error}</p>}
    </div>
  );
}
