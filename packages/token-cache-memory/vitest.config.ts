import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Fails a file that prints a client secret anywhere (see that file).
    setupFiles: ["../management/test/support/no-secret-in-output.ts"],
    env: { WATCHED_SECRETS: JSON.stringify(["memory-cache-secret"]) },
    // The first token grant makes an RSA key, which takes seconds on a loaded 2-core machine.
    testTimeout: 60_000,
  },
});
