import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: the tests wait on events, never on the machine being quick; a busy 2-core CI is slow.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
