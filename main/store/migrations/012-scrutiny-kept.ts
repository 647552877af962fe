import type { ClinicDatabase } from '../database';
import { captureTriggers, NEXT_CHANGE_ID, rowIdSql, type ReplicatedTable } from './007-changes';

/**
 * Frozen here, as 007's list is at 7. The report's two tables of schema 9 again, now without
 * `text`: like a note's, their text is recorded apart, with the changes it was written over, so
 * that a merge keeps both of two texts written apart (see keptTextTriggers). The count nouns of
 * the measures are new.
 */
export const REPLICATED_012: readonly ReplicatedTable[] = [
  {
    table: 'scrutiny_sections',
    key: ['key'],
    columns: ['title', 'place', 'position', 'updated_at', 'updated_by', 'deleted_at'],
    refs: {},
  },
  {
    table: 'scrutiny_paragraphs',
    key: ['period', 'item'],
    columns: ['figure', 'basis', 'updated_at', 'updated_by'],
    refs: {},
  },
  { table: 'measure_nouns', key: ['measure'], columns: ['singular', 'plural', 'updated_at', 'updated_by'], refs: {} },
];

/** The tables whose text a merge keeps both ways, as it keeps a note's. */
export const KEPT_TEXT_TABLES_012 = ['scrutiny_sections', 'scrutiny_paragraphs'] as const;

const CAPTURING = '(SELECT applying FROM sync_context) = 0';

function textChange(t: ReplicatedTable, row: string, field: string, value: string): string {
  return `INSERT INTO changes (id, hlc, author, device, entity, row, field, value)
    SELECT hlc || '-' || printf('%05d', seq), hlc, author, device, '${t.table}', ${row}, '${field}', ${value}
      FROM sync_context;`;
}

/**
 * The notes' triggers of 007 for a table keyed by plain columns: each text is recorded with the
 * change it replaced (and, when the texts kept beside it are settled, those too), and a deletion
 * with every text it saw. A text nobody wrote over is a head; a merge keeps every head.
 */
function keptTextTriggers(t: ReplicatedTable): string {
  const keys = t.key as readonly string[];
  const name = t.table;
  const row = rowIdSql(t, 'NEW');
  const at = keys.map((c) => `${c} = NEW.${c}`).join(' AND ');
  const lastDelete = `(SELECT max(id) FROM changes WHERE entity = '${name}' AND row = ${row} AND field = '_deleted')`;
  const alsoIds = `SELECT json_extract(value, '$.change') AS b FROM json_each(OLD.also)`;
  return `
  CREATE TRIGGER ${name}_record_text_insert AFTER INSERT ON ${name} WHEN ${CAPTURING} BEGIN
    UPDATE ${name} SET text_change = ${NEXT_CHANGE_ID} WHERE ${at};
    ${textChange(t, row, 'text', `json_object('t', NEW.text, 'b', CASE WHEN ${lastDelete} IS NULL THEN json_array() ELSE json_array(${lastDelete}) END)`)}
  END;
  CREATE TRIGGER ${name}_record_text AFTER UPDATE OF text, also ON ${name}
    WHEN (OLD.text IS NOT NEW.text OR (NEW.also = '[]' AND OLD.also <> '[]')) AND ${CAPTURING} BEGIN
    UPDATE ${name} SET text_change = ${NEXT_CHANGE_ID} WHERE ${at};
    ${textChange(
      t,
      row,
      'text',
      `json_object('t', NEW.text, 'b', json((SELECT json_group_array(b) FROM (
        SELECT OLD.text_change AS b WHERE OLD.text_change IS NOT NULL
        UNION ALL SELECT b FROM (${alsoIds}) WHERE NEW.also = '[]'))))`,
    )}
  END;
  CREATE TRIGGER ${name}_record_delete AFTER DELETE ON ${name} WHEN ${CAPTURING} BEGIN
    ${textChange(
      t,
      rowIdSql(t, 'OLD'),
      '_deleted',
      `json_object('b', json((SELECT json_group_array(b) FROM (
        SELECT OLD.text_change AS b WHERE OLD.text_change IS NOT NULL UNION ALL ${alsoIds}))))`,
    )}
  END;`;
}

/**
 * Schema 12 (issue 15, finished):
 *
 * - The report's sections and edited paragraphs keep both texts when two copies changed them
 *   apart, as notes do: `text_change` names the change that wrote the text, `also` holds the texts
 *   kept beside it ("Also written by … at …") until the officer keeps one or combines them. Each row
 *   already in the file takes the last change that wrote its text, so that the next edit is
 *   recorded as written over it.
 * - measure_nouns: what a measure counts ("child", "children"), so that a paragraph can say "which
 *   equates to 10 children". A measure with no row has no noun and the paragraph says "10 of 35".
 */
export function migrate012(db: ClinicDatabase): void {
  db.exec(`
    ALTER TABLE scrutiny_sections ADD COLUMN text_change TEXT;
    ALTER TABLE scrutiny_sections ADD COLUMN also TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE scrutiny_paragraphs ADD COLUMN text_change TEXT;
    ALTER TABLE scrutiny_paragraphs ADD COLUMN also TEXT NOT NULL DEFAULT '[]';
    UPDATE scrutiny_sections SET text_change = (SELECT max(c.id) FROM changes c
      WHERE c.entity = 'scrutiny_sections' AND c.row = json_array(scrutiny_sections.key) AND c.field IN ('*', 'text'));
    UPDATE scrutiny_paragraphs SET text_change = (SELECT max(c.id) FROM changes c
      WHERE c.entity = 'scrutiny_paragraphs' AND c.row = json_array(scrutiny_paragraphs.period, scrutiny_paragraphs.item)
        AND c.field IN ('*', 'text'));

    CREATE TABLE measure_nouns (
      measure TEXT PRIMARY KEY CHECK (length(measure) BETWEEN 1 AND 200),
      singular TEXT NOT NULL CHECK (length(singular) BETWEEN 1 AND 60),
      plural TEXT NOT NULL CHECK (length(plural) BETWEEN 1 AND 60),
      updated_at TEXT,
      updated_by TEXT
    ) WITHOUT ROWID;
  `);
  // Schema 9's triggers recorded the text as a plain field; they are made again without it.
  const old = db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('scrutiny_sections', 'scrutiny_paragraphs')",
  );
  for (const { name } of old) db.exec(`DROP TRIGGER "${name}"`);
  for (const t of REPLICATED_012) {
    db.exec(captureTriggers(t));
    if ((KEPT_TEXT_TABLES_012 as readonly string[]).includes(t.table)) {
      db.exec(`DROP TRIGGER ${t.table}_record_delete`);
      db.exec(keptTextTriggers(t));
    }
  }
}
