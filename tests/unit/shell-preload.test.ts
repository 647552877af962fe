import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames, channelOf } from '../../main/contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<Listener>>();
const invoke = vi.fn((channel: string, args: unknown) => Promise.resolve({ ok: true, value: { channel, args } }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: Listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener),
  },
}));

let clinic: Record<string, unknown>;

beforeAll(async () => {
  await import('../../preload/preload');
  clinic = exposed.get('clinic') as Record<string, unknown>;
});

describe('the preload', () => {
  it('exposes only window.clinic', () => {
    expect([...exposed.keys()]).toEqual(['clinic']);
  });

  it('offers one function per call in the contract, plus onFileChanged and onMenuCommand, and nothing generic', () => {
    expect(Object.keys(clinic).sort()).toEqual([...callNames, 'onFileChanged', 'onMenuCommand'].sort());
    for (const value of Object.values(clinic)) expect(typeof value).toBe('function');
    for (const generic of ['send', 'invoke', 'on', 'ipcRenderer', 'require'])
      expect(clinic).not.toHaveProperty(generic);
  });

  it("sends each call on its own channel with the page's argument as it is", async () => {
    for (const name of callNames) {
      const call = clinic[name] as (args: unknown) => Promise<unknown>;
      await expect(call({ probe: name })).resolves.toEqual({
        ok: true,
        value: { channel: channelOf(name), args: { probe: name } },
      });
    }
    expect(invoke).toHaveBeenCalledTimes(callNames.length);
  });

  it('passes file changes to the listener without the IPC event, and stops when unsubscribed', () => {
    const onFileChanged = clinic.onFileChanged as (listener: (info: unknown) => void) => () => void;
    const received: unknown[][] = [];
    const unsubscribe = onFileChanged((...args) => received.push(args));
    const info = { path: '/x/clinic.db', name: 'clinic.db', readOnly: false };
    const event = { sender: 'ipcRenderer would leak through here' };
    for (const listener of listeners.get(channelOf('fileChanged')) ?? []) listener(event, info);
    expect(received).toEqual([[info]]);
    unsubscribe();
    expect(listeners.get(channelOf('fileChanged'))?.size).toBe(0);
  });

  it("passes the menu's commands to the listener without the IPC event, and stops when unsubscribed", () => {
    const onMenuCommand = clinic.onMenuCommand as (listener: (command: unknown) => void) => () => void;
    const received: unknown[][] = [];
    const unsubscribe = onMenuCommand((...args) => received.push(args));
    const event = { sender: 'ipcRenderer would leak through here' };
    for (const listener of listeners.get(channelOf('menuCommand')) ?? []) listener(event, 'mergeCopy');
    expect(received).toEqual([['mergeCopy']]);
    unsubscribe();
    expect(listeners.get(channelOf('menuCommand'))?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    const onFileChanged = clinic.onFileChanged as (listener: unknown) => unknown;
    expect(() => onFileChanged('alert(1)')).toThrow(TypeError);
    const onMenuCommand = clinic.onMenuCommand as (listener: unknown) => unknown;
    expect(() => onMenuCommand('alert(1)')).toThrow(TypeError);
  });
});
