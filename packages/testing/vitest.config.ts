import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Fails a file that prints a client secret anywhere (see that file).
    setupFiles: ["../management/test/support/no-secret-in-output.ts"],
    env: { WATCHED_SECRETS: JSON.stringify(["s3cret-value-that-must-never-leak"]) },
    // The first grant makes an RSA key, which takes seconds on a loaded 2-core machine.
    testTimeout: 60_000,
    // Some files make RSA keys in beforeAll: the same seconds-long wait as a first grant.
    hookTimeout: 60_000,
  },
});
