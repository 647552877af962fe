/**
 * For a child process that a crash test kills. Counts the calls that change what is on the disk
 * (open, write, flush, close, rename, delete, make a folder) once `counting()` has begun, and
 * before the chosen one says `paused N call` on stdout and waits to be killed. So every SIGKILL
 * lands at a known point of a save or a merge, chosen by the test rather than by a clock: no
 * waiting for a random moment, no saves run only to be interrupted, and every point between two
 * calls is reached in turn.
 *
 * A file written from position 0 (the temporary file of an atomic save) is written in two calls:
 * the first is a short write, half the bytes, which the store must (and does) complete. So a kill
 * can also fall half-way through writing the file, as a kill during a large write(2) leaves it.
 */
import fs from 'node:fs';

const CALLS = [
  'openSync',
  'writeSync',
  'fsyncSync',
  'closeSync',
  'renameSync',
  'unlinkSync',
  'rmSync',
  'mkdirSync',
  'writeFileSync',
  'copyFileSync',
] as const;

type Call = (typeof CALLS)[number];
type AnyFn = (...args: unknown[]) => unknown;

const original = Object.fromEntries(CALLS.map((name) => [name, fs[name] as AnyFn])) as Record<Call, AnyFn>;
const writeOut = fs.writeSync.bind(fs);

/** A line on stdout, written straight away: the test reads it while this process runs. */
export function say(line: string): void {
  writeOut(1, `${line}\n`);
}

function waitToBeKilled(): never {
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/**
 * Patches the file-system calls. `stopAt` (from 1) is the call to pause before; null never
 * pauses. Returns how to start counting (after opening, say) and how many calls there have been.
 */
export function killPoints(stopAt: number | null): { counting(): void; calls(): number } {
  let calls = 0;
  let on = false;
  const step = (name: Call) => {
    if (!on) return;
    calls++;
    if (calls === stopAt) {
      say(`paused ${calls} ${name}`);
      waitToBeKilled();
    }
  };
  for (const name of CALLS) {
    const real = original[name];
    const patched = (...args: unknown[]): unknown => {
      if (name === 'writeSync' && (args[0] === 1 || args[0] === 2)) return real(...args);
      step(name);
      if (name === 'writeSync' && args[4] === 0 && typeof args[3] === 'number' && args[3] > 1) {
        const [fd, buffer, offset, length, position] = args as [number, Uint8Array, number, number, number];
        return real(fd, buffer, offset, Math.ceil(length / 2), position);
      }
      return real(...args);
    };
    (fs as unknown as Record<Call, AnyFn>)[name] = patched;
  }
  return {
    counting: () => {
      on = true;
    },
    calls: () => calls,
  };
}

/** The stop point from the command line: `--stop-at N`, or none. */
export function stopAtArgument(argv: string[]): number | null {
  const i = argv.indexOf('--stop-at');
  return i === -1 ? null : Number(argv[i + 1]);
}
