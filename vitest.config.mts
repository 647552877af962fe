import { defineConfig } from 'vitest/config';

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
  },
});
