/** This person's preferences, kept in a small JSON file in their own profile (not in the clinic file). */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Preferences } from '../contract';
import { writeFileAtomic } from '../store/durable-file';

export function systemDisplayName(): string {
  try {
    return os.userInfo().username || 'Unknown user';
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'Unknown user';
  }
}

export function loadPreferences(file: string | undefined): Preferences {
  const fallback: Preferences = { displayName: systemDisplayName(), team: null };
  if (!file) return fallback;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const name = fields.displayName;
    // Files written before the team was kept have none: the whole service.
    const team = typeof fields.team === 'string' && fields.team.trim() !== '' ? fields.team.slice(0, 200) : null;
    return {
      displayName: typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 80) : fallback.displayName,
      team,
    };
  } catch {
    // Missing or unreadable preferences are not worth stopping for: the system name will do.
    return fallback;
  }
}

export function savePreferences(file: string | undefined, prefs: Preferences): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, Buffer.from(JSON.stringify(prefs, null, 2)));
}

/**
 * This install's device id, stamped on every change it makes (architecture.md rule 8): made once
 * and kept in `file` (in the user data folder). If it cannot be kept, one for this run is used.
 */
export function deviceIdIn(file: string): string {
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f-]{36}$/.test(kept)) return kept;
  } catch {
    // Not made yet.
  }
  const id = randomUUID();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${id}\n`, { mode: 0o600 });
  } catch {
    // A read-only profile: changes still merge, under a new device id each run.
  }
  return id;
}
