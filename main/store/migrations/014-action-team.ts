import type { ClinicDatabase } from '../database';
import { captureTriggers, REPLICATED, type ReplicatedTable } from './007-changes';

const ACTIONS_AT_7 = REPLICATED.find((t) => t.table === 'actions')!;

/**
 * Frozen at this schema, as 007's list is at 7. Actions gain a team, so their entry supersedes
 * schema 7's (same table, one more column): main/store/replicated.ts puts it in the old one's place.
 */
export const REPLICATED_014: readonly ReplicatedTable[] = [
  { ...ACTIONS_AT_7, columns: [...ACTIONS_AT_7.columns, 'team'] },
];

/**
 * Actions owned by a team (issue 17): a team manager sees the actions their team owns, and the
 * exception report counts a team's overdue actions. '' is no team. The team is one of the teams
 * in the file's figures when it is chosen, but is kept as typed: figures come and go, the record
 * of who owned an action does not. The capture triggers of actions are made again so that a
 * change of team is recorded and merged like every other field.
 */
export function migrate014(db: ClinicDatabase): void {
  db.exec(`ALTER TABLE actions ADD COLUMN team TEXT NOT NULL DEFAULT '' CHECK (length(team) <= 200);`);
  const drops = ['insert', 'delete', ...ACTIONS_AT_7.columns].map((c) => `DROP TRIGGER IF EXISTS actions_record_${c};`);
  db.exec(drops.join('\n'));
  for (const t of REPLICATED_014) db.exec(captureTriggers(t));
}
