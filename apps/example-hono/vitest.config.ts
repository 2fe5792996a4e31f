import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Fails a file that prints a client secret anywhere (see that file).
    setupFiles: ["../../packages/management/test/support/no-secret-in-output.ts"],
    env: { WATCHED_SECRETS: JSON.stringify(["s3cr3t-example-hono-DO-NOT-LEAK"]) },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
