import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_RECENT_FILES,
  parseRecentFiles,
  RECENT_FILES_NAME,
  RecentFiles,
  withRecentFile,
} from '../../main/shell/recent-files';
import { tempDir } from '../support/temp';

const abs = (name: string) => path.resolve('/clinics', name);

describe('the Open Recent list', () => {
  it('puts the latest file first without duplicates and keeps at most a handful', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT_FILES + 3; i++) list = withRecentFile(list, abs(`${i}.db`));
    list = withRecentFile(list, abs('5.db'));
    expect(list[0]).toBe(abs('5.db'));
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(new Set(list).size).toBe(list.length);
  });

  it('treats a damaged or odd list as empty or keeps only absolute paths', () => {
    expect(parseRecentFiles('not json')).toEqual([]);
    expect(parseRecentFiles('{"a":1}')).toEqual([]);
    expect(parseRecentFiles(JSON.stringify([abs('a.db'), 3, 'relative.db', null, abs('a.db')]))).toEqual([abs('a.db')]);
  });

  it('is remembered in the app data folder between runs', () => {
    const folder = tempDir();
    const first = new RecentFiles(folder);
    expect(first.list()).toEqual([]);
    first.add(abs('a.db'));
    first.add(abs('b.db'));
    const second = new RecentFiles(folder);
    expect(second.list()).toEqual([abs('b.db'), abs('a.db')]);
    second.remove(abs('b.db'));
    expect(JSON.parse(readFileSync(path.join(folder, RECENT_FILES_NAME), 'utf8'))).toEqual([abs('a.db')]);
    second.clear();
    expect(new RecentFiles(folder).list()).toEqual([]);
  });

  it('starts empty when the saved list cannot be read', () => {
    const folder = tempDir();
    writeFileSync(path.join(folder, RECENT_FILES_NAME), '\u0000garbage');
    expect(new RecentFiles(folder).list()).toEqual([]);
  });
});
