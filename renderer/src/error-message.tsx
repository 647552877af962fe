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
