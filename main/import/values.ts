/**
 * Reading a figure from a cell and checking it makes sense for the measure's unit. Pure.
 *
 * Percentages: 55, "55%" and 0.55 in a cell formatted as a percentage all mean 55. A plain 0.55
 * for a percentage measure is ambiguous (a rate of 0.55%, or 55% written as a fraction?), so it
 * is kept as written, 0.55, with a warning on its row that asks whether 55% was meant; it is
 * never silently multiplied by 100, which would turn a genuine 0.5% into 50%.
 */
import { cellText, trimFloat, type Cell } from './cells';
import type { Unit } from '../domain/types';

export type NumberRead =
  | { kind: 'blank' }
  /** A deliberate "no figure": n/a, -, .., x and the like. */
  | { kind: 'none'; text: string }
  | { kind: 'number'; value: number; percent: 'sign' | 'format' | null }
  | { kind: 'text'; text: string };

const NO_FIGURE = new Set([
  '-',
  '–',
  '—',
  'n/a',
  'na',
  'n.a.',
  'n.a',
  '..',
  '.',
  'x',
  '*',
  'null',
  'none',
  'nil',
  'tbc',
]);
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
const THOUSANDS = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Reads a number the way a person wrote it: 1,234; 55%; -3.5; 1e3. */
export function readNumber(cell: Cell): NumberRead {
  if (cell.kind === 'blank') return { kind: 'blank' };
  if (cell.kind === 'number') {
    if (!Number.isFinite(cell.value)) return { kind: 'text', text: String(cell.value) };
    return cell.percentFormat
      ? { kind: 'number', value: trimFloat(cell.value * 100), percent: 'format' }
      : { kind: 'number', value: cell.value, percent: null };
  }
  if (cell.kind === 'date') return { kind: 'text', text: cellText(cell) };
  let text = cell.text.replace(/[\u00a0\u2009\u202f]/g, ' ').trim();
  if (text === '') return { kind: 'blank' };
  if (NO_FIGURE.has(text.toLowerCase())) return { kind: 'none', text };
  let percent: 'sign' | null = null;
  if (text.endsWith('%')) {
    percent = 'sign';
    text = text.slice(0, -1).trim();
  }
  if (THOUSANDS.test(text)) text = text.replace(/,/g, '');
  if (!NUMBER.test(text)) return { kind: 'text', text: cell.text.trim() };
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'text', text: cell.text.trim() };
  return { kind: 'number', value, percent };
}

export interface FigureCheck {
  value: number;
  error: string | null;
  warning: string | null;
}

/** Made once: toLocaleString with options makes a new NumberFormat each call (0.2 ms, for every warning). */
const SHOWN = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10 });

function show(value: number): string {
  return SHOWN.format(value);
}

/** Checks a value against its measure's unit: the value to store, or why it cannot be stored. */
export function checkValue(read: Extract<NumberRead, { kind: 'number' }>, unit: Unit): FigureCheck {
  const { value, percent } = read;
  if (unit === 'percent') {
    if (value < 0 || value > 100)
      return {
        value,
        error: `${show(value)}% is not a percentage between 0 and 100.`,
        warning: null,
      };
    if (percent === null && value > 0 && value <= 1)
      return {
        value,
        error: null,
        warning: `${show(value)} was read as ${show(value)}%. If you meant ${show(trimFloat(value * 100))}%, write ${show(trimFloat(value * 100))} or format the cell as a percentage.`,
      };
    return { value, error: null, warning: null };
  }
  if (unit === 'count') {
    if (percent !== null)
      return { value, error: `${show(value)}% is a percentage, but this measure is a count.`, warning: null };
    if (value < 0) return { value, error: `${show(value)} is negative, but a count cannot be.`, warning: null };
    if (!Number.isInteger(value))
      return { value, error: `${show(value)} is not a whole number, but this measure is a count.`, warning: null };
    return { value, error: null, warning: null };
  }
  if (unit === 'rate_10k') {
    if (percent !== null)
      return {
        value,
        error: `${show(value)}% is a percentage, but this measure is a rate per 10,000 children.`,
        warning: null,
      };
    if (value < 0 || value > 10000)
      return { value, error: `${show(value)} is not a rate per 10,000 children between 0 and 10,000.`, warning: null };
    return { value, error: null, warning: null };
  }
  // Points: a difference in percentage points, which may be negative; only absurd values are refused.
  if (Math.abs(value) > 100)
    return { value, error: `${show(value)} points is outside -100 to 100 percentage points.`, warning: null };
  return { value, error: null, warning: null };
}

/** A numerator or denominator: a whole number, zero or more. */
export function checkCount(label: string, read: Extract<NumberRead, { kind: 'number' }>): string | null {
  if (read.percent !== null) return `The ${label} ${show(read.value)}% is a percentage; it should be a count.`;
  if (read.value < 0) return `The ${label} ${show(read.value)} is negative.`;
  if (!Number.isInteger(read.value)) return `The ${label} ${show(read.value)} is not a whole number.`;
  return null;
}
