import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { bundle } from "../support/bundle.js";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
const dir = mkdtempSync(join(tmpdir(), "compat-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(name: string, code: string): string {
  const path = join(dir, `${name}.ts`);
  writeFileSync(path, code);
  return path;
}

/** Strings only the compat layer has: flat method names and its own messages. */
const compatMarkers = [
  "updateAppMetadata",
  "deleteAllUsers",
  "looks like a file path",
  "blacklists/tokens",
  "assignRolestoUser",
];

/** The budget for the compat bundle (29 managers, 189 methods, 142 flat methods). */
const COMPAT_GZIP_BUDGET = 20 * 1024;

describe("compat: only importing /compat pays for it", () => {
  it("bundles getUser with client-credentials auth without any compat code", async () => {
    const report = await bundle(
      entry(
        "get-user",
        `import { createManagementClient } from ${JSON.stringify(join(src, "index.ts"))};
import { getUser } from ${JSON.stringify(join(src, "generated/users.ts"))};
const client = createManagementClient({ domain: "t.eu.auth0.com", clientId: "id", clientSecret: "s" });
export const run = (id: string) => getUser(client, { id });`,
      ),
    );
    expect(report.spentOn.filter((f) => f.file.startsWith("src/compat/"))).toEqual([]);
    for (const marker of compatMarkers) expect(report.text).not.toContain(marker);
    expect(report.spentOn.some((f) => f.file === "src/generated/users.ts")).toBe(true);
  });

  it("bundles the classic client with its 29 managers in under 20 KB gzipped when /compat is imported", async () => {
    const report = await bundle(
      entry(
        "compat",
        `import { ManagementClient } from ${JSON.stringify(join(src, "compat/index.ts"))};
export const management = new ManagementClient({ domain: "t.eu.auth0.com", clientId: "id", clientSecret: "s" });`,
      ),
    );
    const compatFiles = report.spentOn.filter((f) => f.file.startsWith("src/compat/"));
    expect(compatFiles.map((f) => f.file)).toContain("src/compat/generated/methods.ts");
    expect(report.gzipBytes).toBeLessThan(COMPAT_GZIP_BUDGET);
    for (const marker of compatMarkers) expect(report.text).toContain(marker);
    console.info(
      `compat bundle: ${report.bytes} bytes, ${report.gzipBytes} gzipped; compat code ${compatFiles.reduce((n, f) => n + f.bytes, 0)} bytes`,
    );
  });
});
