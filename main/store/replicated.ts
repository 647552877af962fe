/**
 * Every table whose rows merge between copies of a clinic file, in the order a merge applies
 * them: schema 7's list, then each later schema's additions. Each list is frozen in its migration;
 * a later list that names a table again replaces the earlier entry, in its place.
 */
import { REPLICATED as AT_7, type ReplicatedTable } from './migrations/007-changes';
import { REPLICATED_008 } from './migrations/008-caveats';
import { REPLICATED_009 } from './migrations/009-scrutiny';
import { REPLICATED_010 } from './migrations/010-dfe-benchmarks';
import { REPLICATED_011 } from './migrations/011-file-settings';
import { KEPT_TEXT_TABLES_012, REPLICATED_012 } from './migrations/012-scrutiny-kept';
import { MEASURES_013 } from './migrations/013-rate-unit';
import { REPLICATED_014 } from './migrations/014-action-team';

export type { ReplicatedTable };

function laterWins(lists: ReadonlyArray<readonly ReplicatedTable[]>): ReplicatedTable[] {
  const out: ReplicatedTable[] = [];
  for (const list of lists)
    for (const t of list) {
      const at = out.findIndex((x) => x.table === t.table);
      if (at >= 0) out[at] = t;
      else out.push(t);
    }
  return out;
}

export const REPLICATED_TABLES: readonly ReplicatedTable[] = laterWins([
  AT_7,
  REPLICATED_008,
  REPLICATED_009,
  REPLICATED_010,
  REPLICATED_011,
  REPLICATED_012,
  // Schema 13 added a column to measures: its entry replaces schema 7's, in the same place.
  [MEASURES_013],
  // Schema 14 gave actions a team: its entry replaces schema 7's, in the same place.
  REPLICATED_014,
]);

/**
 * The tables whose `text` is recorded with the changes it was written over, so that a merge keeps
 * both of two texts written apart (a `text_change` and an `also` column beside the text).
 */
export const KEPT_TEXT_TABLES: ReadonlySet<string> = new Set(['notes', ...KEPT_TEXT_TABLES_012]);
