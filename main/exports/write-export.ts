/**
 * Saves an exported file (minutes, action log) where the person chose. It never replaces a file
 * that is there unless told to (the app asks first, the command line wants --force), and it
 * writes through a temporary file and a rename, so a failure leaves the old file or nothing,
 * never half a file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { realFs, writeFileAtomic, type SaveFs } from '../store/durable-file';
import { UserError } from '../errors';

export interface WriteExportOptions {
  /** Replace a file already at `target`. Without it, an existing file is an error and is left alone. */
  overwrite: boolean;
  /** The file-system calls, so tests can make one fail. */
  fs?: SaveFs;
}

export class ExportExistsError extends UserError {
  override name = 'ExportExistsError';
}

export function writeExport(target: string, bytes: Uint8Array, options: WriteExportOptions): string {
  const file = path.resolve(target);
  const name = path.basename(file);
  const folder = path.dirname(file);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(file);
  } catch {
    // Nothing there yet: the usual case.
  }
  if (stat?.isDirectory()) throw new UserError(`${file} is a folder; choose a file name to save to.`);
  if (stat && !options.overwrite) {
    throw new ExportExistsError(`${name} already exists in ${folder} and was not replaced.`);
  }
  if (!fs.existsSync(folder)) throw new UserError(`Could not save ${name}: the folder ${folder} does not exist.`);
  try {
    writeFileAtomic(file, bytes, options.fs ?? realFs);
  } catch (error) {
    // writeFileAtomic speaks of "your changes" in the clinic file; an export has its own words.
    const why =
      error instanceof UserError ? /^Could not save [^:]*: (.*?)\. Nothing was lost/.exec(error.message) : null;
    throw new UserError(
      `Could not save ${name}: ${why?.[1] ?? (error instanceof Error ? error.message : String(error))}. Nothing was written; choose another place or try again.`,
      { cause: error },
    );
  }
  return file;
}
