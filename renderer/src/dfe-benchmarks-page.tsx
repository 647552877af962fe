/**
 * Measures > Benchmarks > Load DfE statistics: the council's LA code, the files chosen with the
 * app's open dialog, a preview of every measure and year that would change (old → new), then
 * load or cancel; undo of the last load; and whether clinics show the neighbours' mean or median.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { DfeLoadResult, DfeStatus } from '../../main/contract';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { Choice, Form, FormButtons, RefusalBox, TextField, type Refusal } from './form-field';
import { DfeMappings } from './dfe-mappings';
import { WarningIcon } from './icons';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function statusWords(status: 'new' | 'changed' | 'unchanged'): string {
  return status === 'new' ? 'New' : status === 'changed' ? 'Changed' : 'Unchanged';
}

function Preview({ result }: { result: DfeLoadResult }): ReactNode {
  const changed = result.changes.filter((c) => c.status !== 'unchanged');
  return (
    <>
      <p role="status">
        {result.dryRun ? 'Nothing has been loaded yet. ' : ''}
        {result.la.name} ({result.la.code}): {plural(changed.length, 'benchmark year')}{' '}
        {result.dryRun ? 'would change' : 'loaded'}, {plural(result.changes.length - changed.length, 'year')} unchanged.
      </p>
      <ul className="plain-list">
        {result.files.map((f) => (
          <li key={f.name}>
            <strong>{f.name}</strong>:{' '}
            {f.kind === 'neighbour model'
              ? 'statistical neighbour model'
              : f.measures.length > 0
                ? `figures for ${plural(f.measures.length, 'measure')}`
                : 'nothing the app maps to a measure'}
          </li>
        ))}
      </ul>
      {result.noNeighbourModel && (
        <p className="read-only-message">
          <WarningIcon />
          No statistical neighbour model was chosen, so no neighbours, mean, median or rank can be worked out.
        </p>
      )}
      {result.problems.length > 0 && (
        <>
          <h4>Problems ({result.problems.length})</h4>
          <ul>
            {result.problems.map((p, i) => (
              <li key={i}>
                {p.file}
                {p.row === null ? '' : `, row ${p.row}`}: {p.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.notInCatalogue.length > 0 && (
        <>
          <h4>In the files but not in your measures</h4>
          <ul>
            {result.notInCatalogue.map((n) => (
              <li key={`${n.measure} ${n.source}`}>
                {n.title} ({n.column} in {n.source}): add a measure with the key <code>{n.measure}</code> to load it.
              </li>
            ))}
          </ul>
        </>
      )}
      {result.changes.length > 0 && (
        <div className="table-scroll">
          <table className="clinic-table">
            <caption className="visually-hidden">What loading would change, by measure and year</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Year</th>
                <th scope="col">Change</th>
                <th scope="col">Figures (before → after)</th>
              </tr>
            </thead>
            <tbody>
              {result.changes.map((c) => (
                <tr key={`${c.measure} ${c.year}`}>
                  <th scope="row">
                    {c.title}
                    {c.match === 'nearest' && <span className="cell-sub">Nearest DfE measure: {c.note}</span>}
                  </th>
                  <td className="nowrap">{c.year}</td>
                  <td>{statusWords(c.status)}</td>
                  <td>
                    <ul className="plain-list">
                      {c.lines.map((l) => (
                        <li key={l.what}>
                          {l.what}: {l.before !== null && l.before !== l.after ? `${l.before} → ` : ''}
                          {l.after}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function DfeBenchmarksPage({
  readOnly,
  onBack,
  onChanged,
}: {
  readOnly: boolean;
  onBack: () => void;
  onChanged: () => void;
}): ReactNode {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<DfeStatus | null>(null);
  const [la, setLa] = useState('');
  const [preview, setPreview] = useState<DfeLoadResult | null>(null);
  const [loaded, setLoaded] = useState<DfeLoadResult | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [summaryError, setSummaryError] = useState<string | null>(null);

  useEffect(() => {
    heading.current?.focus();
    void callClinic('getDfeStatus', {}).then((r) => {
      if (!r.ok) return setRefusal({ message: r.error });
      setStatus(r.value);
      if (r.value.la) setLa(r.value.la);
    });
  }, []);

  const refreshStatus = async () => {
    const r = await callClinic('getDfeStatus', {});
    if (r.ok) setStatus(r.value);
  };

  const choose = async () => {
    setBusy(true);
    setRefusal(null);
    const r = await callClinic('chooseDfeFiles', { la });
    setBusy(false);
    if (!r.ok) return setRefusal({ message: r.error });
    if (r.value === null) return;
    setLoaded(null);
    setPreview(r.value);
    announce('The files have been checked. Nothing has been loaded yet.');
  };

  const confirm = async () => {
    setBusy(true);
    const r = await callClinic('confirmDfeLoad', {});
    setBusy(false);
    if (!r.ok) return setRefusal({ message: r.error });
    setPreview(null);
    setLoaded(r.value);
    announce(
      `Benchmarks loaded: ${plural(r.value.changes.filter((c) => c.status !== 'unchanged').length, 'benchmark year')}.`,
    );
    onChanged();
    await refreshStatus();
  };

  const cancel = async () => {
    await callClinic('cancelDfeLoad', {});
    setPreview(null);
    announce('Nothing has been loaded.');
  };

  const undo = async () => {
    setBusy(true);
    const r = await callClinic('undoDfeLoad', {});
    setBusy(false);
    if (!r.ok) return setRefusal({ message: r.error });
    setLoaded(null);
    announce(
      `The last load is undone: ${plural(r.value.restored, 'benchmark year')} put back, ${r.value.removed} removed.`,
    );
    onChanged();
    await refreshStatus();
  };

  const setSummary = async (summary: 'mean' | 'median') => {
    // The choice shows at once; the app's answer confirms it, or puts the old one back with the
    // reason beside the choice (the page's refusal box is about loading files, and takes focus).
    if (!status) return;
    const before = status.summary;
    setStatus((s) => (s ? { ...s, summary } : s));
    setSummaryError(null);
    const r = await callClinic('setNeighbourSummary', { summary });
    if (!r.ok) {
      setStatus((s) => (s ? { ...s, summary: before } : s));
      return setSummaryError(`Not changed: clinics still show the statistical neighbours’ ${before}. ${r.error}`);
    }
    setStatus(r.value);
    announce(`Clinics now show the statistical neighbours’ ${summary}.`);
    onChanged();
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="dfe-page">
      <div className="page-heading-row">
        <h2 id={`${id}-heading`} ref={heading} tabIndex={-1} className="page-heading">
          Benchmarks from DfE’s statistics
        </h2>
        <button type="button" className="button button--secondary" onClick={onBack}>
          Back to the measures
        </button>
      </div>
      <p className="lede">
        Download the children’s social care CSV files from explore-education-statistics.service.gov.uk (Children in
        need, Children looked after) and DfE’s statistical neighbour model, then choose them here. Each benchmark is
        kept with its year; a clinic shows the latest year DfE had published by its month. Nothing is loaded until you
        confirm.
      </p>
      <RefusalBox id={`${id}-refusal`} title="The benchmarks were not loaded" level={3} refusal={refusal} />
      {readOnly ? (
        <p className="read-only-message">This file is open read-only, so benchmarks cannot be loaded into it.</p>
      ) : (
        <Form onSubmit={choose} aria-labelledby={`${id}-heading`}>
          <TextField
            id={`${id}-la`}
            label="Your council’s LA code"
            hint="The old three-digit code (Barnsley is 370) or the new nine-character one (E08000016)."
            value={la}
            onChange={(e) => setLa(e.target.value)}
            describedBy={refusal ? `${id}-refusal` : undefined}
            invalid={refusal !== null}
            className="field--short"
          />
          <FormButtons submit="Choose DfE files…" busy={busy} />
        </Form>
      )}
      {preview && (
        <section aria-labelledby={`${id}-preview`} className="dfe-page__part">
          <h3 id={`${id}-preview`}>What loading would change</h3>
          <Preview result={preview} />
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              disabled={busy || preview.changes.every((c) => c.status === 'unchanged')}
              onClick={() => void confirm()}
            >
              Load these benchmarks
            </button>
            <button type="button" className="button button--secondary" onClick={() => void cancel()}>
              Cancel
            </button>
          </div>
        </section>
      )}
      {loaded && (
        <section aria-labelledby={`${id}-loaded`} className="dfe-page__part">
          <h3 id={`${id}-loaded`}>Loaded</h3>
          <Preview result={loaded} />
        </section>
      )}
      {status && (
        <section aria-labelledby={`${id}-settings`} className="dfe-page__part">
          <h3 id={`${id}-settings`}>Statistical neighbours in the clinic</h3>
          <fieldset
            className="fieldset"
            disabled={readOnly}
            aria-describedby={summaryError ? `${id}-summary-error` : undefined}
          >
            <legend>Show the neighbours’</legend>
            {summaryError && (
              <p id={`${id}-summary-error`} className="field-error" role="alert">
                {summaryError}
              </p>
            )}
            <Choice
              type="radio"
              id={`${id}-mean`}
              name={`${id}-summary`}
              label="mean (as LAIT did)"
              checked={status.summary === 'mean'}
              onChange={() => void setSummary('mean')}
            />
            <Choice
              type="radio"
              id={`${id}-median`}
              name={`${id}-summary`}
              label="median (as DfE’s own dashboard does)"
              checked={status.summary === 'median'}
              onChange={() => void setSummary('median')}
            />
          </fieldset>
          {status.lastLoad && (
            <>
              <p>
                Last loaded by {status.lastLoad.loaded_by || 'someone unnamed'} on{' '}
                {new Date(status.lastLoad.loaded_at).toLocaleString('en-GB')}: {status.lastLoad.files.join(', ')}.
              </p>
              {!readOnly && (
                <button type="button" className="button button--secondary" disabled={busy} onClick={() => void undo()}>
                  Undo the last load
                </button>
              )}
            </>
          )}
        </section>
      )}
      <DfeMappings readOnly={readOnly} />
    </section>
  );
}
