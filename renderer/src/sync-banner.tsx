/**
 * The banner under the sections: working offline with changes waiting to be merged, whose changes
 * were last merged into the file, and who else has it open. The window asks the app every few
 * seconds. Each line is a polite live region that is always in the page, so a change is read out
 * without moving focus or touching what is being typed; an unchanged answer changes nothing.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../main/contract';
import { callClinic } from './clinic-api';
import { mergedElsewhere, onStatusMayHaveChanged } from './sync-events';
import { mergedText, offlineText, othersText } from './sync-text';

/** How often the window asks whether anything changed. */
export const SYNC_POLL_MS = 5_000;

/** Keyed by the open file in the window, so another file starts with nothing said. */
export function SyncBanner(): ReactNode {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const lastMerge = useRef<string | null>(null);

  useEffect(() => {
    let current = true;
    const ask = async () => {
      const result = await callClinic('getSyncStatus', {});
      if (!current || !result.ok) return;
      const merged = result.value.merged?.at ?? null;
      // A merge since the last answer: the views showing notes and actions read them again.
      if (lastMerge.current !== null && merged !== null && merged !== lastMerge.current) mergedElsewhere();
      lastMerge.current = merged ?? lastMerge.current ?? '';
      setStatus((before) => (JSON.stringify(before) === JSON.stringify(result.value) ? before : result.value));
    };
    void ask();
    const timer = window.setInterval(() => void ask(), SYNC_POLL_MS);
    const stop = onStatusMayHaveChanged(() => void ask());
    return () => {
      current = false;
      window.clearInterval(timer);
      stop();
    };
  }, []);

  const lines = status
    ? { offline: offlineText(status), merged: mergedText(status), others: othersText(status) }
    : { offline: '', merged: '', others: '' };
  const shown = lines.offline !== '' || lines.merged !== '' || lines.others !== '';
  return (
    <div className={`sync-banner${shown ? ' sync-banner--shown' : ''}`} data-testid="sync-banner">
      <p className={`sync-banner__line${lines.offline ? ' sync-banner__line--offline' : ''}`} role="status">
        {lines.offline}
      </p>
      <p className="sync-banner__line" role="status">
        {lines.merged}
      </p>
      <p className="sync-banner__line" role="status">
        {lines.others}
      </p>
    </div>
  );
}
