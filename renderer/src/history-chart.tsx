/**
 * A measure's history as a line, with its target and benchmarks as dashed horizontal lines across
 * the whole chart. The key is HTML (not drawn on the canvas) so it can be read, zoomed and reached
 * by a screen reader; the figures themselves are in the table beside the chart.
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
} from 'chart.js';
import type { ReactNode } from 'react';
import { Line } from 'react-chartjs-2';
import { addMonths, periodLabel, periodShortLabel } from '../../main/domain/period';
import type { Measure, PeriodValue } from '../../main/domain/types';
import { benchmarkKeys, benchmarkNames, formatValue } from './format';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip);

ChartJS.defaults.font.family = '"Segoe UI", Arial, "Liberation Sans", Helvetica, sans-serif';
ChartJS.defaults.font.size = 14;
ChartJS.defaults.color = '#0b0c0c';

const FIGURE_COLOUR = '#1d70b8';

/** A percentage axis narrower than this makes a small change look like a big one. */
const MIN_PERCENT_SPAN = 10;

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

function referenceLines(measure: Measure): ReferenceLine[] {
  const lines: ReferenceLine[] = [];
  const add = (id: ReferenceKey, name: string, value: number | null) => {
    if (value !== null)
      lines.push({ id, label: `${name} (${formatValue(value, measure.unit)})`, value, ...lineStyles[id] });
  };
  add('target', 'Target', measure.target);
  for (const key of benchmarkKeys) add(key, benchmarkNames[key], measure.benchmarks[key]);
  return lines;
}

/** Every month from the first figure to the last, so gaps between figures keep their true width. */
function monthsCovering(history: PeriodValue[]): string[] {
  const first = history[0]?.period;
  const last = history[history.length - 1]?.period;
  const months: string[] = [];
  for (let month = first; month !== undefined && last !== undefined && month <= last; month = addMonths(month, 1)) {
    months.push(month);
  }
  return months;
}

/** Draws the target and benchmarks across the full width, whatever the number of months. */
function referenceLinePlugin(lines: ReferenceLine[]): Plugin<'line'> {
  return {
    id: 'referenceLines',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y;
      if (!y) return;
      ctx.save();
      ctx.lineWidth = 2.5;
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

/** The y-axis range: every figure and reference line in view, and percentages never over-zoomed. */
function yRange(measure: Measure, values: number[]): { min?: number; max?: number } {
  if (values.length === 0) return {};
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (measure.unit === 'count') return { min: 0, max: Math.ceil(high * 1.15) || 1 };
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

function LegendSwatch({ colour, dash, point }: { colour: string; dash?: number[]; point?: boolean }): ReactNode {
  return (
    <svg className="legend__swatch" width="44" height="14" viewBox="0 0 44 14" aria-hidden="true" focusable="false">
      <line x1="2" y1="7" x2="42" y2="7" stroke={colour} strokeWidth="3" strokeDasharray={dash?.join(' ')} />
      {point && <circle cx="22" cy="7" r="5" fill={colour} />}
    </svg>
  );
}

export function HistoryChart({ measure, history }: { measure: Measure; history: PeriodValue[] }): ReactNode {
  const months = monthsCovering(history);
  const byPeriod = new Map(history.map((h) => [h.period, h.value]));
  const lines = referenceLines(measure);

  const data: ChartData<'line', (number | null)[], string> = {
    labels: months.map(periodShortLabel),
    datasets: [
      {
        label: 'Figure',
        data: months.map((m) => byPeriod.get(m) ?? null),
        borderColor: FIGURE_COLOUR,
        backgroundColor: FIGURE_COLOUR,
        borderWidth: 3,
        pointRadius: 6,
        pointHoverRadius: 8,
        // Months with no figure are joined, not drawn as zero; the table shows which months exist.
        spanGaps: true,
      },
    ],
  };

  const options: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    // Motion adds nothing on a meeting-room screen and distracts some people.
    animation: false,
    layout: { padding: { top: 8, right: 8 } },
    scales: {
      x: { offset: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
      y: {
        ...yRange(measure, [...history.map((h) => h.value), ...lines.map((l) => l.value)]),
        grid: { color: '#e5e6e7' },
        ticks: { callback: (value) => formatValue(Number(value), measure.unit), maxTicksLimit: 8 },
      },
    },
    plugins: {
      tooltip: {
        callbacks: { label: (item) => `${measure.title}: ${formatValue(Number(item.raw), measure.unit)}` },
      },
    },
  };

  const first = history[0];
  const latest = history[history.length - 1];
  const summary =
    first && latest
      ? `Line chart of ${measure.title} from ${periodLabel(first.period)} to ${periodLabel(latest.period)}; latest figure ${formatValue(latest.value, measure.unit)}. The figures are in the table below.`
      : `No figures for ${measure.title}.`;

  return (
    <figure className="chart">
      <ul className="legend" aria-label="Chart key">
        <li>
          <LegendSwatch colour={FIGURE_COLOUR} point />
          Figure
        </li>
        {lines.map((line) => (
          <li key={line.id}>
            <LegendSwatch colour={line.colour} dash={line.dash} />
            {line.label}
          </li>
        ))}
      </ul>
      <div className="chart__canvas">
        <Line data={data} options={options} plugins={[referenceLinePlugin(lines)]} role="img" aria-label={summary} />
      </div>
    </figure>
  );
}
