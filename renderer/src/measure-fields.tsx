/**
 * The fields of a measure as a person edits them, shared by "edit a measure" and "add a measure".
 * Figures are typed as text ("55", "55%", "1,730") and only turned into numbers on saving, so
 * nothing typed is lost when the app refuses it.
 */
import { useId, type ReactNode } from 'react';
import { FREQUENCIES, POLARITIES, UNITS, type MeasureFields } from '../../main/domain/catalogue';
import type { Benchmarks, Frequency, Polarity, ServiceArea, Unit } from '../../main/domain/types';
import { benchmarkKeys, benchmarkNames } from './format';
import { frequencyLabels, polarityLabels, unitLabels } from './labels';

type BenchmarkKey = keyof Benchmarks;

/** What the form holds: the text of every box, as typed. */
export interface FieldsDraft {
  title: string;
  definition: string;
  area: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  tolerance: string;
  benchmarks: Record<BenchmarkKey, string>;
  benchmarkYears: Record<BenchmarkKey, string>;
  numerator_label: string;
  denominator_label: string;
  data_source: string;
}

const text = (n: number | null) => (n === null ? '' : String(n));

export function draftOf(fields: MeasureFields): FieldsDraft {
  const each = (get: (k: BenchmarkKey) => number | null) =>
    Object.fromEntries(benchmarkKeys.map((k) => [k, text(get(k))])) as Record<BenchmarkKey, string>;
  return {
    title: fields.title,
    definition: fields.definition,
    area: fields.area,
    unit: fields.unit,
    polarity: fields.polarity,
    frequency: fields.frequency,
    tolerance: String(fields.tolerance),
    benchmarks: each((k) => fields.benchmarks[k]),
    benchmarkYears: each((k) => fields.benchmark_years[k]),
    numerator_label: fields.numerator_label,
    denominator_label: fields.denominator_label,
    data_source: fields.data_source,
  };
}

export function emptyDraft(area: string): FieldsDraft {
  const none = { national: '', regional: '', statistical_neighbours: '' };
  return {
    title: '',
    definition: '',
    area,
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'monthly',
    tolerance: '0',
    benchmarks: { ...none },
    benchmarkYears: { ...none },
    numerator_label: '',
    denominator_label: '',
    data_source: '',
  };
}

/**
 * A figure as people type it: "55", "55%", "1,730", "−2.5". Empty is null. Anything else is
 * not a number, and the caller says so in words.
 */
export function readFigure(typed: string): number | null | 'not a number' {
  const cleaned = typed
    .trim()
    .replace(/%$/, '')
    .replace(/,/g, '')
    .replace(/\u2212/g, '-')
    .trim();
  if (cleaned === '') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : 'not a number';
}

/** The draft as the API takes it, or the first box that does not hold a number, in words. */
export function fieldsOf(draft: FieldsDraft): { fields: MeasureFields } | { error: string } {
  const tolerance = readFigure(draft.tolerance);
  if (tolerance === 'not a number')
    return { error: `The near target band must be a number, such as 5, or 0 for none (got “${draft.tolerance}”).` };
  const benchmarks = { national: null, regional: null, statistical_neighbours: null } as Benchmarks;
  const years = { ...benchmarks };
  for (const key of benchmarkKeys) {
    const name = benchmarkNames[key].toLowerCase();
    const value = readFigure(draft.benchmarks[key]);
    if (value === 'not a number')
      return { error: `The ${name} benchmark must be a number, such as 55 (got “${draft.benchmarks[key]}”).` };
    const year = readFigure(draft.benchmarkYears[key]);
    if (year === 'not a number')
      return {
        error: `The year of the ${name} benchmark must be a year such as 2023 (got “${draft.benchmarkYears[key]}”).`,
      };
    benchmarks[key] = value;
    years[key] = year;
  }
  return {
    fields: {
      title: draft.title,
      definition: draft.definition,
      area: draft.area,
      unit: draft.unit,
      polarity: draft.polarity,
      frequency: draft.frequency,
      tolerance: tolerance ?? 0,
      benchmarks,
      benchmark_years: years,
      numerator_label: draft.numerator_label,
      denominator_label: draft.denominator_label,
      data_source: draft.data_source,
    },
  };
}

/** How a figure of this unit is typed, for the hints beside targets and benchmarks. */
export const figureHints: Record<Unit, string> = {
  percent: 'A percentage, such as 80',
  count: 'A number, such as 1,200',
  points: 'In percentage points, such as 2.5',
};

const polarityChoices: Record<Polarity, string> = {
  higher_is_better: polarityLabels.higher_is_better,
  lower_is_better: polarityLabels.lower_is_better,
  none: 'Neither: for information, such as demand',
};

export interface MeasureFieldsProps {
  draft: FieldsDraft;
  onChange: (draft: FieldsDraft) => void;
  areas: ServiceArea[];
  /** Ids of anything that describes every field, such as the error above the form. */
  describedBy?: string | undefined;
  /** Boxes for the left column before the common ones (the key, when adding). */
  before?: ReactNode;
  /** Boxes for the right column after the common ones (a first target, when adding). */
  after?: ReactNode;
}

export function MeasureFieldset({ draft, onChange, areas, describedBy, before, after }: MeasureFieldsProps): ReactNode {
  const id = useId();
  const set = <K extends keyof FieldsDraft>(key: K, value: FieldsDraft[K]) => onChange({ ...draft, [key]: value });
  const hintAnd = (hint: string) => [hint, describedBy].filter(Boolean).join(' ');

  return (
    <>
      <div className="form__column">
        {before}
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <span id={`${id}-title-hint`} className="hint">
            As it appears in the clinic and the minutes. No two measures in use may share a title.
          </span>
          <input
            id={`${id}-title`}
            type="text"
            autoComplete="off"
            value={draft.title}
            aria-describedby={hintAnd(`${id}-title-hint`)}
            onChange={(e) => set('title', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-definition`}>Definition</label>
          <span id={`${id}-definition-hint`} className="hint">
            What is counted, in plain English, as the measure panel shows it.
          </span>
          <textarea
            id={`${id}-definition`}
            rows={4}
            value={draft.definition}
            aria-describedby={hintAnd(`${id}-definition-hint`)}
            onChange={(e) => set('definition', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-area`}>Service area</label>
          <select
            id={`${id}-area`}
            value={draft.area}
            aria-describedby={describedBy}
            onChange={(e) => set('area', e.target.value)}
          >
            {areas.map((a) => (
              <option key={a.key} value={a.key}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="fieldset">
          <legend>Unit</legend>
          {UNITS.map((u) => (
            <div key={u} className="radio">
              <input
                id={`${id}-unit-${u}`}
                type="radio"
                name={`${id}-unit`}
                checked={draft.unit === u}
                onChange={() => set('unit', u)}
              />
              <label htmlFor={`${id}-unit-${u}`}>{unitLabels[u]}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Which is better</legend>
          {POLARITIES.map((p) => (
            <div key={p} className="radio">
              <input
                id={`${id}-polarity-${p}`}
                type="radio"
                name={`${id}-polarity`}
                checked={draft.polarity === p}
                onChange={() => set('polarity', p)}
              />
              <label htmlFor={`${id}-polarity-${p}`}>{polarityChoices[p]}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-frequency`}>How often it is reported</label>
          <select
            id={`${id}-frequency`}
            value={draft.frequency}
            onChange={(e) => set('frequency', e.target.value as Frequency)}
          >
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {frequencyLabels[f]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="form__column">
        <div className="field">
          <label htmlFor={`${id}-numerator`}>Numerator</label>
          <span id={`${id}-numerator-hint`} className="hint">
            What is counted on top, such as “Children seen within 10 working days”. Leave empty if the figure is not a
            share.
          </span>
          <input
            id={`${id}-numerator`}
            type="text"
            autoComplete="off"
            value={draft.numerator_label}
            aria-describedby={hintAnd(`${id}-numerator-hint`)}
            onChange={(e) => set('numerator_label', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-denominator`}>Denominator</label>
          <span id={`${id}-denominator-hint`} className="hint">
            What it is a share of, such as “Children on a plan”.
          </span>
          <input
            id={`${id}-denominator`}
            type="text"
            autoComplete="off"
            value={draft.denominator_label}
            aria-describedby={hintAnd(`${id}-denominator-hint`)}
            onChange={(e) => set('denominator_label', e.target.value)}
          />
        </div>
        <div className="field field--short">
          <label htmlFor={`${id}-tolerance`}>Near target band</label>
          <span id={`${id}-tolerance-hint`} className="hint">
            How far short of the target still counts as near target:{' '}
            {draft.unit === 'count' ? 'a number' : 'percentage points'}. 0 for none.
          </span>
          <input
            id={`${id}-tolerance`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={draft.tolerance}
            aria-describedby={hintAnd(`${id}-tolerance-hint`)}
            onChange={(e) => set('tolerance', e.target.value)}
          />
        </div>
        <fieldset className="fieldset">
          <legend>Benchmarks</legend>
          <span id={`${id}-bench-hint`} className="hint">
            {figureHints[draft.unit]}, with the year it is for. Leave both empty where there is none.
          </span>
          {benchmarkKeys.map((key) => {
            const name = benchmarkNames[key];
            return (
              <div key={key} className="benchmark-row">
                <div className="field">
                  <label htmlFor={`${id}-bench-${key}`}>{name}</label>
                  <input
                    id={`${id}-bench-${key}`}
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    value={draft.benchmarks[key]}
                    aria-describedby={hintAnd(`${id}-bench-hint`)}
                    onChange={(e) => set('benchmarks', { ...draft.benchmarks, [key]: e.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-year-${key}`}>
                    Year<span className="visually-hidden"> of the {name.toLowerCase()} benchmark</span>
                  </label>
                  <input
                    id={`${id}-year-${key}`}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    value={draft.benchmarkYears[key]}
                    aria-describedby={describedBy}
                    onChange={(e) => set('benchmarkYears', { ...draft.benchmarkYears, [key]: e.target.value })}
                  />
                </div>
              </div>
            );
          })}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-source`}>Data source</label>
          <span id={`${id}-source-hint`} className="hint">
            Where the figure comes from, such as the case management system report.
          </span>
          <input
            id={`${id}-source`}
            type="text"
            autoComplete="off"
            value={draft.data_source}
            aria-describedby={hintAnd(`${id}-source-hint`)}
            onChange={(e) => set('data_source', e.target.value)}
          />
        </div>
        {after}
      </div>
    </>
  );
}
