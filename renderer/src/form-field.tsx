/**
 * The parts every form is built from. Made in one place so that what a screen reader hears is made
 * the same way everywhere.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * One refusal of a form. A new object each time the app refuses, so that the same words refused a
 * second time still take focus.
 */
export interface Refusal {
  message: string;
}

export interface RefusalBoxProps {
  /** The message's id, for the fields' aria-describedby. The title's is this with "-title". */
  id: string;
  /** What did not happen, such as "The clinic was not started". */
  title: string;
  /** The title's heading level: one below the form's heading. */
  level: 3 | 4;
  refusal: Refusal | null;
}

/**
 * The refusal above a form: announced, and focused each time the app refuses so that a keyboard
 * user starts from the reason.
 */
export function RefusalBox({ id, title, level, refusal }: RefusalBoxProps): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  // After the box is in the document and before it is painted, so the page scrolls to it at once.
  useLayoutEffect(() => {
    if (refusal) box.current?.focus();
  }, [refusal]);
  if (!refusal) return null;
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div ref={box} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className="error-summary__title">
        {title}
      </Heading>
      <p id={id} className="error-summary__body">
        {refusal.message}
      </p>
    </div>
  );
}
