import { useId, type ReactNode } from 'react';

/** A labelled field with a hint or problem below it, linked for screen readers. */
export function Field({
  label,
  hint,
  problem,
  children,
}: {
  label: string;
  hint?: string;
  problem?: string | null;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = problem ?? hint;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': note ? noteId : undefined, 'aria-invalid': problem ? true : undefined })}
      {note && (
        <p id={noteId} className={problem ? 'note problem' : 'note'}>
          {note}
        </p>
      )}
    </div>
  );
}
