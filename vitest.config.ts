import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/redis-global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores on CI: keep parallelism modest so timing-sensitive child-process tests stay calm.
    maxWorkers: 2,
  },
});
