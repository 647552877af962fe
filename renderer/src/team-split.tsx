/**
 * Where a figure comes from: each team's figure for the period, under the whole service's, when
 * the imported figures carry a team column. Shows nothing for a measure with no split.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { TeamFigure } from '../../main/domain/catalogue';
import { periodLabel } from '../../main/domain/period';
import type { Period, Unit } from '../../main/domain/types';
import { callClinic } from './clinic-api';
import { formatFraction, formatValue } from './format';

export function TeamSplit({ measureKey, period, unit }: { measureKey: string; period: Period; unit: Unit }): ReactNode {
  const [split, setSplit] = useState<{ period: Period; rows: TeamFigure[] } | { error: string } | null>(null);

  useEffect(() => {
    let current = true;
    void callClinic('getTeamSplit', { key: measureKey, period }).then((result) => {
      if (current) setSplit(result.ok ? { period, rows: result.value } : { error: result.error });
    });
    return () => {
      current = false;
    };
  }, [measureKey, period]);

  if (split === null) return null;
  if ('error' in split) return <p className="hint">The split by team could not be shown: {split.error}</p>;
  const teams = split.rows.filter((r) => r.team !== '');
  if (teams.length === 0) return null;
  const whole = split.rows.find((r) => r.team === '');
  const hasFractions = split.rows.some((r) => r.numerator !== null && r.denominator !== null);

  return (
    <table className="history-table team-split">
      <caption>By team, {periodLabel(split.period)}</caption>
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col" className="numeric">
            Figure
          </th>
          {hasFractions && (
            <th scope="col" className="numeric">
              Cases
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {whole && (
          <tr className="team-split__whole">
            <th scope="row">Whole service</th>
            <td className="numeric">{formatValue(whole.value, unit)}</td>
            {hasFractions && <td className="numeric">{formatFraction(whole.numerator, whole.denominator) ?? '—'}</td>}
          </tr>
        )}
        {teams.map((t) => (
          <tr key={t.team}>
            <th scope="row">{t.team}</th>
            <td className="numeric">{formatValue(t.value, unit)}</td>
            {hasFractions && <td className="numeric">{formatFraction(t.numerator, t.denominator) ?? '—'}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
