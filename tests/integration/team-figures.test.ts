/**
 * A team manager's view reads the team's own figures (issue 17): the team's row of the figures,
 * never its workers' rows, which share the team's name since schema 15. The sample's Assessment
 * Team North has its own figure (82.4% in October 2023, 80% in September) and four workers'.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { createDispatcher, handlersFor } from '../../main/api/dispatch';
import type { MeasureDetail } from '../../main/domain/views';
import { october2023 } from '../../main/sample/october-2023';
import { insertDataset } from '../../main/store/catalogue';
import { ClinicDatabase } from '../../main/store/database';
import { migrations } from '../../main/store/migrations';
import { teamFiguresUpTo } from '../../main/store/teams';
import { NOW } from '../support/import-fixtures';
import { tempDir } from '../support/temp';

const TEAM = 'Assessment Team North';
const MEASURE = 'ia_visits_5wd';

async function sampleApp(): Promise<ClinicApp> {
  const dir = tempDir();
  const app = new ClinicApp({ preferencesFile: path.join(dir, 'prefs.json'), now: () => NOW });
  await app.createFile(path.join(dir, 'clinic.db'));
  return app;
}

describe('a team’s own figures, not its workers’', () => {
  it('the headlines’ sparkline and the clinic row read one figure a month', async () => {
    const app = await sampleApp();
    app.settings.set({ headlineMeasures: [MEASURE] });
    const tile = app.headlines({ team: TEAM }).tiles[0]!;
    expect(tile.series.map((p) => [p.period, p.value])).toEqual([
      ['2023-09', 80],
      ['2023-10', 82.4],
    ]);
    expect(tile.row.current?.value).toBe(82.4);
    expect(tile.row.previous?.value).toBe(80);
  });

  it('the exception report judges a team on its own series', async () => {
    const db = await ClinicDatabase.fromBytes();
    db.transaction(() => {
      for (const m of migrations) m(db);
    });
    insertDataset(db, october2023);
    expect(teamFiguresUpTo(db, '2023-10').get(TEAM)?.get(MEASURE)).toEqual([
      { period: '2023-09', value: 80 },
      { period: '2023-10', value: 82.4 },
    ]);
  });
});

describe('the measure detail under a team view', () => {
  it('gives the team’s own history and the whole service’s beside it, through the one contract', async () => {
    const app = await sampleApp();
    const dispatch = createDispatcher(handlersFor(app));
    const result = await dispatch('getMeasureDetail', { key: MEASURE, period: '2023-10', team: TEAM });
    expect(result.ok).toBe(true);
    const detail = (result as { ok: true; value: MeasureDetail }).value;
    expect(detail.team).toBe(TEAM);
    expect(detail.history.map((h) => [h.period, h.value, h.numerator, h.denominator])).toEqual([
      ['2023-09', 80, 40, 50],
      ['2023-10', 82.4, 42, 51],
    ]);
    const service = app.measureDetail({ key: MEASURE });
    expect(service.team).toBeNull();
    expect(service.service).toBeNull();
    expect(detail.service).toEqual(service.history);
  });

  it('a team with no figures for the measure has an empty history and no chart, the whole service’s still beside it', async () => {
    const app = await sampleApp();
    const detail = app.measureDetail({ key: 'contacts', team: TEAM });
    expect(detail.history).toEqual([]);
    expect(detail.spc).toBeNull();
    expect(detail.judgement).toBeNull();
    expect(detail.service?.at(-1)?.period).toBe('2023-10');
  });

  it('a team name that is empty or absurdly long is refused at the edge', async () => {
    const dispatch = createDispatcher(handlersFor(await sampleApp()));
    for (const team of ['', 'x'.repeat(201)]) {
      const result = await dispatch('getMeasureDetail', { key: MEASURE, team });
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^The request was not valid \(team\)/) });
    }
  });
});
