import { useState } from 'react';
import type { ScannedAccount } from '../../electron/ipc/contract';
import { invoke } from '../api';
import { Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { errorText, t } from '../i18n';
import { useKeyslotStore } from '../store';
import { refreshNamed, withNamedPin } from './actions';
import { backupRequest, CredentialBackupFields, isBackupReady, NO_BACKUP } from './CredentialBackup';
import { useNamedStore } from './store';

const bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * The slot dialog's form for a named token (Nitrokey 3): name up to the firmware's limit, the algorithms
 * and code lengths its capabilities list, period or counter, touch and PIN protection. The secret is typed,
 * or read from a QR image by main (it stays there). The first code is checked against the secret in main;
 * then, if a backup file was chosen, main adds the account to that keyslot backup (CredentialBackup.tsx).
 */
export function CredentialDialog() {
  const info = useNamedStore((s) => s.info);
  const set = useNamedStore((s) => s.set);
  const toast = useKeyslotStore((s) => s.toast);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [scanned, setScanned] = useState<ScannedAccount | null>(null);
  const [found, setFound] = useState<ScannedAccount[]>([]);
  const canCapture = useKeyslotStore((s) => s.appInfo?.canCaptureScreen);
  const [kind, setKind] = useState<'totp' | 'hotp'>('totp');
  const [algorithm, setAlgorithm] = useState<'SHA1' | 'SHA256' | 'SHA512'>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState('30');
  const [counter, setCounter] = useState('0');
  const [isTouch, setTouch] = useState(false);
  const [isPinProtected, setPinProtected] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [backup, setBackup] = useState(NO_BACKUP);
  if (!info) return null;
  const caps = info.caps;
  const close = () => set({ dialog: null });
  const tooLong = bytes(name) > caps.maxNameBytes;

  const scan = async (input: { bytes: Uint8Array } | { uri: string } | { from: 'clipboard' | 'screen' }) => {
    const r = await invoke('credential/scan', { token: info.id, ...input });
    if (!r.ok) return setProblem(r.error.text ?? errorText(r.error));
    setFound(r.value);
    pick(r.value[0]);
  };
  /** Fills the form from a scanned account (an export holds several: the person picks one). */
  const pick = (a: ScannedAccount) => {
    setScanned(a);
    setProblem(null);
    setName(a.name);
    setKind(a.kind);
    setAlgorithm(a.algorithm);
    setDigits(a.digits);
    if (a.period) setPeriod(String(a.period));
    if (a.counter) setCounter(a.counter);
  };
  const readImage = async (file: File | undefined) => {
    if (file) await scan({ bytes: new Uint8Array(await file.arrayBuffer()) });
  };

  const save = async () => {
    if (!name || tooLong || (!scanned && !secret)) return;
    if (!isBackupReady(backup)) return setProblem(t('passwordsDiffer'));
    setBusy(true);
    const b = await backupRequest(backup);
    setBackup((old) => ({ ...old, password: '', again: '' }));
    if (!b.ok) {
      setBusy(false);
      return setProblem(errorText(b.error));
    }
    const r = await withNamedPin(isPinProtected, (pin) =>
      invoke('credential/write', {
        token: info.id,
        name,
        kind,
        ...(scanned ? { scanId: scanned.id } : { secret: { text: secret, encoding: 'base32' as const } }),
        algorithm,
        digits,
        ...(kind === 'totp' ? { period: Number(period) } : { counter }),
        isTouchRequired: isTouch,
        isPinProtected,
        ...(pin !== undefined ? { pin } : {}),
        ...(b.value ? { backup: b.value } : {}),
      }),
    );
    setBusy(false);
    if (!r) return;
    if (!r.ok) return setProblem(errorText(r.error));
    const added = t('credentialAdded', { name: r.value.credential.name, code: r.value.code });
    toast(r.value.backup ? `${added} ${t('backupAdded', { n: r.value.backup.accountCount })}` : added);
    close();
    void refreshNamed();
  };

  return (
    <Modal title={t('credentialDialogTitle')} onClose={close} isWide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor="credential-qr">{t('readQrImage')}</label>
          <input
            id="credential-qr"
            type="file"
            accept="image/png,image/jpeg"
            onChange={(e) => void readImage(e.target.files?.[0])}
          />
          {scanned && <p className="note">{t('scannedFrom')}</p>}
        </div>
        <div className="row">
          <button type="button" onClick={() => void scan({ from: 'clipboard' })}>
            {t('pasteImage')}
          </button>
          {canCapture && (
            <button type="button" onClick={() => void scan({ from: 'screen' })}>
              {t('scanScreen')}
            </button>
          )}
        </div>
        {found.length > 1 && (
          <Field label={t('exportAccount')}>
            {(p) => (
              <select
                {...p}
                value={scanned?.id ?? ''}
                onChange={(e) => {
                  const a = found.find((x) => x.id === e.target.value);
                  if (a) pick(a);
                }}
              >
                {found.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('pasteUri')}>
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              spellCheck={false}
              placeholder="otpauth://"
              onPaste={(e) => {
                const text = e.clipboardData.getData('text');
                if (text.trim()) void scan({ uri: text.trim() });
              }}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                const text = e.currentTarget.value.trim();
                if (text) void scan({ uri: text });
              }}
            />
          )}
        </Field>
        <Field
          label={t('credentialName')}
          hint={t('credentialNameHint', { max: caps.maxNameBytes })}
          problem={tooLong ? t('credentialNameTooLong', { bytes: bytes(name), max: caps.maxNameBytes }) : null}
        >
          {(p) => <input {...p} value={name} data-autofocus onChange={(e) => setName(e.target.value)} />}
        </Field>
        {!scanned && (
          <Field label={t('secretField')} hint={t('secretHintBase32')}>
            {(p) => (
              <input
                {...p}
                value={secret}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setSecret(e.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t('kindField')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as 'totp' | 'hotp')}>
              {caps.kinds.map((k) => (
                <option key={k} value={k}>
                  {k.toUpperCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('algorithmField')} hint={algorithm === 'SHA256' ? t('sha256Note') : undefined}>
          {(p) => (
            <select {...p} value={algorithm} onChange={(e) => setAlgorithm(e.target.value as typeof algorithm)}>
              {caps.algorithms.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('digitsField')}>
          {(p) => (
            <select {...p} value={digits} onChange={(e) => setDigits(Number(e.target.value))}>
              {caps.digits.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'totp' ? (
          <Field
            label={t('periodField')}
            hint={!caps.isPeriodStored && period !== '30' ? t('periodNote', { n: period }) : undefined}
          >
            {(p) => <input {...p} inputMode="numeric" value={period} onChange={(e) => setPeriod(e.target.value)} />}
          </Field>
        ) : (
          <Field label={t('counterField')}>
            {(p) => <input {...p} inputMode="numeric" value={counter} onChange={(e) => setCounter(e.target.value)} />}
          </Field>
        )}
        {caps.touch && (
          <label className="check">
            <input type="checkbox" checked={isTouch} onChange={(e) => setTouch(e.target.checked)} /> {t('touchField')}
          </label>
        )}
        {caps.hasPinProtectedCredentials && info.pin.isSet && (
          <label className="check">
            <input type="checkbox" checked={isPinProtected} onChange={(e) => setPinProtected(e.target.checked)} />{' '}
            {t('pinProtectedField')}
          </label>
        )}
        <CredentialBackupFields value={backup} onChange={setBackup} />
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <div className="buttons">
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
