/**
 * Renderer timings in Chromium over the real renderer build and the real API, measured in the
 * page with the Performance API:
 * - the headlines, where a file opens: from the moment the last of the data they wait for (the
 *   headlines' own answer) reaches the page to the first frame painted with the tiles; beside it
 *   the baseline, an idle page's next painted frame, measured in the same page;
 * - the clinic table, one click from the headlines: from the moment the last of the data it waits
 *   for (with a clinic open, its view) reaches the page after the click on Clinic to the first frame
 *   painted with the table, and to the first frame painted with every row; beside it the same
 *   baseline;
 * - a re-sort (the Status heading) and a re-filter (Off target only), from the click to the frame.
 * "Painted" is when a task runs after the frame's animation callbacks, style, layout and paint.
 * How long the data takes to cross from Node to the page is left out: here it goes through
 * Playwright's binding, much slower than Electron's IPC, so it says nothing about the app.
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
  /** The call whose answer the headlines waited for last. */
  lastData: string;
  /** How many headline tiles were painted. */
  tiles: number;
  /** To the first frame with the headline tiles on screen. */
  headlines: Figure;
  /** An idle page's next painted frame: the floor under every figure here. */
  frame: Figure;
  /** The call whose answer the clinic table waited for last, after the click on Clinic ('' for none). */
  tableLastData: string;
  /** From that answer to the first frame with the table on screen. */
  firstPaint: Figure;
  /** From that answer to the first frame with every measure's row in it. */
  paint: Figure;
  sort: Figure;
  filter: Figure;
}

/** The page's globals, named for the Node-side type checker (which has no DOM library). */
interface PageGlobals {
  document: {
    body: unknown;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
    disconnect(): void;
  };
  requestAnimationFrame(callback: () => void): number;
  requestIdleCallback(callback: () => void, options?: { timeout: number }): number;
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(message: unknown): void };
  };
}

interface PageElement {
  textContent: string | null;
  click(): void;
  querySelector(selector: string): PageElement | null;
}

interface BenchWindow {
  __benchCall(name: string, args: unknown): Promise<unknown>;
  /** When each call's answer reached the page, in order. */
  __arrivals: Array<[string, number]>;
  /** Resolves with the time just after the next frame has been painted. */
  __afterPaint(): Promise<number>;
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
  await page.addInitScript((names: readonly string[]) => {
    const g = globalThis as unknown as PageGlobals;
    const w = globalThis as unknown as BenchWindow;
    w.__arrivals = [];
    w.__afterPaint = () =>
      new Promise<number>((resolve) =>
        g.requestAnimationFrame(() => {
          const channel = new g.MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(0);
        }),
      );
    // The preload's event subscriptions too (contract.ts, WindowClinic): nothing arrives on them here.
    const api: Record<string, unknown> = { onFileChanged: () => () => undefined, onMenuCommand: () => () => undefined };
    for (const name of names) {
      api[name] = async (args: unknown) => {
        const result = await w.__benchCall(name, args);
        // After a large answer (a clinic's view at 500 measures), Playwright's binding holds the page
        // up: its next task waits 0.3-1 s with the page idle, which Electron's IPC does not do. The
        // answer is taken to reach the page when the page can next run a task; this message is
        // queued before the page's own tasks for the answer, so it runs first.
        const channel = new g.MessageChannel();
        channel.port1.onmessage = () => w.__arrivals.push([name, performance.now()]);
        channel.port2.postMessage(0);
        return result;
      };
    }
    Object.defineProperty(globalThis, 'clinic', { value: Object.freeze(api) });
  }, callNames);
}

/** Watches the page frame by frame until the headline tiles are there: the frame they were painted in. */
function headlinesPaint(page: Page): Promise<{ last: [string, number]; painted: number; tiles: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        const w = globalThis as unknown as BenchWindow;
        const check = () => {
          const tiles = g.document.querySelectorAll('[data-headline-key]').length;
          if (tiles > 0) {
            // The data the tiles were drawn from is the last to arrive before they were.
            const last = w.__arrivals.at(-1) ?? ['none', 0];
            void w.__afterPaint().then((painted) => resolve({ last, painted, tiles }));
          } else g.requestAnimationFrame(check);
        };
        check();
      }),
  );
}

/** Once the page has settled, the time to its next painted frame with nothing new to draw. */
function idleFrame(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    const w = globalThis as unknown as BenchWindow;
    await new Promise<void>((resolve) => g.requestIdleCallback(() => resolve(), { timeout: 5000 }));
    await w.__afterPaint();
    const start = performance.now();
    return (await w.__afterPaint()) - start;
  });
}

/**
 * Clicks Clinic in the page and watches its DOM until every row is there. Both times run from the
 * last answer to reach the page between the click and the change that first put a row in the DOM:
 * the data the table was drawn from (or from the click, if the page asked for nothing). Answers that
 * arrive while the new rows wait for their frame (the sync status, polled) are not the table's.
 */
function tablePaint(page: Page, rowCount: number): Promise<{ last: [string, number]; first: number; all: number }> {
  return page.evaluate(async (expected) => {
    const g = globalThis as unknown as PageGlobals;
    const w = globalThis as unknown as BenchWindow;
    const clinic = Array.from(g.document.querySelectorAll('.app-nav__link')).find(
      (b) => (b.textContent ?? '') === 'Clinic',
    );
    if (!clinic) throw new Error('no Clinic button on the page');
    await new Promise<void>((resolve) => g.requestIdleCallback(() => resolve(), { timeout: 5000 }));
    await w.__afterPaint();
    const asked = w.__arrivals.length;
    const click: [string, number] = ['', performance.now()];
    return new Promise((resolve) => {
      let last = click;
      let first: Promise<number> | null = null;
      // Called in the microtask after each change React makes to the DOM, before the frame that paints it.
      const observer = new g.MutationObserver(() => {
        const rows = g.document.querySelectorAll('[data-measure-key]').length;
        if (rows > 0 && first === null) {
          last = w.__arrivals.slice(asked).at(-1) ?? click;
          first = w.__afterPaint();
        }
        if (rows >= expected) {
          observer.disconnect();
          void Promise.all([first, w.__afterPaint()]).then(([f, all]) =>
            resolve({ last, first: (f ?? all) - last[1], all: all - last[1] }),
          );
        }
      });
      observer.observe(g.document.body, { childList: true, subtree: true });
      clinic.click();
    });
  }, rowCount);
}

/** Clicks in the page (no round trip through Playwright) and times it to the frame painted after it. */
function timeClick(page: Page, find: 'status-heading' | 'off-target'): Promise<number> {
  return page.evaluate(async (which) => {
    const g = globalThis as unknown as PageGlobals;
    const w = globalThis as unknown as BenchWindow;
    const target =
      which === 'status-heading'
        ? Array.from(g.document.querySelectorAll('button.sort-button')).find((b) =>
            (b.textContent ?? '').startsWith('Status'),
          )
        : Array.from(g.document.querySelectorAll('.checkbox'))
            .find((c) => (c.textContent ?? '').includes('Off target only'))
            ?.querySelector('input');
    if (!target) throw new Error(`no ${which} on the page`);
    // Once the page has settled: the rows after the first frame's and the actions to review drawn.
    await new Promise<void>((resolve) => g.requestIdleCallback(() => resolve(), { timeout: 5000 }));
    await w.__afterPaint();
    const start = performance.now();
    target.click();
    return (await w.__afterPaint()) - start;
  }, find);
}

export async function benchRenderer(rendererDir: string, file: string, runs: number): Promise<RendererResult> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is not installed: apt-get install -y chromium');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const app = new ClinicApp();
  await app.openFile(file, { readOnly: true });
  const measures = app.report().measures.length;
  const headlines: number[] = [];
  const frame: number[] = [];
  let tiles = 0;
  const firstPaint: number[] = [];
  const paint: number[] = [];
  const sort: number[] = [];
  const filter: number[] = [];
  let lastData = '';
  let tableLastData = '';
  try {
    // One page load first to warm the browser's caches, as a person's second look would be.
    for (let i = -1; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await prepare(page, rendererDir, app);
      await page.goto(`${ORIGIN}/`);
      const opened = await headlinesPaint(page);
      const idle = await idleFrame(page);
      const times = await tablePaint(page, measures);
      const sorted = await timeClick(page, 'status-heading');
      const filtered = await timeClick(page, 'off-target');
      await page.close();
      if (i < 0) continue;
      lastData = opened.last[0];
      tableLastData = times.last[0];
      tiles = opened.tiles;
      headlines.push(opened.painted - opened.last[1]);
      frame.push(idle);
      firstPaint.push(times.first);
      paint.push(times.all);
      sort.push(sorted);
      filter.push(filtered);
    }
  } finally {
    app.close();
    await browser.close();
  }
  return {
    measures,
    lastData,
    tableLastData,
    tiles,
    headlines: summarise(headlines),
    frame: summarise(frame),
    firstPaint: summarise(firstPaint),
    paint: summarise(paint),
    sort: summarise(sort),
    filter: summarise(filter),
  };
}
