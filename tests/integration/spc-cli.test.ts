import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../main/domain/period';
import { insertDataset } from '../../main/store/catalogue';
import { ClinicFile } from '../../main/store/clinic-file';
import { october2023 } from '../../main/sample/october-2023';
import { perfclinic, perfclinicProcess } from '../support/cli';
import { tempDir } from '../support/temp';

/** In this process (tests/support/cli.ts); the exception report also runs once as the real bin. */
const run = async (...args: string[]) => {
  const { code, stdout } = await perfclinic(args);
  return { status: code, stdout };
};

/**
 * The sample plus 24 months of decisions within 1 working day to October 2023: 16 months
 * alternating 60 and 62 (mean 61, every moving range 2), then 8 months at 56 and 57, below the
 * mean: a shift of concern, and with the target of 80 far above the upper limit (about 66.3),
 * a measure that will consistently fail.
 */
async function fileWithHistory(): Promise<string> {
  const file = path.join(tempDir(), 'clinic.db');
  const values = [...Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 60 : 62)), 56, 57, 56, 57, 56, 57, 56, 57];
  const clinic = await ClinicFile.create(file, (db) => {
    insertDataset(db, {
      ...october2023,
      observations: october2023.observations.filter((o) => o.measure !== 'decisions_1wd'),
    });
    values.forEach((value, i) =>
      db.run('INSERT INTO observations (measure, period, value) VALUES (?, ?, ?)', [
        'decisions_1wd',
        addMonths('2021-11', i),
        value,
      ]),
    );
  });
  clinic.close();
  return file;
}

describe('SPC in the clinic comparison and the exception report', () => {
  it('report --format json gives each monthly measure its limits, icons and signals', async () => {
    const file = await fileWithHistory();
    const json = JSON.parse((await run('report', '--db', file, '--format', 'json')).stdout) as {
      measures: Array<{ key: string; spc: Record<string, unknown> | null }>;
    };
    const decisions = json.measures.find((m) => m.key === 'decisions_1wd')!;
    expect(decisions.spc).toMatchObject({ variation: 'concern_low', assurance: 'fail', trial: false });
    expect(decisions.spc!.variation_reason).toMatch(/^8 months in a row below the average of .* since March 2023\.$/);
    // Too little history for the rest of the sample: no chart rather than a misleading one.
    expect(json.measures.find((m) => m.key === 'contacts')!.spc).toBeNull();
  });

  it('exceptions lists the measures with special cause of concern or failing assurance, with the reason', async () => {
    const file = await fileWithHistory();
    const { code: status, stdout } = await perfclinicProcess(['exceptions', '--db', file]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Exceptions for October 2023, actions as at .*\n\nWhole service\n/);
    expect(stdout).toContain('\n  Decisions within 1 working day (Front door)\n');
    expect(stdout).toMatch(/ {4}Special cause: concern \(low\): 8 months in a row below the average/);
    expect(stdout).toMatch(/ {4}Will consistently fail the target: The target of 80% is outside the process limits/);
  });

  it('says how many measures could be judged, and lists the off-target ones it could not judge', async () => {
    const file = await fileWithHistory();
    const { stdout } = await run('exceptions', '--db', file);
    expect(stdout).toMatch(/Statistical process control judged 1 of \d+ measures\./);
    expect(stdout).toContain(
      '  Re-referrals within 12 months (Front door)\n    Off target: 28.4% against a target of 20.0%\n',
    );
    // One entry with all its reasons, not one per reason.
    expect(stdout.match(/Decisions within 1 working day/g)).toHaveLength(1);
  });

  it('does not say "nothing needs action" when no measure has enough history to be judged', async () => {
    const file = path.join(tempDir(), 'plain.db');
    await run('init', '--db', file);
    const { status, stdout } = await run('exceptions', '--db', file);
    expect(status).toBe(0);
    expect(stdout).not.toMatch(/Nothing needs action/);
    expect(stdout).toContain(
      'No measure could be judged by statistical process control (a monthly measure needs at least 6 months of figures), so only targets were checked.',
    );
    expect(stdout).toContain(
      '  Decisions within 1 working day (Front door)\n    Off target: 55% against a target of 80%\n',
    );
    const json = JSON.parse((await run('exceptions', '--db', file, '--format', 'json')).stdout) as {
      period: string;
      sections: Array<{ judged: number; exceptions: Array<{ key: string; reasons: string[] }> }>;
    };
    expect(json.period).toBe('2023-10');
    expect(json.sections[0]!.judged).toBe(0);
    expect(json.sections[0]!.exceptions.find((e) => e.key === 'decisions_1wd')!.reasons).toEqual(['off_target']);
  });
});
