import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["./test/support/no-secret-in-output.ts"],
    testTimeout: 20_000,
  },
});
