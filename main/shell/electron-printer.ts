/**
 * The app's PDF printer: Chromium inside Electron prints the minutes HTML with printToPDF. The page
 * is loaded into a hidden, sandboxed window with JavaScript off, no preload and its own in-memory
 * session, from a temporary file that is removed straight after (a data: URL would hit Chromium's
 * URL length limit once the charts are in). Every web contents is hardened by security.ts anyway.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BrowserWindow } from 'electron';
import { MINUTES_MARGINS_MM } from '../exports/minutes-html';
import type { PdfPrinter, PdfPrintOptions } from '../exports/pdf-printer';

const inches = (mm: number) => mm / 25.4;

export class ElectronPrinter implements PdfPrinter {
  async htmlToPdf(html: string, options: PdfPrintOptions): Promise<Uint8Array> {
    const folder = await mkdtemp(path.join(tmpdir(), 'perfclinic-print-'));
    const file = path.join(folder, 'minutes.html');
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        javascript: false,
        // An in-memory session of its own: nothing the printed page does touches the app's.
        partition: 'perfclinic-print',
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    try {
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      await window.loadFile(file);
      const pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: options.headerHtml,
        footerTemplate: options.footerHtml,
        // Electron's printToPDF takes margins in inches (PrintToPDFMargins in its docs).
        margins: {
          top: inches(MINUTES_MARGINS_MM.top),
          bottom: inches(MINUTES_MARGINS_MM.bottom),
          left: inches(MINUTES_MARGINS_MM.left),
          right: inches(MINUTES_MARGINS_MM.right),
        },
      });
      return new Uint8Array(pdf);
    } finally {
      if (!window.isDestroyed()) window.destroy();
      await rm(folder, { recursive: true, force: true });
    }
  }
}
