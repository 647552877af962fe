/**
 * Prints HTML to PDF with Debian's Chromium driven by playwright-core: the command line's printer,
 * and the tests'. The browser is launched on first use and kept for later documents until closed.
 * The page runs no script (the minutes have none, and JavaScript is switched off) and reaches no
 * network: every request but the document itself is refused.
 */
import type { Browser } from 'playwright-core';
import { UserError } from '../errors';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { MINUTES_MARGINS_MM } from './minutes-html';
import type { PdfPrinter, PdfPrintOptions } from './pdf-printer';

const mm = (n: number) => `${n}mm`;

export class PlaywrightPrinter implements PdfPrinter {
  private browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath: string | null = findChromium()) {}

  private launch(): Promise<Browser> {
    const executablePath = this.executablePath;
    if (executablePath === null) {
      throw new UserError(
        'Making a PDF needs Chromium, which was not found. Install it (on Debian or Ubuntu: apt-get install chromium) or set PERFCLINIC_CHROMIUM to its path; --format docx or html need no browser.',
      );
    }
    this.browser ??= import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath, args: CHROMIUM_ARGS }).catch((error: unknown) => {
        this.browser = null;
        throw new UserError(
          `Chromium at ${executablePath} would not start, so no PDF was made: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
      }),
    );
    return this.browser;
  }

  async htmlToPdf(html: string, options: PdfPrintOptions): Promise<Uint8Array> {
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: options.headerHtml,
        footerTemplate: options.footerHtml,
        margin: {
          top: mm(MINUTES_MARGINS_MM.top),
          bottom: mm(MINUTES_MARGINS_MM.bottom),
          left: mm(MINUTES_MARGINS_MM.left),
          right: mm(MINUTES_MARGINS_MM.right),
        },
      });
      return new Uint8Array(pdf);
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
