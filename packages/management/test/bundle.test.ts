import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundle } from "./support/bundle.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
/**
 * A ratchet for a Worker that reads a user with client-credentials auth: it may only go
 * down. 6,785 B before issue 8, whose rules cost 607 B (see bundle-operations.test.ts);
 * 7,221 B since the option checks became tables (issue 14); 7,245 B with the observer
 * hook of response metadata (issue 11); 7,241 B (issue 14); 7,355 B after issue 9's token
 * economy, less the shared-cache code moved into `shareTokenCache`; 7,213 B after issue 14's
 * second pass, 7,208 B after issue 9's last fix and the hot path, 7,224 B with a step after the transport
 * refused, 7,138 B after issue 14's third pass, 7,098 B with the client-assertion fields moved
 * into privateKeyJwt()'s signer, 7,211 B with the hot path's third pass, 7,208 B with the
 * token on the call's own headers and the signer check's `?.` (see bundle-operations.test.ts).
 */
const BUDGET_GZIP_BYTES = 7208;

const usesJose = (files: { file: string }[]) =>
  files.some((f) => /node_modules\/(\.pnpm\/jose@[^/]+\/node_modules\/)?jose\//.test(f.file));

describe("the bundle of a Worker", () => {
  it(`reading a user with a client secret stays within ${BUDGET_GZIP_BYTES} bytes gzip, without jose or Node built-ins`, async () => {
    const report = await bundle(join(fixtures, "worker-client-secret.ts"));
    console.log(
      `bundle: GET /users/{id} with client-credentials auth: ${report.bytes} bytes minified, ${report.gzipBytes} bytes gzip (budget ${BUDGET_GZIP_BYTES})`,
    );
    const bySource = await bundle(join(fixtures, "worker-client-secret.ts"), "src");
    console.log(
      `minified bytes by source module:\n${bySource.spentOn.map((f) => `  ${String(f.bytes).padStart(6)}  ${f.file}`).join("\n")}`,
    );
    expect(report.externalImports).toEqual([]);
    expect(report.text).not.toMatch(/["'`]node:/);
    expect(usesJose(report.spentOn)).toBe(false);
    expect(report.text).not.toContain("ERR_JOSE");
    expect(report.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it("with private_key_jwt carries jose, which shows the check above can tell", async () => {
    const report = await bundle(join(fixtures, "worker-private-key.ts"));
    console.log(
      `bundle: the same with private_key_jwt: ${report.bytes} bytes minified, ${report.gzipBytes} bytes gzip`,
    );
    expect(usesJose(report.spentOn)).toBe(true);
    expect(report.text).toContain("ERR_JOSE");
    expect(report.externalImports).toEqual([]);
  });
});
