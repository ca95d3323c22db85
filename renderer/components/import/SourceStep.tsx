import { useRef, useState, type DragEvent } from 'react';
import type { ImportReview, Result } from '../../../electron/ipc/contract';
import { invoke } from '../../api';
import { errorText, t } from '../../i18n';
import { imageBytes } from '../../import-actions';
import { useKeyslotStore } from '../../store';

/** Where the account comes from: the screens, an image (open, drop or paste), a URI, or typing. */
export function SourceStep({
  onReview,
  onTyped,
  onCancel,
}: {
  onReview: (r: ImportReview) => void;
  onTyped: () => void;
  onCancel: () => void;
}) {
  const appInfo = useKeyslotStore((s) => s.appInfo);
  const [uri, setUri] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isDragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  async function run(request: () => Promise<Result<ImportReview>>) {
    setBusy(true);
    setError(null);
    const r = await request();
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    setUri(''); // a pasted URI holds the secret: main has it now
    onReview(r.value);
  }

  async function fromFile(file: File | undefined) {
    if (!file) return;
    const bytes = await imageBytes(file);
    if (!bytes) return setError(t('imageTooLarge'));
    await run(() => invoke('import/scan-image', { bytes, source: 'file' }));
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void fromFile(e.dataTransfer.files[0]);
  }

  return (
    <>
      <p>{t('addAccountIntro')}</p>
      {error && (
        <p className="problem" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      <div className="source-grid" aria-busy={isBusy}>
        <div>
          <button
            type="button"
            className="primary"
            disabled={isBusy || !appInfo?.canCaptureScreen}
            onClick={() => void run(() => invoke('import/scan-screen'))}
          >
            {t('scanScreen')}
          </button>
          <p className="note">{appInfo?.canCaptureScreen ? t('scanScreenHint') : t('scanScreenUnavailable')}</p>
        </div>
        <div
          className={isDragging ? 'drop-zone dragging' : 'drop-zone'}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <button type="button" disabled={isBusy} onClick={() => fileInput.current?.click()}>
            {t('openImage')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="image/png,image/jpeg"
            hidden
            data-testid="image-file"
            onChange={(e) => void fromFile(e.target.files?.[0])}
          />
          <p className="note">{t('dropImage')}</p>
        </div>
        <div>
          <button type="button" disabled={isBusy} onClick={() => void run(() => invoke('import/scan-clipboard'))}>
            {t('pasteImage')}
          </button>
        </div>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (uri.trim()) void run(() => invoke('import/read-text', { text: uri }));
        }}
      >
        <label htmlFor="import-uri">{t('uriLabel')}</label>
        <div className="row">
          <input
            id="import-uri"
            value={uri}
            autoComplete="off"
            spellCheck={false}
            placeholder="otpauth://totp/…"
            onChange={(e) => setUri(e.target.value)}
          />
          <button type="submit" disabled={isBusy || !uri.trim()}>
            {t('readUri')}
          </button>
        </div>
      </form>
      {isBusy && (
        <p className="note" role="status">
          {t('scanning')}
        </p>
      )}
      <div className="actions spread">
        <button type="button" className="link" onClick={onTyped}>
          {t('typeSecret')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </>
  );
}
