/**
 * The monthly performance report for scrutiny (issue 15): choose the month, what it is compared
 * with, the measures and the marking; read the report as drafted from the figures; edit any
 * paragraph in place (kept for that month, never replaced by a new draft); write the fixed
 * sections once; save it as Word, PDF, a web page or Markdown. Flags are words with an icon,
 * never colour alone.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { CallArgs, FixedSection, KeptText, ReportParagraph, ScrutinyDocument } from '../../main/contract';
import { addMonths, periodLabel } from '../../main/domain/period';
import type { Period, ServiceArea } from '../../main/domain/types';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { ErrorMessage } from './error-message';
import { OutcomeMessage, type Outcome } from './export-controls';
import { TickIcon, WarningIcon } from './icons';
import { KeptTexts, reportWording, type Keep } from './kept-texts';
import './report.css';

const MARKINGS = ['', 'OFFICIAL', 'OFFICIAL-SENSITIVE', 'Not for publication'] as const;
const PARAGRAPH_MAX = 20_000;

type Scope = 'all' | 'areas' | 'measures';

export interface ReportPageProps {
  periods: Period[];
  areas: ServiceArea[];
  measures: Array<{ key: string; title: string; area: string }>;
  readOnly: boolean;
}

/** A report's kept texts are chosen among as shown: save keeps the text chosen, or gives the error in words. */
function keepShown(
  current: string,
  also: readonly KeptText[],
  save: (text: string, message: string) => Promise<string | null>,
): (keep: Keep) => Promise<string | null> {
  return async (keep) => {
    const kept = keep({ text: current, is: 'the text shown' }, also);
    return typeof kept === 'string' ? kept : save(kept.text, kept.message);
  };
}

function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
}

export function ReportPage({ periods, areas, measures, readOnly }: ReportPageProps): ReactNode {
  const id = useId();
  const [period, setPeriod] = useState<Period | null>(periods[0] ?? null);
  const [compare, setCompare] = useState<Period | null>(periods[0] ? addMonths(periods[0], -1) : null);
  const [scope, setScope] = useState<Scope>('all');
  const [chosenAreas, setChosenAreas] = useState<string[]>([]);
  const [chosenMeasures, setChosenMeasures] = useState<string[]>([]);
  const [marking, setMarking] = useState<string>('OFFICIAL');
  const [doc, setDoc] = useState<ScrutinyDocument | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choice = useCallback((): CallArgs<'getReportDocument'> => {
    const args: CallArgs<'getReportDocument'> = { marking };
    if (period) args.period = period;
    // A month before with no figures is left to the app's default, which drafts without it.
    if (compare && periods.includes(compare)) args.compare = compare;
    if (scope === 'areas') args.areas = chosenAreas;
    if (scope === 'measures') args.measures = chosenMeasures;
    return args;
  }, [period, compare, periods, scope, chosenAreas, chosenMeasures, marking]);

  // Bumped after a save, so the report is drafted again with the officer's words laid over it.
  const [version, setVersion] = useState(0);
  const load = useCallback(() => {
    setVersion((v) => v + 1);
    return Promise.resolve();
  }, []);

  useEffect(() => {
    let current = true;
    void callClinic('getReportDocument', choice()).then((result) => {
      if (!current) return;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setDoc(result.value);
    });
    return () => {
      current = false;
    };
  }, [choice, version]);

  if (periods.length === 0)
    return (
      <section aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className="page-heading">
          Performance report
        </h2>
        <p className="empty">This clinic file holds no figures yet. Import a month of figures first.</p>
      </section>
    );

  const earlier = periods.filter((p) => period !== null && p < period);
  const lastYear = period ? addMonths(period, -12) : null;

  return (
    <section className="report-page" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="page-heading">
        Performance report for scrutiny
      </h2>
      <p className="hint">
        Drafted from the figures by fixed rules. You are the author: edit any paragraph, and your words are kept for
        that month.
      </p>

      <form className="report-choices" aria-label="What the report covers" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-period`}>Month</label>
          <select
            id={`${id}-period`}
            value={period ?? ''}
            onChange={(e) => {
              setPeriod(e.target.value);
              setCompare(addMonths(e.target.value, -1));
            }}
          >
            {periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-compare`}>Compared with</label>
          <select id={`${id}-compare`} value={compare ?? ''} onChange={(e) => setCompare(e.target.value)}>
            {period && !earlier.includes(addMonths(period, -1)) && (
              <option value={addMonths(period, -1)}>The month before ({periodLabel(addMonths(period, -1))})</option>
            )}
            {earlier.map((p) => (
              <option key={p} value={p}>
                {p === addMonths(period ?? p, -1)
                  ? `The month before (${periodLabel(p)})`
                  : p === lastYear
                    ? `The same month last year (${periodLabel(p)})`
                    : periodLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-marking`}>Marking</label>
          <select id={`${id}-marking`} value={marking} onChange={(e) => setMarking(e.target.value)}>
            {MARKINGS.map((m) => (
              <option key={m} value={m}>
                {m === '' ? 'None' : m}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="report-scope">
          <legend>Measures</legend>
          {(
            [
              ['all', 'All measures'],
              ['areas', 'By service area'],
              ['measures', 'Picked one by one'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name={`${id}-scope`} checked={scope === value} onChange={() => setScope(value)} />{' '}
              {label}
            </label>
          ))}
          {scope === 'areas' && (
            <div className="report-scope__list" role="group" aria-label="Service areas">
              {areas.map((a) => (
                <label key={a.key} className="choice">
                  <input
                    type="checkbox"
                    checked={chosenAreas.includes(a.key)}
                    onChange={(e) =>
                      setChosenAreas((xs) => (e.target.checked ? [...xs, a.key] : xs.filter((x) => x !== a.key)))
                    }
                  />{' '}
                  {a.title}
                </label>
              ))}
            </div>
          )}
          {scope === 'measures' && (
            <div className="report-scope__list" role="group" aria-label="Measures">
              {measures.map((m) => (
                <label key={m.key} className="choice">
                  <input
                    type="checkbox"
                    checked={chosenMeasures.includes(m.key)}
                    onChange={(e) =>
                      setChosenMeasures((xs) => (e.target.checked ? [...xs, m.key] : xs.filter((x) => x !== m.key)))
                    }
                  />{' '}
                  {m.title}
                </label>
              ))}
            </div>
          )}
        </fieldset>
      </form>

      {error && <ErrorMessage title="The report could not be drafted" message={error} />}
      {doc && !error && (
        <>
          <ExportReport choice={choice} />
          <ReportSummary doc={doc} />
          <article className="report-document" aria-label={doc.title}>
            {doc.marking && <p className="report-marking">{doc.marking}</p>}
            <h3 className="report-title">{doc.title}</h3>
            <p>
              Data shown is for {periodLabel(doc.period)}, compared with {periodLabel(doc.compare)}.
            </p>
            {doc.before.map((s) => (
              <SectionEditor key={s.key} section={s} number={s.number} readOnly={readOnly} onSaved={load} />
            ))}
            <h3 className="report-section-heading">
              {doc.current.number} {doc.current.title}
            </h3>
            {doc.current.areas.map((area) => (
              <section key={area.key} aria-labelledby={`${id}-area-${area.key}`}>
                <h4 id={`${id}-area-${area.key}`} className="report-area">
                  {area.title}
                </h4>
                {area.paragraphs.map((p) => (
                  <ParagraphEditor
                    key={`${doc.period}-${p.item}`}
                    paragraph={p}
                    period={doc.period}
                    compare={doc.compare}
                    readOnly={readOnly}
                    onSaved={load}
                  />
                ))}
              </section>
            ))}
            {doc.after.map((s) => (
              <SectionEditor key={s.key} section={s} number={s.number} readOnly={readOnly} onSaved={load} />
            ))}
            {!readOnly && <AddSection onSaved={load} />}
          </article>
        </>
      )}
    </section>
  );
}

function ReportSummary({ doc }: { doc: ScrutinyDocument }): ReactNode {
  const all = doc.current.areas.flatMap((a) => a.paragraphs);
  const needs = all.filter((p) => p.needsPerson.length > 0).length;
  const changed = all.filter((p) => p.figuresChanged).length;
  const edited = all.filter((p) => p.edited).length;
  return (
    <p className="report-summary" role="status">
      {all.length} paragraphs: {edited} edited by you, {needs} {needs === 1 ? 'needs' : 'need'} a person, {changed} with
      figures changed since they were edited.
    </p>
  );
}

function Flags({ p }: { p: ReportParagraph }): ReactNode {
  if (p.needsPerson.length === 0 && !p.figuresChanged && !p.edited) return null;
  return (
    <ul className="report-flags">
      {p.needsPerson.map((reason) => (
        <li key={reason} className="report-flag report-flag--person">
          <WarningIcon /> <strong>Needs a person:</strong> {reason}
        </li>
      ))}
      {p.figuresChanged && (
        <li className="report-flag report-flag--changed">
          <WarningIcon /> <strong>{p.figuresChanged}</strong>
        </li>
      )}
      {p.edited && (
        <li className="report-flag report-flag--edited">
          <TickIcon /> Edited by {p.edited.by || 'someone with no display name'} on {when(p.edited.at)}
        </li>
      )}
    </ul>
  );
}

function ParagraphEditor({
  paragraph,
  period,
  compare,
  readOnly,
  onSaved,
}: {
  paragraph: ReportParagraph;
  period: Period;
  compare: Period;
  readOnly: boolean;
  onSaved: () => Promise<void>;
}): ReactNode {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(paragraph.text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = paragraph;
  const box = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  // Where focus goes when the box opens or closes: into the box, or back to the button that opened it.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) box.current?.focus();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const save = async () => {
    setBusy(true);
    const result = await callClinic('saveReportParagraph', { period, compare, item: p.item, text });
    setBusy(false);
    // Refused: the text stays in the box, so nothing typed is lost.
    if (!result.ok) return setError(result.error);
    setError(null);
    setEditing(false);
    announce(`Paragraph ${p.number} saved`);
    await onSaved();
  };

  const restore = async () => {
    setBusy(true);
    const result = await callClinic('restoreReportParagraph', { period, compare, item: p.item });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setEditing(false);
    setText(result.value.text);
    announce(`Paragraph ${p.number} is the drafted text again`);
    await onSaved();
  };

  return (
    <div className="report-paragraph" data-item={p.item}>
      <span className="report-paragraph__number" aria-hidden="true">
        {p.number}
      </span>
      <div className="report-paragraph__body">
        <span className="visually-hidden">Paragraph {p.number}: </span>
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label htmlFor={`${id}-text`} className="visually-hidden">
              Text of paragraph {p.number}
            </label>
            {error && (
              <p id={`${id}-error`} className="field-error" role="alert">
                {error}
              </p>
            )}
            <textarea
              ref={box}
              id={`${id}-text`}
              className="report-paragraph__text"
              rows={Math.min(16, Math.max(4, Math.ceil(text.length / 90)))}
              value={text}
              aria-describedby={`${id}-count${error ? ` ${id}-error` : ''}`}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setText(e.target.value)}
            />
            <p id={`${id}-count`} className="hint">
              {text.length.toLocaleString('en-GB')} of {PARAGRAPH_MAX.toLocaleString('en-GB')} characters
            </p>
            <div className="button-row">
              <button type="submit" className="button button--primary" disabled={busy}>
                Save paragraph {p.number}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setEditing(false);
                  setText(p.text);
                  setError(null);
                }}
              >
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <p className="report-paragraph__text" dir="auto">
            {p.text}
          </p>
        )}
        {p.table && (
          <table className="report-table">
            <caption className="visually-hidden">{p.table.caption}: both months</caption>
            <thead>
              <tr>
                <th scope="col">{p.table.caption}</th>
                <th scope="col">{p.table.previousHeading}</th>
                <th scope="col">{p.table.currentHeading}</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {p.table.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.title}</th>
                  <td>{r.previous}</td>
                  <td>{r.current}</td>
                  <td>{r.target}</td>
                  <td>{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Flags p={p} />
        {!editing && p.also.length > 0 && (
          <KeptTexts
            wording={reportWording(`paragraph ${p.number}`)}
            also={p.also}
            readOnly={readOnly}
            startText={() => p.text}
            onChoose={keepShown(p.text, p.also, async (chosen, message) => {
              const result = await callClinic('settleReportParagraph', {
                period,
                compare,
                item: p.item,
                text: chosen,
                textVersion: p.textVersion,
              });
              if (!result.ok) return result.error;
              setText(result.value.text);
              announce(message);
              await onSaved();
              return null;
            })}
          />
        )}
        {!readOnly && !editing && (
          <div className="button-row">
            <button
              ref={editButton}
              type="button"
              className="button button--secondary"
              onClick={() => {
                setText(p.text);
                setEditing(true);
              }}
            >
              Edit paragraph {p.number}
            </button>
            {p.edited && (
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void restore()}>
                Restore the draft of {p.number}
              </button>
            )}
          </div>
        )}
        {!editing && error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

function SectionEditor({
  section,
  number,
  readOnly,
  onSaved,
}: {
  section: FixedSection;
  number: number;
  readOnly: boolean;
  onSaved: () => Promise<void>;
}): ReactNode {
  const id = useId();
  const [title, setTitle] = useState(section.title);
  const [text, setText] = useState(section.text);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const fixed = ['purpose', 'background', 'future'].includes(section.key);

  const save = async () => {
    const result = await callClinic('saveReportSection', { key: section.key, title, text });
    if (!result.ok) return setError(result.error);
    setError(null);
    setStatus('Saved: kept for next month’s report too.');
    announce(`Section ${number} saved`);
    await onSaved();
  };
  const remove = async () => {
    const result = await callClinic('removeReportSection', { key: section.key });
    if (!result.ok) return setError(result.error);
    announce(`Section ${section.title} removed`);
    await onSaved();
  };

  return (
    <section className="report-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="report-section-heading">
        {number} {section.title}
      </h3>
      {(section.also ?? []).length > 0 && (
        <KeptTexts
          wording={reportWording(`section ${number} ${section.title}`)}
          also={section.also ?? []}
          readOnly={readOnly}
          startText={() => section.text}
          onChoose={keepShown(section.text, section.also ?? [], async (chosen, message) => {
            const result = await callClinic('settleReportSection', {
              key: section.key,
              text: chosen,
              textVersion: section.text_change ?? null,
            });
            if (!result.ok) return result.error;
            setText(result.value.find((x) => x.key === section.key)?.text ?? chosen);
            announce(message);
            await onSaved();
            return null;
          })}
        />
      )}
      {readOnly ? (
        <p className="report-paragraph__text">{section.text || 'Not written yet.'}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
          {!fixed && (
            <div className="field">
              <label htmlFor={`${id}-title`}>Title of section {number}</label>
              <input id={`${id}-title`} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-text`}>Text of section {number}</label>
            <span id={`${id}-hint`} className="hint">
              Written once and kept for next month. A blank line starts a new numbered paragraph.
            </span>
            <textarea
              id={`${id}-text`}
              rows={4}
              value={text}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              onChange={(e) => {
                setText(e.target.value);
                setStatus('');
              }}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--secondary">
              Save section {number}
            </button>
            {!fixed && (
              <button type="button" className="button button--secondary" onClick={() => void remove()}>
                Remove section {number}
              </button>
            )}
            <p className="save-status" role="status">
              {status}
            </p>
          </div>
        </form>
      )}
    </section>
  );
}

function AddSection({ onSaved }: { onSaved: () => Promise<void> }): ReactNode {
  const id = useId();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    const result = await callClinic('saveReportSection', { title, text: '' });
    if (!result.ok) return setError(result.error);
    setError(null);
    setTitle('');
    announce(`Section ${title} added`);
    await onSaved();
  };
  return (
    <form
      className="report-add-section"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-title`}>Add a closing section</label>
        <span id={`${id}-hint`} className="hint">
          For example Invited witnesses, Possible areas for investigation, Glossary, Officer contact.
        </span>
        <input
          id={`${id}-title`}
          type="text"
          value={title}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <button type="submit" className="button button--secondary">
        Add section
      </button>
    </form>
  );
}

function ExportReport({ choice }: { choice: () => CallArgs<'getReportDocument'> }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const save = async (format: CallArgs<'exportReportDocument'>['format']) => {
    setBusy(true);
    const result = await callClinic('exportReportDocument', { ...choice(), format });
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', message: result.error });
    if (result.value === null) return setOutcome(null);
    setOutcome({ kind: 'saved', path: result.value.path });
    announce(`Report saved to ${result.value.path}`);
  };
  return (
    <div className="report-export">
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void save('docx')}>
          Save as Word…
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save('pdf')}>
          Save as PDF…
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save('html')}>
          Save as web page…
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save('md')}>
          Save as Markdown…
        </button>
      </div>
      <OutcomeMessage outcome={outcome} what="Report" />
    </div>
  );
}
