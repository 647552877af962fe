/**
 * The application API: everything the window, the command line, the tests and the benchmarks
 * can ask of a clinic file. Plain TypeScript over the store and the domain; no Electron here.
 */
import * as path from 'node:path';
import type { FileInfo, PeriodList } from '../contract';
import { periodLabel } from '../domain/period';
import { buildReport, defaultComparePeriod } from '../domain/report';
import type { ClinicReport, Dataset, MeasureDetail, Period } from '../domain/types';
import { october2023 } from '../sample/october-2023';
import {
  getMeasure,
  hasPeriod,
  insertDataset,
  listAreas,
  listMeasures,
  listPeriods,
  measureHistory,
  observationsForComparison,
} from '../store/catalogue';
import { ClinicFile } from '../store/clinic-file';
import { UserError } from '../store/errors';

export type FileChangedListener = (info: FileInfo) => void;

export class ClinicApp {
  private file: ClinicFile | null = null;
  private readonly listeners = new Set<FileChangedListener>();

  /** Opens an existing clinic file, closing the one in use only once the new one has opened. */
  async openFile(file: string, options: { readOnly?: boolean } = {}): Promise<FileInfo> {
    const opened = await ClinicFile.open(path.resolve(file), options);
    return this.use(opened);
  }

  /** Creates a clinic file (the October 2023 sample unless `empty`), refusing to replace one. */
  async createFile(file: string, options: { empty?: boolean } = {}): Promise<FileInfo> {
    const data: Dataset = options.empty ? { areas: [], measures: [], observations: [] } : october2023;
    const created = await ClinicFile.create(path.resolve(file), (db) => insertDataset(db, data));
    return this.use(created);
  }

  /** Opens the file if it exists, or creates it from the sample: the first run of the app. */
  async openOrCreate(file: string): Promise<FileInfo> {
    try {
      return await this.openFile(file);
    } catch (error) {
      if (error instanceof UserError && error.message.startsWith('There is no file')) return this.createFile(file);
      throw error;
    }
  }

  saveCopy(target: string): void {
    const file = this.current();
    if (path.resolve(target) === file.path) throw new UserError('That is the file already open; choose another name for the copy.');
    file.saveCopy(path.resolve(target));
  }

  onFileChanged(listener: FileChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.file?.close();
    this.file = null;
  }

  fileInfo(): FileInfo {
    const file = this.current();
    return { path: file.path, name: file.name, readOnly: file.readOnly };
  }

  periods(): PeriodList {
    const periods = listPeriods(this.current().db);
    return { periods, latest: periods[0] ?? null };
  }

  /** The clinic comparison: by default the latest period against the month before. */
  report(args: { period?: Period; compare?: Period } = {}): ClinicReport {
    const db = this.current().db;
    const period = args.period ?? listPeriods(db)[0];
    if (period === undefined) throw new UserError('This clinic file holds no figures yet. Import a month of figures first.');
    const compare = args.compare ?? defaultComparePeriod(period);
    for (const p of args.compare === undefined ? [period] : [period, compare]) {
      if (!hasPeriod(db, p)) throw new UserError(`There are no figures for ${periodLabel(p)} in this clinic file.`);
    }
    if (compare >= period) {
      throw new UserError(`The period to compare with (${periodLabel(compare)}) must be before ${periodLabel(period)}.`);
    }
    return buildReport(listMeasures(db), listAreas(db), observationsForComparison(db, period, compare), period, compare);
  }

  measureDetail(args: { key: string }): MeasureDetail {
    const db = this.current().db;
    const measure = getMeasure(db, args.key);
    if (!measure) throw new UserError(`There is no measure "${args.key}" in this clinic file.`);
    const area = listAreas(db).find((a) => a.key === measure.area);
    const history = measureHistory(db, args.key).map(({ period, value, numerator, denominator }) => ({
      period,
      value,
      numerator,
      denominator,
    }));
    return { measure, area_title: area?.title ?? measure.area, history };
  }

  private use(file: ClinicFile): FileInfo {
    this.file?.close();
    this.file = file;
    const info = this.fileInfo();
    for (const listener of this.listeners) listener(info);
    return info;
  }

  private current(): ClinicFile {
    if (!this.file) throw new UserError('No clinic file is open.');
    return this.file;
  }
}
