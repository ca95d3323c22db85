import { useEffect } from 'react';
import { useKeyslotStore, type Toast } from '../store';

/** Short confirmations, read out politely by screen readers; errors assertively. */
export function Toasts() {
  const toasts = useKeyslotStore((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite" role="status">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useKeyslotStore((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), toast.tone === 'error' ? 8000 : 4000);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast ${toast.tone}`} data-testid="toast">
      <span>{toast.text}</span>
      <button type="button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
