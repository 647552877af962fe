import { realFs, type SaveFs } from '../../main/store/durable-file';

/** A file-system call a save makes, by its SaveFs method. */
export type SaveCall = 'open' | 'write' | 'fsync' | 'close' | 'rename';

/** Whether a call fails; `call` numbers the calls from 1 (closing included) since `calls` was last reset. */
export type FailWhen = (call: number, op: SaveCall) => boolean;

export const noFault: FailWhen = () => false;

/** The disk is unavailable: every call fails, closing included. */
export const failEveryCall: FailWhen = () => true;

/** A passing fault: only the k-th call fails, and the disk works again after it. */
export const failCall =
  (k: number): FailWhen =>
  (call) =>
    call === k;

/**
 * A disk that has gone away: the k-th call and every one after it fail. Closing still works, as
 * the file would otherwise stay open and the clinic could not be closed at the end of the test.
 */
export const failFromCall =
  (k: number): FailWhen =>
  (call, op) =>
    call >= k && op !== 'close';

/** A disk that is full when the written file is put in place. */
export const failEveryRename: FailWhen = (_call, op) => op === 'rename';

/**
 * The real file system with faults injected into a save (reliability.md rule 4). `failWhen` may be
 * changed between saves. Removing a temporary file never fails: it only tidies up after a fault.
 */
export class FaultyFs implements SaveFs {
  calls = 0;

  constructor(
    public failWhen: FailWhen = noFault,
    readonly code = 'EIO',
  ) {}

  private step(op: SaveCall): void {
    this.calls++;
    if (this.failWhen(this.calls, op)) {
      throw Object.assign(new Error(`${this.code}: injected fault`), { code: this.code });
    }
  }

  openSync(file: string, flags: string, mode?: number) {
    this.step('open');
    return realFs.openSync(file, flags, mode);
  }
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null) {
    this.step('write');
    return realFs.writeSync(fd, buffer, offset, length, position);
  }
  fsyncSync(fd: number) {
    this.step('fsync');
    realFs.fsyncSync(fd);
  }
  closeSync(fd: number) {
    this.step('close');
    realFs.closeSync(fd);
  }
  renameSync(from: string, to: string) {
    this.step('rename');
    realFs.renameSync(from, to);
  }
  unlinkSync(file: string) {
    realFs.unlinkSync(file);
  }
}
