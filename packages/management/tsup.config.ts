import { defineConfig } from "tsup";
import generatedEntries from "./src/generated/entries.json" with { type: "json" };

/**
 * Every entry point: the hand-written ones, then those the generator lists in
 * entries.json (one per resource group, and the operations table).
 */
export const entryPoints: Record<string, string> = {
  index: "./src/index.ts",
  "private-key-jwt": "./src/private-key-jwt.ts",
  compat: "./src/compat/index.ts",
  ...generatedEntries,
};

export default defineConfig({
  entry: entryPoints,
  format: ["esm", "cjs"],
  // Declarations come from tsc (`tsc -p tsconfig.build.json`, then scripts/declarations.ts).
  dts: false,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  treeshake: true,
});
