/**
 * The port through which minutes become a PDF. The app implements it with Electron's printToPDF
 * (main/shell/electron-printer.ts); the command line and the tests with Playwright's Chromium
 * (playwright-printer.ts). Both print the same HTML with the same header, footer and margins.
 */
export interface PdfPrintOptions {
  /** Chromium header template: printed in the top margin of every page. */
  headerHtml: string;
  /** Chromium footer template; elements with class pageNumber and totalPages are filled in. */
  footerHtml: string;
}

export interface PdfPrinter {
  htmlToPdf(html: string, options: PdfPrintOptions): Promise<Uint8Array>;
  /** Lets go of the browser, if the printer holds one open between documents. */
  close?(): Promise<void>;
}
