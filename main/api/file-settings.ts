/**
 * Settings kept in the clinic file for everyone who opens it (issue 17): recorded as changes, so
 * they merge between copies, and in the audit trail.
 */
import { checkFileSetting, fileSettingsFrom, type FileSettings } from '../domain/file-settings';
import { UserError } from '../errors';
import type { ClinicFile } from '../store/clinic-file';
import { fileSettingRows, putFileSetting } from '../store/file-settings';
import { writeAudit } from '../store/meetings';
import type { Actor } from './meetings';

export class FileSettingsApi {
  constructor(
    private readonly file: () => ClinicFile,
    private readonly actor: Actor,
  ) {}

  get(): FileSettings {
    return fileSettingsFrom(fileSettingRows(this.file().db));
  }

  /** Changes the settings given, all or none; the others keep their values. */
  set(changes: Partial<FileSettings>): FileSettings {
    const before = this.get();
    const checked: Partial<Record<keyof FileSettings, unknown>> = {};
    for (const [key, value] of Object.entries(changes) as [keyof FileSettings, unknown][]) {
      if (value === undefined) continue;
      const result = checkFileSetting(key, value);
      if (!result.ok) throw new UserError(result.message);
      checked[key] = result.value;
    }
    const keys = (Object.keys(checked) as (keyof FileSettings)[]).filter(
      (key) => JSON.stringify(checked[key]) !== JSON.stringify(before[key]),
    );
    if (keys.length === 0) return before;
    const file = this.file();
    const at = this.actor.now().toISOString();
    file.commit(() => {
      for (const key of keys) {
        putFileSetting(file.db, key, checked[key], at, this.actor.who);
        writeAudit(file.db, {
          at,
          who: this.actor.who,
          entity: 'file_setting',
          entity_id: key,
          action: 'changed',
          before: JSON.stringify(before[key]),
          after: JSON.stringify(checked[key]),
          measure: null,
        });
      }
    });
    return this.get();
  }
}
