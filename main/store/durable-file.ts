import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';

/** The file-system calls a save makes, so tests can make any one of them fail. */
export interface SaveFs {
  openSync(file: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
}

export const realFs: SaveFs = nodeFs;

const RETRYABLE_RENAME = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RENAME_RETRY_MS = 2000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

function describe(error: unknown): string {
  switch (codeOf(error)) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission was refused (the file or folder may be read-only, or held by another program)';
    case 'EBUSY':
      return 'the file is in use by another program';
    case 'EIO':
      return 'the disk or network drive reported an input/output error';
    case 'ENOENT':
      return 'the folder no longer exists';
    case 'EROFS':
      return 'the drive is read-only';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Replaces `target` with `bytes` so that a crash at any moment leaves either the old file or
 * the new one, never a mixture: write a temporary file in the same folder, flush it to the
 * disk, rename it over the target, then flush the folder so the rename itself is durable.
 * On failure the original is untouched and the error says why in plain words.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array, fs: SaveFs = realFs): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset, offset);
    fs.fsyncSync(fd);
    const opened = fd;
    fd = null;
    fs.closeSync(opened);
    renameWithRetry(fs, temp, target);
  } catch (error) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // The write already failed; that error is the one worth reporting.
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      // The temporary file may never have been created.
    }
    throw new UserError(
      `Could not save ${path.basename(target)}: ${describe(error)}. Nothing was lost: your changes are still open in the app; try saving again.`,
      { cause: error },
    );
  }
  syncFolder(dir);
}

/**
 * Copies `source` to `target` as writeFileAtomic writes: a temporary copy in the target's folder,
 * flushed, then renamed over it. The file system copies it, so the bytes never pass through memory.
 */
export function copyFileAtomic(source: string, target: string): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    nodeFs.copyFileSync(source, temp, nodeFs.constants.COPYFILE_EXCL);
    const fd = nodeFs.openSync(temp, 'r+');
    try {
      nodeFs.fsyncSync(fd);
    } finally {
      nodeFs.closeSync(fd);
    }
    renameWithRetry(realFs, temp, target);
  } catch (error) {
    nodeFs.rmSync(temp, { force: true });
    throw new UserError(`Could not save ${path.basename(target)}: ${describe(error)}.`, { cause: error });
  }
  syncFolder(dir);
}

function renameWithRetry(fs: SaveFs, from: string, to: string): void {
  const deadline = Date.now() + RENAME_RETRY_MS;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (error) {
      // Antivirus scanners and search indexers on Windows hold files for a moment.
      if (!RETRYABLE_RENAME.has(codeOf(error)) || Date.now() + wait > deadline) throw error;
      sleepSync(wait);
    }
  }
}

/** Makes a rename durable on POSIX. Windows cannot open a folder for syncing, and does not need to. */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = nodeFs.openSync(dir, 'r');
    nodeFs.fsyncSync(fd);
  } catch {
    // Some network file systems refuse to sync a folder; the file itself is already flushed.
  } finally {
    if (fd !== null) nodeFs.closeSync(fd);
  }
}
