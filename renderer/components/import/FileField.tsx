import { useId } from 'react';
import { invoke } from '../../api';
import { t } from '../../i18n';
import { useKeyslotStore } from '../../store';

/**
 * A file for a backup or sheet. In Electron main shows the system's dialog and the path is shown;
 * the web host has no dialog, so the path is typed (the file is written on the computer running it).
 */
export function FileField(props: {
  label: string;
  hint?: string;
  purpose: 'backup-save' | 'backup-open' | 'sheet-save';
  suggestedName?: string;
  path: string;
  onPath: (path: string) => void;
}) {
  const hasDialogs = useKeyslotStore((s) => s.appInfo?.hasFileDialogs);
  const id = useId();
  if (!hasDialogs) {
    return (
      <div className="field">
        <label htmlFor={id}>{props.label}</label>
        <input
          id={id}
          value={props.path}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onChange={(e) => props.onPath(e.target.value)}
        />
        {props.hint && (
          <p id={`${id}-hint`} className="note">
            {props.hint}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="field">
      <span className="label" id={`${id}-label`}>
        {props.label}
      </span>
      <div className="row">
        <output className="path" aria-labelledby={`${id}-label`}>
          {props.path || t('noFileChosen')}
        </output>
        <button
          type="button"
          onClick={() =>
            void invoke('backup/choose-file', {
              purpose: props.purpose,
              ...(props.suggestedName ? { suggestedName: props.suggestedName } : {}),
            }).then((r) => {
              if (r.ok && r.value) props.onPath(r.value.path);
            })
          }
        >
          {t('chooseFile')}
        </button>
      </div>
    </div>
  );
}
