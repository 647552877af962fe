/**
 * The clinic file the app opens by itself: clinic.db in the user's app data folder, created from
 * the sample on the first run. A file that is there but cannot be opened is never replaced behind
 * the person's back: they are told why and offered a way on, including restoring a backup.
 */
import * as path from 'node:path';
import type { ClinicApp } from '../api/clinic-app';
import { UserError } from '../errors';
import type { FileActions } from './file-actions';

export const DEFAULT_FILE_NAME = 'clinic.db';

export function defaultClinicFile(userData: string): string {
  return path.join(userData, DEFAULT_FILE_NAME);
}

/** Opens or creates the default file; returns the error instead of throwing so the window still opens. */
export async function openDefaultFile(clinic: ClinicApp, file: string): Promise<unknown> {
  try {
    await clinic.openOrCreate(file);
    return null;
  } catch (error) {
    return error;
  }
}

function backupDate(taken: string): string {
  const date = new Date(taken);
  if (Number.isNaN(date.getTime())) return taken;
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Explains why the default file did not open and lets the person choose what to do next. */
export async function explainStartupFailure(
  actions: FileActions,
  clinic: ClinicApp,
  file: string,
  error: unknown,
): Promise<void> {
  if (!(error instanceof UserError)) console.error(error);
  const reason = error instanceof UserError ? error.message : `Something went wrong: ${String(error)}`;
  const latest = clinic.backups(file)[0];
  const choices: { label: string; run: () => Promise<void> | void }[] = [];
  if (latest) {
    choices.push({
      label: `Restore the backup from ${backupDate(latest.taken)}`,
      run: () => actions.restoreBackup(file, latest.name),
    });
  }
  choices.push(
    { label: 'Open another file…', run: () => actions.open() },
    { label: 'Create a new clinic file…', run: () => actions.newFile() },
    { label: 'Show the file in its folder', run: () => actions.showInFolder(file) },
    { label: 'Close', run: () => undefined },
  );
  const response = await actions.messageBox({
    type: 'warning',
    title: 'Performance Clinic',
    message: 'Performance Clinic could not open its clinic file.',
    detail: [
      reason,
      `The file is at ${file}. It has not been changed or replaced, so it can still be recovered or sent for help.`,
      latest
        ? 'You can put back its most recent automatic backup (the damaged file is kept as a backup too), open another clinic file, or create a new one.'
        : 'You can open another clinic file, or create a new one, now or later from the File menu.',
    ].join('\n\n'),
    buttons: choices.map((choice) => choice.label),
    defaultId: 0,
    cancelId: choices.length - 1,
    noLink: true,
  });
  await choices[response]?.run();
}
