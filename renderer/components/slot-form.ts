/** The slot dialog's form state and its field checks (pure, so tests read them directly). */
import type { FieldLimits, SlotRef } from '../../electron/ipc/contract';
import { MAX_HOTP_COUNTER, TOTP_PERIOD } from '../../shared/constants';
import { t } from '../i18n';
import { checkSecret, utf8Bytes } from '../validation';

export interface SlotForm {
  kind: 'totp' | 'hotp';
  index: number;
  name: string;
  secret: string;
  encoding: 'base32' | 'hex';
  digits: 6 | 8;
  period: string;
  counter: string;
}

export type SlotProblems = Partial<Record<'name' | 'secret' | 'period' | 'counter', string>>;

/** Every limit, checked at its field before anything is sent. */
export function checkSlotForm(f: SlotForm, limits: FieldLimits, canKeepSecret = false): SlotProblems {
  const p: SlotProblems = {};
  const nameBytes = utf8Bytes(f.name);
  if (nameBytes === 0) p.name = t('nameEmpty');
  else if (nameBytes > limits.slotName) p.name = t('nameTooLong', { n: nameBytes, max: limits.slotName });
  const s = checkSecret(f.secret, f.encoding);
  if (!s.ok && s.problem === 'empty' && canKeepSecret) {
    // Editing the slot it came from: an empty secret keeps the stored one.
  } else if (!s.ok) {
    p.secret =
      s.problem === 'empty'
        ? t('secretEmpty')
        : s.problem === 'length'
          ? t('secretLength')
          : f.encoding === 'hex'
            ? t('secretAlphabetHex')
            : t('secretAlphabetBase32');
  } else if (s.bytes > limits.secretMax) p.secret = t('secretTooLong', { n: s.bytes, max: limits.secretMax });
  if (
    f.kind === 'totp' &&
    !(/^\d+$/.test(f.period) && Number(f.period) >= TOTP_PERIOD.min && Number(f.period) <= TOTP_PERIOD.max)
  )
    p.period = t('periodBad');
  if (f.kind === 'hotp' && !(/^\d{1,20}$/.test(f.counter) && BigInt(f.counter) <= MAX_HOTP_COUNTER))
    p.counter = t('counterBad');
  return p;
}

export function formSlot(f: SlotForm): SlotRef {
  return { kind: f.kind, index: f.index };
}
