/**
 * Which clinic is on screen: its kind and date, chair, who came and who sent apologies, the
 * figures it looks at, and whether its record is a draft or final.
 */
import { useState, type ReactNode } from 'react';
import { periodLabel } from '../../main/domain/period';
import type { Clinic } from '../../main/domain/types';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { formatDate } from './dates';
import { ConfirmDialog } from './dialog';
import { ExportMinutes } from './export-controls';
import { LockIcon, NoteIcon } from './icons';

export function ClinicStatusTag({ status }: { status: Clinic['status'] }): ReactNode {
  return status === 'final' ? (
    <span className="clinic-status clinic-status--final">
      <LockIcon />
      Final
    </span>
  ) : (
    <span className="clinic-status clinic-status--draft">
      <NoteIcon />
      Draft
    </span>
  );
}

function People({ clinic }: { clinic: Clinic }): ReactNode {
  const { attendees, apologies } = clinic;
  if (attendees.length === 0 && apologies.length === 0) return null;
  return (
    <details className="disclosure clinic-header__people">
      <summary>
        Attendees ({attendees.length}) and apologies ({apologies.length})
      </summary>
      <div className="people">
        <div>
          <h3 className="people__heading">Attendees</h3>
          {attendees.length === 0 ? (
            <p>None recorded</p>
          ) : (
            <ul>
              {attendees.map((name, i) => (
                <li key={`${i}-${name}`}>{name}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="people__heading">Apologies</h3>
          {apologies.length === 0 ? (
            <p>None</p>
          ) : (
            <ul>
              {apologies.map((name, i) => (
                <li key={`${i}-${name}`}>{name}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </details>
  );
}

export interface ClinicHeaderProps {
  clinic: Clinic;
  /** Service area titles, for saying what a part-scope clinic covers. */
  areaTitles: ReadonlyMap<string, string>;
  readOnlyFile: boolean;
  /** A line about the clinic's actions, with a way to them. */
  children?: ReactNode;
  onChanged: (clinic: Clinic) => void;
}

export function ClinicHeader({ clinic, areaTitles, readOnlyFile, children, onChanged }: ClinicHeaderProps): ReactNode {
  const [reopening, setReopening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const final = clinic.status === 'final';
  const scope =
    clinic.scope.length === 0 ? 'All service areas' : clinic.scope.map((k) => areaTitles.get(k) ?? k).join(', ');

  const markFinal = async () => {
    setBusy(true);
    const result = await callClinic('setClinicFinal', { id: clinic.id, final: true, reason: '' });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    announce('The clinic is marked final. Its record is now read-only.');
    onChanged(result.value);
  };

  return (
    <section className={`clinic-header${final ? ' clinic-header--final' : ''}`} aria-labelledby="clinic-title">
      <div className="clinic-header__top">
        <div>
          <p className="clinic-header__date">{formatDate(clinic.held_on)}</p>
          <h2 id="clinic-title" className="clinic-header__title">
            {clinic.kind}
          </h2>
        </div>
        <div className="clinic-header__actions">
          <ClinicStatusTag status={clinic.status} />
          <ExportMinutes clinicId={clinic.id} />
          {!readOnlyFile &&
            (final ? (
              <button type="button" className="button button--secondary" onClick={() => setReopening(true)}>
                Reopen clinic
              </button>
            ) : (
              <button
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void markFinal()}
              >
                Mark final
              </button>
            ))}
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <dl className="clinic-facts">
        <div>
          <dt>Chair</dt>
          <dd>{clinic.chair || 'Not recorded'}</dd>
        </div>
        <div>
          <dt>Figures</dt>
          <dd>
            {periodLabel(clinic.period)} compared with {periodLabel(clinic.compare)}
          </dd>
        </div>
        <div>
          <dt>Covers</dt>
          <dd>{scope}</dd>
        </div>
      </dl>
      {children}
      <People clinic={clinic} />
      {final && (
        <p className="read-only-message">
          <LockIcon />
          This clinic is final: its notes, actions and agenda are read-only. Reopen it to change them.
        </p>
      )}
      {reopening && (
        <ConfirmDialog
          title="Reopen this clinic?"
          confirmLabel="Reopen clinic"
          reasonLabel="Why is it being reopened?"
          reasonHint="The reason is kept in the clinic’s record."
          onCancel={() => setReopening(false)}
          onConfirm={async (reason) => {
            const result = await callClinic('setClinicFinal', { id: clinic.id, final: false, reason });
            if (!result.ok) return result.error;
            setReopening(false);
            announce('The clinic is reopened and can be changed.');
            onChanged(result.value);
            return null;
          }}
        >
          <p className="confirm__body">
            {clinic.kind}, {formatDate(clinic.held_on)}, is final. Reopening it lets its notes, actions and agenda be
            changed again.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
