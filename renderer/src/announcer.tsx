/**
 * One polite live region for the whole window, so a confirmation ("Update saved") is still read
 * out when the thing that was changed moves or disappears from the screen.
 */
import { useEffect, useState, type ReactNode } from 'react';

const listeners = new Set<(message: string) => void>();

export function announce(message: string): void {
  for (const listener of listeners) listener(message);
}

export function Announcer(): ReactNode {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let flip = false;
    const listener = (text: string) => {
      // A repeated message must still change the region's text to be announced again.
      flip = !flip;
      setMessage(flip ? text : `${text}\u00a0`);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {message}
    </p>
  );
}
