import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Fails a file that prints a client secret anywhere (see that file).
    setupFiles: ["../management/test/support/no-secret-in-output.ts"],
    env: { WATCHED_SECRETS: JSON.stringify(["kv-cache-secret-4b1d7e0c"]) },
    globalSetup: ["./test/support/bundle-worker.ts"],
    // One worker runs the files in turn and loads Miniflare once: on two cores this
    // halves the CPU time of the suite, and each file starts a workerd process anyway.
    isolate: false,
    fileParallelism: false,
    hookTimeout: 30_000,
    testTimeout: 60_000,
  },
});
