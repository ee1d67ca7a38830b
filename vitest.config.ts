import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // expect.poll waits for something to happen; under CPU load that takes longer than its 1 s default.
    expect: { poll: { timeout: 5000 } },
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
