import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest files, slowest first (measured in `npm test`, side by side with Playwright). Vitest
 * orders files by the durations it cached on an earlier run; a fresh clone has none, so it took
 * them in name order and the crash tests of shared files, near the end of the alphabet, ran on
 * after everything else with one core idle. Longest first packs the two workers evenly.
 */
const SLOWEST_FIRST = [
  'merge-crash',
  'crash',
  'shared-crash',
  'shared-file',
  'merge-property',
  'import-large',
  'report-document-cli',
  'cli',
  'dispatch',
  'durability',
  'minutes-cli',
  'minutes',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOWEST_FIRST.indexOf(path.basename(file.moduleId, '.test.ts'));
      return index === -1 ? SLOWEST_FIRST.length : index;
    };
    // The rest keep Vitest's own order (failed first, then by cached duration); the sort is stable.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // A time limit only catches a test that hangs: speed is measured by `npm run bench`, never here,
    // and a loaded two-core machine runs the slowest tests (PDFs, child processes) several times slower.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Vitest's default on 2 cores is one file at a time; the crash and import tests spend much of
    // their time waiting on child processes and the disk, so two at once shortens the run.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
  },
});
