/**
 * A measure's history as a line, with its target and benchmarks as dashed horizontal lines across
 * the whole chart and, for a monthly measure with enough history, its Making Data Count XmR chart:
 * the average and process limits of each phase, 2-sigma lines on request, and each flagged month
 * drawn in MDC's colour *and* its own shape. Dated notes are numbered lines on the chart and listed
 * in words under it. The key is HTML (not drawn on the canvas) so it can be read, zoomed and reached
 * by a screen reader; the figures and flags themselves are in the table beside the chart.
 */
import {
  CategoryScale,
  Chart as ChartJS,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
  type Plugin,
  type PointStyle,
} from 'chart.js';
import type { ReactNode } from 'react';
import { Line } from 'react-chartjs-2';
import { addMonths, periodLabel, periodShortLabel } from '../../main/domain/period';
import type { Annotation, Phase, SpcPoint, SpcResult } from '../../main/domain/spc';
import type { TargetChange } from '../../main/domain/targets';
import type { Measure, Period, PeriodValue } from '../../main/domain/types';
import { benchmarkKeys, benchmarkNames, formatValue } from './format';
import { benchmarkYearText } from '../../main/domain/format';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip);

ChartJS.defaults.font.family = '"Segoe UI", Arial, "Liberation Sans", Helvetica, sans-serif';
ChartJS.defaults.font.size = 14;
ChartJS.defaults.color = '#0b0c0c';

const FIGURE_COLOUR = '#1d70b8';
const PROCESS_COLOUR = '#505a5f';
/** Another series to compare with (the whole service under a team's figures): its own colour and dash. */
const COMPARISON_COLOUR = '#6f72af';
const COMPARISON_DASH = [6, 3];

/** A percentage axis narrower than this makes a small change look like a big one. */
const MIN_PERCENT_SPAN = 10;

/** How much history the chart shows: the last 13 or 25 months, or everything. */
export type ChartRange = 13 | 25 | 'all';

interface ReferenceLine {
  id: string;
  label: string;
  value: number;
  colour: string;
  dash: number[];
}

type ReferenceKey = 'target' | keyof Measure['benchmarks'];

// Each line differs in dash pattern as well as colour, so they can be told apart without colour.
const lineStyles: Record<ReferenceKey, { colour: string; dash: number[] }> = {
  target: { colour: '#0b0c0c', dash: [10, 5] },
  national: { colour: '#912b88', dash: [4, 4] },
  regional: { colour: '#00746b', dash: [1.5, 4] },
  statistical_neighbours: { colour: '#a34700', dash: [12, 4, 2, 4] },
};

/**
 * A flagged month's look: MDC's colour and a shape of its own, so a printout in black and white
 * or a reader who cannot tell orange from blue still sees which months are unusual and which way.
 */
export const pointLooks = {
  concern: { colour: '#e46c0a', shape: 'triangle', label: 'Special cause of concern' },
  improvement: { colour: '#00b0f0', shape: 'rectRot', label: 'Special cause of improvement' },
  neutral: { colour: '#490092', shape: 'rect', label: 'Special cause, neither good nor bad' },
} as const satisfies Record<string, { colour: string; shape: PointStyle; label: string }>;

/** The benchmarks, each across the whole chart. The target is drawn month by month (targets change). */
function referenceLines(measure: Measure): ReferenceLine[] {
  const lines: ReferenceLine[] = [];
  for (const key of benchmarkKeys) {
    const value = measure.benchmarks[key];
    if (value !== null)
      lines.push({
        id: key,
        // The benchmark's year wherever the benchmark is: "National (84.5%, 2021-22)".
        label: `${benchmarkNames[key]} (${formatValue(value, measure.unit)}${
          measure.benchmark_years?.[key] ? `, ${benchmarkYearText(measure.benchmark_years[key])}` : ''
        })`,
        value,
        ...lineStyles[key],
      });
  }
  return lines;
}

interface TargetSpan {
  from: Period;
  to: Period;
  value: number;
}

/** The target in force over each stretch of the months shown, from the target history. */
export function targetSpans(targets: readonly TargetChange[], months: readonly Period[]): TargetSpan[] {
  const first = months[0];
  const last = months[months.length - 1];
  if (first === undefined || last === undefined) return [];
  const spans: TargetSpan[] = [];
  targets.forEach((change, i) => {
    const next = targets[i + 1]?.applies_from;
    const from = change.applies_from < first ? first : change.applies_from;
    const to = next === undefined || next > last ? last : addMonths(next, -1);
    if (change.target !== null && from <= to && from <= last) spans.push({ from, to, value: change.target });
  });
  return spans;
}

/** "Target (80%)", or with a change in view, "Target (80% to Sep 2023, then 85%)". */
function targetLabel(spans: readonly TargetSpan[], unit: Measure['unit']): string {
  const parts = spans.map((span, i) => {
    const value = formatValue(span.value, unit);
    if (spans.length === 1) return value;
    return i < spans.length - 1 ? `${value} to ${periodShortLabel(span.to)}` : `then ${value}`;
  });
  return `Target (${parts.join(', ')})`;
}

/** Every month from the first figure to the last, so gaps between figures keep their true width. */
function monthsCovering(history: PeriodValue[]): Period[] {
  const first = history[0]?.period;
  const last = history[history.length - 1]?.period;
  const months: Period[] = [];
  for (let month = first; month !== undefined && last !== undefined && month <= last; month = addMonths(month, 1)) {
    months.push(month);
  }
  return months;
}

/** The figures the chosen range shows: those in the last 13 or 25 months up to the latest figure. */
export function inRange(history: PeriodValue[], range: ChartRange): PeriodValue[] {
  const latest = history[history.length - 1]?.period;
  if (range === 'all' || latest === undefined) return history;
  const from = addMonths(latest, -(range - 1));
  return history.filter((h) => h.period >= from);
}

/** Draws the benchmarks across the full width, and the target over the months each value applied to. */
function referenceLinePlugin(lines: ReferenceLine[], target: TargetSpan[], months: Period[]): Plugin<'line'> {
  return {
    id: 'referenceLines',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const { x, y } = scales;
      if (!x || !y) return;
      ctx.save();
      ctx.lineWidth = 2.5;
      const half = months.length > 1 ? (x.getPixelForValue(1) - x.getPixelForValue(0)) / 2 : chartArea.width / 2;
      ctx.strokeStyle = lineStyles.target.colour;
      ctx.setLineDash(lineStyles.target.dash);
      for (const span of target) {
        const from = months.indexOf(span.from);
        const to = months.indexOf(span.to);
        const at = y.getPixelForValue(span.value);
        ctx.beginPath();
        ctx.moveTo(from === 0 ? chartArea.left : x.getPixelForValue(from) - half, at);
        ctx.lineTo(to === months.length - 1 ? chartArea.right : x.getPixelForValue(to) + half, at);
        ctx.stroke();
      }
      for (const line of lines) {
        const at = y.getPixelForValue(line.value);
        ctx.strokeStyle = line.colour;
        ctx.setLineDash(line.dash);
        ctx.beginPath();
        ctx.moveTo(chartArea.left, at);
        ctx.lineTo(chartArea.right, at);
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}

/**
 * The average and process limits of each phase over the months it covers (a rebasing starts a
 * new phase, so the lines step there), and the 2-sigma lines when asked for.
 */
function processLinePlugin(phases: Phase[], months: Period[], twoSigma: boolean): Plugin<'line'> {
  return {
    id: 'processLines',
    beforeDatasetsDraw(chart) {
      const { ctx, scales } = chart;
      const { x, y } = scales;
      if (!x || !y || months.length === 0) return;
      const first = months[0]!;
      const last = months[months.length - 1]!;
      const half = months.length > 1 ? (x.getPixelForValue(1) - x.getPixelForValue(0)) / 2 : 20;
      ctx.save();
      for (const phase of phases) {
        if (phase.to < first || phase.from > last) continue;
        const from = months.indexOf(phase.from < first ? first : phase.from);
        const to = months.indexOf(phase.to > last ? last : phase.to);
        const left = x.getPixelForValue(from) - (from === 0 ? half : 0);
        const right = x.getPixelForValue(to) + half;
        const draw = (value: number, dash: number[], width: number) => {
          const at = y.getPixelForValue(value);
          ctx.strokeStyle = PROCESS_COLOUR;
          ctx.lineWidth = width;
          ctx.setLineDash(dash);
          ctx.beginPath();
          ctx.moveTo(left, at);
          ctx.lineTo(right, at);
          ctx.stroke();
        };
        draw(phase.mean, [], 2);
        draw(phase.upper, [7, 4], 2);
        draw(phase.lower, [7, 4], 2);
        if (twoSigma) {
          draw(phase.upper2, [2, 3], 1.5);
          draw(phase.lower2, [2, 3], 1.5);
        }
      }
      ctx.restore();
    },
  };
}

/** A numbered vertical line at each dated note, so the list under the chart can say what happened. */
function annotationPlugin(notes: Array<{ number: number; period: Period }>, months: Period[]): Plugin<'line'> {
  return {
    id: 'annotations',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x;
      if (!x) return;
      ctx.save();
      for (const note of notes) {
        const index = months.indexOf(note.period);
        if (index < 0) continue;
        const at = x.getPixelForValue(index);
        ctx.strokeStyle = '#0b0c0c';
        ctx.lineWidth = 1.5;
        ctx.setLineDash([3, 3]);
        ctx.beginPath();
        ctx.moveTo(at, chartArea.top + 18);
        ctx.lineTo(at, chartArea.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#0b0c0c';
        ctx.fillRect(at - 10, chartArea.top, 20, 18);
        ctx.fillStyle = '#ffffff';
        ctx.font = 'bold 13px "Segoe UI", Arial, sans-serif';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(String(note.number), at, chartArea.top + 9.5);
      }
      ctx.restore();
    },
  };
}

/** The y-axis range: every figure and line in view, and percentages never over-zoomed. */
function yRange(measure: Measure, values: number[]): { min?: number; max?: number } {
  if (values.length === 0) return {};
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (measure.unit === 'count' || measure.unit === 'rate_10k')
    return { min: Math.min(0, Math.floor(low)), max: Math.ceil(high * 1.15) || 1 };
  const span = Math.max(high - low, MIN_PERCENT_SPAN);
  const middle = (high + low) / 2;
  low = middle - span * 0.6;
  high = middle + span * 0.6;
  // Whole fives keep the tick labels round.
  low = Math.floor(low / 5) * 5;
  high = Math.ceil(high / 5) * 5;
  if (measure.unit === 'percent') {
    low = Math.max(0, low);
    high = Math.min(100, high);
  }
  return { min: low, max: high };
}

function LegendSwatch({
  colour,
  dash,
  point,
  width = 3,
}: {
  colour: string;
  dash?: number[];
  point?: 'circle' | 'triangle' | 'rectRot' | 'rect';
  width?: number;
}): ReactNode {
  return (
    <svg className="legend__swatch" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false">
      {point === undefined || point === 'circle' ? (
        <line x1="2" y1="8" x2="42" y2="8" stroke={colour} strokeWidth={width} strokeDasharray={dash?.join(' ')} />
      ) : null}
      {point === 'circle' && <circle cx="22" cy="8" r="5" fill={colour} />}
      {point === 'triangle' && <path d="M22 1.5 29 14.5H15z" fill={colour} />}
      {point === 'rectRot' && <path d="M22 1 29 8 22 15 15 8z" fill={colour} />}
      {point === 'rect' && <rect x="16" y="2" width="12" height="12" fill={colour} />}
    </svg>
  );
}

export interface HistoryChartProps {
  measure: Measure;
  history: PeriodValue[];
  /** The XmR analysis of the whole history; null draws the figures alone. */
  spc: SpcResult | null;
  annotations: Annotation[];
  /** The target history; each target is drawn over the months it applied to. */
  targets: readonly TargetChange[];
  range: ChartRange;
  twoSigma: boolean;
  /** Figures to draw beside the measure's for comparison (the whole service's under a team view). */
  comparison?: { label: string; history: PeriodValue[] };
}

export function HistoryChart({
  measure,
  history,
  spc,
  annotations,
  targets,
  range,
  twoSigma,
  comparison,
}: HistoryChartProps): ReactNode {
  const shown = inRange(history, range);
  const months = monthsCovering(shown);
  const compared = new Map((comparison?.history ?? []).map((h) => [h.period, h.value]));
  const comparedShown = months.flatMap((m) => (compared.has(m) ? [{ period: m, value: compared.get(m)! }] : []));
  const target = targetSpans(targets, months);
  const byPeriod = new Map(shown.map((h) => [h.period, h.value]));
  const flags = new Map((spc?.points ?? []).map((p): [Period, SpcPoint] => [p.period, p]));
  const lines = referenceLines(measure);
  const phases = spc?.phases ?? [];
  const first = months[0];
  const last = months[months.length - 1];
  const visiblePhases =
    first === undefined || last === undefined ? [] : phases.filter((p) => p.to >= first && p.from <= last);
  const notes = annotations
    .map((a, i) => ({ number: i + 1, period: a.period }))
    .filter((n) => first !== undefined && last !== undefined && n.period >= first && n.period <= last);
  const monthly = measure.frequency === 'monthly';

  const lookOf = (period: Period) => {
    const kind = flags.get(period)?.kind;
    return kind ? pointLooks[kind] : null;
  };

  const data: ChartData<'line', (number | null)[], string> = {
    labels: months.map(periodShortLabel),
    datasets: [
      {
        label: 'Figure',
        data: months.map((m) => byPeriod.get(m) ?? null),
        borderColor: FIGURE_COLOUR,
        backgroundColor: months.map((m) => lookOf(m)?.colour ?? FIGURE_COLOUR),
        pointBorderColor: months.map((m) => (lookOf(m) ? '#0b0c0c' : FIGURE_COLOUR)),
        pointBorderWidth: months.map((m) => (lookOf(m) ? 1.5 : 1)),
        pointStyle: months.map((m): PointStyle => lookOf(m)?.shape ?? 'circle'),
        pointRadius: months.map((m) => (lookOf(m) ? 8 : 5)),
        pointHoverRadius: 9,
        borderWidth: 3,
        // A missing month of a monthly measure is a gap, never silently joined; quarterly and
        // year-to-date figures are joined across the months between them, which they do not cover.
        spanGaps: !monthly,
      },
      ...(comparison && comparedShown.length > 0
        ? [
            {
              label: comparison.label,
              data: months.map((m) => compared.get(m) ?? null),
              borderColor: COMPARISON_COLOUR,
              backgroundColor: COMPARISON_COLOUR,
              borderDash: COMPARISON_DASH,
              borderWidth: 2,
              pointStyle: 'circle' as const,
              pointRadius: 3,
              pointHoverRadius: 6,
              spanGaps: !monthly,
            },
          ]
        : []),
    ],
  };

  const processValues = visiblePhases.flatMap((p) =>
    twoSigma ? [p.upper, p.lower, p.upper2, p.lower2] : [p.upper, p.lower],
  );
  const options: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    // Motion adds nothing on a meeting-room screen and distracts some people.
    animation: false,
    layout: { padding: { top: 8, right: 8 } },
    scales: {
      x: { offset: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
      y: {
        ...yRange(measure, [
          ...shown.map((h) => h.value),
          ...comparedShown.map((h) => h.value),
          ...lines.map((l) => l.value),
          ...target.map((t) => t.value),
          ...processValues,
        ]),
        grid: { color: '#e5e6e7' },
        ticks: { callback: (value) => formatValue(Number(value), measure.unit), maxTicksLimit: 8 },
      },
    },
    plugins: {
      tooltip: {
        callbacks: {
          label: (item) => {
            if (item.datasetIndex > 0)
              return `${item.dataset.label ?? ''}: ${formatValue(Number(item.raw), measure.unit)}`;
            const look = lookOf(months[item.dataIndex] ?? '');
            return `${measure.title}: ${formatValue(Number(item.raw), measure.unit)}${look ? ` (${look.label.toLowerCase()})` : ''}`;
          },
        },
      },
    },
  };

  const latest = shown[shown.length - 1];
  const comparedLatest = comparedShown[comparedShown.length - 1];
  const flaggedCount = months.filter((m) => lookOf(m)).length;
  const summary =
    shown[0] && latest
      ? `Line chart of ${measure.title} from ${periodLabel(shown[0].period)} to ${periodLabel(latest.period)}; latest figure ${formatValue(latest.value, measure.unit)}.${
          visiblePhases.length > 0
            ? ` Process limits shown; ${flaggedCount === 1 ? '1 month is' : `${flaggedCount} months are`} flagged as special cause.`
            : ''
        }${
          comparison && comparedLatest
            ? ` ${comparison.label} drawn for comparison, ${formatValue(comparedLatest.value, measure.unit)} in ${periodLabel(comparedLatest.period)}.`
            : ''
        } The figures are in the table below.`
      : `No figures for ${measure.title}.`;

  const kindsShown = (['concern', 'improvement', 'neutral'] as const).filter((kind) =>
    months.some((m) => flags.get(m)?.kind === kind),
  );

  return (
    <figure className="chart">
      <ul className="legend" aria-label="Chart key">
        <li>
          <LegendSwatch colour={FIGURE_COLOUR} point="circle" />
          Figure
        </li>
        {comparison && comparedShown.length > 0 && (
          <li>
            <LegendSwatch colour={COMPARISON_COLOUR} dash={COMPARISON_DASH} width={2} />
            {comparison.label}
          </li>
        )}
        {kindsShown.map((kind) => (
          <li key={kind}>
            <LegendSwatch colour={pointLooks[kind].colour} point={pointLooks[kind].shape} />
            {pointLooks[kind].label}
          </li>
        ))}
        {visiblePhases.length > 0 && (
          <>
            <li>
              <LegendSwatch colour={PROCESS_COLOUR} width={2} />
              Average
            </li>
            <li>
              <LegendSwatch colour={PROCESS_COLOUR} dash={[7, 4]} width={2} />
              Process limits
            </li>
            {twoSigma && (
              <li>
                <LegendSwatch colour={PROCESS_COLOUR} dash={[2, 3]} width={1.5} />
                2-sigma lines
              </li>
            )}
          </>
        )}
        {target.length > 0 && (
          <li>
            <LegendSwatch colour={lineStyles.target.colour} dash={lineStyles.target.dash} />
            {targetLabel(target, measure.unit)}
          </li>
        )}
        {lines.map((line) => (
          <li key={line.id}>
            <LegendSwatch colour={line.colour} dash={line.dash} />
            {line.label}
          </li>
        ))}
      </ul>
      <div className="chart__canvas">
        <Line
          data={data}
          options={options}
          plugins={[
            referenceLinePlugin(lines, target, months),
            processLinePlugin(visiblePhases, months, twoSigma),
            annotationPlugin(notes, months),
          ]}
          role="img"
          aria-label={summary}
        />
      </div>
    </figure>
  );
}
