import { defineConfig } from "vitest/config";

// The tests of the repository's own scripts (the test summary), run by scripts/test.mjs.
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["scripts/test/**/*.test.mjs"],
    // The consumer matrix and the docs build run compilers; on two busy cores a step takes seconds.
    testTimeout: 120_000,
  },
});
