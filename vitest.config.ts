import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Bounds, not expectations: a loaded machine (CI under stress -c 2) may take this long to start gateways.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // expect.poll waits for something to happen; under CPU load that takes longer than its 1 s default.
    expect: { poll: { timeout: 5000 } },
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
