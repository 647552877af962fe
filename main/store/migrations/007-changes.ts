import type { ClinicDatabase } from '../database';

/**
 * A table whose rows can be created, changed or deleted on two copies of a clinic file and must
 * merge (architecture.md rule 8). Frozen at schema 7: the triggers below are made from it, and
 * the merge reads it to put a change back into a row. A later schema that changes these tables
 * adds a migration that drops and remakes the triggers; it never edits this one.
 */
export interface ReplicatedTable {
  table: string;
  /**
   * How a row is named the same on every copy: 'uid' (a text column holding the id of the change
   * that created the row; random for rows that were in the file before schema 7), or the row's
   * natural key columns (a note is the note of one clinic on one measure on every copy).
   */
  key: 'uid' | readonly string[];
  /** The columns that hold data, each merged on its own (later change wins). */
  columns: readonly string[];
  /** Columns holding another row's local integer id: recorded as that row's stable id instead. */
  refs: Readonly<Record<string, 'clinics' | 'actions'>>;
}

export const REPLICATED: readonly ReplicatedTable[] = [
  { table: 'areas', key: ['key'], columns: ['title', 'sort_order'], refs: {} },
  {
    table: 'measures',
    key: ['key'],
    columns: [
      'title',
      'definition',
      'area',
      'unit',
      'polarity',
      'frequency',
      'tolerance',
      'bench_national',
      'bench_regional',
      'bench_statistical_neighbours',
      'sort_order',
      'numerator_label',
      'denominator_label',
      'data_source',
      'bench_national_year',
      'bench_regional_year',
      'bench_statistical_neighbours_year',
      'retired_at',
    ],
    refs: {},
  },
  { table: 'measure_targets', key: ['measure', 'applies_from'], columns: ['target'], refs: {} },
  {
    table: 'spc_settings',
    key: ['measure'],
    columns: ['baseline', 'screening', 'shift_length', 'updated_at', 'updated_by'],
    refs: {},
  },
  { table: 'spc_rebases', key: ['measure', 'period'], columns: ['reason', 'created_at', 'created_by'], refs: {} },
  {
    table: 'annotations',
    key: 'uid',
    columns: ['measure', 'period', 'text', 'created_at', 'created_by'],
    refs: {},
  },
  {
    table: 'clinics',
    key: 'uid',
    columns: [
      'held_on',
      'kind',
      'code',
      'scope',
      'chair',
      'attendees',
      'apologies',
      'period',
      'compare',
      'status',
      'created_at',
      'created_by',
    ],
    refs: {},
  },
  {
    table: 'agenda_items',
    key: ['clinic_id', 'measure'],
    columns: ['position', 'discussed'],
    refs: { clinic_id: 'clinics' },
  },
  // The text of a note is recorded apart (see the note triggers below): it is never simply overwritten.
  {
    table: 'notes',
    key: ['clinic_id', 'measure'],
    columns: ['version', 'updated_at', 'updated_by'],
    refs: { clinic_id: 'clinics' },
  },
  {
    table: 'actions',
    key: 'uid',
    columns: [
      'ref',
      'clinic_id',
      'measure',
      'description',
      'owner',
      'due_on',
      'status',
      'created_at',
      'created_by',
      'updated_at',
      'closed_at',
      'deleted_at',
    ],
    refs: { clinic_id: 'clinics' },
  },
  {
    table: 'action_updates',
    key: 'uid',
    columns: ['action_id', 'clinic_id', 'text', 'status_from', 'status_to', 'created_at', 'created_by'],
    refs: { action_id: 'actions', clinic_id: 'clinics' },
  },
  {
    table: 'imports',
    key: 'uid',
    columns: [
      'file_name',
      'sha256',
      'format',
      'rows_read',
      'added',
      'changed',
      'unchanged',
      'warnings',
      'backup',
      'imported_at',
      'imported_by',
      'undone_at',
      'undone_by',
    ],
    refs: {},
  },
];

/** The id the next change recorded in this transaction gets: the commit's clock and a sequence number. */
export const NEXT_CHANGE_ID = `(SELECT hlc || '-' || printf('%05d', seq) FROM sync_context)`;
const CAPTURING = '(SELECT applying FROM sync_context) = 0';

/** SQL for a column's value as recorded: another row's local id becomes that row's stable id. */
function valueSql(t: ReplicatedTable, column: string, row: 'NEW' | 'OLD'): string {
  const ref = t.refs[column];
  return ref ? `(SELECT uid FROM ${ref} WHERE id = ${row}.${column})` : `${row}.${column}`;
}

/** SQL for the row's stable id. */
export function rowIdSql(t: ReplicatedTable, row: 'NEW' | 'OLD'): string {
  if (t.key === 'uid') return `${row}.uid`;
  return `json_array(${t.key.map((c) => valueSql(t, c, row)).join(', ')})`;
}

function change(t: ReplicatedTable, rowSql: string, field: string, value: string): string {
  return `INSERT INTO changes (id, hlc, author, device, entity, row, field, value)
    SELECT hlc || '-' || printf('%05d', seq), hlc, author, device, '${t.table}', ${rowSql}, '${field}', ${value}
      FROM sync_context;`;
}

/** The triggers that record every write to a replicated table as changes, in the same transaction. */
export function captureTriggers(t: ReplicatedTable): string {
  const name = t.table;
  const where = t.key === 'uid' ? 'rowid = NEW.rowid' : t.key.map((c) => `${c} = NEW.${c}`).join(' AND ');
  const newRow = t.key === 'uid' ? `(SELECT uid FROM ${name} WHERE ${where})` : rowIdSql(t, 'NEW');
  const whole = `json_object(${t.columns.map((c) => `'${c}', ${valueSql(t, c, 'NEW')}`).join(', ')})`;
  const parts: string[] = [];
  parts.push(`CREATE TRIGGER ${name}_record_insert AFTER INSERT ON ${name} WHEN ${CAPTURING} BEGIN
    ${t.key === 'uid' ? `UPDATE ${name} SET uid = ${NEXT_CHANGE_ID} WHERE ${where} AND uid IS NULL;` : ''}
    ${change(t, newRow, '*', whole)}
  END;`);
  for (const c of t.columns) {
    parts.push(`CREATE TRIGGER ${name}_record_${c} AFTER UPDATE OF ${c} ON ${name}
      WHEN OLD.${c} IS NOT NEW.${c} AND ${CAPTURING} BEGIN
      ${change(t, rowIdSql(t, 'NEW'), c, `json_quote(${valueSql(t, c, 'NEW')})`)}
    END;`);
  }
  if (name !== 'notes') {
    parts.push(`CREATE TRIGGER ${name}_record_delete AFTER DELETE ON ${name} WHEN ${CAPTURING} BEGIN
      ${change(t, rowIdSql(t, 'OLD'), '_deleted', "'true'")}
    END;`);
  }
  return parts.join('\n');
}

/**
 * A note's text is recorded with the changes it was written over (its bases), so that a merge can
 * tell an edit made on top of another from two edits made apart, and keep both of the latter.
 */
const NOTE_TRIGGERS = (notes: ReplicatedTable) => {
  const row = rowIdSql(notes, 'NEW');
  const oldRow = rowIdSql(notes, 'OLD');
  const at = 'clinic_id = NEW.clinic_id AND measure = NEW.measure';
  const lastDelete = `(SELECT max(id) FROM changes WHERE entity = 'notes' AND row = ${row} AND field = '_deleted')`;
  const alsoIds = (r: 'OLD') => `SELECT json_extract(value, '$.change') AS b FROM json_each(${r}.also)`;
  return `
  CREATE TRIGGER notes_record_text_insert AFTER INSERT ON notes WHEN ${CAPTURING} BEGIN
    UPDATE notes SET text_change = ${NEXT_CHANGE_ID} WHERE ${at};
    ${change(notes, row, 'text', `json_object('t', NEW.text, 'b', CASE WHEN ${lastDelete} IS NULL THEN json_array() ELSE json_array(${lastDelete}) END)`)}
  END;
  CREATE TRIGGER notes_record_text AFTER UPDATE OF text, also ON notes
    WHEN (OLD.text IS NOT NEW.text OR (NEW.also = '[]' AND OLD.also <> '[]')) AND ${CAPTURING} BEGIN
    UPDATE notes SET text_change = ${NEXT_CHANGE_ID} WHERE ${at};
    ${change(
      notes,
      row,
      'text',
      `json_object('t', NEW.text, 'b', json((SELECT json_group_array(b) FROM (
        SELECT OLD.text_change AS b WHERE OLD.text_change IS NOT NULL
        UNION ALL SELECT b FROM (${alsoIds('OLD')}) WHERE NEW.also = '[]'))))`,
    )}
  END;
  CREATE TRIGGER notes_record_delete AFTER DELETE ON notes WHEN ${CAPTURING} BEGIN
    ${change(
      notes,
      oldRow,
      '_deleted',
      `json_object('b', json((SELECT json_group_array(b) FROM (
        SELECT OLD.text_change AS b WHERE OLD.text_change IS NOT NULL UNION ALL ${alsoIds('OLD')}))))`,
    )}
  END;`;
};

/**
 * Schema 7: changes are data (architecture.md rule 8, reliability.md rule 12).
 *
 * - meta 'origin': the file's id. Copies of one file share it; files of different origin never merge.
 * - uid columns: a stable id for rows that can be made on two copies and have only a local integer
 *   id. Rows already in the file get a random one: they are the baseline every copy shares.
 * - changes: every write to a replicated table, one row per field (one per row for an insert,
 *   field '*'; '_deleted' for a delete), with its hybrid logical clock, author and device. Its id
 *   is the clock of the commit and a sequence number within it, so replaying the journal after a
 *   crash makes exactly the same changes.
 * - sync_context: the clock, author and device of the transaction being written (set by the store
 *   before the first write of each transaction), read by the triggers; `applying` is 1 while a
 *   merge writes changes that are already recorded.
 * - notes gain the change that wrote their text and the texts kept beside it after a merge.
 * - import_changes gain an index by figure, to find every import of one figure.
 */
export function migrate007(db: ClinicDatabase): void {
  db.exec(`
    INSERT INTO meta (key, value) VALUES ('origin', lower(hex(randomblob(16))));

    CREATE TABLE changes (
      id TEXT NOT NULL PRIMARY KEY,
      hlc TEXT NOT NULL,
      author TEXT NOT NULL,
      device TEXT NOT NULL,
      entity TEXT NOT NULL,
      row TEXT NOT NULL,
      field TEXT NOT NULL,
      value TEXT
    ) WITHOUT ROWID;
    CREATE INDEX changes_by_row ON changes(entity, row, id);

    CREATE TABLE sync_context (
      only INTEGER PRIMARY KEY CHECK (only = 1),
      hlc TEXT,
      seq INTEGER NOT NULL DEFAULT 0,
      author TEXT NOT NULL DEFAULT '',
      device TEXT NOT NULL DEFAULT '',
      applying INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO sync_context (only) VALUES (1);
    CREATE TRIGGER changes_sequence AFTER INSERT ON changes WHEN (SELECT applying FROM sync_context) = 0 BEGIN
      UPDATE sync_context SET seq = seq + 1;
    END;

    ALTER TABLE notes ADD COLUMN text_change TEXT;
    ALTER TABLE notes ADD COLUMN also TEXT NOT NULL DEFAULT '[]';
    CREATE INDEX import_changes_by_figure ON import_changes(measure, period, team);
  `);
  for (const t of REPLICATED) {
    if (t.key === 'uid') {
      // '0000-' sorts before any clock, so the baseline is older than every change.
      db.exec(`
        ALTER TABLE ${t.table} ADD COLUMN uid TEXT;
        UPDATE ${t.table} SET uid = '0000-' || lower(hex(randomblob(16)));
        CREATE UNIQUE INDEX ${t.table}_by_uid ON ${t.table}(uid);
      `);
    }
  }
  for (const t of REPLICATED) db.exec(captureTriggers(t));
  db.exec(NOTE_TRIGGERS(REPLICATED.find((t) => t.table === 'notes')!));
}
