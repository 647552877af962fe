import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ClinicApp } from '../../main/api/clinic-app';
import { callNames, channelOf } from '../../main/contract';
import { tempDir } from '../support/temp';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = new Map<string, Handler>();

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
  },
}));

const { registerIpc, sendFileChanged } = await import('../../main/shell/ipc');

function eventFrom(url: string, parent: unknown = null) {
  return { senderFrame: { url, parent }, sender: { send: () => undefined } };
}

function handler(name: string): Handler {
  const found = handlers.get(channelOf(name));
  if (!found) throw new Error(`no handler for ${name}`);
  return found;
}

describe('IPC registration in the shell', () => {
  beforeEach(() => handlers.clear());

  it('registers exactly one handler per call in the contract', () => {
    registerIpc(new ClinicApp());
    expect([...handlers.keys()].sort()).toEqual(callNames.map(channelOf).sort());
  });

  it('refuses to register the calls twice', () => {
    const app = new ClinicApp();
    registerIpc(app);
    expect(() => registerIpc(app)).toThrow(/second handler/);
  });

  it("answers the app's own page with the application's result", async () => {
    const app = new ClinicApp();
    const file = path.join(tempDir(), 'clinic.db');
    await app.createFile(file);
    registerIpc(app);
    const result = await handler('getFileInfo')(eventFrom('app://clinic/index.html'), {});
    expect(result).toMatchObject({ ok: true, value: { path: file, name: 'clinic.db', readOnly: false } });
    app.close();
  });

  it.each([
    ['another origin', eventFrom('https://evil.example/')],
    ['a look-alike origin', eventFrom('app://clinic.evil/index.html')],
    ['a frame inside the page', eventFrom('app://clinic/index.html', {})],
    ['a frame that has gone', { senderFrame: null }],
  ])('refuses a call from %s without reaching the application', async (_label, event) => {
    const app = new ClinicApp();
    const fileInfo = vi.spyOn(app, 'fileInfo');
    registerIpc(app);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await handler('getFileInfo')(event, {});
    warn.mockRestore();
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: string }).error).toMatch(/refused/);
    expect(fileInfo).not.toHaveBeenCalled();
  });

  it('parses the argument through the contract before the application sees it', async () => {
    registerIpc(new ClinicApp());
    const result = await handler('getMeasureDetail')(eventFrom('app://clinic/'), { key: '../../etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not valid/) });
  });

  it('never hands the IPC event to the application', async () => {
    const app = new ClinicApp();
    const file = path.join(tempDir(), 'clinic.db');
    await app.createFile(file);
    const report = vi.spyOn(app, 'report');
    registerIpc(app);
    await handler('getReport')(eventFrom('app://clinic/'), {});
    expect(report).toHaveBeenCalledTimes(1);
    // The arguments, and the window's own option; never the event.
    expect(report.mock.calls[0]).toEqual([{}, { requireCompare: false }]);
    app.close();
  });

  it('sends file changes to the window on the contract channel, and not to a closed window', () => {
    const send = vi.fn();
    const info = { path: '/x/clinic.db', name: 'clinic.db', readOnly: false, notices: [] };
    sendFileChanged({ isDestroyed: () => false, send } as never, info);
    expect(send).toHaveBeenCalledWith(channelOf('fileChanged'), info);
    const closed = vi.fn();
    sendFileChanged({ isDestroyed: () => true, send: closed } as never, info);
    expect(closed).not.toHaveBeenCalled();
  });
});

describe('IPC while the first clinic file is opening', () => {
  beforeEach(() => handlers.clear());

  it('answers a call made before the file is open once it is, with the file', async () => {
    const app = new ClinicApp();
    const file = path.join(tempDir(), 'clinic.db');
    let opened: () => void = () => undefined;
    registerIpc(app, new Promise<void>((resolve) => (opened = resolve)));
    const early = handler('getFileInfo')(eventFrom('app://clinic/index.html'), {}) as Promise<unknown>;
    await app.createFile(file);
    opened();
    await expect(early).resolves.toMatchObject({ ok: true, value: { path: file } });
    app.close();
  });

  it('answers with the reason when the file could not be opened', async () => {
    const app = new ClinicApp();
    registerIpc(app, Promise.reject(new Error('damaged')));
    await expect(handler('getFileInfo')(eventFrom('app://clinic/'), {})).resolves.toMatchObject({ ok: false });
  });

  it('refuses a stranger at once, without waiting for the file', async () => {
    const app = new ClinicApp();
    registerIpc(app, new Promise<void>(() => undefined));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await handler('getFileInfo')(eventFrom('https://evil.example/'), {});
    warn.mockRestore();
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
  });
});
