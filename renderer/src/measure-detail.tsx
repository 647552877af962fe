/**
 * One measure in depth, in a modal side panel: what it means, how it is judged, and its history
 * as a chart and a table. Escape or Close shuts it and focus goes back where it came from.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { periodLabel } from '../../main/domain/period';
import type { Clinic } from '../../main/domain/types';
import type { MeasureDetail, ReportRow } from '../../main/domain/views';
import { WithAbbreviations } from './abbreviations';
import { benchmarkText, figureWhen, partOfText } from '../../main/domain/figure-text';
import { CaveatsPanel } from './caveats-panel';
import { callClinic } from './clinic-api';
import { DirectionTag } from './direction-tag';
import { ErrorMessage } from './error-message';
import { benchmarkKeys, benchmarkNames, formatChange, formatFraction, formatValue } from './format';
import { ConfirmDialog } from './dialog';
import { HistoryChart, inRange, type ChartRange } from './history-chart';
import { ChartNotes, signalWords, SpcJudgement, SpcOptionsForm } from './spc-panel';
import { TeamSplit } from './team-split';
import { useDrilldowns } from './drilldown-context';
import { CloseIcon } from './icons';
import { AuditHistory } from './audit-history';
import { MeasureRecord } from './measure-record';
import type { NoteEditorHandle } from './note-editor';
import { frequencyExplanations, polarityLabels, targetLabel, toleranceLabel, unitLabels } from './labels';
import { StatusTag } from './status-tag';
import { useTeam } from './team-context';

/** What was loaded, for which measure and which team (null: the whole service). */
type Loaded = { key: string; team: string | null } & ({ detail: MeasureDetail } | { error: string });

/** "Children on a plan" reads as "children on a plan" after a number; "CIN plans" keeps its capitals. */
function asPhrase(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

const rangeChoices: Array<{ value: ChartRange; label: string }> = [
  { value: 13, label: 'Last 13 months' },
  { value: 25, label: 'Last 25 months' },
  { value: 'all', label: 'All' },
];

function ChartControls({
  range,
  onRange,
  twoSigma,
  onTwoSigma,
  withSpc,
}: {
  range: ChartRange;
  onRange: (range: ChartRange) => void;
  twoSigma: boolean;
  onTwoSigma: (on: boolean) => void;
  withSpc: boolean;
}): ReactNode {
  const name = useId();
  const sigmaId = useId();
  return (
    <div className="chart-controls">
      <fieldset className="segmented">
        <legend>Show</legend>
        {rangeChoices.map(({ value, label }) => (
          <label key={value} className={`segmented__option${range === value ? ' segmented__option--on' : ''}`}>
            <input type="radio" name={name} checked={range === value} onChange={() => onRange(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      {withSpc && (
        <div className="checkbox checkbox--plain">
          <input id={sigmaId} type="checkbox" checked={twoSigma} onChange={(e) => onTwoSigma(e.target.checked)} />
          <label htmlFor={sigmaId}>Show 2-sigma lines</label>
        </div>
      )}
    </div>
  );
}

/** Where the council stands among its statistical neighbours, from DfE's statistics, every neighbour by name. */
function DfeBenchmarkTable({ row }: { row: ReportRow }): ReactNode {
  const d = row.benchmark_details;
  const sn = d.statistical_neighbours;
  if (!sn?.neighbours || !sn.method || !d.own) return null;
  const neighbours = sn.neighbours;
  const value = (v: number | null) => (v === null ? 'Not published' : formatValue(v, row.unit));
  return (
    <>
      <h3 className="detail__subheading">
        Statistical neighbours, DfE {sn.year}
        {sn.old ? ' (old: more than two years before this clinic)' : ''}
      </h3>
      <p>
        {row.title}: {value(d.own.value)} for the council
        {d.own.rank !== null && `, ranked ${d.own.rank} of ${d.own.of} with its neighbours (1 is best)`}
        {d.own.quartile !== null &&
          `, in quartile ${d.own.quartile} of all councils in England (1 is the best quarter)`}
        . The neighbours’ {sn.method} is {value(sn.value)}, from {sn.used} of {sn.of} neighbours.
        {d.since_published &&
          ` Since published: England ${value(d.since_published.national)} (${d.since_published.year}).`}
      </p>
      <table className="history-table">
        <caption className="visually-hidden">Each statistical neighbour’s figure for {sn.year}</caption>
        <thead>
          <tr>
            <th scope="col">Neighbour</th>
            <th scope="col" className="numeric">
              {sn.year}
            </th>
          </tr>
        </thead>
        <tbody>
          {neighbours.map((n) => (
            <tr key={n.code}>
              <th scope="row">{n.name}</th>
              <td className="numeric">
                {'value' in n
                  ? formatValue(n.value, row.unit)
                  : n.suppressed === 'missing'
                    ? 'No figure'
                    : `Suppressed (${n.suppressed})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Source: {sn.source}.</p>
    </>
  );
}

/** Opens the drilldown by team and worker, for a measure with figures by team. */
function DrilldownLink({
  measureKey,
  title,
  period,
}: {
  measureKey: string;
  title: string;
  period: string;
}): ReactNode {
  const drilldowns = useDrilldowns();
  if (!drilldowns?.measures.has(measureKey)) return null;
  return (
    <p>
      <button
        type="button"
        className="button button--secondary"
        aria-label={`Drill down by team: ${title}`}
        onClick={() => drilldowns.open(measureKey, period)}
      >
        Drill down by team
      </button>
    </p>
  );
}

/**
 * Under a team view, where the team has no figures for the measure: said in words, with the whole
 * service's latest figure, rather than an empty chart.
 */
function NoTeamFigures({ team, detail, row }: { team: string; detail: MeasureDetail; row: ReportRow }): ReactNode {
  const latest = detail.service?.at(-1);
  return (
    <div className="detail__no-figures">
      <p>
        <strong>{team}</strong> has no figures for this measure in this file, so there is no chart or history for the
        team.
      </p>
      <p>
        {latest
          ? `The whole service’s latest figure is ${formatValue(latest.value, detail.measure.unit, row.decimals)}, for ${periodLabel(latest.period)}.`
          : 'The whole service has no figures for this measure either.'}{' '}
        To see the whole service’s chart, close this panel and choose “Show the whole service”.
      </p>
    </div>
  );
}

function DetailBody({
  row,
  detail,
  record,
  footer,
  readOnly,
  onChanged,
}: {
  row: ReportRow;
  detail: MeasureDetail;
  /** The clinic's note and actions, shown straight after the headline figures when a clinic is open. */
  record?: ReactNode;
  footer?: ReactNode;
  readOnly: boolean;
  /** Something about the measure's chart was saved: load it again. */
  onChanged: () => void;
}): ReactNode {
  const { measure, history, team } = detail;
  const [range, setRange] = useState<ChartRange>(25);
  const [twoSigma, setTwoSigma] = useState(false);
  const flags = new Map((detail.spc?.points ?? []).map((p) => [p.period, p]));
  const shown = inRange(history, range);
  const hasSignals = shown.some((h) => signalWords(flags.get(h.period)) !== null);
  const periods = history.map((h) => h.period);
  const current = row.current;
  const fraction = !current
    ? null
    : row.of
      ? partOfText(row.of)
      : formatFraction(current.numerator, current.denominator);
  const hasFractions = history.some((h) => h.numerator !== null && h.denominator !== null);
  const benchmarks = benchmarkKeys.filter((key) => row.benchmarks[key] !== null);
  // The target that applied in the period shown: targets change, and history keeps the old one.
  const target = row.target;
  // Under a team view: the whole service's figure for each month, to compare the team's with.
  const service = new Map((detail.service ?? []).map((h) => [h.period, h]));
  const serviceNow = current ? service.get(current.period) : undefined;
  const noTeamFigures = team !== null && history.length === 0;

  return (
    <>
      <p className="detail__definition">
        <WithAbbreviations text={measure.definition} />
      </p>

      <div className="detail__headline">
        <div>
          <span className="detail__label">{team === null ? 'Latest figure' : `Latest figure for ${team}`}</span>
          <span className="detail__figure">
            {current ? formatValue(current.value, measure.unit, row.decimals) : '—'}
          </span>
          {current && (
            <span className="detail__figure-note">
              {row.latest_available
                ? `Latest available: ${row.latest_available}`
                : current.as_at || measure.frequency === 'quarterly'
                  ? figureWhen(current, measure.frequency)
                  : periodLabel(current.period)}
              {fraction &&
                ` · ${fraction}${!row.of && detail.counting.denominator ? ` ${asPhrase(detail.counting.denominator)}` : ''}`}
            </span>
          )}
          {team !== null && current && (
            <span className="detail__figure-note detail__service">
              {serviceNow
                ? `Whole service: ${formatValue(serviceNow.value, measure.unit, row.decimals)} in ${periodLabel(serviceNow.period)}`
                : `No whole-service figure for ${periodLabel(current.period)}`}
            </span>
          )}
        </div>
        <div className="detail__tags">
          <StatusTag status={row.status} />
          {row.change && row.previous ? (
            <span className="detail__change">
              <DirectionTag direction={row.direction} change={row.change} /> {formatChange(row.change, measure.unit)}{' '}
              since {periodLabel(row.previous.period)}
            </span>
          ) : (
            <span className="detail__change">{row.comparison_note ?? 'No earlier figure to compare with'}</span>
          )}
          {row.change && row.comparison_note && <span className="detail__change">{row.comparison_note}</span>}
          {row.last_year && row.last_year.period !== row.previous?.period && (
            <span className="detail__change">
              {formatValue(row.last_year.value, measure.unit, row.decimals)} in {periodLabel(row.last_year.period)}, the
              same month last year
              {row.last_year_change && ` (${formatChange(row.last_year_change, measure.unit)} since)`}
            </span>
          )}
        </div>
        <div className="detail__target">
          <span className="detail__label">Target</span>
          <span className="detail__target-value">
            {target === null ? 'No target set' : targetLabel(target, measure.unit, measure.polarity)}
          </span>
        </div>
      </div>

      {record}

      <CaveatsPanel
        key={JSON.stringify(detail.caveats)}
        measureKey={measure.key}
        title={measure.title}
        caveats={detail.caveats}
        latest={history.at(-1)?.period ?? null}
        readOnly={readOnly}
        onChanged={onChanged}
      />

      {noTeamFigures ? (
        <>
          <h3 className="detail__subheading">Figures over time</h3>
          <NoTeamFigures team={team} detail={detail} row={row} />
        </>
      ) : (
        <>
          <h3 className="detail__subheading">Signal or noise{team !== null && `: ${team}`}</h3>
          <SpcJudgement row={row} detail={detail} />

          <h3 className="detail__subheading">Figures over time{team !== null && `: ${team}`}</h3>
          <ChartControls
            range={range}
            onRange={setRange}
            twoSigma={twoSigma}
            onTwoSigma={setTwoSigma}
            withSpc={detail.spc !== null}
          />
          <HistoryChart
            measure={measure}
            history={history}
            spc={detail.spc}
            annotations={detail.annotations}
            targets={detail.targets}
            range={range}
            twoSigma={twoSigma}
            {...(detail.service ? { comparison: { label: 'Whole service', history: detail.service } } : {})}
          />
          <ChartNotes
            measureKey={measure.key}
            title={measure.title}
            annotations={detail.annotations}
            periods={periods}
            readOnly={readOnly}
            onChanged={onChanged}
          />
          {measure.frequency === 'monthly' && (
            <SpcOptionsForm
              // Keyed by what was saved, so the form starts from it again after a save elsewhere.
              key={JSON.stringify(detail.spcSettings)}
              measureKey={measure.key}
              title={measure.title}
              settings={detail.spcSettings}
              periods={periods}
              readOnly={readOnly}
              onChanged={onChanged}
            />
          )}

          {current && <TeamSplit measureKey={measure.key} period={current.period} unit={measure.unit} />}
          {current && <DrilldownLink measureKey={measure.key} title={measure.title} period={current.period} />}

          <table className="history-table">
            <caption>
              Figures by month{team !== null && ` for ${team}, with the whole service’s`}
              {range === 'all' ? '' : `, last ${range} months`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="numeric">
                  Figure
                </th>
                {hasFractions && (
                  <th scope="col" className="numeric">
                    Cases
                  </th>
                )}
                {team !== null && (
                  <th scope="col" className="numeric">
                    Whole service
                  </th>
                )}
                {hasSignals && <th scope="col">Signal</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((h) => (
                <tr key={h.period}>
                  <th scope="row">
                    {periodLabel(h.period)}
                    {h.as_at && <span className="figure__period">{figureWhen(h, measure.frequency)}</span>}
                  </th>
                  <td className="numeric">{formatValue(h.value, measure.unit, row.decimals)}</td>
                  {hasFractions && <td className="numeric">{formatFraction(h.numerator, h.denominator) ?? '—'}</td>}
                  {team !== null && (
                    <td className="numeric">
                      {service.has(h.period)
                        ? formatValue(service.get(h.period)!.value, measure.unit, row.decimals)
                        : '—'}
                    </td>
                  )}
                  {hasSignals && <td>{signalWords(flags.get(h.period)) ?? ''}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h3 className="detail__subheading">About this measure</h3>
      <dl className="summary-list">
        <div>
          <dt>Target</dt>
          <dd>{target === null ? 'No target set' : targetLabel(target, measure.unit, measure.polarity)}</dd>
        </div>
        <div>
          <dt>Which way is better</dt>
          <dd>{polarityLabels[measure.polarity]}</dd>
        </div>
        {target !== null && (
          <div>
            <dt>Near target band</dt>
            <dd>{toleranceLabel(measure.tolerance, measure.unit)}</dd>
          </div>
        )}
        <div>
          <dt>Benchmarks</dt>
          <dd>
            {benchmarks.length === 0
              ? 'None recorded'
              : benchmarks.map((key) => (
                  <span key={key} className="summary-list__line">
                    {benchmarkNames[key]}: {benchmarkText(row.benchmark_details[key], measure.unit, row.decimals)}
                    {row.benchmark_details[key] && `, ${row.benchmark_details[key].source}`}
                  </span>
                ))}
          </dd>
        </div>
        {detail.counting.numerator !== '' && (
          <div>
            <dt>Counted on top</dt>
            <dd>{detail.counting.numerator}</dd>
          </div>
        )}
        {detail.counting.denominator !== '' && (
          <div>
            <dt>Out of</dt>
            <dd>{detail.counting.denominator}</dd>
          </div>
        )}
        {detail.counting.dataSource !== '' && (
          <div>
            <dt>Source</dt>
            <dd>{detail.counting.dataSource}</dd>
          </div>
        )}
        <div>
          <dt>Measured as</dt>
          <dd>{unitLabels[measure.unit]}</dd>
        </div>
        <div>
          <dt>How often</dt>
          <dd>{frequencyExplanations[measure.frequency]}</dd>
        </div>
      </dl>
      <DfeBenchmarkTable row={row} />
      {footer}
    </>
  );
}

export function MeasureDetailPanel({
  row,
  onClose,
  clinic,
  readOnlyFile = false,
  onChanged,
}: {
  row: ReportRow;
  onClose: () => void;
  /** The clinic the panel belongs to, when one is open: its note and actions for the measure show too. */
  clinic?: Clinic;
  /** The file is open read-only: the chart's notes and options can be read, not changed. */
  readOnlyFile?: boolean;
  /** Something the clinic view shows (a note, an action, SPC options) was saved. */
  onChanged?: () => void;
}): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const note = useRef<NoteEditorHandle>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [unsaved, setUnsaved] = useState(false);
  const [version, setVersion] = useState(0);
  const period = row.current?.period;
  // A team manager's view: the detail is the team's, as the row it was opened from is.
  const { team } = useTeam();

  // A note still saving, or refused, must not vanish with the panel: save it first, and ask
  // before closing over text that is not on disk.
  const requestClose = async () => {
    const saved = (await note.current?.flush()) ?? true;
    if (saved) onClose();
    else setUnsaved(true);
  };

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    // Start on Close: it is the first control, and pressing it straight away is the common case.
    closeButton.current?.focus();
    return () => element.close();
  }, []);

  useEffect(() => {
    let current = true;
    // The judgement is as at the month the clinic looks at.
    const args = { key: row.key, ...(period ? { period } : {}), ...(team === null ? {} : { team }) };
    void callClinic('getMeasureDetail', args).then((result) => {
      if (!current) return;
      const loading = { key: row.key, team };
      setLoaded(result.ok ? { ...loading, detail: result.value } : { ...loading, error: result.error });
    });
    return () => {
      current = false;
    };
  }, [row.key, period, team, version]);

  const shown = loaded?.key === row.key && loaded.team === team ? loaded : null;

  return (
    <dialog
      ref={dialog}
      className="detail"
      aria-labelledby="detail-title"
      // Under a team view the panel says whose figures these are as soon as it opens.
      aria-describedby={team === null ? undefined : 'detail-team'}
      onCancel={(event) => {
        // Escape: let React state close the panel so focus is returned in one place.
        event.preventDefault();
        void requestClose();
      }}
      onClick={(event) => {
        // A click on the dimmed backdrop lands on the dialog element itself.
        if (event.target === dialog.current) void requestClose();
      }}
    >
      <div className="detail__inner">
        <header className="detail__header">
          <div>
            <p className="detail__area">{row.area_title}</p>
            <h2 id="detail-title" className="detail__title">
              <WithAbbreviations text={row.title} />
            </h2>
            {team !== null && (
              <p id="detail-team" className="detail__team">
                Team: {team}
              </p>
            )}
          </div>
          <button
            ref={closeButton}
            type="button"
            className="button button--secondary"
            onClick={() => void requestClose()}
          >
            <CloseIcon />
            Close
          </button>
        </header>
        {shown === null ? (
          <p className="loading" role="status">
            Loading the measure’s history…
          </p>
        ) : 'error' in shown ? (
          <ErrorMessage title="The measure could not be shown" message={shown.error} />
        ) : (
          <DetailBody
            row={row}
            detail={shown.detail}
            record={
              clinic && (
                <MeasureRecord
                  clinic={clinic}
                  measure={row.key}
                  measureTitle={row.title}
                  noteRef={note}
                  onChanged={() => onChanged?.()}
                />
              )
            }
            footer={clinic && <AuditHistory measure={row.key} context={{ unit: row.unit }} />}
            readOnly={readOnlyFile}
            onChanged={() => {
              setVersion((v) => v + 1);
              onChanged?.();
            }}
          />
        )}
      </div>
      {unsaved && (
        <ConfirmDialog
          title="Your note is not saved"
          confirmLabel="Close without saving"
          warning
          onCancel={() => setUnsaved(false)}
          onConfirm={async () => {
            onClose();
            return null;
          }}
        >
          <p className="confirm__body">
            The app could not save the note: the reason is shown above the note. If you close now, what you typed since
            the last save will be lost.
          </p>
        </ConfirmDialog>
      )}
    </dialog>
  );
}
