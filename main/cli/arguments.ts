/**
 * Reading a command's arguments, shared by every perfclinic command so that a mistake in any of
 * them is told apart from a problem with the file in the same way (exit code 2, not 1).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in the command itself (exit code 2), as opposed to a problem with a file or its contents (exit code 1). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Strict, so a misspelt option is refused rather than ignored; only node's first line is shown. */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  positionals = false,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

export function requireDb(values: Record<string, unknown>): string {
  const db = values.db;
  if (typeof db !== 'string' || db === '') throw new UsageError('--db FILE is required: the clinic file to use');
  return db;
}
