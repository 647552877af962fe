/**
 * The built-in sample: every measure in the Children's Social Care Performance Report for
 * October 2023 (Barnsley, Overview and Scrutiny Committee, 9 January 2024), with the figures as
 * the report states them. September figures are stored where the report gives or implies them
 * (contacts fell by 102 to 781, so September was 883). Where the report states no target, none
 * is stored; paragraph numbers refer to the report.
 */
import type {
  BenchmarkYears,
  Benchmarks,
  Caveat,
  FigureDate,
  Dataset,
  Frequency,
  Measure,
  Observation,
  Period,
  Polarity,
  ServiceArea,
  TeamObservation,
  Unit,
} from '../domain/types';

export const SAMPLE_PERIOD = '2023-10';

const areas: ServiceArea[] = [
  { key: 'demand', title: 'Demand' },
  { key: 'front_door', title: 'Front door' },
  { key: 'assessment', title: 'Assessment' },
  { key: 'child_protection', title: 'Child protection' },
  { key: 'plans', title: 'Up-to-date plans' },
  { key: 'visits', title: 'Visits' },
  { key: 'supervision', title: 'Case supervision' },
  { key: 'children_in_care', title: 'Children in care' },
  { key: 'care_leavers', title: 'Care leavers' },
];

interface Spec {
  key: string;
  area: string;
  title: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  frequency?: Frequency;
  target?: number;
  tolerance?: number;
  benchmarks?: Partial<Benchmarks>;
  /** The year each benchmark is for, as the year its reporting year ends (2022: DfE's 2021-22). */
  benchmarkYears?: Partial<BenchmarkYears>;
  /** Data-quality caveats the report states, each from the month it applies to. */
  caveats?: Array<{ text: string; from: string; to?: string }>;
  /** As-at dates of figures that are not to the end of their month. */
  asAt?: Record<string, string>;
  /** The measure this count is part of ("6 of the 19 suspended"). */
  partOf?: string;
  /** Period → value, or [value, numerator, denominator]. */
  values: Record<string, number | [number, number, number]>;
}

/** 3.19: the same words for every visits measure. */
const VISITS_CAVEATS: Spec['caveats'] = [
  {
    text: 'Mosaic cannot yet reflect the longer visiting periods in the practice standards, and there are still some recording issues around visits (3.19).',
    from: '2023-10',
  },
];

const specs: Spec[] = [
  // Demand (3.4 - 3.9): counts with no good direction.
  {
    key: 'contacts',
    area: 'demand',
    title: 'Contacts',
    definition: 'Contacts received at the Front Door in the month, excluding information-only contacts (3.4).',
    unit: 'count',
    polarity: 'none',
    values: { '2023-09': 883, '2023-10': 781 },
  },
  {
    key: 'info_only_contacts',
    area: 'demand',
    title: 'Information-only contacts',
    definition:
      'Contacts that deal with requests for information from partners, counted separately from contacts (3.4).',
    unit: 'count',
    polarity: 'none',
    values: { '2023-10': 715 },
  },
  {
    key: 'referrals',
    area: 'demand',
    title: 'Referrals',
    definition: 'Referrals to children’s social care in the month; generally in proportion to contacts (3.5).',
    unit: 'count',
    polarity: 'none',
    values: { '2023-09': 301, '2023-10': 251 },
  },
  {
    key: 'children_open',
    area: 'demand',
    title: 'Children open to the service',
    definition: 'Children open to children’s social care at the end of the month (3.6).',
    unit: 'count',
    polarity: 'none',
    values: { '2022-10': 1473, '2023-09': 1740, '2023-10': 1730 },
  },
  {
    key: 'children_in_care',
    area: 'demand',
    title: 'Children in care',
    definition: 'Children in the care of the local authority at the end of the month (3.7).',
    unit: 'count',
    polarity: 'none',
    caveats: [
      {
        text: 'The report says children in care "increased by 32" from 385 in October 2022 to 421, but 421 − 385 is 36. The figures are kept as the report states them; which is right has not been confirmed (3.7).',
        from: '2023-10',
        to: '2023-10',
      },
    ],
    values: { '2022-10': 385, '2023-09': 417, '2023-10': 421 },
  },
  {
    key: 'care_leavers_open',
    area: 'demand',
    title: 'Care leavers open to the service',
    definition: 'Care leavers open to the service at the end of the month (3.8).',
    unit: 'count',
    polarity: 'none',
    values: { '2023-09': 114, '2023-10': 118 },
  },
  // Rates per 10,000 children: how DfE publishes and benchmarks demand, one figure a year for every
  // council (the year to 31 March). The report states none, so the sample holds no figures of its
  // own; loading DfE's files gives each its England, regional and neighbour benchmarks by year.
  {
    key: 'cla_rate_10k',
    area: 'demand',
    title: 'Children in care per 10,000 children',
    definition:
      'Children in the care of the local authority at the end of the month for every 10,000 children aged under 18 living in the area (ONS mid-year estimate). DfE publishes it at 31 March each year for every council, so it can be compared where the number of children in care cannot.',
    unit: 'rate_10k',
    polarity: 'none',
    values: {},
  },
  {
    key: 'cin_rate_10k',
    area: 'demand',
    title: 'Children in need per 10,000 children',
    definition:
      'Children in need (CIN, including those on a child protection plan and in care) at the end of the month for every 10,000 children aged under 18 living in the area. DfE publishes it at 31 March each year for every council.',
    unit: 'rate_10k',
    polarity: 'none',
    values: {},
  },
  {
    key: 'cpp_rate_10k',
    area: 'demand',
    title: 'Children on a child protection plan per 10,000 children',
    definition:
      'Children subject to a child protection plan (CPP) at the end of the month for every 10,000 children aged under 18 living in the area. DfE publishes it at 31 March each year for every council.',
    unit: 'rate_10k',
    polarity: 'none',
    values: {},
  },
  {
    key: 'admissions_to_care',
    area: 'demand',
    title: 'Children admitted to care',
    definition:
      'Children who came into care during the month. Since April 2023 it has ranged from 15 to 26 a month (3.9).',
    unit: 'count',
    polarity: 'none',
    values: { '2023-10': 17 },
  },

  // Front door (3.10 - 3.11).
  {
    key: 'decisions_1wd',
    area: 'front_door',
    title: 'Decisions within 1 working day',
    definition:
      'Contacts and referrals with a decision made within one working day of being received. The first of three cumulative steps: within 1, 2 and 3 working days (3.10).',
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 80,
    partOf: 'decisions_2wd',
    values: { '2023-09': 53, '2023-10': 55 },
  },
  {
    key: 'decisions_2wd',
    area: 'front_door',
    title: 'Decisions within 2 working days',
    definition:
      'Contacts and referrals with a decision made within two working days. The second of three cumulative steps: includes the decisions within 1 working day (3.10).',
    unit: 'percent',
    polarity: 'higher_is_better',
    partOf: 'decisions_3wd',
    values: { '2023-10': 76 },
  },
  {
    key: 'decisions_3wd',
    area: 'front_door',
    title: 'Decisions within 3 working days',
    definition:
      'Contacts and referrals with a decision made within three working days. The last of three cumulative steps: includes the decisions within 1 and 2 working days (3.10).',
    unit: 'percent',
    polarity: 'higher_is_better',
    values: { '2023-10': 91 },
  },
  {
    key: 're_referrals_12m',
    area: 'front_door',
    title: 'Re-referrals within 12 months',
    definition: 'Referrals in the month for children who had been referred within the previous 12 months (3.11).',
    unit: 'percent',
    polarity: 'lower_is_better',
    target: 20,
    benchmarks: { national: 21.5 },
    benchmarkYears: { national: 2022 },
    values: { '2023-10': 28.4 },
  },
  {
    key: 're_referrals_12m_ytd',
    area: 'front_door',
    title: 'Re-referrals within 12 months, year to date',
    definition:
      'Re-referrals within 12 months, counted from the start of the financial year in April. The report ties the target and the national average to the monthly figure, not to this one (3.11).',
    unit: 'percent',
    polarity: 'lower_is_better',
    frequency: 'financial_ytd',
    values: { '2023-10': 23.7 },
  },

  // Assessment (3.12 - 3.15).
  {
    key: 'assessments_completed',
    area: 'assessment',
    title: 'Assessments completed',
    definition: 'Assessments undertaken across children’s social care in the month (3.12).',
    unit: 'count',
    polarity: 'none',
    values: { '2023-10': 312 },
  },
  {
    key: 'assessments_45wd',
    area: 'assessment',
    title: 'Assessments within 45 working days',
    definition: 'Assessments completed within the statutory 45 working days (3.12).',
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 80,
    benchmarks: { national: 84.5, regional: 82, statistical_neighbours: 78.6 },
    // The report gives no year (3.12). These are DfE's figures for 2021-22 (England 84.5%), the
    // latest published by October 2023 (2022-23 came out in November 2023).
    benchmarkYears: { national: 2022, regional: 2022, statistical_neighbours: 2022 },
    values: { '2023-10': 81.7 },
  },
  {
    key: 'assessments_20wd',
    area: 'assessment',
    title: 'Assessments within 20 working days',
    definition: 'Assessments completed within 20 working days (3.13).',
    unit: 'percent',
    polarity: 'higher_is_better',
    values: { '2023-09': 22.7, '2023-10': 23.2 },
  },
  {
    key: 'assessments_nfa',
    area: 'assessment',
    title: 'Assessments ending in no further action',
    definition: 'Assessments that ended with no further action; the service aims to stay below 26% (3.14).',
    unit: 'percent',
    polarity: 'lower_is_better',
    target: 26,
    values: { '2023-09': 21, '2023-10': 20.1 },
  },
  {
    key: 'ia_visits_5wd',
    area: 'assessment',
    title: 'Initial assessment visits within 5 working days',
    definition: 'Children who had an initial assessment and were visited within 5 working days (3.15).',
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 80,
    values: { '2023-09': 78, '2023-10': 80.3 },
  },

  // Child protection (3.16 - 3.17).
  {
    key: 's47_to_icpc',
    area: 'child_protection',
    title: 'Section 47 enquiries leading to an initial conference',
    definition:
      'Section 47 enquiries (Children Act 1989) that led to an initial child protection conference (ICPC) (3.16).',
    unit: 'percent',
    polarity: 'none',
    values: { '2023-09': 32.9, '2023-10': 26.9 },
  },
  {
    key: 'icpc_15wd',
    area: 'child_protection',
    title: 'Initial conferences within 15 working days',
    definition:
      'Initial child protection conferences held within 15 working days of the strategy discussion. The report says this remains below target but does not state the target, so none is stored (3.16).',
    unit: 'percent',
    polarity: 'higher_is_better',
    values: { '2023-09': 63, '2023-10': 67 },
  },
  {
    key: 'cp_plans_started',
    area: 'child_protection',
    title: 'Children starting a child protection plan',
    definition: 'Children who became subject to a child protection plan in the month (3.17).',
    unit: 'count',
    polarity: 'none',
    values: { '2023-10': 35 },
  },
  {
    key: 'cp_repeat_plan_2y',
    area: 'child_protection',
    title: 'Repeat plans within 2 years',
    definition:
      'Children starting a child protection plan who had been on a plan within the last 2 years; each is reviewed to understand the circumstances (3.17).',
    unit: 'percent',
    polarity: 'lower_is_better',
    values: { '2023-10': [28.6, 10, 35] },
  },

  // Up-to-date plans (3.18), target 80%.
  ...(
    [
      ['plan_cin', 'Children in need with an up-to-date plan', 'Children in need (CIN)', 66, 68],
      ['plan_cpp', 'Child protection plans up to date', 'Children on a child protection plan (CPP)', 68, 58],
      ['plan_cla', 'Children in care with an up-to-date plan', 'Children looked after (CLA)', 68, 58],
      ['plan_cl', 'Care leavers with an up-to-date pathway plan', 'Care leavers', 90, 90],
    ] as const
  ).map(([key, title, who, sep, oct]): Spec => ({
    key,
    area: 'plans',
    title,
    definition: `${who} whose plan is up to date (3.18).`,
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 80,
    caveats: [
      {
        text: 'Workers are not saving plans accurately, so the figure does not reflect the number of plans completed; work with front-line workers to address this is ongoing (3.18).',
        from: '2023-10',
      },
    ],
    values: { '2023-09': sep, '2023-10': oct },
  })),

  // Visits (3.19).
  {
    key: 'visits_cin',
    area: 'visits',
    title: 'Children in need visited within 4 weeks',
    definition: 'Children in need (CIN) visited within the last 4 weeks (3.19).',
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 80,
    caveats: VISITS_CAVEATS,
    values: { '2023-09': 84, '2023-10': 79 },
  },
  {
    key: 'visits_cpp',
    area: 'visits',
    title: 'Child protection visits within 10 working days',
    definition: 'Children on a child protection plan (CPP) visited within 10 working days (3.19).',
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 95,
    caveats: VISITS_CAVEATS,
    values: { '2023-09': 79, '2023-10': 84 },
  },
  {
    key: 'visits_cla',
    area: 'visits',
    title: 'Children in care visited in timescale',
    definition: 'Children looked after (CLA) visited within timescale. The report does not state the timescale (3.19).',
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 80,
    caveats: VISITS_CAVEATS,
    values: { '2023-09': 90, '2023-10': 86 },
  },
  {
    key: 'visits_cl',
    area: 'visits',
    title: 'Care leavers visited within 8 weeks',
    definition: 'Care leavers visited within the last 8 weeks (3.19).',
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 80,
    caveats: VISITS_CAVEATS,
    values: { '2023-09': 92, '2023-10': 94 },
  },

  // Case supervision (3.20), target 80%.
  ...(
    [
      ['supervision_cin', 'Children in need', 'CIN', 59, 72],
      ['supervision_cpp', 'Children on a child protection plan', 'CPP', 60, 72],
      ['supervision_cla', 'Children in care', 'CLA', 59, 76],
      ['supervision_cl', 'Care leavers', 'care leavers', 69, 71],
    ] as const
  ).map(([key, who, short, sep, oct]): Spec => ({
    key,
    area: 'supervision',
    title: `Case supervision in timescale: ${who.toLowerCase()}`,
    definition: `${who} (${short}) whose case supervision is up to date (3.20).`,
    unit: 'percent',
    polarity: 'higher_is_better',
    target: 80,
    // 3.20 applies to children in care only: the other groups' supervision timescales are not in question.
    ...(key === 'supervision_cla'
      ? {
          caveats: [
            {
              text: 'Supervision data still needs to be refined to reflect longer supervision timescales for some children in care: the same Mosaic change as for visits (3.20).',
              from: '2023-10',
            },
          ],
        }
      : {}),
    values: { '2023-09': sep, '2023-10': oct },
  })),

  // Children in care (3.21 - 3.25).
  {
    key: 'missing_episodes',
    area: 'children_in_care',
    title: 'Missing episodes, children in care',
    definition: 'Missing episodes of children in care in the month. Since April 2023 between 11 and 23 a month (3.21).',
    unit: 'count',
    polarity: 'lower_is_better',
    values: { '2023-10': 18 },
  },
  {
    key: 'missing_children',
    area: 'children_in_care',
    title: 'Children in care who went missing',
    definition:
      'Individual children in care with a missing episode in the month. Since April 2023 between 8 and 10 (3.21).',
    unit: 'count',
    polarity: 'lower_is_better',
    values: { '2023-10': 9 },
  },
  {
    key: 'pep_up_to_date',
    area: 'children_in_care',
    title: 'Up-to-date, quality-assured PEPs',
    definition: 'Children in care with an up-to-date and quality-assured Personal Education Plan (PEP) (3.22).',
    unit: 'percent',
    polarity: 'higher_is_better',
    values: { '2023-10': 100 },
  },
  ...(
    [
      ['attendance', 'whole school', 92.1, 0.2],
      ['attendance_primary', 'primary', 96.1, 2.2],
      ['attendance_secondary', 'secondary', 88.7, -0.3],
    ] as const
  ).flatMap(([key, phase, rate, gap]): Spec[] => [
    {
      key,
      area: 'children_in_care',
      title: `School attendance, ${phase}`,
      definition: `Attendance of children in care (${phase}), cumulative from the start of the academic year; the October report uses Virtual School data to the week ending 24 November 2023 (3.23 - 3.24).`,
      unit: 'percent',
      polarity: 'higher_is_better',
      frequency: 'academic_ytd',
      values: { '2023-10': rate },
      asAt: { '2023-10': '2023-11-24' },
    },
    {
      key: `${key}_vs_barnsley`,
      area: 'children_in_care',
      title: `School attendance, ${phase}: difference to all Barnsley pupils`,
      definition: `Attendance of children in care (${phase}) minus attendance of all Barnsley pupils of the same phase, in percentage points; above zero means children in care attend more (3.23 - 3.24).`,
      unit: 'points',
      polarity: 'higher_is_better',
      frequency: 'academic_ytd',
      values: { '2023-10': gap },
      asAt: { '2023-10': '2023-11-24' },
    },
  ]),
  {
    key: 'suspensions',
    area: 'children_in_care',
    title: 'Children in care suspended from school',
    definition:
      'Young people in care who have received a suspension from school this academic year: 10 girls and 9 boys (3.25).',
    unit: 'count',
    polarity: 'lower_is_better',
    frequency: 'academic_ytd',
    values: { '2023-10': 19 },
  },
  {
    key: 'suspensions_ehcp',
    area: 'children_in_care',
    title: 'Suspended children with an EHCP',
    definition:
      'Of the young people in care suspended this academic year, those with an Education, Health and Care Plan (EHCP) (3.25).',
    unit: 'count',
    polarity: 'none',
    frequency: 'academic_ytd',
    partOf: 'suspensions',
    // Part of the 19 suspended (suspensions): 6 of 19.
    values: { '2023-10': [6, 6, 19] },
  },
  {
    key: 'suspensions_send',
    area: 'children_in_care',
    title: 'Suspended children with additional SEND',
    definition:
      'Of the young people in care suspended this academic year, those with additional special educational needs and/or disabilities (SEND) (3.25).',
    unit: 'count',
    polarity: 'none',
    frequency: 'academic_ytd',
    partOf: 'suspensions',
    // Part of the 19 suspended (suspensions): 9 of 19.
    values: { '2023-10': [9, 9, 19] },
  },

  // Care leavers (3.26).
  {
    key: 'care_leavers_eet',
    area: 'care_leavers',
    title: 'Care leavers aged 19-21 in education, employment or training',
    definition:
      'Care leavers aged 19 to 21 in education, employment or training (EET), at the end of the quarter (3.26).',
    unit: 'percent',
    polarity: 'higher_is_better',
    frequency: 'quarterly',
    target: 68,
    benchmarks: { national: 55 },
    // The report gives no year (3.26). England's 55% of care leavers aged 19 to 21 in education,
    // employment or training is DfE's 2021-22 figure, the latest published by October 2023.
    benchmarkYears: { national: 2022 },
    values: { '2023-06': 61.5, '2023-09': 59.4 },
  },
];

function toMeasure(spec: Spec): Measure {
  return {
    key: spec.key,
    title: spec.title,
    definition: spec.definition,
    area: spec.area,
    unit: spec.unit,
    polarity: spec.polarity,
    frequency: spec.frequency ?? 'monthly',
    target: spec.target ?? null,
    // The report states no near-target band, so the sample gives none: a band is the service's choice.
    tolerance: spec.tolerance ?? 0,
    benchmarks: {
      national: spec.benchmarks?.national ?? null,
      regional: spec.benchmarks?.regional ?? null,
      statistical_neighbours: spec.benchmarks?.statistical_neighbours ?? null,
    },
    benchmark_years: {
      national: spec.benchmarkYears?.national ?? null,
      regional: spec.benchmarkYears?.regional ?? null,
      statistical_neighbours: spec.benchmarkYears?.statistical_neighbours ?? null,
    },
    part_of: spec.partOf ?? null,
  };
}

function toCaveats(spec: Spec): Caveat[] {
  return (spec.caveats ?? []).map((c) => ({ id: '', measure: spec.key, text: c.text, from: c.from, to: c.to ?? null }));
}

function toFigureDates(spec: Spec): FigureDate[] {
  return Object.entries(spec.asAt ?? {}).map(([period, as_at]) => ({ measure: spec.key, period, as_at }));
}

function toObservations(spec: Spec): Observation[] {
  return Object.entries(spec.values).map(([period, v]) => {
    const [value, numerator, denominator] = typeof v === 'number' ? [v, null, null] : v;
    return { measure: spec.key, period, value, numerator, denominator };
  });
}

/**
 * Invented figures by team, and by worker for one measure, so the drilldown has something to show
 * (the report gives only whole-service figures). The names are plainly fictional, the figures are
 * counts of visits, never a child's record, and no whole-service figure above changes.
 */
const TEAM_FIGURES: Array<[string, Period, string, string, number, number]> = [
  // measure, period, team, worker, numerator, denominator
  ['ia_visits_5wd', '2023-09', 'Assessment Team North', '', 40, 50],
  ['ia_visits_5wd', '2023-09', 'Assessment Team South', '', 36, 47],
  ['ia_visits_5wd', '2023-10', 'Assessment Team North', '', 42, 51],
  ['ia_visits_5wd', '2023-10', 'Assessment Team South', '', 39, 50],
  ['ia_visits_5wd', '2023-09', 'Assessment Team North', 'Alex Example', 8, 10],
  ['ia_visits_5wd', '2023-09', 'Assessment Team North', 'Bea Sample', 9, 12],
  ['ia_visits_5wd', '2023-09', 'Assessment Team North', 'Casey Placeholder', 11, 13],
  ['ia_visits_5wd', '2023-09', 'Assessment Team North', 'Dana Fictional', 12, 15],
  ['ia_visits_5wd', '2023-10', 'Assessment Team North', 'Alex Example', 9, 10],
  ['ia_visits_5wd', '2023-10', 'Assessment Team North', 'Bea Sample', 8, 11],
  ['ia_visits_5wd', '2023-10', 'Assessment Team North', 'Casey Placeholder', 12, 14],
  ['ia_visits_5wd', '2023-10', 'Assessment Team North', 'Dana Fictional', 13, 16],
  ['ia_visits_5wd', '2023-09', 'Assessment Team South', 'Eli Testname', 9, 12],
  ['ia_visits_5wd', '2023-09', 'Assessment Team South', 'Frankie Madeup', 14, 18],
  ['ia_visits_5wd', '2023-09', 'Assessment Team South', 'Gale Invented', 13, 17],
  ['ia_visits_5wd', '2023-10', 'Assessment Team South', 'Eli Testname', 10, 13],
  ['ia_visits_5wd', '2023-10', 'Assessment Team South', 'Frankie Madeup', 15, 19],
  ['ia_visits_5wd', '2023-10', 'Assessment Team South', 'Gale Invented', 14, 18],
  ['visits_cin', '2023-09', 'Children in Need Team 1', '', 99, 115],
  ['visits_cin', '2023-09', 'Children in Need Team 2', '', 94, 115],
  ['visits_cin', '2023-10', 'Children in Need Team 1', '', 96, 118],
  ['visits_cin', '2023-10', 'Children in Need Team 2', '', 87, 114],
];

function toTeamObservation([
  measure,
  period,
  team,
  worker,
  numerator,
  denominator,
]: (typeof TEAM_FIGURES)[number]): TeamObservation {
  const value = Math.round((numerator / denominator) * 1000) / 10;
  return { measure, period, team, worker, value, numerator, denominator };
}

export const october2023: Dataset = {
  areas,
  measures: specs.map(toMeasure),
  observations: specs.flatMap(toObservations),
  caveats: specs.flatMap(toCaveats),
  figure_dates: specs.flatMap(toFigureDates),
  team_figures: TEAM_FIGURES.map(toTeamObservation),
};
