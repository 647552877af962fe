/** Writes a synthetic clinic file: the dataset, team figures, and a clinic a fortnight with notes and actions. */
import { addMonths } from '../domain/period';
import { actionReference, clinicCode } from '../domain/actions';
import { insertDataset } from '../store/catalogue';
import { ClinicFile } from '../store/clinic-file';
import type { ClinicDatabase } from '../store/database';
import * as q from '../store/meetings';
import { random, syntheticDataset, type Size, type SyntheticData } from './synthetic';

function insertTeams(db: ClinicDatabase, data: SyntheticData): number {
  if (data.teamObservations.length === 0) return 0;
  db.runMany(
    'INSERT INTO observations (measure, period, value, numerator, denominator, team) VALUES (?, ?, ?, ?, ?, ?)',
    data.teamObservations.map((o) => [o.measure, o.period, o.value, null, null, o.team]),
  );
  return data.teamObservations.length;
}

/** Five years of fortnightly clinics (or as many as the months allow), with notes and actions. */
function insertMeetings(
  db: ClinicDatabase,
  data: SyntheticData,
  seed: number,
): { clinics: number; notes: number; actions: number } {
  const rand = random(seed + 1);
  const clinics = Math.min(130, Math.floor((data.observations.length / data.measures.length) * 2) - 2);
  const refs: string[] = [];
  let notes = 0;
  let actions = 0;
  const start = Date.UTC(2019, 0, 10);
  for (let c = 0; c < clinics; c++) {
    const heldOn = new Date(start + c * 14 * 86_400_000).toISOString().slice(0, 10);
    const period = addMonths(data.lastPeriod, -Math.floor((clinics - c - 1) / 2));
    const at = `${heldOn}T10:00:00.000Z`;
    const kind = c % 2 === 0 ? 'Director’s performance clinic' : 'Head of Service clinic';
    const id = q.insertClinic(
      db,
      {
        held_on: heldOn,
        kind,
        code: clinicCode(kind),
        scope: [],
        chair: 'Chair',
        attendees: ['A', 'B'],
        apologies: [],
        period,
        compare: addMonths(period, -1),
      },
      at,
      'Bench',
    );
    for (let n = 0; n < 20; n++) {
      const measure = data.measures[Math.floor(rand() * data.measures.length)]!.key;
      q.writeNote(db, {
        clinic_id: id,
        measure,
        text: `Note ${n} at clinic ${c}: figures discussed, explanation given, challenge recorded.`,
        version: 1,
        updated_at: at,
        updated_by: 'Bench',
      });
      notes++;
    }
    for (let a = 0; a < 5; a++) {
      const ref = actionReference(clinicCode(kind), heldOn, refs);
      refs.push(ref);
      const done = c < clinics - 6 && rand() < 0.85;
      const actionId = q.insertAction(db, {
        ref,
        clinic_id: id,
        measure: data.measures[Math.floor(rand() * data.measures.length)]!.key,
        description: `Action ${a} from clinic ${c}`,
        owner: `Owner ${Math.floor(rand() * 12)}`,
        team: '',
        due_on: new Date(Date.parse(heldOn) + 28 * 86_400_000).toISOString().slice(0, 10),
        status: done ? 'done' : 'open',
        created_at: at,
        created_by: 'Bench',
        updated_at: at,
        closed_at: done ? at : null,
      });
      q.insertActionUpdate(db, {
        action_id: actionId,
        clinic_id: id,
        text: 'Progress noted',
        status_from: 'open',
        status_to: done ? 'done' : 'open',
        created_at: at,
        created_by: 'Bench',
      });
      actions++;
    }
  }
  return { clinics, notes, actions };
}

export interface BuiltFile {
  file: string;
  observations: number;
  clinics: number;
  notes: number;
  actions: number;
  lastPeriod: string;
  measureKeys: string[];
}

export async function buildSyntheticFile(file: string, size: Size, seed = 20231031): Promise<BuiltFile> {
  const data = syntheticDataset(size, seed);
  let teams = 0;
  let meetings = { clinics: 0, notes: 0, actions: 0 };
  const created = await ClinicFile.create(file, (db) => {
    insertDataset(db, data);
    teams = insertTeams(db, data);
    meetings = insertMeetings(db, data, seed);
  });
  created.close();
  return {
    file,
    observations: data.observations.length + teams,
    ...meetings,
    lastPeriod: data.lastPeriod,
    measureKeys: data.measures.map((m) => m.key),
  };
}
