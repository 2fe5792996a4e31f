import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file starts workerd processes of its own; two cores are enough for one file at a time.
    fileParallelism: false,
  },
});
