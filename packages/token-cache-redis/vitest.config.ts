import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The multi-process test starts 20 Node processes; on a busy two-core machine that
    // takes seconds, and the Redis-killed run waits out the client's 5 s lock wait.
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
