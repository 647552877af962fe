/**
 * The imports made into this file, newest first, and undoing the most recent one: a question
 * first, saying what will be put back, then the app's answer in words.
 */
import { useState, type ReactNode } from 'react';
import type { ImportRecord, UndoResult } from '../../main/contract';
import { callClinic } from './clinic-api';
import { formatDateTime } from './dates';
import { ConfirmDialog } from './dialog';
import { plural } from './import-preview';

/** "Undo this import", asked about first; `onUndone` gets the app's account of what was put back. */
export function UndoImport({
  record,
  compact = false,
  onUndone,
}: {
  record: Pick<ImportRecord, 'id' | 'file_name' | 'added' | 'changed'>;
  /** In the list of imports: a small "Undo" that names the file to screen readers. */
  compact?: boolean;
  onUndone: (result: UndoResult) => void;
}): ReactNode {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`button button--secondary${compact ? ' button--small' : ''}`}
        onClick={() => setAsking(true)}
      >
        {compact ? (
          <>
            Undo<span className="visually-hidden"> the import of {record.file_name}</span>
          </>
        ) : (
          'Undo this import'
        )}
      </button>
      {asking && (
        <ConfirmDialog
          title={`Undo the import of ${record.file_name}?`}
          confirmLabel="Undo the import"
          warning
          onCancel={() => setAsking(false)}
          onConfirm={async () => {
            const result = await callClinic('undoLastImport', { importId: record.id });
            if (!result.ok) return result.error;
            setAsking(false);
            onUndone(result.value);
            return null;
          }}
        >
          <p className="confirm__body">
            This removes the {plural(record.added, 'figure')} it added and puts the {plural(record.changed, 'figure')}{' '}
            it changed back as they were. Figures from other imports are not touched.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function status(record: ImportRecord): ReactNode {
  if (record.undone_at === null) return 'In the file';
  return (
    <>
      Undone
      <span className="cell-sub">
        {formatDateTime(record.undone_at)}
        {record.undone_by ? ` by ${record.undone_by}` : ''}
      </span>
    </>
  );
}

export function ImportHistory({
  records,
  onUndone,
}: {
  /** Null while loading; a string when the list could not be read. */
  records: ImportRecord[] | string | null;
  /** When given, the most recent import still in the file can be undone from the list. */
  onUndone?: (result: UndoResult) => void;
}): ReactNode {
  const latestActive = Array.isArray(records) ? records.find((r) => r.undone_at === null) : undefined;
  return (
    <section className="import-section import-history">
      <h3 id="import-history-heading" className="import-section__heading import-history__heading">
        Past imports
      </h3>
      {records === null && <p className="muted">Loading the imports…</p>}
      {typeof records === 'string' && (
        <p className="field-error" role="alert">
          {records}
        </p>
      )}
      {Array.isArray(records) && records.length === 0 && (
        <p className="empty-note">No figures have been imported into this file yet.</p>
      )}
      {Array.isArray(records) && records.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="import-history-heading" tabIndex={0}>
          <table className="log-table import-table">
            <caption className="visually-hidden">Imports into this file, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Imported</th>
                <th scope="col">By</th>
                <th scope="col" className="numeric">
                  Rows read
                </th>
                <th scope="col" className="numeric">
                  New
                </th>
                <th scope="col" className="numeric">
                  Changed
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="import-history__file">
                    {r.file_name}
                  </th>
                  <td className="nowrap">{formatDateTime(r.imported_at)}</td>
                  <td>{r.imported_by || <span className="muted">Not recorded</span>}</td>
                  <td className="numeric">{r.rows_read.toLocaleString('en-GB')}</td>
                  <td className="numeric">{r.added.toLocaleString('en-GB')}</td>
                  <td className="numeric">{r.changed.toLocaleString('en-GB')}</td>
                  <td>
                    {status(r)}
                    {onUndone && r === latestActive && (
                      <div className="import-history__undo">
                        <UndoImport record={r} compact onUndone={onUndone} />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
