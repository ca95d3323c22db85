import { useId } from 'react';
import { invoke } from '../../api';
import { t } from '../../i18n';
import { useKeyslotStore } from '../../store';
import type { FileChoice, FilePurpose } from './file-choice';

/**
 * A file for a backup or sheet. In Electron main shows the system's dialog and hands back a handle
 * and the file's name, which is shown; the web host has no dialog, so the path is typed (the file is
 * written on the computer running it) and turned into a handle when it is used (file-choice.ts).
 */
export function FileField(props: {
  label: string;
  hint?: string;
  purpose: FilePurpose;
  suggestedName?: string;
  file: FileChoice;
  onFile: (file: FileChoice) => void;
}) {
  const hasDialogs = useKeyslotStore((s) => s.appInfo?.hasFileDialogs);
  const id = useId();
  if (!hasDialogs) {
    return (
      <div className="field">
        <label htmlFor={id}>{props.label}</label>
        <input
          id={id}
          value={'typed' in props.file ? props.file.typed : ''}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onChange={(e) => props.onFile({ typed: e.target.value })}
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
          {'handle' in props.file ? props.file.name : t('noFileChosen')}
        </output>
        <button
          type="button"
          onClick={() =>
            void invoke('backup/choose-file', {
              purpose: props.purpose,
              ...(props.suggestedName ? { suggestedName: props.suggestedName } : {}),
            }).then((r) => {
              if (r.ok && r.value) props.onFile(r.value);
            })
          }
        >
          {t('chooseFile')}
        </button>
      </div>
    </div>
  );
}
