/**
 * Caveats and as-at dates through the store and the application API: the sample carries the
 * report's own caveats, caveats are editable data (validated, audited), and they merge between
 * copies of one file like every other record. The report JSON the CLI writes is checked too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import type { ClinicFile } from '../../main/store/clinic-file';
import { canonicalDump } from '../../main/store/sync';
import { tempDir } from '../support/temp';

let clock = Date.parse('2023-11-09T10:00:00Z');
const now = () => new Date((clock += 1000));

async function sampleApp(dir = tempDir(), name = 'clinic.db', device = 'office-pc') {
  const file = path.join(dir, name);
  const app = new ClinicApp({ preferencesFile: path.join(dir, `${device}.json`), now, deviceId: device });
  await app.createFile(file);
  app.setPreferences({ displayName: 'Jane Director' });
  return { app, file, dir };
}

const dump = (app: ClinicApp) => canonicalDump((app as unknown as { current(): ClinicFile }).current().db);

describe('the sample carries the report’s caveats', () => {
  it('in the clinic comparison and the measure detail, with the as-at date of school attendance', async () => {
    const { app } = await sampleApp();
    const report = app.report({ period: '2023-10' });
    const row = (key: string) => report.measures.find((m) => m.key === key)!;
    expect(row('plan_cla').caveats.map((c) => [c.from, c.to])).toEqual([['2023-10', null]]);
    expect(row('plan_cla').caveats[0]!.text).toMatch(/not saving plans accurately.*\(3\.18\)/);
    expect(row('supervision_cla').caveats).toHaveLength(1);
    expect(row('supervision_cin').caveats).toEqual([]);
    expect(row('children_in_care').caveats[0]!.text).toMatch(/increased by 32/);
    expect(row('attendance').current?.as_at).toBe('2023-11-24');
    expect(row('children_open').last_year).toMatchObject({ period: '2022-10', value: 1473 });
    expect(row('re_referrals_12m').benchmark_details.national).toEqual({
      value: 21.5,
      year: '2021-22',
      source: 'England average',
    });
    const detail = app.measureDetail({ key: 'visits_cla' });
    expect(detail.caveats.map((c) => c.text).join()).toMatch(/Mosaic.*\(3\.19\)/);
    expect(detail.measure.definition).not.toMatch(/statutory/i);
    expect(app.measureDetail({ key: 'attendance' }).history.at(-1)?.as_at).toBe('2023-11-24');
    app.close();
  });
});

describe('caveats are editable data', () => {
  it('are added, changed and removed, each in the audit trail, and the report follows', async () => {
    const { app } = await sampleApp();
    const added = app.caveats.add('contacts', {
      text: '  Contacts double-counted in Mosaic.  ',
      from: '2023-09',
      to: null,
    });
    expect(added).toMatchObject({ measure: 'contacts', text: 'Contacts double-counted in Mosaic.', from: '2023-09' });
    expect(added.id).not.toBe('');
    expect(app.report({ period: '2023-10' }).measures.find((m) => m.key === 'contacts')!.caveats).toHaveLength(1);

    app.caveats.update(added.id, { text: 'Fixed from October.', from: '2023-09', to: '2023-09' });
    expect(app.report({ period: '2023-10' }).measures.find((m) => m.key === 'contacts')!.caveats).toEqual([]);
    expect(app.measureDetail({ key: 'contacts' }).caveats.map((c) => c.text)).toEqual(['Fixed from October.']);

    app.caveats.remove(added.id);
    expect(app.caveats.list('contacts')).toEqual([]);
    const audit = app.meetings.auditTrail('contacts', 10).filter((a) => a.entity === 'caveat');
    expect(audit.map((a) => a.action).sort()).toEqual(['added', 'changed', 'removed']);
    app.close();
  });

  it('refuse bad input with a clear message and write nothing', async () => {
    const { app } = await sampleApp();
    const before = dump(app);
    expect(() => app.caveats.add('contacts', { text: '   ', from: '2023-10', to: null })).toThrow(/cannot be empty/);
    expect(() => app.caveats.add('contacts', { text: 'x', from: '2023-10', to: '2023-09' })).toThrow(
      /cannot end \(September 2023\) before it starts \(October 2023\)/,
    );
    expect(() => app.caveats.add('contacts', { text: 'x', from: 'Oct 2023', to: null })).toThrow(/YYYY-MM/);
    expect(() => app.caveats.add('no_such', { text: 'x', from: '2023-10', to: null })).toThrow(/no measure "no_such"/);
    expect(() => app.caveats.add('contacts', { text: 'x'.repeat(2001), from: '2023-10', to: null })).toThrow(
      /under 2,000 characters/,
    );
    expect(() => app.caveats.remove('nope')).toThrow(/no longer there/);
    expect(dump(app)).toBe(before);
    app.close();
  });
});

describe('caveats merge between copies of one file', () => {
  it('a caveat written on each copy, and one edited on both, end up the same on both', async () => {
    const { app: first, file: a, dir } = await sampleApp();
    const shared = first.caveats.add('referrals', { text: 'Shared caveat.', from: '2023-10', to: null });
    first.close();
    const b = path.join(dir, 'laptop.db');
    fs.copyFileSync(a, b);
    const appA = new ClinicApp({ preferencesFile: path.join(dir, 'a.json'), now, deviceId: 'office-pc' });
    await appA.openFile(a);
    const appB = new ClinicApp({ preferencesFile: path.join(dir, 'b.json'), now, deviceId: 'laptop' });
    await appB.openFile(b);

    appA.caveats.add('contacts', { text: 'Written in the office.', from: '2023-10', to: null });
    appB.caveats.add('contacts', { text: 'Written on the laptop.', from: '2023-09', to: '2023-10' });
    appA.caveats.update(shared.id, { text: 'Edited in the office.', from: '2023-10', to: null });
    appB.caveats.update(shared.id, { text: 'Edited later on the laptop.', from: '2023-10', to: null });

    await appA.sync.merge(b);
    await appB.sync.merge(a);
    expect(dump(appA)).toBe(dump(appB));
    expect(appA.caveats.list('contacts').map((c) => c.text)).toEqual([
      'Written on the laptop.',
      'Written in the office.',
    ]);
    expect(appA.caveats.list('referrals').map((c) => c.text)).toEqual(['Edited later on the laptop.']);

    appB.caveats.remove(shared.id);
    await appA.sync.merge(b);
    expect(appA.caveats.list('referrals')).toEqual([]);
    appA.close();
    appB.close();
  });
});

describe('the report JSON and CSV from the command line', () => {
  const root = path.resolve(__dirname, '../..');
  const bin = path.join(root, 'bin/perfclinic.cjs');
  it('gives last_year, direction, numerator and denominator, as_at, benchmark details and caveats', () => {
    if (!fs.existsSync(path.join(root, 'dist/cli/cli.cjs'))) throw new Error('Run `npm run build` first.');
    const db = path.join(tempDir(), 'clinic.db');
    execFileSync(process.execPath, [bin, 'init', '--db', db]);
    const out = spawnSync(process.execPath, [bin, 'report', '--db', db, '--format', 'json'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const by = new Map(
      (JSON.parse(out.stdout) as { measures: Array<Record<string, unknown> & { key: string }> }).measures.map((m) => [
        m.key,
        m,
      ]),
    );
    expect(by.get('children_open')).toMatchObject({
      last_year: { period: '2022-10', value: 1473 },
      change_from_last_year: 257,
      direction: 'not_applicable',
    });
    expect(by.get('contacts')!.last_year).toBeNull();
    expect(by.get('re_referrals_12m')).toMatchObject({
      direction: 'no_previous',
      benchmarks: { national: 21.5, regional: null, statistical_neighbours: null },
      benchmark_details: {
        national: { value: 21.5, year: '2021-22', source: 'England average' },
        regional: null,
        statistical_neighbours: null,
      },
    });
    expect(by.get('cp_repeat_plan_2y')!.current).toEqual({
      period: '2023-10',
      value: 28.6,
      numerator: 10,
      denominator: 35,
    });
    expect(by.get('attendance')!.current).toEqual({ period: '2023-10', value: 92.1, as_at: '2023-11-24' });
    const caveats = by.get('plan_cla')!.caveats as Array<Record<string, unknown>>;
    expect(caveats).toHaveLength(1);
    expect(Object.keys(caveats[0]!)).toEqual(['text', 'from']);
    expect(by.get('children_in_care')!.caveats).toEqual([
      expect.objectContaining({ from: '2023-10', to: '2023-10', text: expect.stringMatching(/increased by 32/) }),
    ]);
    expect(by.get('re_referrals_12m_ytd')).toMatchObject({ target: null, benchmarks: { national: null } });
  });
});
