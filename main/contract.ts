/**
 * The one contract between the window and the application. Every call the renderer may make is
 * named here with the runtime schema of its argument and the type of its result. The preload,
 * the main-side registration and the renderer's types all derive from this file.
 */
import { z } from 'zod';
import type { ClinicReport, MeasureDetail, Period } from './domain/types';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a period is written YYYY-MM');
const measureKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9_]+$/, 'a measure key is lower-case letters, digits and underscores');

export interface FileInfo {
  /** Full path of the open clinic file. */
  path: string;
  /** File name only, for the title bar. */
  name: string;
  readOnly: boolean;
  /** Who holds the file for editing, when it opened read-only because someone else has it. */
  lockedBy: { user: string; host: string; since: string } | null;
  /** Things the person should be told about opening the file (recovered changes, a lock held elsewhere). */
  notices: string[];
}

export interface PeriodList {
  /** Every period that has at least one figure, newest first. */
  periods: Period[];
  latest: Period | null;
}

/** A call's argument schema, with its result type carried along for the type checker only. */
interface Call<A extends z.ZodType, R> {
  args: A;
  /** Never set at run time: it only carries the result type. */
  result?: R;
}

function call<R>() {
  return <A extends z.ZodType>(args: A): Call<A, R> => ({ args });
}

export const contract = {
  getFileInfo: call<FileInfo>()(z.strictObject({})),
  listPeriods: call<PeriodList>()(z.strictObject({})),
  getReport: call<ClinicReport>()(z.strictObject({ period: period.optional(), compare: period.optional() })),
  getMeasureDetail: call<MeasureDetail>()(z.strictObject({ key: measureKey })),
} as const;

export type CallName = keyof typeof contract;
export const callNames = Object.keys(contract) as CallName[];

export type CallArgs<K extends CallName> = z.infer<(typeof contract)[K]['args']>;
export type CallResult<K extends CallName> = NonNullable<(typeof contract)[K]['result']>;

/** What crosses the process boundary: the value, or an error a person can read. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The object the preload puts on `window.clinic`: one named async function per call. */
export type ClinicApi = { [K in CallName]: (args: CallArgs<K>) => Promise<Result<CallResult<K>>> };

/** Events the application sends to the window. */
export const eventNames = ['fileChanged'] as const;
export type EventName = (typeof eventNames)[number];

/** The IPC channel a call travels on. */
export function channelOf(name: string): string {
  return `clinic:${name}`;
}

/** Subscriptions the preload adds beside the calls; listeners get the payload, never the IPC event. */
export interface ClinicEvents {
  onFileChanged(listener: (info: FileInfo) => void): () => void;
}

export type WindowClinic = ClinicApi & ClinicEvents;
