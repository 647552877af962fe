/**
 * "Others' changes were merged into the open file": said by the banner when the file's status
 * shows a merge the window did not make itself, heard by the views that show notes and actions,
 * which read them again without losing anything being typed.
 */
const listeners = new Set<() => void>();

export function mergedElsewhere(): void {
  for (const listener of listeners) listener();
}

/** Subscribes; returns the unsubscribe function, for an effect's clean-up. */
export function onMergedElsewhere(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const statusListeners = new Set<() => void>();

/** The window just did something that changes the file's status (a merge): the banner asks now. */
export function statusMayHaveChanged(): void {
  for (const listener of statusListeners) listener();
}

export function onStatusMayHaveChanged(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => {
    statusListeners.delete(listener);
  };
}
