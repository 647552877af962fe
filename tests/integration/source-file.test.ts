import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../main/import/source-file';
import { tempDir } from '../support/temp';

describe('a file named to import or load figures from', () => {
  it('is read whole, with its name', () => {
    const file = path.join(tempDir(), 'figures.csv');
    fs.writeFileSync(file, 'measure,period,value\n');
    const read = readSourceFile(file, 'a spreadsheet');
    expect(read.name).toBe('figures.csv');
    expect(Buffer.from(read.bytes).toString('utf8')).toBe('measure,period,value\n');
  });

  it('that is not there, or is a folder, is refused in words that end as the caller says', () => {
    const dir = tempDir();
    const gone = path.join(dir, 'gone.csv');
    expect(() => readSourceFile(gone, 'a CSV file', ' Nothing has been loaded.')).toThrow(
      `There is no file at ${gone}. Nothing has been loaded.`,
    );
    expect(() => readSourceFile(path.join(gone, 'inside.csv'), 'a spreadsheet')).toThrow(/^There is no file at /);
    expect(() => readSourceFile(dir, 'a spreadsheet')).toThrow(`${dir} is a folder, not a spreadsheet.`);
  });
});
