import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Vitest's default on 2 cores is one file at a time; several test files mostly wait (on
    // tmux, fake servers, retries and other processes), so a third worker keeps both cores busy.
    maxWorkers: 3,
  },
});
