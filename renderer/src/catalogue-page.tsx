/**
 * The Measures section: the measure catalogue grouped by service area, with one measure's
 * details, target history and retirement on demand, and a form to add a measure. Every change
 * tells the window, so the clinic shows new titles and targets.
 */
import { benchmarkYearText } from '../../main/domain/format';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CatalogueMeasure } from '../../main/domain/catalogue';
import { periodLabel } from '../../main/domain/period';
import type { ServiceArea } from '../../main/domain/types';
import { announce } from './announcer';
import './catalogue.css';
import { callClinic } from './clinic-api';
import { ErrorMessage } from './error-message';
import { Choice, Form, FormButtons, FormField, RefusalBox, TextField, type Refusal } from './form-field';
import { benchmarkKeys, benchmarkNames, formatValue } from './format';
import { LockIcon, PlusIcon } from './icons';
import { frequencyLabels, polarityHints, targetLabel, unitLabels } from './labels';
import { DfeBenchmarksPage } from './dfe-benchmarks-page';
import { MeasureEditor, MeasureState } from './measure-editor';
import { MeasureFieldset, emptyDraft, fieldsOf, figureHints, readFigure, type FieldsDraft } from './measure-fields';

type Loaded =
  { state: 'loading' } | { state: 'ready'; measures: CatalogueMeasure[] } | { state: 'failed'; error: string };
/** Where focus goes on coming back to the list: the measure just left, or the button that opened the form. */
type ListFocus = { measure: string } | 'add' | 'dfe' | null;
type View = { kind: 'list'; focus: ListFocus } | { kind: 'measure'; key: string } | { kind: 'add' } | { kind: 'dfe' };

export interface CataloguePageProps {
  readOnly: boolean;
  /** A measure was changed, added, retired or reinstated: the clinic behind should reload. */
  onChanged: () => void;
}

export function CataloguePage({ readOnly, onChanged }: CataloguePageProps): ReactNode {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [areas, setAreas] = useState<ServiceArea[]>([]);
  const [view, setView] = useState<View>({ kind: 'list', focus: null });
  const [showRetired, setShowRetired] = useState(false);

  useEffect(() => {
    let current = true;
    void Promise.all([callClinic('listCatalogue', { includeRetired: true }), callClinic('listAreas', {})]).then(
      ([measures, areaList]) => {
        if (!current) return;
        if (!measures.ok) return setLoaded({ state: 'failed', error: measures.error });
        if (!areaList.ok) return setLoaded({ state: 'failed', error: areaList.error });
        setAreas(areaList.value);
        setLoaded({ state: 'ready', measures: measures.value });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  /** Puts the measure the API answered with in place of the one shown (or adds it). */
  const replace = useCallback(
    (next: CatalogueMeasure) => {
      setLoaded((l) => {
        if (l.state !== 'ready') return l;
        const known = l.measures.some((m) => m.key === next.key);
        return {
          state: 'ready',
          measures: known ? l.measures.map((m) => (m.key === next.key ? next : m)) : [...l.measures, next],
        };
      });
      onChanged();
    },
    [onChanged],
  );

  if (loaded.state === 'failed') return <ErrorMessage title="The measures could not be shown" message={loaded.error} />;
  if (loaded.state === 'loading')
    return (
      <p className="loading" role="status">
        Loading the measures…
      </p>
    );

  const readOnlyNote = readOnly && (
    <p className="read-only-message">
      <LockIcon />
      This file is open read-only, so its measures can be looked at but not changed.
    </p>
  );

  if (view.kind === 'measure') {
    const measure = loaded.measures.find((m) => m.key === view.key);
    if (measure)
      return (
        <>
          {readOnlyNote}
          <MeasureEditor
            measure={measure}
            areas={areas}
            readOnly={readOnly}
            onChanged={replace}
            onBack={() => {
              // A measure just retired must still be there to come back to.
              if (measure.retired_at !== null) setShowRetired(true);
              setView({ kind: 'list', focus: { measure: measure.key } });
            }}
          />
        </>
      );
  }

  if (view.kind === 'dfe')
    return (
      <DfeBenchmarksPage
        readOnly={readOnly}
        onChanged={onChanged}
        onBack={() => setView({ kind: 'list', focus: 'dfe' })}
      />
    );

  if (view.kind === 'add')
    return (
      <AddMeasureForm
        areas={areas}
        onCancel={() => setView({ kind: 'list', focus: 'add' })}
        onAdded={(measure) => {
          replace(measure);
          setView({ kind: 'measure', key: measure.key });
        }}
      />
    );

  return (
    <CatalogueList
      measures={loaded.measures}
      areas={areas}
      readOnly={readOnly}
      readOnlyNote={readOnlyNote}
      showRetired={showRetired}
      onShowRetired={setShowRetired}
      focus={view.kind === 'list' ? view.focus : null}
      onOpen={(key) => setView({ kind: 'measure', key })}
      onAdd={() => setView({ kind: 'add' })}
      onLoadDfe={() => setView({ kind: 'dfe' })}
    />
  );
}

/** "80% or more since October 2023", or "No target". */
function currentTarget(m: CatalogueMeasure): { text: string; since: string | null } {
  const latest = m.targets.at(-1);
  if (!latest) return { text: 'No target', since: null };
  return {
    text: latest.target === null ? 'No target' : targetLabel(latest.target, m.unit, m.polarity),
    since: `since ${periodLabel(latest.applies_from)}`,
  };
}

function Benchmarks({ measure }: { measure: CatalogueMeasure }): ReactNode {
  const known = benchmarkKeys.filter((k) => measure.benchmarks[k] !== null);
  if (known.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="plain-list">
      {known.map((k) => {
        const year = measure.benchmark_years[k];
        return (
          <li key={k}>
            {benchmarkNames[k]} {formatValue(measure.benchmarks[k] ?? 0, measure.unit)}
            {year !== null && <span className="muted"> ({benchmarkYearText(year)})</span>}
          </li>
        );
      })}
    </ul>
  );
}

function CatalogueList({
  measures,
  areas,
  readOnly,
  readOnlyNote,
  showRetired,
  onShowRetired,
  focus,
  onOpen,
  onAdd,
  onLoadDfe,
}: {
  measures: CatalogueMeasure[];
  areas: ServiceArea[];
  readOnly: boolean;
  readOnlyNote: ReactNode;
  showRetired: boolean;
  onShowRetired: (show: boolean) => void;
  focus: ListFocus;
  onOpen: (key: string) => void;
  onAdd: () => void;
  onLoadDfe: () => void;
}): ReactNode {
  const id = useId();
  const inUse = measures.filter((m) => m.retired_at === null).length;
  const retired = measures.length - inUse;
  const shown = showRetired ? measures : measures.filter((m) => m.retired_at === null);
  const groups = areas
    .map((area) => ({ area, rows: shown.filter((m) => m.area === area.key) }))
    .filter((g) => g.rows.length > 0);

  const addButton = useRef<HTMLButtonElement>(null);
  const dfeButton = useRef<HTMLButtonElement>(null);

  // Back from a measure or the add form: to where the person left, so a keyboard user keeps their place.
  useEffect(() => {
    if (focus === 'add') addButton.current?.focus();
    else if (focus === 'dfe') dfeButton.current?.focus();
    else if (focus !== null)
      document.querySelector<HTMLButtonElement>(`button[data-catalogue-key="${CSS.escape(focus.measure)}"]`)?.focus();
  }, [focus]);

  return (
    <section aria-labelledby={`${id}-heading`}>
      <div className="page-heading-row">
        <h2 id={`${id}-heading`} className="page-heading">
          Measures
        </h2>
        <div className="button-row">
          <button ref={dfeButton} type="button" className="button button--secondary" onClick={onLoadDfe}>
            Benchmarks: load DfE statistics…
          </button>
          {!readOnly && (
            <button ref={addButton} type="button" className="button button--secondary" onClick={onAdd}>
              <PlusIcon />
              Add a measure
            </button>
          )}
        </div>
      </div>
      <p className="lede">
        What each measure means, how it is judged, its target and benchmarks. Choose a measure to change it. A target
        changed from a month leaves earlier months judged against the target they had.
      </p>
      {readOnlyNote}
      <form className="filters" aria-label="Filter measures" onSubmit={(e) => e.preventDefault()}>
        <Choice
          type="checkbox"
          id={`${id}-retired`}
          label="Show retired measures"
          checked={showRetired}
          onChange={(e) => onShowRetired(e.target.checked)}
        />
        <p className="result-count result-count--catalogue" role="status">
          {inUse === 1 ? '1 measure in use' : `${inUse} measures in use`}
          {retired > 0 && `, ${retired} retired${showRetired ? '' : ' (hidden)'}`}
        </p>
      </form>
      <div className="table-scroll">
        <table className="clinic-table catalogue-table">
          <caption className="visually-hidden">
            Measures grouped by service area{showRetired ? ', retired ones included' : ''}. Choose a measure to change
            it.
          </caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Unit</th>
              <th scope="col">Which is better</th>
              <th scope="col">How often</th>
              <th scope="col">Current target</th>
              <th scope="col">Benchmarks</th>
              <th scope="col">In use</th>
            </tr>
          </thead>
          {groups.map(({ area, rows }) => (
            <tbody key={area.key}>
              <tr className="area-row">
                <th scope="rowgroup" colSpan={7}>
                  {area.title}
                  <span className="area-row__count">{rows.length === 1 ? '1 measure' : `${rows.length} measures`}</span>
                </th>
              </tr>
              {rows.map((m) => {
                const target = currentTarget(m);
                return (
                  <tr key={m.key} className={m.retired_at ? 'catalogue-row--retired' : undefined}>
                    <th scope="row" className="catalogue-cell">
                      <button
                        type="button"
                        className="measure-link"
                        data-catalogue-key={m.key}
                        onClick={() => onOpen(m.key)}
                      >
                        {m.title}
                      </button>
                    </th>
                    <td>{unitLabels[m.unit]}</td>
                    <td className="nowrap">{polarityHints[m.polarity]}</td>
                    <td>{frequencyLabels[m.frequency]}</td>
                    <td>
                      {target.text}
                      {target.since && <span className="cell-sub">{target.since}</span>}
                    </td>
                    <td>
                      <Benchmarks measure={m} />
                    </td>
                    <td>
                      <MeasureState measure={m} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

function AddMeasureForm({
  areas,
  onAdded,
  onCancel,
}: {
  areas: ServiceArea[];
  onAdded: (measure: CatalogueMeasure) => void;
  onCancel: () => void;
}): ReactNode {
  const id = useId();
  const [key, setKey] = useState('');
  const [draft, setDraft] = useState<FieldsDraft>(() => emptyDraft(areas[0]?.key ?? ''));
  const [target, setTarget] = useState('');
  const [month, setMonth] = useState('');
  const [error, setError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const describedBy = error ? `${id}-error` : undefined;

  useEffect(() => heading.current?.focus(), []);

  const refuse = (message: string) => setError({ message });

  const submit = async () => {
    const parsed = fieldsOf(draft);
    if ('error' in parsed) return refuse(parsed.error);
    const figure = readFigure(target);
    if (figure === 'not a number')
      return refuse(`The first target must be a number: ${figureHints[draft.unit].toLowerCase()}.`);
    if (figure !== null && month === '') return refuse('Choose the month the first target applies from.');
    if (figure === null && month !== '')
      return refuse('Give the first target, or clear its month to add the measure without a target.');
    setBusy(true);
    const result = await callClinic('addMeasure', {
      key,
      fields: parsed.fields,
      ...(figure !== null ? { target: { target: figure, appliesFrom: month } } : {}),
    });
    setBusy(false);
    if (!result.ok) return refuse(result.error);
    announce(`${result.value.title} added. Saved.`);
    onAdded(result.value);
  };

  return (
    <section className="new-clinic" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="page-heading">
        Add a measure
      </h2>
      <p className="lede">
        A new measure appears in new clinics from now on. Its figures come from an import, by its key or its title.
      </p>
      <RefusalBox id={`${id}-error`} title="The measure was not added" level={3} refusal={error} />
      <Form className="form form--measure" aria-labelledby={`${id}-heading`} onSubmit={submit}>
        <div className="measure-grid">
          <MeasureFieldset
            draft={draft}
            areas={areas}
            describedBy={describedBy}
            onChange={setDraft}
            before={
              <TextField
                id={`${id}-key`}
                label="Key"
                hint="Lower-case letters, digits and underscores, such as visits_cin. It links the measure to its figures and cannot be changed later."
                describedBy={describedBy}
                spellCheck={false}
                value={key}
                onChange={(e) => setKey(e.target.value)}
              />
            }
            after={
              <fieldset className="fieldset">
                <legend>First target (optional)</legend>
                <div className="target-form__row">
                  <TextField
                    id={`${id}-target`}
                    label="Target"
                    hint={figureHints[draft.unit]}
                    describedBy={describedBy}
                    inputMode="decimal"
                    value={target}
                    onChange={(e) => setTarget(e.target.value)}
                  />
                  <FormField
                    id={`${id}-month`}
                    label="Applies from"
                    hint="The first month judged against it"
                    describedBy={describedBy}
                  >
                    {(control) => (
                      <input
                        {...control}
                        type="month"
                        lang="en-GB"
                        value={month}
                        onChange={(e) => setMonth(e.target.value)}
                      />
                    )}
                  </FormField>
                </div>
              </fieldset>
            }
          />
        </div>
        <FormButtons submit="Add measure" busy={busy} onCancel={onCancel} />
      </Form>
    </section>
  );
}
