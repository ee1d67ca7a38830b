import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Test files wait on gateways, browsers and polls more than they compute: two at once keep a
    // 2-core machine busy (Vitest's default, one fewer than the cores, would run them one by one).
    maxWorkers: 2,
    // A worker runs file after file in one process, so the app's modules are imported (and the triage
    // model trained for the shipped content) once per worker, not once per file. Each file still has
    // its own Redis prefix, PostgreSQL schema and gateways, and closes what it opened.
    isolate: false,
    // Bounds, not expectations: a loaded machine (CI under stress -c 2) may take this long to start gateways.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // expect.poll waits for something to happen; under CPU load that takes longer than its 1 s default.
    expect: { poll: { timeout: 5000 } },
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
