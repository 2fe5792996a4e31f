import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Fails a file that prints a client secret anywhere (see that file).
    setupFiles: ["../management/test/support/no-secret-in-output.ts"],
    env: { WATCHED_SECRETS: JSON.stringify(["do-cache-secret-7c2e91a4"]) },
    globalSetup: ["./test/support/bundle-worker.ts"],
    // One worker runs the files in turn and loads Miniflare once; each file starts a
    // workerd process of its own, and two cores are enough for one at a time.
    isolate: false,
    fileParallelism: false,
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
