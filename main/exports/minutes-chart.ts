/**
 * A measure's trend as a small PNG, drawn pixel by pixel with no browser, so the PDF, the Word
 * file, the command line and the tests all get the same picture. It carries no text (that would
 * need a font rasteriser): the scale and the key are written beside it by `chartCaption`.
 * Greys and line styles only, so it reads the same printed in black and white.
 */
import { PNG } from 'pngjs';
import { addMonths, periodShortLabel } from '../domain/period';
import { formatValue } from '../domain/format';
import type { Benchmarks, Frequency, Period, PeriodValue, Unit } from '../domain/types';

export interface ChartInput {
  history: readonly PeriodValue[];
  unit: Unit;
  /** How far apart figures are expected: a longer step between two is a gap, and is not joined. */
  frequency: Frequency;
  /** The last month drawn (the clinic's): a later figure would read as the latest in the minutes. */
  upTo: Period;
  target: number | null;
  benchmarks: Benchmarks;
  /** The national benchmark's reporting year ("2021-22"), said with it; null where not recorded. */
  nationalYear?: string | null;
}

export interface ChartImage {
  png: Uint8Array;
  /** Size to show it at, in CSS pixels (96 to the inch); the bitmap itself is drawn at twice that. */
  width: number;
  height: number;
  /** The scale and the key, in words, to print beside the picture and to use as its alternative text. */
  caption: string;
}

export const CHART_WIDTH = 300;
export const CHART_HEIGHT = 110;
const SCALE = 2;

type Grey = number;
const INK: Grey = 0;
const TARGET: Grey = 70;
const BENCHMARK: Grey = 110;
const GRID: Grey = 215;
const PAPER: Grey = 255;

interface Scale {
  low: number;
  high: number;
}

function monthIndex(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

/** Months between consecutive figures when none is missing. */
const STEP: Record<Frequency, number> = { monthly: 1, quarterly: 3, academic_ytd: 1, financial_ytd: 1 };

/** The figures drawn: up to the chart's last month, oldest first. */
function charted(input: ChartInput): PeriodValue[] {
  return input.history
    .filter((h) => h.period <= input.upTo)
    .sort((a, b) => monthIndex(a.period) - monthIndex(b.period));
}

/** Whether two consecutive figures are neighbours, to be joined by a line, or have missing periods between. */
function joined(a: PeriodValue, b: PeriodValue, frequency: Frequency): boolean {
  return monthIndex(b.period) - monthIndex(a.period) <= STEP[frequency];
}

/** A vertical range that holds every value drawn, with a little room, kept within 0-100 for percentages. */
export function chartScale(input: ChartInput): Scale {
  const values = [
    ...charted(input).map((h) => h.value),
    ...(input.target === null ? [] : [input.target]),
    ...(input.benchmarks.national === null ? [] : [input.benchmarks.national]),
  ];
  if (values.length === 0) return { low: 0, high: 1 };
  let low = Math.min(...values);
  let high = Math.max(...values);
  const span = high - low || Math.max(Math.abs(high) * 0.2, 1);
  low -= span * 0.25;
  high += span * 0.25;
  if (input.unit === 'percent') {
    low = Math.max(0, low);
    high = Math.min(100, high);
  }
  if ((input.unit === 'count' || input.unit === 'rate_10k') && low < 0 && Math.min(...values) >= 0) low = 0;
  // A count of children is whole: its scale runs between whole numbers ("5 to 7", not "5.6 to 6.4").
  const step = input.unit === 'count' ? Math.max(1, niceStep((high - low) / 5)) : niceStep((high - low) / 5);
  return { low: Math.floor(low / step) * step, high: Math.ceil(high / step) * step };
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

class Canvas {
  readonly png: PNG;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.png = new PNG({ width, height });
    this.png.data.fill(PAPER);
  }

  dot(x: number, y: number, grey: Grey, radius: number): void {
    const cx = Math.round(x);
    const cy = Math.round(y);
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        if (dx * dx + dy * dy > radius * radius + radius) continue;
        this.set(cx + dx, cy + dy, grey);
      }
    }
  }

  square(x: number, y: number, grey: Grey, half: number): void {
    for (let dy = -half; dy <= half; dy++)
      for (let dx = -half; dx <= half; dx++) this.set(Math.round(x) + dx, Math.round(y) + dy, grey);
  }

  /** A line of the given thickness; `pattern` is [on, off] lengths in pixels for dashes and dots. */
  line(x0: number, y0: number, x1: number, y1: number, grey: Grey, radius: number, pattern?: [number, number]): void {
    const length = Math.hypot(x1 - x0, y1 - y0);
    const steps = Math.max(1, Math.ceil(length));
    for (let i = 0; i <= steps; i++) {
      if (pattern && i % (pattern[0] + pattern[1]) >= pattern[0]) continue;
      const t = i / steps;
      this.dot(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, grey, radius);
    }
  }

  private set(x: number, y: number, grey: Grey): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    // The PNG is packed as RGBA in memory whatever it is written as.
    const i = (y * this.width + x) * 4;
    this.png.data[i] = grey;
    this.png.data[i + 1] = grey;
    this.png.data[i + 2] = grey;
    this.png.data[i + 3] = 255;
  }
}

/** Draws the trend: grid lines at the scale's steps, the target dashed, England dotted, the measure solid. */
export function drawChart(input: ChartInput): ChartImage {
  const width = CHART_WIDTH * SCALE;
  const height = CHART_HEIGHT * SCALE;
  const canvas = new Canvas(width, height);
  const scale = chartScale(input);
  const pad = { left: 12 * SCALE, right: 12 * SCALE, top: 8 * SCALE, bottom: 8 * SCALE };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const y = (value: number) => pad.top + plotH - ((value - scale.low) / (scale.high - scale.low || 1)) * plotH;

  const step = niceStep((scale.high - scale.low) / 5);
  for (let v = scale.low; v <= scale.high + step / 2; v += step) {
    canvas.line(pad.left, y(v), width - pad.right, y(v), GRID, 0);
  }
  canvas.line(pad.left, pad.top, pad.left, height - pad.bottom, GRID, 0);

  const points = charted(input);
  const first = points[0];
  const last = points.at(-1);
  // With no figures the caption says only "No figures to chart.", and has no scale: a target or
  // England line alone would be a line nobody could read.
  if (first && input.benchmarks.national !== null) {
    const by = y(input.benchmarks.national);
    canvas.line(pad.left, by, width - pad.right, by, BENCHMARK, 2, [4, 8]);
  }
  if (first && input.target !== null) {
    const ty = y(input.target);
    canvas.line(pad.left, ty, width - pad.right, ty, TARGET, 2, [18, 10]);
  }

  if (first && last) {
    const span = monthIndex(last.period) - monthIndex(first.period);
    const x = (p: PeriodValue) =>
      span === 0 ? pad.left + plotW / 2 : pad.left + ((monthIndex(p.period) - monthIndex(first.period)) / span) * plotW;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (a && b && joined(a, b, input.frequency)) canvas.line(x(a), y(a.value), x(b), y(b.value), INK, 3);
    }
    for (const p of points) canvas.square(x(p), y(p.value), INK, p === last ? 8 : 6);
  }

  return {
    // Written as 8-bit grey: a third of the size of colour, and the picture has no colour anyway.
    png: new Uint8Array(PNG.sync.write(canvas.png, { colorType: 0, inputColorType: 6 })),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    caption: chartCaption(input, scale),
  };
}

/** "No figures for Nov 2022 to Aug 2023: no line is drawn across them." for each gap. */
function gapWords(points: readonly PeriodValue[], frequency: Frequency): string[] {
  const out: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (joined(a, b, frequency)) continue;
    const from = addMonths(a.period, STEP[frequency]);
    const to = addMonths(b.period, -STEP[frequency]);
    out.push(
      from === to
        ? `No figure for ${periodShortLabel(from)}: no line is drawn across it.`
        : `No figures for ${periodShortLabel(from)} to ${periodShortLabel(to)}: no line is drawn across them.`,
    );
  }
  return out;
}

/** What the picture shows, in words: the periods, the scale and which line is which. */
export function chartCaption(input: ChartInput, scale: Scale = chartScale(input)): string {
  const points = charted(input);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'No figures to chart.';
  const span =
    first === last
      ? `${periodShortLabel(first.period)} only`
      : `${periodShortLabel(first.period)} to ${periodShortLabel(last.period)}`;
  const parts = [
    `Trend, ${span} (${points.length} figure${points.length === 1 ? '' : 's'}; the latest is the larger square).`,
    ...gapWords(points, input.frequency),
    `Scale ${formatValue(scale.low, input.unit)} to ${formatValue(scale.high, input.unit)}.`,
  ];
  if (input.target !== null) parts.push(`Dashed line: target ${formatValue(input.target, input.unit)}.`);
  if (input.benchmarks.national !== null)
    parts.push(
      `Dotted line: England ${formatValue(input.benchmarks.national, input.unit)}${input.nationalYear ? ` (${input.nationalYear})` : ''}.`,
    );
  return parts.join(' ');
}
