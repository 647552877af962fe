import type { ReactNode } from 'react';

/** An error the app reported, in words, announced to screen readers as soon as it appears. */
export function ErrorMessage({ title, message }: { title: string; message: string }): ReactNode {
  return (
    <div className="error-summary" role="alert">
      <h2 className="error-summary__title">{title}</h2>
      <p className="error-summary__body">{message}</p>
    </div>
  );
}

/** The app's reason for refusing a form, above its fields; what was typed stays in them. */
export function FormError({ id, message }: { id: string; message: string | null }): ReactNode {
  if (message === null) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}
