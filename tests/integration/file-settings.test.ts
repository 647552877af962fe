/**
 * Settings kept in the clinic file (schema 11): defaults, checked values, the audit trail, kept on
 * reopening, and merged between copies like every other record.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { DEFAULT_FILE_SETTINGS } from '../../main/domain/file-settings';
import type { ClinicFile } from '../../main/store/clinic-file';
import { canonicalDump } from '../../main/store/sync';
import { tempDir } from '../support/temp';

let clock = Date.parse('2023-11-09T10:00:00Z');
const now = () => new Date((clock += 1000));

function appFor(dir: string, device: string) {
  return new ClinicApp({ preferencesFile: path.join(dir, `${device}.json`), now, deviceId: device });
}

const dump = (app: ClinicApp) => canonicalDump((app as unknown as { current(): ClinicFile }).current().db);

describe('settings kept in the clinic file', () => {
  it('start at their defaults, are changed and audited, and are kept when the file is opened again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'clinic.db');
    const app = appFor(dir, 'office-pc');
    await app.createFile(file);
    expect(app.settings.get()).toEqual(DEFAULT_FILE_SETTINGS);

    const after = app.settings.set({
      headlineMeasures: ['re_referrals_12m', 'contacts', 'contacts'],
      forPublication: true,
    });
    expect(after).toEqual({
      headlineMeasures: ['re_referrals_12m', 'contacts'],
      workerNames: 'initials',
      forPublication: true,
    });
    const audit = app.meetings.auditTrail(null, 10).filter((a) => a.entity === 'file_setting');
    expect(audit.map((a) => [a.entity_id, a.before, a.after]).sort()).toEqual([
      ['forPublication', 'false', 'true'],
      ['headlineMeasures', 'null', '["re_referrals_12m","contacts"]'],
    ]);
    // Setting a value it already has changes nothing and audits nothing.
    app.settings.set({ forPublication: true });
    expect(app.meetings.auditTrail(null, 10).filter((a) => a.entity === 'file_setting')).toHaveLength(2);
    app.close();

    const again = appFor(dir, 'office-pc');
    await again.openFile(file);
    expect(again.settings.get()).toEqual(after);
    again.close();
  });

  it('refuse a bad value with a clear message and write nothing', async () => {
    const dir = tempDir();
    const app = appFor(dir, 'office-pc');
    await app.createFile(path.join(dir, 'clinic.db'));
    const before = dump(app);
    expect(() => app.settings.set({ workerNames: 'full' as never })).toThrow(/"initials" or "hidden"/);
    expect(() => app.settings.set({ headlineMeasures: Array.from({ length: 61 }, (_, i) => `m${i}`) })).toThrow(
      /at most 60/,
    );
    expect(() => app.settings.set({ forPublication: true, workerNames: 'names' as never })).toThrow(/initials/);
    expect(dump(app)).toBe(before);
    app.close();
  });

  it('merge between copies: each copy’s change arrives, and both end the same', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'clinic.db');
    const first = appFor(dir, 'office-pc');
    await first.createFile(a);
    first.close();
    const b = path.join(dir, 'laptop.db');
    fs.copyFileSync(a, b);
    const appA = appFor(dir, 'office-pc');
    await appA.openFile(a);
    const appB = appFor(dir, 'laptop');
    await appB.openFile(b);

    appA.settings.set({ workerNames: 'hidden' });
    appB.settings.set({ headlineMeasures: ['contacts'] });
    await appA.sync.merge(b);
    await appB.sync.merge(a);
    expect(dump(appA)).toBe(dump(appB));
    expect(appA.settings.get()).toEqual({
      headlineMeasures: ['contacts'],
      workerNames: 'hidden',
      forPublication: false,
    });
    appA.close();
    appB.close();
  });
});
