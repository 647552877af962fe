/**
 * Every table whose rows merge between copies of a clinic file, in the order a merge applies
 * them: schema 7's list, then each later schema's additions; an entry for a table already listed
 * (a table that gained a column) replaces the earlier one in its place. Each list is frozen in its migration.
 */
import { REPLICATED as AT_7, type ReplicatedTable } from './migrations/007-changes';
import { REPLICATED_008 } from './migrations/008-caveats';
import { REPLICATED_009 } from './migrations/009-scrutiny';
import { REPLICATED_010 } from './migrations/010-dfe-benchmarks';
import { REPLICATED_011 } from './migrations/011-file-settings';
import { REPLICATED_ACTION_TEAM } from './migrations/014-action-team';

export type { ReplicatedTable };

/** A later schema's entry for a table already listed takes the old entry's place (and so its order). */
function superseding(
  earlier: readonly ReplicatedTable[],
  later: readonly ReplicatedTable[],
): readonly ReplicatedTable[] {
  const newer = new Map(later.map((t) => [t.table, t]));
  const seen = new Set(earlier.map((t) => t.table));
  return [...earlier.map((t) => newer.get(t.table) ?? t), ...later.filter((t) => !seen.has(t.table))];
}

export const REPLICATED_TABLES: readonly ReplicatedTable[] = superseding(
  [...AT_7, ...REPLICATED_008, ...REPLICATED_009, ...REPLICATED_010, ...REPLICATED_011],
  REPLICATED_ACTION_TEAM,
);
