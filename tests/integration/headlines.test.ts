/**
 * The headlines and a team manager's view over a real clinic file: the default choice and the
 * director's own, each tile's last 13 months, the comparison and the clinic drawn from one team's
 * figures, and the team remembered in the person's preferences (old preference files still read).
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { DEFAULT_HEADLINE_COUNT } from '../../main/domain/headlines';
import { tempDir } from '../support/temp';

const now = () => new Date('2023-11-09T10:00:00Z');

async function sampleWithTeams(dir: string, prefs?: string) {
  const app = new ClinicApp({ now, ...(prefs ? { preferencesFile: prefs } : {}) });
  await app.createFile(path.join(dir, 'clinic.db'));
  const csv = path.join(dir, 'teams.csv');
  fs.writeFileSync(
    csv,
    [
      'Measure key,Period,Team,Value,Numerator,Denominator',
      'decisions_1wd,2023-09,North,60,15,25',
      'decisions_1wd,2023-10,North,40,10,25',
      'decisions_1wd,2023-10,South,70,21,30',
      'contacts,2023-10,North,400,,',
    ].join('\n'),
  );
  await app.imports.importFile(csv);
  return app;
}

describe('the headlines', () => {
  it('show the default choice, off target and special cause of concern first, each with its last 13 months', async () => {
    const app = await sampleWithTeams(tempDir());
    const view = app.headlines();
    const report = app.report();
    expect(view.period).toBe(report.period);
    expect(view.chosen).toBe(false);
    expect(view.team).toBeNull();
    expect(view.tiles.length).toBe(Math.min(DEFAULT_HEADLINE_COUNT, report.measures.length));
    const attention = view.tiles.map(
      (t) =>
        t.row.status === 'off_target' ||
        t.row.spc?.variation === 'concern_high' ||
        t.row.spc?.variation === 'concern_low',
    );
    // Once a tile needs no attention, none after it does.
    expect(attention.indexOf(false) === -1 || !attention.slice(attention.indexOf(false)).includes(true)).toBe(true);
    for (const tile of view.tiles) {
      const history = app.measureDetail({ key: tile.row.key }).history.filter((h) => h.period > '2022-09');
      expect(tile.series.map((p) => [p.period, p.value])).toEqual(history.map((h) => [h.period, h.value]));
    }
    app.close();
  });

  it('show the director’s choice in their order', async () => {
    const app = await sampleWithTeams(tempDir());
    app.settings.set({ headlineMeasures: ['contacts', 're_referrals_12m'] });
    const view = app.headlines();
    expect(view.chosen).toBe(true);
    expect(view.tiles.map((t) => t.row.key)).toEqual(['contacts', 're_referrals_12m']);
    app.close();
  });
});

describe('a team manager’s view', () => {
  it('draws the comparison from the team’s own figures; a measure without any has no figure', async () => {
    const app = await sampleWithTeams(tempDir());
    // The sample's own teams (figures for the drilldown) beside the ones imported here.
    expect(app.teams()).toEqual([
      'Assessment Team North',
      'Assessment Team South',
      'Children in Need Team 1',
      'Children in Need Team 2',
      'North',
      'South',
    ]);
    const whole = app.report();
    const north = app.report({ team: 'North' });
    expect(north.team).toBe('North');
    expect(whole.team).toBeUndefined();
    const row = (r: typeof north, key: string) => r.measures.find((m) => m.key === key);
    expect(row(north, 'decisions_1wd')?.current).toMatchObject({ period: '2023-10', value: 40, numerator: 10 });
    expect(row(north, 'decisions_1wd')?.previous).toMatchObject({ period: '2023-09', value: 60 });
    expect(row(north, 'decisions_1wd')?.direction).toBe('worsened');
    expect(row(north, 'contacts')?.current?.value).toBe(400);
    // Same measures, same order: only the figures differ.
    expect(north.measures.map((m) => m.key)).toEqual(whole.measures.map((m) => m.key));
    expect(row(north, 're_referrals_12m')?.current).toBeNull();
    expect(row(whole, 'decisions_1wd')?.current?.value).not.toBe(40);

    app.settings.set({ headlineMeasures: ['decisions_1wd', 're_referrals_12m'] });
    const headlines = app.headlines({ team: 'North' });
    expect(headlines.team).toBe('North');
    expect(headlines.tiles.map((t) => [t.row.key, t.series.map((p) => p.value)])).toEqual([
      ['decisions_1wd', [60, 40]],
      ['re_referrals_12m', []],
    ]);

    const clinic = app.meetings.createClinic({
      held_on: '2023-11-09',
      kind: 'Monthly performance clinic',
      scope: [],
      chair: 'Director',
      attendees: [],
      apologies: [],
    });
    const view = app.meetings.getClinicView(clinic.id, 'North');
    expect(view.report.team).toBe('North');
    expect(row(view.report, 'decisions_1wd')?.current?.value).toBe(40);
    // The clinic's agenda is its own, whoever looks at it.
    expect(view.agenda).toEqual(app.meetings.getClinicView(clinic.id).agenda);
    app.close();
  });

  it('remembers the team chosen in the person’s preferences, and reads preferences written before teams', async () => {
    const dir = tempDir();
    const prefs = path.join(dir, 'preferences.json');
    fs.writeFileSync(prefs, JSON.stringify({ displayName: 'Sam Patel' }));
    const first = new ClinicApp({ now, preferencesFile: prefs });
    expect(first.preferences()).toEqual({ displayName: 'Sam Patel', team: null });
    expect(first.setPreferences({ displayName: 'Sam Patel', team: 'North' })).toEqual({
      displayName: 'Sam Patel',
      team: 'North',
    });
    // Changing the name alone keeps the team.
    first.setPreferences({ displayName: 'Sam Patel-Jones' });
    expect(new ClinicApp({ preferencesFile: prefs }).preferences()).toEqual({
      displayName: 'Sam Patel-Jones',
      team: 'North',
    });
    first.setPreferences({ displayName: 'Sam Patel-Jones', team: null });
    expect(new ClinicApp({ preferencesFile: prefs }).preferences().team).toBeNull();
  });
});
