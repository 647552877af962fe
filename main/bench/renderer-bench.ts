/**
 * Renderer timings in Chromium over the real renderer build and the real API: from the moment
 * the clinic data reaches the page to the table painted, and the time to re-sort and re-filter,
 * measured in the page with the Performance API.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { ClinicApp } from '../api/clinic-app';
import { CHROMIUM_ARGS, findChromium } from '../exports/chromium';
import { createDispatcher, handlersFor } from '../api/dispatch';
import { callNames } from '../contract';
import { summarise, type Figure } from './measure';

const ORIGIN = 'http://clinic.bench';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export interface RendererResult {
  measures: number;
  paint: Figure;
  sort: Figure;
  filter: Figure;
}

/** The page's globals, named for the Node-side type checker (which has no DOM library). */
interface PageGlobals {
  document: { querySelectorAll(selector: string): { length: number } };
  requestAnimationFrame(callback: () => void): number;
}

interface BenchWindow {
  __benchCall(name: string, args: unknown): Promise<unknown>;
  __reportAt?: number;
}

async function prepare(page: Page, rendererDir: string, app: ClinicApp): Promise<void> {
  const dispatch = createDispatcher(handlersFor(app));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    const file = path.join(rendererDir, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      status: 200,
      contentType: TYPES[path.extname(file)] ?? 'application/octet-stream',
      body: readFileSync(file),
    });
  });
  await page.exposeBinding('__benchCall', (_s, name: unknown, args: unknown) => dispatch(name, args));
  await page.addInitScript((names: string[]) => {
    const w = globalThis as unknown as BenchWindow;
    const api: Record<string, unknown> = { onFileChanged: () => () => undefined };
    for (const name of names) {
      api[name] = async (args: unknown) => {
        const result = await w.__benchCall(name, args);
        // The clock starts when the clinic comparison reaches the page.
        if (name === 'getReport') w.__reportAt = performance.now();
        return result;
      };
    }
    Object.defineProperty(globalThis, 'clinic', { value: Object.freeze(api) });
  }, callNames);
}

/** Resolves at the first frame painted once every measure's row is in the table. */
function paintedAfter(page: Page, rowCount: number): Promise<number> {
  return page.evaluate(
    (expected) =>
      new Promise<number>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        const check = () => {
          if (g.document.querySelectorAll('[data-measure-key]').length >= expected) {
            g.requestAnimationFrame(() => resolve(performance.now()));
          } else g.requestAnimationFrame(check);
        };
        check();
      }),
    rowCount,
  );
}

export async function benchRenderer(rendererDir: string, file: string, runs: number): Promise<RendererResult> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is not installed: apt-get install -y chromium');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const app = new ClinicApp();
  await app.openFile(file, { readOnly: true });
  const measures = app.report().measures.length;
  const paint: number[] = [];
  const sort: number[] = [];
  const filter: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await prepare(page, rendererDir, app);
      await page.goto(`${ORIGIN}/`);
      const paintedAt = await paintedAfter(page, measures);
      const reportAt = await page.evaluate(() => (globalThis as unknown as BenchWindow).__reportAt ?? Number.NaN);
      paint.push(paintedAt - reportAt);

      // Re-sort: click the Status column header and wait for the frame after the order changes.
      const header = page.getByRole('button', { name: /^Status/ }).first();
      const beforeSort = await page.evaluate(() => performance.now());
      await header.click();
      const sortedAt = await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            (globalThis as unknown as PageGlobals).requestAnimationFrame(() => resolve(performance.now())),
          ),
      );
      sort.push(sortedAt - beforeSort);

      // Re-filter: "Off target only".
      const beforeFilter = await page.evaluate(() => performance.now());
      await page.getByLabel('Off target only').check();
      const filteredAt = await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            (globalThis as unknown as PageGlobals).requestAnimationFrame(() => resolve(performance.now())),
          ),
      );
      filter.push(filteredAt - beforeFilter);
      await page.close();
    }
  } finally {
    app.close();
    await browser.close();
  }
  return { measures, paint: summarise(paint), sort: summarise(sort), filter: summarise(filter) };
}
