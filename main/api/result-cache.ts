/**
 * Results worked out from the open database, kept while it is unchanged. A clinic comparison
 * reads every monthly measure's history for SPC; the window asks for the same one again when a
 * clinic opens (its view includes it) and when the person goes back to a period.
 *
 * Invalidation knows nothing about which tables a result reads: any change to the database at
 * all (ClinicDatabase.dataVersion: every commit, transaction, import, undo, replayed journal,
 * export) and every other database (a file opened or reloaded) empties the cache. Results are
 * frozen, because every caller gets the same object.
 */
import type { ClinicDatabase } from '../store/database';

/** How many results are kept for one version of the data (each clinic's period, say). */
const KEEP = 8;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class ResultCache<T> {
  private db: ClinicDatabase | null = null;
  private version = '';
  private readonly results = new Map<string, T>();

  get(db: ClinicDatabase, key: string, compute: () => T): T {
    const version = db.dataVersion;
    if (db !== this.db || version !== this.version) {
      this.results.clear();
      this.db = db;
      this.version = version;
    }
    const known = this.results.get(key);
    if (known !== undefined) return known;
    const result = deepFreeze(compute());
    // Working it out only read; had it written, the version would no longer match and nothing is kept.
    if (db.dataVersion !== version) return result;
    if (this.results.size >= KEEP) this.results.delete(this.results.keys().next().value as string);
    this.results.set(key, result);
    return result;
  }

  clear(): void {
    this.results.clear();
    this.db = null;
  }
}
