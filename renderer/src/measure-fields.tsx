/**
 * The fields of a measure as a person edits them, shared by "edit a measure" and "add a measure".
 * Figures are typed as text ("55", "55%", "1,730") and only turned into numbers on saving, so
 * nothing typed is lost when the app refuses it.
 */
import { useId, type ReactNode } from 'react';
import { FREQUENCIES, POLARITIES, UNITS, type MeasureFields } from '../../main/domain/catalogue';
import type { Benchmarks, Frequency, Polarity, ServiceArea, Unit } from '../../main/domain/types';
import { Choice, FormField, TextField, idRefs } from './form-field';
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
  rate_10k: 'A rate per 10,000 children, such as 52.3',
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

  return (
    <>
      <div className="form__column">
        {before}
        <TextField
          id={`${id}-title`}
          label="Title"
          hint="As it appears in the clinic and the minutes. No two measures in use may share a title."
          describedBy={describedBy}
          value={draft.title}
          onChange={(e) => set('title', e.target.value)}
        />
        <FormField
          id={`${id}-definition`}
          label="Definition"
          hint="What is counted, in plain English, as the measure panel shows it."
          describedBy={describedBy}
        >
          {(control) => (
            <textarea
              {...control}
              rows={4}
              value={draft.definition}
              onChange={(e) => set('definition', e.target.value)}
            />
          )}
        </FormField>
        <FormField id={`${id}-area`} label="Service area" describedBy={describedBy}>
          {(control) => (
            <select {...control} value={draft.area} onChange={(e) => set('area', e.target.value)}>
              {areas.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.title}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <fieldset className="fieldset">
          <legend>Unit</legend>
          {UNITS.map((u) => (
            <Choice
              key={u}
              type="radio"
              id={`${id}-unit-${u}`}
              name={`${id}-unit`}
              label={unitLabels[u]}
              checked={draft.unit === u}
              onChange={() => set('unit', u)}
            />
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Which is better</legend>
          {POLARITIES.map((p) => (
            <Choice
              key={p}
              type="radio"
              id={`${id}-polarity-${p}`}
              name={`${id}-polarity`}
              label={polarityChoices[p]}
              checked={draft.polarity === p}
              onChange={() => set('polarity', p)}
            />
          ))}
        </fieldset>
        <FormField id={`${id}-frequency`} label="How often it is reported">
          {({ id: frequencyId }) => (
            <select
              id={frequencyId}
              value={draft.frequency}
              onChange={(e) => set('frequency', e.target.value as Frequency)}
            >
              {FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {frequencyLabels[f]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>

      <div className="form__column">
        <TextField
          id={`${id}-numerator`}
          label="Numerator"
          hint="What is counted on top, such as “Children seen within 10 working days”. Leave empty if the figure is not a share."
          describedBy={describedBy}
          value={draft.numerator_label}
          onChange={(e) => set('numerator_label', e.target.value)}
        />
        <TextField
          id={`${id}-denominator`}
          label="Denominator"
          hint="What it is a share of, such as “Children on a plan”."
          describedBy={describedBy}
          value={draft.denominator_label}
          onChange={(e) => set('denominator_label', e.target.value)}
        />
        <TextField
          id={`${id}-tolerance`}
          label="Near target band"
          hint={
            <>
              How far short of the target still counts as near target:{' '}
              {draft.unit === 'count'
                ? 'a number'
                : draft.unit === 'rate_10k'
                  ? 'a rate per 10,000 children'
                  : 'percentage points'}
              . 0 for none.
            </>
          }
          describedBy={describedBy}
          className="field--short"
          inputMode="decimal"
          value={draft.tolerance}
          onChange={(e) => set('tolerance', e.target.value)}
        />
        <fieldset className="fieldset">
          <legend>Benchmarks</legend>
          <span id={`${id}-bench-hint`} className="hint">
            {figureHints[draft.unit]}, with the year its reporting year ends (2022 for DfE’s 2021-22). Leave both empty
            where there is none.
          </span>
          {benchmarkKeys.map((key) => {
            const name = benchmarkNames[key];
            return (
              <div key={key} className="benchmark-row">
                <TextField
                  id={`${id}-bench-${key}`}
                  label={name}
                  describedBy={idRefs(`${id}-bench-hint`, describedBy)}
                  inputMode="decimal"
                  value={draft.benchmarks[key]}
                  onChange={(e) => set('benchmarks', { ...draft.benchmarks, [key]: e.target.value })}
                />
                <TextField
                  id={`${id}-year-${key}`}
                  label={
                    <>
                      Year<span className="visually-hidden"> of the {name.toLowerCase()} benchmark</span>
                    </>
                  }
                  describedBy={describedBy}
                  inputMode="numeric"
                  value={draft.benchmarkYears[key]}
                  onChange={(e) => set('benchmarkYears', { ...draft.benchmarkYears, [key]: e.target.value })}
                />
              </div>
            );
          })}
        </fieldset>
        <TextField
          id={`${id}-source`}
          label="Data source"
          hint="Where the figure comes from, such as the case management system report."
          describedBy={describedBy}
          value={draft.data_source}
          onChange={(e) => set('data_source', e.target.value)}
        />
        {after}
      </div>
    </>
  );
}
