/**
 * The headlines (issue 17): the one-screen answer to "how are we doing". A tile per measure the
 * director chose (or the default choice: off target and special cause of concern first), each a
 * button to the measure's detail, with its latest figure, target and status, the change in words,
 * the SPC icons, a 13-month sparkline with a text alternative, and the England benchmark with its
 * year. With a team chosen, the tiles show that team's figures.
 */
import { useDrilldowns } from './drilldown-context';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { benchmarkText, figureWhen } from '../../main/domain/figure-text';
import { MAX_HEADLINES } from '../../main/domain/file-settings';
import {
  changeText,
  DEFAULT_HEADLINE_COUNT,
  sparklineStart,
  sparklineText,
  SPARKLINE_MONTHS,
} from '../../main/domain/headlines';
import { monthsBetween, periodLabel } from '../../main/domain/period';
import type { Period, PeriodValue } from '../../main/domain/types';
import type { HeadlinesView, HeadlineTile, ReportRow } from '../../main/domain/views';
import { announce } from './announcer';
import type { FileState } from './app';
import { callClinic } from './clinic-api';
import { ErrorMessage } from './error-message';
import { formatFraction, formatValue } from './format';
import { ArrowDownIcon, ArrowUpIcon } from './icons';
import { targetLabel } from './labels';
import { MeasureDetailPanel } from './measure-detail';
import { AssuranceTag, VariationTag } from './spc-tag';
import { StatusTag } from './status-tag';
import { useTeam } from './team-context';
import './headlines.css';

type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

const WIDTH = 240;
const HEIGHT = 48;
const PAD = 5;

/** Thirteen months as a line, the latest figure marked; the words say what the picture shows. */
function Sparkline({ points, row, period }: { points: PeriodValue[]; row: ReportRow; period: Period }): ReactNode {
  const text = sparklineText(points, row.unit, row.decimals);
  const start = sparklineStart(period);
  const values = points.map((p) => p.value);
  const withTarget = row.target === null ? values : [...values, row.target];
  const low = Math.min(...withTarget);
  const high = Math.max(...withTarget);
  const spread = high - low || 1;
  const x = (p: Period) => PAD + (monthsBetween(start, p) / (SPARKLINE_MONTHS - 1)) * (WIDTH - 2 * PAD);
  const y = (v: number) => HEIGHT - PAD - ((v - low) / spread) * (HEIGHT - 2 * PAD);
  const last = points.at(-1);
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={text}
    >
      {row.target !== null && points.length > 0 && (
        <line
          className="sparkline__target"
          x1={PAD}
          x2={WIDTH - PAD}
          y1={y(row.target)}
          y2={y(row.target)}
          strokeDasharray="4 3"
        />
      )}
      {points.length > 1 && (
        <polyline className="sparkline__line" points={points.map((p) => `${x(p.period)},${y(p.value)}`).join(' ')} />
      )}
      {last && <circle className="sparkline__latest" cx={x(last.period)} cy={y(last.value)} r="3.5" />}
    </svg>
  );
}

function HeadlineTileView({
  tile,
  period,
  team,
  onOpen,
}: {
  tile: HeadlineTile;
  period: Period;
  team: string | null;
  onOpen: (row: ReportRow) => void;
}): ReactNode {
  const { row, series } = tile;
  const drilldowns = useDrilldowns();
  const fraction = row.current ? formatFraction(row.current.numerator, row.current.denominator) : null;
  const national = row.benchmark_details.national;
  return (
    <li className={`tile tile--${row.status.replace('_', '-')}`}>
      <h3 className="tile__title">
        <button type="button" className="tile__open" data-headline-key={row.key} onClick={() => onOpen(row)}>
          {row.title}
        </button>
      </h3>
      {row.current ? (
        <p className="tile__figure">
          <span className="tile__value">{formatValue(row.current.value, row.unit, row.decimals)}</span>{' '}
          <span className="tile__when">{figureWhen(row.current, row.frequency)}</span>
          {fraction && <span className="tile__fraction">{fraction}</span>}
        </p>
      ) : (
        <p className="tile__figure tile__figure--none">
          {team ? `No figures for ${team}` : `No figure for ${periodLabel(period)}`}
        </p>
      )}
      <p className="tile__target">
        <StatusTag status={row.status} />
        <span>
          {row.target === null ? 'No target set' : `Target ${targetLabel(row.target, row.unit, row.polarity)}`}
        </span>
      </p>
      <p className="tile__change">{changeText(row)}</p>
      {row.spc && (row.spc.variation || row.spc.assurance) && (
        <p className="tile__spc">
          {row.spc.variation && <VariationTag variation={row.spc.variation} />}
          {row.spc.assurance && <AssuranceTag assurance={row.spc.assurance} />}
        </p>
      )}
      <Sparkline points={series} row={row} period={period} />
      <p className="tile__benchmark">
        England: {national ? benchmarkText(national, row.unit, row.decimals) : 'no benchmark recorded'}
      </p>
      {drilldowns?.measures.has(row.key) && (
        <p className="tile__drill">
          <button
            type="button"
            className="button--link drilldown-link"
            aria-label={`By team: ${row.title}`}
            onClick={() => drilldowns.open(row.key, period)}
          >
            By team
          </button>
        </p>
      )}
    </li>
  );
}

/** The director's choice of headlines: which measures, in which order, kept in the file for everyone. */
function ChooseHeadlines({
  measures,
  shown,
  chosen,
  onSaved,
  onCancel,
}: {
  measures: readonly ReportRow[];
  shown: readonly string[];
  chosen: boolean;
  onSaved: (message: string) => void;
  onCancel: () => void;
}): ReactNode {
  const dialog = useRef<HTMLDialogElement>(null);
  const [order, setOrder] = useState<string[]>([...shown]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const titles = new Map(measures.map((m) => [m.key, m.title]));
  const full = order.length >= MAX_HEADLINES;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    element.querySelector<HTMLElement>('input, button')?.focus();
    return () => element.close();
  }, []);

  const save = async (headlineMeasures: string[] | null) => {
    setBusy(true);
    const result = await callClinic('setFileSettings', { headlineMeasures });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onSaved(
      headlineMeasures === null
        ? 'Headlines saved: the default choice.'
        : `Headlines saved: ${headlineMeasures.length === 1 ? '1 measure' : `${headlineMeasures.length} measures`}.`,
    );
  };

  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    setOrder(next);
    announce(`${titles.get(item) ?? item} moved to position ${index + by + 1} of ${next.length}.`);
  };

  return (
    <dialog
      ref={dialog}
      className="choose-headlines"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(order);
        }}
      >
        <h2 id={titleId} className="choose-headlines__title">
          Choose headlines
        </h2>
        <p className="hint">
          {chosen ? 'Chosen for this file' : 'Showing the default choice'}. The headlines are kept in the clinic file,
          so everyone who opens it sees the same ones. Up to {MAX_HEADLINES}.
        </p>
        {error && <ErrorMessage title="The headlines were not saved" message={error} />}
        <div className="choose-headlines__columns">
          <section aria-labelledby={`${titleId}-order`}>
            <h3 id={`${titleId}-order`}>In this order</h3>
            {order.length === 0 ? (
              <p className="hint">No measures chosen: the headlines page will be empty.</p>
            ) : (
              <ol className="choose-headlines__order">
                {order.map((key, i) => (
                  <li key={key}>
                    <span className="choose-headlines__name">{titles.get(key) ?? key}</span>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      <ArrowUpIcon />
                      <span className="visually-hidden">Move {titles.get(key) ?? key} </span>Up
                    </button>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={i === order.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      <ArrowDownIcon />
                      <span className="visually-hidden">Move {titles.get(key) ?? key} </span>Down
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <fieldset className="choose-headlines__measures">
            <legend>Measures</legend>
            {measures.map((m) => {
              const checked = order.includes(m.key);
              return (
                <div className="choose-headlines__measure" key={m.key}>
                  <input
                    type="checkbox"
                    id={`headline-${m.key}`}
                    checked={checked}
                    disabled={!checked && full}
                    onChange={(e) => setOrder(e.target.checked ? [...order, m.key] : order.filter((k) => k !== m.key))}
                  />
                  <label htmlFor={`headline-${m.key}`}>{m.title}</label>
                </div>
              );
            })}
          </fieldset>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            Save headlines
          </button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save(null)}>
            Use the default choice
          </button>
          <button type="button" className="button button--link" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function HeadlinesPage({ file, onShowClinic }: { file: FileState; onShowClinic: () => void }): ReactNode {
  const { team } = useTeam();
  const [view, setView] = useState<Loadable<HeadlinesView>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState<ReportRow | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [stale, setStale] = useState(false);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const readOnly = file.info.readOnly;

  useEffect(() => {
    let current = true;
    void callClinic('getHeadlines', team === null ? {} : { team }).then((result) => {
      if (!current) return;
      setView(result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [team, tick]);

  const close = useCallback(() => {
    const key = open?.key;
    setOpen(null);
    if (stale) {
      setStale(false);
      setTick((t) => t + 1);
    }
    // Back to the tile the detail was opened from, so a keyboard user keeps their place.
    if (key)
      requestAnimationFrame(() =>
        document.querySelector<HTMLButtonElement>(`button[data-headline-key="${CSS.escape(key)}"]`)?.focus(),
      );
  }, [open, stale]);

  const shown = view.state === 'ready' && view.value.team === team ? view.value : null;

  return (
    <section className="headlines" aria-labelledby="headlines-heading">
      <div className="headlines__heading">
        <h2 id="headlines-heading">
          Headlines
          {shown && (
            <span className="clinic__compare">
              {periodLabel(shown.period)} compared with {periodLabel(shown.compare)}
              {shown.team ? `: ${shown.team}’s figures only` : ''}
            </span>
          )}
        </h2>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={onShowClinic}>
            Open the clinic table
          </button>
          {!readOnly && shown && (
            <button
              ref={chooseButton}
              type="button"
              className="button button--secondary"
              onClick={() => setChoosing(true)}
            >
              Choose headlines
            </button>
          )}
        </div>
      </div>
      {view.state === 'failed' && <ErrorMessage title="The headlines could not be shown" message={view.error} />}
      {view.state !== 'failed' && shown === null && (
        <p className="loading" role="status">
          Loading the headlines…
        </p>
      )}
      {shown && (
        <>
          <p className="hint headlines__choice">
            {shown.chosen
              ? 'The measures chosen for this file.'
              : `The default choice: measures off target or with special cause of concern first, then the rest in catalogue order, up to ${DEFAULT_HEADLINE_COUNT}.`}
            {readOnly && ' The file is open read-only, so the choice cannot be changed here.'}
          </p>
          {shown.tiles.length === 0 ? (
            <p>No headlines are chosen for this file. The clinic table shows every measure.</p>
          ) : (
            <ul className="headline-tiles">
              {shown.tiles.map((tile) => (
                <HeadlineTileView
                  key={tile.row.key}
                  tile={tile}
                  period={shown.period}
                  team={shown.team}
                  onOpen={setOpen}
                />
              ))}
            </ul>
          )}
        </>
      )}
      {open && (
        <MeasureDetailPanel
          key={open.key}
          row={open}
          onClose={close}
          readOnlyFile={readOnly}
          onChanged={() => setStale(true)}
        />
      )}
      {choosing && shown && (
        <ChooseHeadlines
          measures={file.defaultReport?.measures ?? shown.tiles.map((t) => t.row)}
          shown={shown.tiles.map((t) => t.row.key)}
          chosen={shown.chosen}
          onCancel={() => {
            setChoosing(false);
            chooseButton.current?.focus();
          }}
          onSaved={(message) => {
            setChoosing(false);
            setTick((t) => t + 1);
            announce(message);
            chooseButton.current?.focus();
          }}
        />
      )}
    </section>
  );
}
