/**
 * Every table whose rows merge between copies of a clinic file, in the order a merge applies
 * them: schema 7's list (with measures as schema 12 left it), then each later schema's additions. Each list is frozen in its migration.
 */
import { REPLICATED as AT_7, type ReplicatedTable } from './migrations/007-changes';
import { REPLICATED_008 } from './migrations/008-caveats';
import { REPLICATED_009 } from './migrations/009-scrutiny';
import { REPLICATED_010 } from './migrations/010-dfe-benchmarks';
import { REPLICATED_011 } from './migrations/011-file-settings';
import { MEASURES_012 } from './migrations/012-rate-unit';

export type { ReplicatedTable };

export const REPLICATED_TABLES: readonly ReplicatedTable[] = [
  // Schema 12 added a column to measures: its entry replaces schema 7's, in the same place.
  ...AT_7.map((t) => (t.table === MEASURES_012.table ? MEASURES_012 : t)),
  ...REPLICATED_008,
  ...REPLICATED_009,
  ...REPLICATED_010,
  ...REPLICATED_011,
];
