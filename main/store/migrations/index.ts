import type { ClinicDatabase } from '../database';
import { migrate001 } from './001-initial';

/** Migration N turns schema N-1 into schema N. Append only; never edit one that has shipped. */
export const migrations: ReadonlyArray<(db: ClinicDatabase) => void> = [migrate001];

export const LATEST_SCHEMA = migrations.length;
