/**
 * The File > Open Recent list, kept as a small JSON file in the user's app data folder. Losing it
 * costs nothing, so a missing or unreadable list is simply empty. No Electron import: unit-tested.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../store/durable-file';

export const RECENT_FILES_NAME = 'recent-files.json';
export const MAX_RECENT_FILES = 8;

/** Reads the list, dropping anything that is not a non-empty absolute path string. */
export function parseRecentFiles(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const files = value.filter((item): item is string => typeof item === 'string' && path.isAbsolute(item));
  return [...new Set(files)].slice(0, MAX_RECENT_FILES);
}

/** The list with `file` moved to the top, without duplicates, at most MAX_RECENT_FILES long. */
export function withRecentFile(files: readonly string[], file: string): string[] {
  return [file, ...files.filter((f) => f !== file)].slice(0, MAX_RECENT_FILES);
}

export function withoutRecentFile(files: readonly string[], file: string): string[] {
  return files.filter((f) => f !== file);
}

export class RecentFiles {
  private files: string[];
  private readonly listFile: string;

  constructor(folder: string) {
    this.listFile = path.join(folder, RECENT_FILES_NAME);
    let text = '[]';
    try {
      text = fs.readFileSync(this.listFile, 'utf8');
    } catch {
      // No list yet (first run) or unreadable: start empty.
    }
    this.files = parseRecentFiles(text);
  }

  list(): readonly string[] {
    return this.files;
  }

  add(file: string): void {
    this.write(withRecentFile(this.files, path.resolve(file)));
  }

  remove(file: string): void {
    this.write(withoutRecentFile(this.files, path.resolve(file)));
  }

  clear(): void {
    this.write([]);
  }

  private write(files: string[]): void {
    this.files = files;
    try {
      writeFileAtomic(this.listFile, Buffer.from(`${JSON.stringify(files, null, 2)}\n`, 'utf8'));
    } catch (error) {
      console.warn('Could not save the list of recent files:', error);
    }
  }
}
