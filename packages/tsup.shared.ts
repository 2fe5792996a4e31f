import { defineConfig, type Options } from "tsup";

/**
 * How every package of the workspace is built: ESM and CJS for any runtime (neutral
 * platform, no Node shims), with declarations and source maps.
 */
export function packageBuild(entry: Options["entry"], extra: Options = {}) {
  return defineConfig({
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "es2022",
    platform: "neutral",
    treeshake: true,
    ...extra,
  });
}
