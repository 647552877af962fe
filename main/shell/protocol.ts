/**
 * Serves the built renderer from app://clinic/ instead of file://, so the page has a real origin
 * that IPC can check, a Content-Security-Policy header, and no reach into the rest of the disk.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME, resolveAppPath, responseHeaders } from './policy';

/** Must run before the app is ready: Chromium fixes the scheme list at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function notFound(status = 404, text = 'Not found'): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Answers app:// requests with files under `root` (the built renderer); anything else is a 404. */
export function serveAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.hostname !== APP_HOST || url.port !== '') return notFound();
    const file = resolveAppPath(root, url.pathname);
    if (!file) return notFound();
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: responseHeaders(file) });
    } catch {
      return notFound();
    }
  });
}
