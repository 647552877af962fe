import type { ClinicDatabase } from '../database';

/** Schema 2: clinics (meetings), their agenda, notes and actions with updates, and the audit trail. */
export function migrate002(db: ClinicDatabase): void {
  db.exec(`
    CREATE TABLE clinics (
      id INTEGER PRIMARY KEY,
      held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
      kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 200),
      code TEXT NOT NULL,
      scope TEXT NOT NULL DEFAULT '[]',
      chair TEXT NOT NULL DEFAULT '',
      attendees TEXT NOT NULL DEFAULT '[]',
      apologies TEXT NOT NULL DEFAULT '[]',
      period TEXT NOT NULL,
      compare TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE INDEX clinics_by_date ON clinics(held_on);

    CREATE TABLE agenda_items (
      clinic_id INTEGER NOT NULL REFERENCES clinics(id),
      measure TEXT NOT NULL REFERENCES measures(key),
      position INTEGER NOT NULL,
      discussed INTEGER NOT NULL DEFAULT 0 CHECK (discussed IN (0, 1)),
      PRIMARY KEY (clinic_id, measure)
    ) WITHOUT ROWID;

    CREATE TABLE notes (
      clinic_id INTEGER NOT NULL REFERENCES clinics(id),
      measure TEXT NOT NULL REFERENCES measures(key),
      text TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      PRIMARY KEY (clinic_id, measure)
    ) WITHOUT ROWID;
    CREATE INDEX notes_by_measure ON notes(measure, clinic_id);

    CREATE TABLE actions (
      id INTEGER PRIMARY KEY,
      ref TEXT NOT NULL UNIQUE,
      clinic_id INTEGER NOT NULL REFERENCES clinics(id),
      measure TEXT REFERENCES measures(key),
      description TEXT NOT NULL CHECK (length(trim(description)) > 0),
      owner TEXT NOT NULL CHECK (length(trim(owner)) > 0),
      due_on TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      closed_at TEXT,
      deleted_at TEXT
    );
    CREATE INDEX actions_by_measure ON actions(measure);
    CREATE INDEX actions_by_clinic ON actions(clinic_id);

    CREATE TABLE action_updates (
      id INTEGER PRIMARY KEY,
      action_id INTEGER NOT NULL REFERENCES actions(id),
      clinic_id INTEGER REFERENCES clinics(id),
      text TEXT NOT NULL,
      status_from TEXT NOT NULL,
      status_to TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE INDEX action_updates_by_action ON action_updates(action_id);

    CREATE TABLE audit (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      who TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action TEXT NOT NULL,
      before TEXT,
      after TEXT,
      measure TEXT
    );
    CREATE INDEX audit_by_measure ON audit(measure, id);
  `);
}
