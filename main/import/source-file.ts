/**
 * Reading a file the person named to take figures from: a spreadsheet to import (api/imports.ts) or
 * DfE's statistics to load benchmarks from (api/dfe-benchmarks.ts). Each refusal says why in words.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';

/** Files larger than this are refused before they are read. */
const MAX_SOURCE_BYTES = 200 * 1024 * 1024;

/**
 * The file's name and bytes, or why it cannot be had: no file there, a folder (`kind` says what
 * was wanted: "a spreadsheet"), larger than any file of figures, or unreadable. `after` ends every
 * refusal: " Nothing has been loaded."
 */
export function readSourceFile(file: string, kind: string, after = ''): { name: string; bytes: Uint8Array } {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`There is no file at ${file}.${after}`);
    throw new UserError(`Could not read ${file}: ${(error as Error).message}.${after}`);
  }
  if (stat.isDirectory()) throw new UserError(`${file} is a folder, not ${kind}.${after}`);
  if (stat.size > MAX_SOURCE_BYTES)
    throw new UserError(`${name} is larger than 200 MB, far more than a file of figures.${after}`);
  try {
    return { name, bytes: fs.readFileSync(file) };
  } catch (error) {
    throw new UserError(`Could not read ${file}: ${(error as Error).message}.${after}`);
  }
}
