/**
 * The main-side end of the contract: one ipcMain.handle per call, each checking that the sender is
 * the app's own page before the dispatcher parses the argument. The IPC event stays here.
 */
import { ipcMain, type WebContents } from 'electron';
import { callNames, channelOf, eventNames, type EventName, type FileInfo, type MenuCommand } from '../contract';
import type { ClinicApp } from '../api/clinic-app';
import { createDispatcher, handlersFor } from '../api/dispatch';
import { isTrustedSender, UNTRUSTED_SENDER_ERROR } from './policy';

/**
 * Registers every call in the contract. Electron throws if a channel is registered twice. Calls
 * wait for `opened` (the first clinic file being opened or failing to open), so a window shown
 * before the file is open asks for it once and gets the file, not "no file is open".
 */
export function registerIpc(app: ClinicApp, opened: Promise<unknown> = Promise.resolve()): void {
  const clash = callNames.filter((name) => (eventNames as readonly string[]).includes(name));
  if (clash.length > 0) throw new Error(`Calls and events share IPC channels: ${clash.join(', ')}`);
  const dispatch = createDispatcher(handlersFor(app));
  for (const name of callNames) {
    ipcMain.handle(channelOf(name), async (event, args: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        console.warn(`Refused IPC call ${name} from ${event.senderFrame?.url ?? 'a frame that has gone'}`);
        return { ok: false, error: UNTRUSTED_SENDER_ERROR };
      }
      await opened.catch(() => undefined);
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

/** A File menu item whose work is done in the window (Take a copy…, Merge a copy back…). */
export function sendMenuCommand(contents: WebContents, command: MenuCommand): void {
  sendEvent(contents, 'menuCommand', command);
}
