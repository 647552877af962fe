/**
 * A clinic file with figures by team and actions owned by teams, for the exception report:
 * - North: 24 months of decisions within 1 working day with a shift (off target, special cause
 *   of concern, will consistently fail), and an overdue action;
 * - South: one month on target, and an action done (past its due date): nothing needs action;
 * - East: no figures, but an overdue action;
 * - an overdue action no team owns.
 */
import path from 'node:path';
import type { ClinicApp } from '../../main/api/clinic-app';
import { october2023 } from '../../main/sample/october-2023';
import { insertDataset } from '../../main/store/catalogue';
import { ClinicFile } from '../../main/store/clinic-file';
import type { ClinicDatabase } from '../../main/store/database';
import { newClinic } from './clinics';
import { shiftHistory, SHIFT_MEASURE } from './spc-history';

export function addTeamFigures(db: ClinicDatabase): void {
  for (const p of shiftHistory())
    db.run('INSERT INTO observations (measure, period, team, value) VALUES (?, ?, ?, ?)', [
      SHIFT_MEASURE,
      p.period,
      'North',
      p.value,
    ]);
  db.run("INSERT INTO observations (measure, period, team, value) VALUES (?, '2023-10', 'South', 90)", [SHIFT_MEASURE]);
}

export function raiseTeamActions(app: ClinicApp): void {
  const clinic = app.meetings.createClinic(newClinic({ period: '2023-10', compare: '2023-09' }));
  const raise = (description: string, team: string, dueOn: string) =>
    app.meetings.raiseAction({ clinicId: clinic.id, measure: null, description, owner: 'Sam Okafor', team, dueOn });
  raise('Cover the two front door vacancies', 'North', '2023-11-30');
  raise('Audit <script>alert(1)</script> decisions after 5pm', 'East', '2023-11-20');
  raise('Agree the re-referrals audit', '', '2023-11-24');
  const done = raise('Review the South rota', 'South', '2023-11-15');
  app.meetings.updateAction({ actionId: done.id, clinicId: clinic.id, text: 'Rota agreed', status: 'done' });
}

/** The file on disk, ready for the command line. */
export async function fileWithTeams(dir: string, app: ClinicApp): Promise<string> {
  const file = path.join(dir, 'teams.db');
  const created = await ClinicFile.create(file, (db) => {
    insertDataset(db, october2023);
    addTeamFigures(db);
  });
  created.close();
  await app.openFile(file);
  raiseTeamActions(app);
  app.close();
  return file;
}

/** The same figures and actions put into a file already open in an app (the e2e window's). */
export function seedTeamExceptions(app: ClinicApp): void {
  addTeamFigures((app as unknown as { current(): { db: ClinicDatabase } }).current().db);
  raiseTeamActions(app);
}
