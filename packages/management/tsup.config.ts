import { packageBuild } from "../tsup.shared";
import generatedEntries from "./src/generated/entries.json" with { type: "json" };

/**
 * Every entry point: the hand-written ones, then those the generator lists in
 * entries.json (one per resource group, and the operations table).
 */
export const entryPoints: Record<string, string> = {
  index: "./src/index.ts",
  "private-key-jwt": "./src/private-key-jwt.ts",
  compat: "./src/compat/index.ts",
  ofetch: "./src/ofetch.ts",
  "token-cache": "./src/token-cache-kit/index.ts",
  logger: "./src/logger.ts",
  opentelemetry: "./src/opentelemetry.ts",
  request: "./src/typed-request.ts",
  ...generatedEntries,
};

// Declarations come from tsc (`tsc -p tsconfig.build.json`, then scripts/declarations.ts).
export default packageBuild(entryPoints, { dts: false });
