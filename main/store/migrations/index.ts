import type { ClinicDatabase } from '../database';
import { migrate001 } from './001-initial';
import { migrate002 } from './002-clinics-notes-actions';
import { migrate003 } from './003-imports-teams-targets';
import { migrate004 } from './004-service-index';
import { migrate005 } from './005-spc-settings';
import { migrate006 } from './006-service-index-values';
import { migrate007 } from './007-changes';
import { migrate008 } from './008-caveats';
import { migrate009 } from './009-scrutiny';
import { migrate010 } from './010-dfe-benchmarks';
import { migrate011 } from './011-file-settings';
import { migrate012 } from './012-scrutiny-kept';
import { migrate013 } from './013-rate-unit';
import { migrate014 } from './014-action-team';
import { migrate015 } from './015-workers';

/** Migration N turns schema N-1 into schema N. Append only; never edit one that has shipped. */
export const migrations: ReadonlyArray<(db: ClinicDatabase) => void> = [
  migrate001,
  migrate002,
  migrate003,
  migrate004,
  migrate005,
  migrate006,
  migrate007,
  migrate008,
  migrate009,
  migrate010,
  migrate011,
  migrate012,
  migrate013,
  migrate014,
  migrate015,
];

export const LATEST_SCHEMA = migrations.length;
