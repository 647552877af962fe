/**
 * A modal question: "Delete this note?", or "Why reopen it?" with a box for the reason. Built on
 * the native <dialog>, so focus stays inside it and Escape cancels. What the person typed stays
 * when the app refuses, with the app's reason beside it.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** When set, the dialog asks for a reason with this label and passes it on. */
  reasonLabel?: string;
  reasonHint?: string;
  /** A destructive action gets the warning style. */
  warning?: boolean;
  /** Resolves to an error to show (the dialog stays open), or null when done (the dialog closes). */
  onConfirm: (reason: string) => Promise<string | null>;
  onCancel: () => void;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  reasonLabel,
  reasonHint,
  warning,
  onConfirm,
  onCancel,
}: ConfirmDialogProps): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonBox = useRef<HTMLTextAreaElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), reason: useId(), hint: useId(), error: useId() };

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // Remember where the person was, so closing puts them back there.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    (reasonBox.current ?? cancelButton.current)?.focus();
    return () => {
      element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const confirm = async () => {
    setBusy(true);
    const problem = await onConfirm(reason);
    setBusy(false);
    if (problem !== null) setError(problem);
  };

  const describedBy = [reasonHint ? ids.hint : null, error ? ids.error : null].filter(Boolean).join(' ');

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby={ids.title}
      onCancel={(event) => {
        event.preventDefault();
        // Stop here: the panel underneath listens for Escape too.
        event.stopPropagation();
        onCancel();
      }}
    >
      <form
        className="confirm__form"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <h2 id={ids.title} className="confirm__title">
          {title}
        </h2>
        {children}
        {error && (
          <p id={ids.error} className="field-error" role="alert">
            {error}
          </p>
        )}
        {reasonLabel && (
          <div className="field">
            <label htmlFor={ids.reason}>{reasonLabel}</label>
            {reasonHint && (
              <span id={ids.hint} className="hint">
                {reasonHint}
              </span>
            )}
            <textarea
              ref={reasonBox}
              id={ids.reason}
              rows={3}
              value={reason}
              aria-describedby={describedBy || undefined}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
        )}
        <div className="button-row">
          <button type="submit" className={`button ${warning ? 'button--warning' : 'button--primary'}`} disabled={busy}>
            {confirmLabel}
          </button>
          <button ref={cancelButton} type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
