import type { ReactNode } from 'react';

/** A dash for the eye and words for a screen reader, where a figure does not exist. */
export function Missing({ label }: { label: string }): ReactNode {
  return (
    <>
      <span className="missing" aria-hidden="true">
        —
      </span>
      <span className="visually-hidden">{label}</span>
    </>
  );
}
