/**
 * Settings kept in the clinic file, shared by everyone who opens it (issue 17). Each has a default,
 * so a file that never set one reads the same as one that chose the default; a stored value this
 * version cannot read (written by a newer one, say) falls back to the default rather than failing.
 */

/** How worker-level figures appear: names cut to initials, or the worker level not shown at all. */
export type WorkerNames = 'initials' | 'hidden';

export interface FileSettings {
  /** The measures the headlines show, in order; null means the default choice (off target and special cause first). */
  headlineMeasures: string[] | null;
  /** Worker names are personal data: shown as initials, or the worker level hidden. */
  workerNames: WorkerNames;
  /** A file marked for publication never carries worker-level figures into what it exports. */
  forPublication: boolean;
}

export const DEFAULT_FILE_SETTINGS: FileSettings = {
  headlineMeasures: null,
  workerNames: 'initials',
  forPublication: false,
};

export type FileSettingKey = keyof FileSettings;

export const FILE_SETTING_KEYS = Object.keys(DEFAULT_FILE_SETTINGS) as FileSettingKey[];

/** The most measures the headlines may show: one screen of tiles, and a bound on what is stored. */
export const MAX_HEADLINES = 60;

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };
type Checker<K extends FileSettingKey> = (value: unknown) => Checked<FileSettings[K]>;

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const refuse = (message: string): Checked<never> => ({ ok: false, message });

const checkers: { [K in FileSettingKey]: Checker<K> } = {
  headlineMeasures: (value) => {
    if (value === null) return ok(null);
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '' || v.length > 200)) {
      return refuse('The headlines setting must be a list of measure keys.');
    }
    if (value.length > MAX_HEADLINES) return refuse(`The headlines can show at most ${MAX_HEADLINES} measures.`);
    return ok([...new Set(value as string[])]);
  },
  workerNames: (value) =>
    value === 'initials' || value === 'hidden'
      ? ok(value)
      : refuse('Worker names are shown as "initials" or "hidden".'),
  forPublication: (value) =>
    typeof value === 'boolean' ? ok(value) : refuse('Marked for publication is either true or false.'),
};

/** The value to store for `key`, or the reason it cannot be stored, in words for the person. */
export function checkFileSetting<K extends FileSettingKey>(key: K, value: unknown): Checked<FileSettings[K]> {
  return (checkers[key] as Checker<K>)(value);
}

/** Settings from stored rows (key → JSON text); unknown keys are ignored, unreadable values default. */
export function fileSettingsFrom(rows: ReadonlyArray<{ key: string; value: string }>): FileSettings {
  const settings: FileSettings = { ...DEFAULT_FILE_SETTINGS };
  for (const row of rows) {
    if (!(FILE_SETTING_KEYS as string[]).includes(row.key)) continue;
    const key = row.key as FileSettingKey;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.value);
    } catch {
      continue;
    }
    const checked = checkFileSetting(key, parsed);
    if (checked.ok) (settings as unknown as Record<string, unknown>)[key] = checked.value;
  }
  return settings;
}
