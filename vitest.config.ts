import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores on our machines: two workers keep the suite fast without starving the browser tests.
    maxWorkers: 2,
    // FC_SEED fixes fast-check's seed (see the file).
    setupFiles: ['test/support/fast-check-seed.ts'],
  },
});
