/**
 * Which DfE column each measure is benchmarked from: the mappings shipped with the app, and the
 * council's own, which can be added, changed (by mapping the measure again) and removed here.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { DfeMappingInUse } from '../../main/contract';
import type { CatalogueMeasure } from '../../main/domain/catalogue';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { Choice, Form, FormButtons, FormField, RefusalBox, TextField, type Refusal } from './form-field';

/** "category=Referrals and Re-referrals; care_leaver_age=19 to 21 years" as the filters it names. */
function readFilters(text: string): Record<string, string> | string {
  const filters: Record<string, string> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const at = part.indexOf('=');
    if (at <= 0) return `Write each filter as column=value, separated by semicolons ("${part.slice(0, 40)}" has no =).`;
    filters[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return filters;
}

export function DfeMappings({ readOnly }: { readOnly: boolean }): ReactNode {
  const id = useId();
  const [mappings, setMappings] = useState<DfeMappingInUse[] | null>(null);
  const [measures, setMeasures] = useState<CatalogueMeasure[]>([]);
  const [measure, setMeasure] = useState('');
  const [column, setColumn] = useState('');
  const [filters, setFilters] = useState('');
  const [nearest, setNearest] = useState(false);
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([callClinic('listDfeMappings', {}), callClinic('listCatalogue', {})]).then(([m, c]) => {
      if (m.ok) setMappings(m.value);
      else setRefusal({ message: m.error });
      if (c.ok) {
        setMeasures(c.value);
        setMeasure((current) => current || (c.value[0]?.key ?? ''));
      }
    });
  }, []);

  const title = (key: string) => measures.find((m) => m.key === key)?.title ?? key;

  const submit = async () => {
    const parsed = readFilters(filters);
    if (typeof parsed === 'string') return setRefusal({ message: parsed });
    setBusy(true);
    const r = await callClinic('setDfeMapping', {
      measure,
      column,
      filters: parsed,
      match: nearest ? 'nearest' : 'exact',
      note,
    });
    setBusy(false);
    if (!r.ok) return setRefusal({ message: r.error });
    setRefusal(null);
    setMappings(r.value);
    announce(`${title(measure)} is now benchmarked from ${column}. Load the DfE file again to bring its figures in.`);
  };

  const remove = async (key: string) => {
    const r = await callClinic('removeDfeMapping', { measure: key });
    if (!r.ok) return setRefusal({ message: r.error });
    setMappings(r.value);
    announce(`The council’s own mapping of ${title(key)} is removed.`);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="dfe-page__part">
      <h3 id={`${id}-heading`}>Which DfE column each measure comes from</h3>
      {mappings && (
        <div className="table-scroll">
          <table className="clinic-table">
            <caption className="visually-hidden">DfE columns mapped to measures</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">DfE column</th>
                <th scope="col">Match</th>
                <th scope="col">Mapped by</th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => (
                <tr key={m.measure}>
                  <th scope="row">{title(m.measure)}</th>
                  <td>
                    <code>{m.column}</code>
                    {Object.entries(m.filters).map(([c, v]) => (
                      <span key={c} className="cell-sub">
                        where {c} is “{v}”
                      </span>
                    ))}
                  </td>
                  <td>
                    {m.match === 'exact' ? 'Exact' : 'Nearest'}
                    {m.match === 'nearest' && <span className="cell-sub">{m.note}</span>}
                  </td>
                  <td>
                    {m.origin === 'council' ? 'Your council' : 'The app'}
                    {m.origin === 'council' && !readOnly && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => void remove(m.measure)}
                      >
                        Remove<span className="visually-hidden"> the mapping of {title(m.measure)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <Form onSubmit={submit} aria-labelledby={`${id}-add`}>
          <h4 id={`${id}-add`}>Map a DfE column to one of your measures</h4>
          <RefusalBox id={`${id}-refusal`} title="The mapping was not kept" level={4} refusal={refusal} />
          <FormField id={`${id}-measure`} label="Measure">
            {(control) => (
              <select {...control} value={measure} onChange={(e) => setMeasure(e.target.value)}>
                {measures.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.title}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <TextField
            id={`${id}-column`}
            label="DfE column"
            hint="As it is written in the file's first row, such as rereferral_percent."
            value={column}
            onChange={(e) => setColumn(e.target.value)}
          />
          <TextField
            id={`${id}-filters`}
            label="Only the rows where (optional)"
            hint="column=value, separated by semicolons, such as care_leaver_age=19 to 21 years"
            value={filters}
            onChange={(e) => setFilters(e.target.value)}
          />
          <Choice
            type="checkbox"
            id={`${id}-nearest`}
            label="DfE’s figure is only the nearest to this measure"
            checked={nearest}
            onChange={(e) => setNearest(e.target.checked)}
          />
          {nearest && (
            <TextField
              id={`${id}-note`}
              label="How DfE’s figure differs"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
          <FormButtons submit="Keep this mapping" busy={busy} />
        </Form>
      )}
    </section>
  );
}
