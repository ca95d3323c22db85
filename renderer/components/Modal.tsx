import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/** A modal <dialog>: the browser traps focus and Escape closes it (calls onClose). */
export function Modal({
  title,
  onClose,
  children,
  role,
  isWide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  role?: 'alertdialog';
  isWide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  // A layout effect: the dialog is open and focused before the next paint and the next key press.
  useLayoutEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      d.showModal();
      // showModal focuses the first control; a dialog may name a better one (React drops autofocus).
      d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={isWide ? 'modal wide' : 'modal'}
      role={role}
      aria-labelledby={id}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={id}>{title}</h2>
      {children}
    </dialog>
  );
}
