/**
 * The clinic section: choose or start a clinic, then the meeting itself (its header, the actions
 * to review and the measures in agenda order) with one measure's detail on demand. With no clinic
 * yet, the measures comparison still shows, with a prompt to start one.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import { arrangeAgenda, isConcern, willFail } from '../../main/domain/agenda';
import type { Period } from '../../main/domain/types';
import type { ClinicReport, ClinicView as ClinicViewData, ReportRow } from '../../main/domain/views';
import { ActionsToReview, ReviewSummary } from './actions-to-review';
import { announce } from './announcer';
import type { FileState } from './app';
import { callClinic } from './clinic-api';
import { ClinicHeader } from './clinic-header';
import { ClinicView, type Order, type ViewRecord } from './clinic-view';
import { formatDate } from './dates';
import { ErrorMessage } from './error-message';
import { PlusIcon } from './icons';
import { MeasureDetailPanel } from './measure-detail';
import { NewClinicForm } from './new-clinic-form';
import type { Selection } from './period-picker';
import { useTeam } from './team-context';

type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

export interface MeetingPageProps {
  file: FileState;
  selection: Selection;
  clinicId: number | null;
  creating: boolean;
  onCreating: (creating: boolean) => void;
  onSelectClinic: (id: number) => void;
  onClinicsChanged: (select?: number) => Promise<void>;
}

function ClinicPicker({
  file,
  clinicId,
  onSelect,
  onNew,
}: {
  file: FileState;
  clinicId: number;
  onSelect: (id: number) => void;
  onNew: (() => void) | null;
}): ReactNode {
  return (
    <div className="clinic-bar">
      <div className="field field--row">
        <label htmlFor="clinic-picker">Clinic</label>
        <select id="clinic-picker" value={clinicId} onChange={(e) => onSelect(Number(e.target.value))}>
          {file.clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {formatDate(c.held_on)} · {c.kind}
              {c.status === 'final' ? ' (final)' : ' (draft)'}
            </option>
          ))}
        </select>
      </div>
      {onNew && (
        <button type="button" className="button button--secondary" onClick={onNew}>
          <PlusIcon />
          New clinic
        </button>
      )}
    </div>
  );
}

function StartPrompt({ onStart }: { onStart: (() => void) | null }): ReactNode {
  return (
    <div className="start-prompt">
      <div>
        <p className="start-prompt__title">No clinic has been started in this file yet</p>
        <p className="start-prompt__body">
          Start a clinic to record notes, actions and the agenda against these measures. Until then, the figures are
          here to look at.
        </p>
      </div>
      {onStart && (
        <button type="button" className="button button--primary button--large" onClick={onStart}>
          <PlusIcon />
          Start a clinic
        </button>
      )}
    </div>
  );
}

/** The figures with no clinic open. `tick` above 0 asks again after something changed them (SPC options). */
function useFiguresOnly(
  selection: Selection,
  file: FileState,
  active: boolean,
  tick: number,
  team: string | null,
): Loadable<ClinicReport> {
  const [report, setReport] = useState<Loadable<ClinicReport>>({ state: 'loading' });
  // The report the window already has for the default choice saves asking for it twice.
  const known = file.defaultReport;
  const isDefault =
    tick === 0 &&
    team === null &&
    known !== null &&
    selection.period === known.period &&
    (selection.compare ?? known.compare) === known.compare;
  useEffect(() => {
    if (!active || isDefault) return;
    let current = true;
    void (async () => {
      const args: { period?: Period; compare?: Period; team?: string } = {};
      if (selection.period !== null) args.period = selection.period;
      if (team !== null) args.team = team;
      // A month with no figures at all still compares: each row then says it has no previous figure.
      if (selection.compare !== null) args.compare = selection.compare;
      const result = await callClinic('getReport', args);
      if (!current) return;
      setReport(result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error });
    })();
    return () => {
      current = false;
    };
  }, [selection, active, isDefault, tick, team]);
  // Another team's figures, still on screen while this team's load, are not shown as this team's.
  if (isDefault) return { state: 'ready', value: known };
  if (report.state === 'ready' && (report.value.team ?? null) !== team) return { state: 'loading' };
  return report;
}

function useClinicView(clinicId: number | null, team: string | null) {
  const [view, setView] = useState<Loadable<ClinicViewData>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (clinicId === null) return;
    let current = true;
    void callClinic('getClinicView', team === null ? { id: clinicId } : { id: clinicId, team }).then((result) => {
      if (!current) return;
      setView(result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [clinicId, tick, team]);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { view, setView, refresh };
}

export function MeetingPage({
  file,
  selection,
  clinicId,
  creating,
  onCreating,
  onSelectClinic,
  onClinicsChanged,
}: MeetingPageProps): ReactNode {
  const periods = file.periods.periods;
  const [figuresTick, setFiguresTick] = useState(0);
  const { team } = useTeam();
  const report = useFiguresOnly(selection, file, clinicId === null && !creating, figuresTick, team);
  const { view, setView, refresh } = useClinicView(clinicId, team);
  const [open, setOpen] = useState<ReportRow | null>(null);
  const [order, setOrder] = useState<Order>('area');
  const [recordError, setRecordError] = useState<{ title: string; message: string } | null>(null);
  const readOnlyFile = file.info.readOnly;
  const canStart = !readOnlyFile && periods.length > 0;

  // Only the view of the clinic chosen counts; another clinic's, still on screen while loading, does not.
  const shown =
    view.state === 'ready' && view.value.clinic.id === clinicId && (view.value.report.team ?? null) === team
      ? view.value
      : null;
  // The actions to review sit below the measures: they are drawn just after them, so the measures show first.
  const reviewed = useDeferredValue(shown, null);
  const areaTitles = useMemo(() => new Map(file.areas.map((a) => [a.key, a.title])), [file.areas]);

  // Changes made in the panel reload the clinic behind it once, when the panel closes.
  const [stale, setStale] = useState(false);
  const markStale = useCallback(() => setStale(true), []);

  // Where focus goes once the panel has closed: back to the measure it was opened from, so a
  // keyboard user keeps their place. A new object each close, so the same measure twice still counts.
  const [closedFrom, setClosedFrom] = useState<{ key: string } | null>(null);
  useEffect(() => {
    if (closedFrom)
      document.querySelector<HTMLButtonElement>(`button[data-measure-key="${CSS.escape(closedFrom.key)}"]`)?.focus();
  }, [closedFrom]);

  const close = useCallback(() => {
    const key = open?.key;
    setOpen(null);
    if (stale) {
      setStale(false);
      refresh();
      setFiguresTick((t) => t + 1);
    }
    if (key) setClosedFrom({ key });
  }, [open, stale, refresh]);

  // After a move, the button pressed may have become disabled at the top or bottom of the list,
  // which would drop focus: its neighbour takes it.
  const [lastMove, setLastMove] = useState<{ key: string; direction: -1 | 1 } | null>(null);
  useEffect(() => {
    if (!lastMove) return;
    const button = (way: 'up' | 'down') =>
      document.querySelector<HTMLButtonElement>(`button[data-move="${CSS.escape(lastMove.key)}:${way}"]`);
    const pressed = lastMove.direction === -1 ? 'up' : 'down';
    if (button(pressed)?.disabled) button(pressed === 'up' ? 'down' : 'up')?.focus();
  }, [lastMove]);

  const record = useMemo((): ViewRecord | undefined => {
    if (!shown) return undefined;
    const { clinic } = shown;
    const agenda = [...shown.agenda].sort((a, b) => a.position - b.position);
    /** Shows the new order at once, then saves it; a refusal is shown and the saved order comes back. */
    const saveOrder = (next: string[], announcement: string) => {
      const byMeasure = new Map(shown.agenda.map((a) => [a.measure, a]));
      setView({
        state: 'ready',
        value: {
          ...shown,
          agenda: next.map((measure, position) => ({
            ...(byMeasure.get(measure) ?? { measure, discussed: false, reason: '' }),
            position,
          })),
        },
      });
      void callClinic('saveAgenda', { clinicId: clinic.id, order: next }).then((result) => {
        if (!result.ok) {
          setRecordError({ title: 'The agenda order was not saved', message: result.error });
          refresh();
          return;
        }
        setRecordError(null);
        announce(announcement);
      });
    };
    return {
      readOnly: clinic.status === 'final' || readOnlyFile,
      notes: new Set(shown.notes.filter((n) => n.text.trim() !== '').map((n) => n.measure)),
      actionCounts: shown.actionCounts,
      discussed: new Set(agenda.filter((a) => a.discussed).map((a) => a.measure)),
      agenda: agenda.map((a) => a.measure),
      reasons: new Map(agenda.map((a) => [a.measure, a.reason])),
      order,
      onOrderChange: setOrder,
      onDiscussed: (key, discussed) => {
        const title = shown.report.measures.find((m) => m.key === key)?.title ?? key;
        /** This measure's mark, on the view on screen then (another change may have come meanwhile). */
        const mark = (on: boolean) =>
          setView((current) =>
            current.state === 'ready' && current.value.clinic.id === clinic.id
              ? {
                  state: 'ready',
                  value: {
                    ...current.value,
                    agenda: current.value.agenda.map((a) => (a.measure === key ? { ...a, discussed: on } : a)),
                  },
                }
              : current,
          );
        // The tick shows at once, as a checkbox should; a refusal takes it back and says why.
        mark(discussed);
        void callClinic('setDiscussed', { clinicId: clinic.id, measure: key, discussed }).then((result) => {
          if (!result.ok) {
            mark(!discussed);
            setRecordError({
              title: `${title} was not marked ${discussed ? 'discussed' : 'not discussed'}`,
              message: result.error,
            });
            refresh();
            return;
          }
          setRecordError(null);
          announce(`${title} marked ${discussed ? 'discussed' : 'not discussed'}. Saved.`);
        });
      },
      onArrange: (by) => {
        const next = arrangeAgenda(
          agenda.map((a) => a.measure),
          shown.report.measures,
          by,
        );
        const count = shown.report.measures.filter(by === 'concern' ? isConcern : willFail).length;
        const which = by === 'concern' ? 'with special cause of concern' : 'that will consistently fail';
        saveOrder(next, `${count === 1 ? '1 measure' : `${count} measures`} ${which} moved to the top. Agenda saved.`);
      },
      onReorder: (next, moved) => {
        setLastMove({ key: moved.key, direction: moved.direction });
        saveOrder(
          next,
          `${moved.title} moved ${moved.direction === -1 ? 'up' : 'down'} to item ${next.indexOf(moved.key) + 1}. Agenda saved.`,
        );
      },
    };
  }, [shown, order, readOnlyFile, refresh, setView]);

  if (creating) {
    return (
      <NewClinicForm
        areas={file.areas}
        periods={periods}
        onCancel={() => onCreating(false)}
        onCreated={(clinic) => {
          onCreating(false);
          void onClinicsChanged(clinic.id);
        }}
      />
    );
  }

  if (clinicId === null) {
    return (
      <>
        {file.areas.length > 0 && <StartPrompt onStart={canStart ? () => onCreating(true) : null} />}
        {report.state === 'failed' && <ErrorMessage title="The clinic could not be shown" message={report.error} />}
        {report.state === 'loading' && (
          <p className="loading" role="status">
            Loading the clinic…
          </p>
        )}
        {report.state === 'ready' && <ClinicView report={report.value} onOpen={setOpen} />}
        {open && (
          <MeasureDetailPanel
            key={open.key}
            row={open}
            onClose={close}
            readOnlyFile={readOnlyFile}
            onChanged={markStale}
          />
        )}
      </>
    );
  }

  return (
    <>
      <ClinicPicker
        file={file}
        clinicId={clinicId}
        onSelect={onSelectClinic}
        onNew={canStart ? () => onCreating(true) : null}
      />
      {view.state === 'failed' && <ErrorMessage title="The clinic could not be shown" message={view.error} />}
      {shown === null && view.state !== 'failed' && (
        <p className="loading" role="status">
          Loading the clinic…
        </p>
      )}
      {shown && (
        <>
          <ClinicHeader
            clinic={shown.clinic}
            areaTitles={areaTitles}
            readOnlyFile={readOnlyFile}
            onChanged={() => {
              refresh();
              void onClinicsChanged();
            }}
          >
            <ReviewSummary view={shown} />
          </ClinicHeader>
          {recordError && <ErrorMessage title={recordError.title} message={recordError.message} />}
          <ClinicView report={shown.report} onOpen={setOpen} {...(record ? { record } : {})} />
          {reviewed?.clinic.id === shown.clinic.id && (
            <ActionsToReview view={reviewed} readOnlyFile={readOnlyFile} onChanged={refresh} />
          )}
        </>
      )}
      {open && shown && (
        <MeasureDetailPanel
          key={open.key}
          row={open}
          onClose={close}
          readOnlyFile={readOnlyFile}
          onChanged={markStale}
          clinic={shown.clinic}
        />
      )}
    </>
  );
}
