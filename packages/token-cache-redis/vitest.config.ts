import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Fails a file that prints a client secret anywhere (see that file).
    setupFiles: ["../management/test/support/no-secret-in-output.ts"],
    env: {
      WATCHED_SECRETS: JSON.stringify([
        "s3cr3t-redis-DO-NOT-LEAK",
        "s3cr3t-many-instances-DO-NOT-LEAK",
      ]),
    },
    // The multi-process test starts 20 Node processes; on a busy two-core machine that
    // takes seconds, and the Redis-killed run waits out the client's 5 s lock wait.
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
