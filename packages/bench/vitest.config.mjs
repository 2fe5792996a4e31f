import { defineConfig } from "vitest/config";

// Only the README check runs in `pnpm test`; the benchmarks themselves are `pnpm bench`.
export default defineConfig({ test: { include: ["test/**/*.test.mjs"] } });
