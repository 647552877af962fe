/**
 * Which DfE column answers which of our measures. A mapping applies to any file that has its
 * column and its filter columns, whatever the file is called (DfE renames files each year, not
 * columns). "Nearest" mappings say how DfE's definition differs, so nobody reads one as the other.
 */
export interface DfeMapping {
  /** The catalogue measure's key. */
  measure: string;
  column: string;
  /** Rows kept: column → value, compared without regard to case or surrounding spaces. */
  filters: Readonly<Record<string, string>>;
  match: 'exact' | 'nearest';
  /** What DfE's figure is, and for a nearest mapping how it differs from the measure. */
  note: string;
  /** Where the file is published. */
  source: string;
  /** For a measure a council may not have yet: what to add to the catalogue to use it. */
  suggested?: {
    title: string;
    unit: 'rate_10k' | 'percent';
    polarity: 'higher_is_better' | 'lower_is_better' | 'none';
  };
}

const CIN = 'Children in need statistics (explore-education-statistics)';
const CLA = 'Children looked after in England including adoptions (explore-education-statistics)';

export const SHIPPED_MAPPINGS: readonly DfeMapping[] = [
  {
    measure: 're_referrals_12m',
    column: 'rereferral_percent',
    filters: {},
    match: 'exact',
    note: 'Referrals in the year that were within 12 months of a previous referral, as a percentage of all referrals (table C1).',
    source: CIN,
  },
  {
    measure: 'cp_repeat_plan_2y',
    column: 'CPP_subsequent_percent',
    filters: {},
    match: 'nearest',
    note: 'DfE counts plans that are a second or subsequent plan ever (table D3); the measure counts a repeat within 2 years, so DfE’s figure is higher by definition.',
    source: CIN,
  },
  {
    measure: 'care_leavers_eet',
    column: 'care_leaver_percent',
    filters: { care_leaver_age: '19 to 21 years', breakdown: 'Total in education, employment or training' },
    match: 'nearest',
    note: 'DfE records each care leaver’s activity around their birthday in the year to 31 March; the measure counts those in education, employment or training at the end of each quarter.',
    source: CLA,
  },
  {
    measure: 'cla_rate_10k',
    column: 'rate_per_10000',
    filters: { population_type: 'Children looked after on 31 March each year' },
    match: 'exact',
    note: 'Children looked after on 31 March per 10,000 children aged under 18.',
    source: CLA,
    suggested: { title: 'Children in care per 10,000 children', unit: 'rate_10k', polarity: 'none' },
  },
  {
    measure: 'cla_starts_rate_10k',
    column: 'rate_per_10000',
    filters: { population_type: 'Children starting to be looked after each year' },
    match: 'exact',
    note: 'Children who started to be looked after in the year per 10,000 children aged under 18.',
    source: CLA,
    suggested: {
      title: 'Children starting to be looked after per 10,000 children',
      unit: 'rate_10k',
      polarity: 'none',
    },
  },
  {
    measure: 'cin_rate_10k',
    column: 'At31_episodes_rate',
    filters: {},
    match: 'exact',
    note: 'Children in need on 31 March per 10,000 children aged under 18 (table B1).',
    source: CIN,
    suggested: { title: 'Children in need per 10,000 children', unit: 'rate_10k', polarity: 'none' },
  },
  {
    measure: 'cpp_rate_10k',
    column: 'CPP_At31_rate',
    filters: {},
    match: 'exact',
    note: 'Children subject to a child protection plan on 31 March per 10,000 children aged under 18 (table D1).',
    source: CIN,
    suggested: {
      title: 'Children on a child protection plan per 10,000 children',
      unit: 'rate_10k',
      polarity: 'none',
    },
  },
];

/** True when the file has the mapping's column and every column it filters on. */
export function mappingApplies(mapping: DfeMapping, columns: readonly string[]): boolean {
  return columns.includes(mapping.column) && Object.keys(mapping.filters).every((c) => columns.includes(c));
}

export function rowMatches(mapping: DfeMapping, cells: ReadonlyMap<string, string>): boolean {
  return Object.entries(mapping.filters).every(
    ([column, value]) => (cells.get(column) ?? '').trim().toLowerCase() === value.trim().toLowerCase(),
  );
}

export interface MappingInput {
  measure: string;
  column: string;
  filters: Readonly<Record<string, string>>;
  match: 'exact' | 'nearest';
  note: string;
}

/** What is wrong with a council's own mapping, in words; null when it can be kept. */
export function mappingProblem(m: MappingInput): string | null {
  if (!/^[A-Za-z0-9_]{1,100}$/.test(m.column.trim()))
    return `"${m.column.slice(0, 40)}" is not a DfE column name: DfE's columns are letters, digits and underscores, such as rereferral_percent.`;
  for (const [column, value] of Object.entries(m.filters)) {
    if (!/^[A-Za-z0-9_]{1,100}$/.test(column)) return `"${column.slice(0, 40)}" is not a DfE column name to filter on.`;
    if (value.trim() === '' || value.length > 500)
      return `Say which value of ${column} to keep (up to 500 characters).`;
  }
  if (m.match === 'nearest' && m.note.trim() === '')
    return 'Say how DfE’s figure differs from the measure: a nearest mapping is only read rightly with its difference.';
  if (m.note.length > 2000) return 'Keep the note under 2,000 characters.';
  return null;
}

/** The mappings in use: the council's own replace the shipped one for the same measure. */
export function mappingsInUse(shipped: readonly DfeMapping[], council: readonly DfeMapping[]): DfeMapping[] {
  const own = new Set(council.map((m) => m.measure));
  return [...shipped.filter((m) => !own.has(m.measure)), ...council];
}
