/**
 * The command line, two ways. `perfclinic` runs the CLI's own entry (`run`) inside the test
 * process, printing what `main` prints, so that most tests need no process of their own (each
 * one costs a Node start, the bundle and sql.js: about half a second on a busy machine).
 * `perfclinicProcess` runs the built bin in a child process, as a person does: every command
 * family keeps one such test, so the bin, the bundle and the exit codes are checked for real.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { errorLine, exitCodeFor, run } from '../../main/cli/cli';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/perfclinic.cjs');

/** Environment variables the command reads (PERFCLINIC_DEVICE, PERFCLINIC_CHROMIUM), for one run. */
export type CliEnv = Record<string, string | undefined>;

/** The command run in this process: its output, its error line and its exit code, as the bin gives them. */
export async function perfclinic(args: string[], env: CliEnv = {}): Promise<CliResult> {
  const saved = Object.keys(env).map((key) => [key, process.env[key]] as const);
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  let stdout = '';
  try {
    await run(args, (text) => (stdout += text));
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    return { code: exitCodeFor(error), stdout, stderr: errorLine(error) };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The built bin in a child process, as a person runs it. */
export function perfclinicProcess(args: string[], env: CliEnv = {}): Promise<CliResult> {
  if (!existsSync(path.join(root, 'dist/cli/cli.cjs'))) {
    throw new Error('The CLI is not built: run `npm run build` before these tests (npm test does).');
  }
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env, ...env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete childEnv[key];
    const child = spawn(process.execPath, [bin, ...args], { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
