import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["./test/support/no-secret-in-output.ts"],
    // Generous: CI runs every package's suite at once on two cores, and the 1,000-call
    // test alone takes about 3 s. The fake-time helpers fail fast on a real hang.
    testTimeout: 60_000,
  },
});
