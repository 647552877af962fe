/**
 * The only door from the window to the application: the preload's `window.clinic`. Everything
 * here is a type, so nothing from the main process is bundled into the renderer.
 */
import type { CallArgs, CallName, CallResult, Result, WindowClinic } from '../../main/contract';

declare global {
  interface Window {
    clinic: WindowClinic;
  }
}

/**
 * Calls the application and turns anything unexpected (the preload missing, a rejected promise)
 * into the same readable error shape as the API's own refusals, so callers handle one case.
 */
export async function callClinic<K extends CallName>(name: K, args: CallArgs<K>): Promise<Result<CallResult<K>>> {
  const api = window.clinic as WindowClinic | undefined;
  if (!api) return { ok: false, error: 'The app could not reach its data. Close the window and open the app again.' };
  try {
    // One generic call site over a mapped type: TypeScript cannot relate the indexed function to
    // K, so the cast restates what ClinicApi already guarantees.
    const fn = api[name] as (a: CallArgs<K>) => Promise<Result<CallResult<K>>>;
    return await fn(args);
  } catch (error) {
    return { ok: false, error: `The app did not answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}
