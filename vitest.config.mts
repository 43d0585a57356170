import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end tests spawn real node processes; two cores do not gain from more workers.
    globalSetup: ['test/global-setup.ts'],
    maxWorkers: 2,
    fileParallelism: true,
  },
});
