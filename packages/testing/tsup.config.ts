import { packageBuild } from "../tsup.shared";

export default packageBuild([
  "src/index.ts",
  "src/core.ts",
  "src/msw.ts",
  "src/token-cache-contract.ts",
  "src/token-cache-contract-vitest.ts",
]);
