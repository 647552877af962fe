/**
 * Automatic backups beside the clinic file (reliability.md rule 7): one a day for the last
 * fortnight, and one before every import, migration and restore, so recovering from a bad
 * import or a damaged file is one click or one command.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFileAtomic, writeFileAtomic } from './durable-file';

export type BackupKind = 'daily' | 'before-import' | 'before-migration' | 'before-restore';

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  /** ISO time the backup was taken. */
  taken: string;
  size: number;
}

const KEEP: Record<BackupKind, number> = { daily: 14, 'before-import': 10, 'before-migration': 5, 'before-restore': 5 };
const NAME =
  /^(daily|before-import|before-migration|before-restore)-(\d{4}-\d{2}-\d{2})(?:T(\d{2})-(\d{2})-(\d{2}))?\.db$/;

export function backupFolderFor(file: string): string {
  return `${file}.backups`;
}

function parseName(name: string): { kind: BackupKind; taken: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const time = m[3] ? `${m[3]}:${m[4]}:${m[5]}` : '00:00:00';
  return { kind: m[1] as BackupKind, taken: `${m[2]}T${time}Z` };
}

export function listBackups(file: string): BackupInfo[] {
  const folder = backupFolderFor(file);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const found: BackupInfo[] = [];
  for (const name of names) {
    const parsed = parseName(name);
    if (!parsed) continue;
    const size = fs.statSync(path.join(folder, name), { throwIfNoEntry: false })?.size ?? 0;
    found.push({ name, ...parsed, size });
  }
  return found.sort((a, b) => (a.taken < b.taken ? 1 : a.taken > b.taken ? -1 : a.name < b.name ? 1 : -1));
}

/** The path of a named backup, refusing names that are not backups of this file (no "../"). */
export function backupPath(file: string, name: string): string | null {
  if (!parseName(name) || path.basename(name) !== name) return null;
  const full = path.join(backupFolderFor(file), name);
  return fs.existsSync(full) ? full : null;
}

/** Writes a backup of `bytes` and trims older backups of the same kind. Returns its name. */
export function takeBackup(file: string, kind: BackupKind, bytes: Uint8Array, now = new Date()): string {
  return keepBackup(file, kind, now, (target) => writeFileAtomic(target, bytes));
}

/** A backup of the file as it is on disk, copied by the file system rather than read into memory. */
export function takeBackupCopy(file: string, kind: BackupKind, now = new Date()): string {
  return keepBackup(file, kind, now, (target) => copyFileAtomic(file, target));
}

function keepBackup(file: string, kind: BackupKind, now: Date, write: (target: string) => void): string {
  const iso = now.toISOString();
  const name = kind === 'daily' ? `daily-${iso.slice(0, 10)}.db` : `${kind}-${iso.slice(0, 19).replace(/:/g, '-')}.db`;
  const folder = backupFolderFor(file);
  fs.mkdirSync(folder, { recursive: true });
  write(path.join(folder, name));
  const sameKind = listBackups(file).filter((b) => b.kind === kind);
  for (const old of sameKind.slice(KEEP[kind])) fs.rmSync(path.join(folder, old.name), { force: true });
  return name;
}

/** True when there is no daily backup for today yet. */
export function isDailyBackupDue(file: string, now = new Date()): boolean {
  return !fs.existsSync(path.join(backupFolderFor(file), `daily-${now.toISOString().slice(0, 10)}.db`));
}
