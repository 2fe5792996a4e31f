import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/support/bundle-worker.ts"],
    // One worker runs the files in turn and loads Miniflare once: on two cores this
    // halves the CPU time of the suite, and each file starts a workerd process anyway.
    isolate: false,
    fileParallelism: false,
    hookTimeout: 30_000,
    testTimeout: 30_000,
  },
});
