/**
 * What a spreadsheet of figures may look like, in a person's words, and a template to fill in:
 * the measures in this file with a column for each of the last twelve months, saved where the
 * person chooses.
 */
import { useState, type ReactNode } from 'react';
import type { CallArgs } from '../../main/contract';
import { announce } from './announcer';
import { callClinic } from './clinic-api';
import { OutcomeMessage, type Outcome } from './export-controls';

export function FileLayouts(): ReactNode {
  return (
    <details className="disclosure import-help">
      <summary>What the spreadsheet can look like</summary>
      <div className="import-help__body">
        <p>
          An Excel workbook (.xlsx) or a CSV file, laid out in either of two ways. The first row of each sheet names the
          columns.
        </p>
        <h4 className="import-help__heading">One row per measure, a column per month</h4>
        <p>As a monthly performance sheet has it. An optional Team column splits a measure by team.</p>
        <table className="log-table import-example">
          <caption className="visually-hidden">Example: one row per measure, a column per month</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Oct 2023</th>
              <th scope="col">Nov 2023</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Contacts</td>
              <td>781</td>
              <td>812</td>
            </tr>
            <tr>
              <td>Decisions within 1 working day</td>
              <td>55%</td>
              <td>58%</td>
            </tr>
          </tbody>
        </table>
        <h4 className="import-help__heading">One row per figure</h4>
        <p>
          Columns for the measure, the period and the value; optionally a numerator and denominator (“10 of 35
          children”) and a team.
        </p>
        <table className="log-table import-example">
          <caption className="visually-hidden">Example: one row per figure</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Period</th>
              <th scope="col">Value</th>
              <th scope="col">Numerator</th>
              <th scope="col">Denominator</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>contacts</td>
              <td>2023-11</td>
              <td>812</td>
              <td></td>
              <td></td>
            </tr>
            <tr>
              <td>cp_repeat_plan_2y</td>
              <td>Nov-23</td>
              <td>25</td>
              <td>5</td>
              <td>20</td>
            </tr>
          </tbody>
        </table>
        <h4 className="import-help__heading">How things may be written</h4>
        <ul className="import-help__list">
          <li>
            <strong>Measures</strong> by their key (contacts) or their title as the clinic shows it (Contacts).
          </li>
          <li>
            <strong>Months</strong> as 2023-11, Nov-23, Nov 2023 or November 2023, or as a date in Excel.
          </li>
          <li>
            <strong>Percentages</strong> as 55, 55% or 0.55 in a cell Excel formats as a percentage: all mean 55%.
          </li>
          <li>
            <strong>Blank cells</strong> hold no figure and are left alone; they never remove a figure already in the
            file.
          </li>
        </ul>
      </div>
    </details>
  );
}

export function TemplateDownload(): ReactNode {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const save = async (format: CallArgs<'exportImportTemplate'>['format']) => {
    setBusy(true);
    const result = await callClinic('exportImportTemplate', { format });
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', message: result.error });
    if (result.value === null) return setOutcome(null);
    setOutcome({ kind: 'saved', path: result.value.path });
    announce(`Template saved to ${result.value.path}`);
  };

  return (
    <section className="import-section">
      <h4 id="import-template-heading" className="import-section__heading">
        Download a template
      </h4>
      <p className="hint">
        Every measure in this file, one row each, with a column for each of the last 12 months and the figures already
        in the file filled in. Add the new month, save it and import it.
      </p>
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save('xlsx')}>
          Excel template (.xlsx)…
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save('csv')}>
          CSV template…
        </button>
      </div>
      <OutcomeMessage outcome={outcome} what="Template" />
    </section>
  );
}
