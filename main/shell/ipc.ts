/**
 * The main-side end of the contract: one ipcMain.handle per call, each checking that the sender is
 * the app's own page before the dispatcher parses the argument. The IPC event stays here.
 */
import { ipcMain, type WebContents } from 'electron';
import { callNames, channelOf, eventNames, type EventName, type FileInfo } from '../contract';
import type { ClinicApp } from '../api/clinic-app';
import { createDispatcher, handlersFor } from '../api/dispatch';
import { isTrustedSender, UNTRUSTED_SENDER_ERROR } from './policy';

/** Registers every call in the contract. Electron throws if a channel is registered twice. */
export function registerIpc(app: ClinicApp): void {
  const clash = callNames.filter((name) => (eventNames as readonly string[]).includes(name));
  if (clash.length > 0) throw new Error(`Calls and events share IPC channels: ${clash.join(', ')}`);
  const dispatch = createDispatcher(handlersFor(app));
  for (const name of callNames) {
    ipcMain.handle(channelOf(name), (event, args: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        console.warn(`Refused IPC call ${name} from ${event.senderFrame?.url ?? 'a frame that has gone'}`);
        return { ok: false, error: UNTRUSTED_SENDER_ERROR };
      }
      return dispatch(name, args);
    });
  }
}

function sendEvent(contents: WebContents, name: EventName, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(channelOf(name), payload);
}

export function sendFileChanged(contents: WebContents, info: FileInfo): void {
  sendEvent(contents, 'fileChanged', info);
}
