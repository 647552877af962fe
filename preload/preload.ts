/**
 * Puts `window.clinic` in the page: one named function per call in the contract and a subscription
 * to file changes and to the menu's commands for the window. Nothing else crosses: no ipcRenderer, no generic send or invoke, and listeners
 * receive the payload, never the IPC event (which would lead back to ipcRenderer).
 *
 * A sandboxed preload can require only 'electron' and has no Node. So it imports the call names from
 * contract-names.ts (no zod, no imports at all) and only types from contract.ts; scripts/build.mjs
 * bundles it for the browser platform and fails the build if the bundle requires anything else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callNames, channelOf } from '../main/contract-names';
import type { ClinicApi, FileInfo, MenuCommand, WindowClinic } from '../main/contract';

function invoker(name: string): (args: unknown) => Promise<unknown> {
  const channel = channelOf(name);
  return (args) => ipcRenderer.invoke(channel, args);
}

// Built from the contract's list so a call added there is exposed here without a second list;
// main checks each argument against the contract's schema, so the page cannot widen what is sent.
const calls = Object.fromEntries(callNames.map((name) => [name, invoker(name)])) as ClinicApi;

function onFileChanged(listener: (info: FileInfo) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('onFileChanged needs a function');
  const channel = channelOf('fileChanged');
  const forward = (_event: IpcRendererEvent, info: FileInfo) => listener(info);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('onMenuCommand needs a function');
  const channel = channelOf('menuCommand');
  const forward = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const api = { ...calls, onFileChanged, onMenuCommand } satisfies WindowClinic;

contextBridge.exposeInMainWorld('clinic', api);
