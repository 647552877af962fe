import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Imports } from '../../main/api/imports';
import { addMonths } from '../../main/domain/period';
import { allFigures, insertDataset } from '../../main/store/catalogue';
import { ClinicFile } from '../../main/store/clinic-file';
import { october2023 } from '../../main/sample/october-2023';
import { tempDir } from '../support/temp';

describe('a large import', () => {
  it('100,000 rows parse, validate, commit and undo exactly', async () => {
    const file = path.join(tempDir(), 'clinic.db');
    (await ClinicFile.create(file, (db) => insertDataset(db, october2023))).close();
    const counts = october2023.measures.filter((m) => m.unit === 'count').map((m) => m.key);
    // 100,000 figures: every count measure, 40 teams, as many months as it takes, ending before "today".
    const teams = Array.from({ length: 40 }, (_, i) => `Team ${String(i + 1).padStart(2, '0')}`);
    const perMonth = counts.length * teams.length;
    const months = Math.ceil(100_000 / perMonth);
    const lines = ['measure,period,value,team'];
    for (let m = 0; lines.length <= 100_000; m++) {
      const period = addMonths('2000-01', m);
      for (const key of counts)
        for (const team of teams)
          if (lines.length <= 100_000) lines.push(`${key},${period},${(m * 7 + team.length) % 500},${team}`);
    }
    expect(months).toBeGreaterThan(1);
    const source = path.join(tempDir(), 'large.csv');
    fs.writeFileSync(source, lines.join('\n'));

    const clinic = await ClinicFile.open(file);
    const imports = new Imports(() => clinic, { who: 'Pat Officer', now: () => new Date('2024-06-15T12:00:00Z') });
    const before = allFigures(clinic.db);
    const preview = await imports.previewFile(source);
    expect(preview.errorCount).toBe(0);
    expect(preview.totals.added).toBe(100_000);
    const result = await imports.importFile(source, { expectedSha256: preview.sha256 });
    expect(result.totals.added).toBe(100_000);
    expect(clinic.db.get<{ n: number }>('SELECT count(*) AS n FROM observations')?.n).toBe(before.length + 100_000);
    // How long it takes is measured by the benchmark (npm run bench), never asserted in a test.
    imports.undoLast();
    expect(allFigures(clinic.db)).toEqual(before);
    clinic.close();
  });
});
