import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The first token grant makes an RSA key, which takes seconds on a loaded 2-core machine.
    testTimeout: 30_000,
  },
});
