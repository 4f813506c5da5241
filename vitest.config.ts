import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/redis-global-setup.ts"],
    // Every test file checks that the processes it started logged no credential or candidate text.
    setupFiles: ["test/support/log-privacy-setup.ts"],
    // Only when to give up on a hung test. Generous: the suite must pass on a busy machine (it was checked running
    // twice at once on two cores, where tests take five times as long). Tests that run `secondround` processes
    // set their own, from test/support/cli-process.ts.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI: keep parallelism modest so timing-sensitive child-process tests stay calm.
    maxWorkers: 2,
  },
});
