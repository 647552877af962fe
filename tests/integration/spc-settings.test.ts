import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { LATEST_SCHEMA } from '../../main/store/migrations';
import { SHIFT_MEASURE, shiftHistoryCsv } from '../support/spc-history';
import { tempDir } from '../support/temp';

/** A clinic file from the sample with 24 months of decisions imported, as a performance officer would. */
async function appWithHistory(now = new Date('2023-11-20T10:00:00Z')) {
  const dir = tempDir();
  const file = path.join(dir, 'clinic.db');
  const app = new ClinicApp({ now: () => now, lock: true, lockOptions: { user: 'Ana Performance' } });
  await app.createFile(file);
  app.setPreferences({ displayName: 'Ana Performance' });
  const csv = path.join(dir, 'decisions.csv');
  writeFileSync(csv, shiftHistoryCsv());
  await app.imports.importFile(csv);
  return { app, file };
}

const decisionsRow = (app: ClinicApp) =>
  app.report({ period: '2023-10' }).measures.find((m) => m.key === SHIFT_MEASURE)!;

describe('SPC options a measure keeps', () => {
  it('defaults to limits on every point, no screening and a shift of 7', async () => {
    const { app } = await appWithHistory();
    expect(app.spc.settings(SHIFT_MEASURE)).toMatchObject({
      baseline: null,
      screening: false,
      shiftLength: 7,
      rebases: [],
      updated_at: null,
    });
    // SPC options arrived with schema 5; later schemas keep them.
    expect(LATEST_SCHEMA).toBeGreaterThanOrEqual(5);
    app.close();
  });

  it('options are saved, survive reopening, change the judgement and are audited', async () => {
    const { app, file } = await appWithHistory();
    // 8 months below the mean of all 24 months: a shift either way.
    expect(decisionsRow(app).spc?.variation).toBe('concern_low');
    const before = decisionsRow(app).spc!;

    // Fixed on the first 12 points (60/62 alternating: mean 61, mean moving range 2 → 61 ± 5.32).
    app.spc.setOptions(SHIFT_MEASURE, { baseline: 12, screening: false, shiftLength: 6 });
    const after = decisionsRow(app).spc!;
    expect(after.mean).toBeCloseTo(61, 6);
    expect(after.upper).toBeCloseTo(61 + 2.66 * 2, 6);
    expect(after.lower).toBeCloseTo(61 - 2.66 * 2, 6);
    expect(after.mean).not.toBeCloseTo(before.mean!, 3);
    app.close();

    const reopened = new ClinicApp();
    await reopened.openFile(file);
    expect(reopened.spc.settings(SHIFT_MEASURE)).toMatchObject({
      baseline: 12,
      screening: false,
      shiftLength: 6,
      updated_by: 'Ana Performance',
      updated_at: '2023-11-20T10:00:00.000Z',
    });
    const audit = reopened.meetings.auditTrail(SHIFT_MEASURE, 10);
    expect(audit[0]).toMatchObject({ action: 'spc options changed', who: 'Ana Performance' });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ baseline: 12, screening: false, shiftLength: 6 });
    reopened.close();
  });

  it('a shift of 6 is flagged only when the measure asks for 6', async () => {
    const { app } = await appWithHistory();
    // Limits on the first 12 points: mean 61. March to August 2023 are 6 months below it.
    const august = () => app.report({ period: '2023-08' }).measures.find((m) => m.key === SHIFT_MEASURE)!.spc!;
    app.spc.setOptions(SHIFT_MEASURE, { baseline: 12, screening: false, shiftLength: 7 });
    expect(august().signals.filter((s) => s.rule === 'shift' && s.side === 'low')).toEqual([]);
    app.spc.setOptions(SHIFT_MEASURE, { baseline: 12, screening: false, shiftLength: 6 });
    expect(august().signals.filter((s) => s.rule === 'shift' && s.side === 'low')).toEqual([
      { rule: 'shift', side: 'low', from: '2023-03', to: '2023-08', points: 6 },
    ]);
    app.close();
  });

  it('refuses a baseline outside 12 to 20 and changes nothing', async () => {
    const { app } = await appWithHistory();
    for (const baseline of [0, 11, 21, 12.5]) {
      expect(() => app.spc.setOptions(SHIFT_MEASURE, { baseline, screening: false, shiftLength: 7 })).toThrow(
        /between 12 and 20 points/,
      );
    }
    expect(app.spc.settings(SHIFT_MEASURE).updated_at).toBeNull();
    expect(() => app.spc.setOptions('no_such', { baseline: null, screening: true, shiftLength: 7 })).toThrow(
      /There is no measure "no_such"/,
    );
    app.close();
  });

  it('rebasing needs a reason, starts new limits from its month and can be taken back', async () => {
    const { app } = await appWithHistory();
    expect(() => app.spc.rebase(SHIFT_MEASURE, '2023-03', '   ')).toThrow(/reason .* cannot be empty/i);
    const settings = app.spc.rebase(SHIFT_MEASURE, '2023-03', 'Front door restructured into two hubs');
    expect(settings.rebases).toEqual([
      {
        period: '2023-03',
        reason: 'Front door restructured into two hubs',
        created_at: '2023-11-20T10:00:00.000Z',
        created_by: 'Ana Performance',
      },
    ]);
    // The new phase is the last 8 months (56/57): mean 56.5, every moving range 1.
    const spc = decisionsRow(app).spc!;
    expect(spc.mean).toBeCloseTo(56.5, 6);
    expect(spc.upper).toBeCloseTo(56.5 + 2.66, 6);
    expect(spc.trial).toBe(true);
    expect(spc.variation).toBe('common_cause');
    expect(() => app.spc.rebase(SHIFT_MEASURE, '2023-03', 'again')).toThrow(/already recalculated from March 2023/);

    app.spc.removeRebase(SHIFT_MEASURE, '2023-03');
    expect(decisionsRow(app).spc?.variation).toBe('concern_low');
    expect(() => app.spc.removeRebase(SHIFT_MEASURE, '2023-03')).toThrow(/not recalculated from March 2023/);
    const actions = app.meetings.auditTrail(SHIFT_MEASURE, 10).map((a) => a.action);
    expect(actions.slice(0, 2)).toEqual(['recalculation removed', 'limits recalculated']);
    app.close();
  });

  it('dated notes on the chart are kept in order, trimmed, and removable', async () => {
    const { app, file } = await appWithHistory();
    const later = app.spc.annotate(SHIFT_MEASURE, '2023-03', '  Mosaic went live  ');
    app.spc.annotate(SHIFT_MEASURE, '2022-09', 'Two social worker vacancies');
    expect(later).toMatchObject({ period: '2023-03', text: 'Mosaic went live', created_by: 'Ana Performance' });
    expect(() => app.spc.annotate(SHIFT_MEASURE, '2023-03', '')).toThrow(/cannot be empty/);
    expect(() => app.spc.annotate(SHIFT_MEASURE, 'March', 'x')).toThrow(/YYYY-MM/);
    expect(() => app.spc.annotate(SHIFT_MEASURE, '2023-03', 'x'.repeat(501))).toThrow(/under 500 characters/);
    expect(app.measureDetail({ key: SHIFT_MEASURE }).annotations.map((a) => a.text)).toEqual([
      'Two social worker vacancies',
      'Mosaic went live',
    ]);
    app.spc.removeAnnotation(later.id);
    expect(() => app.spc.removeAnnotation(later.id)).toThrow(/no longer on the chart/);
    app.close();
    const reopened = new ClinicApp();
    await reopened.openFile(file);
    expect(reopened.measureDetail({ key: SHIFT_MEASURE }).annotations.map((a) => a.text)).toEqual([
      'Two social worker vacancies',
    ]);
    reopened.close();
  });

  it('the measure detail carries the whole chart: limits, flagged points and the options used', async () => {
    const { app } = await appWithHistory();
    const detail = app.measureDetail({ key: SHIFT_MEASURE });
    expect(detail.spc?.points).toHaveLength(24);
    // Mean of all 24 months 59.5: the first 16 above it, the last 8 below (a shift each way).
    const low = detail.spc!.points.filter((p) => p.rules.includes('shift') && p.side === 'low').map((p) => p.period);
    expect(low).toEqual(['2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10']);
    expect(detail.spc!.points.filter((p) => p.side === 'high')).toHaveLength(16);
    expect(detail.spc!.points.find((p) => p.period === '2023-10')!.kind).toBe('concern');
    // Contacts has three months: too few for a chart.
    expect(app.measureDetail({ key: 'contacts' }).spc).toBeNull();
    app.close();
  });

  it('a file open read-only refuses every change in words', async () => {
    const { app, file } = await appWithHistory();
    const second = new ClinicApp({ lock: true, lockOptions: { user: 'Sam Manager' } });
    await second.openFile(file, { readOnly: true });
    expect(second.fileInfo().readOnly).toBe(true);
    expect(() => second.spc.setOptions(SHIFT_MEASURE, { baseline: 12, screening: true, shiftLength: 6 })).toThrow(
      /read-only|read only/i,
    );
    expect(() => second.spc.annotate(SHIFT_MEASURE, '2023-03', 'x')).toThrow(/read-only|read only/i);
    second.close();
    app.close();
  });
});
