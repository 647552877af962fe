import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Vitest's default on 2 cores is one file at a time; the crash and import tests spend much of
    // their time waiting on child processes and the disk, so two at once shortens the run.
    maxWorkers: 2,
  },
});
