import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import surface from "../../data/classic-surface.json" with { type: "json" };
import { generateCompat, packageDir } from "../../scripts/generate-compat.js";
import { methodRows } from "../../src/compat/generated/methods.js";

describe("compat: the managers come from the data file", () => {
  it("src/compat/generated is what scripts/generate-compat.ts makes (run `pnpm generate:compat` when this fails)", {
    timeout: 60_000,
  }, async () => {
    for (const [file, text] of await generateCompat()) {
      expect(readFileSync(join(packageDir, file), "utf8") === text, `${file} is stale`).toBe(true);
    }
  });

  it("has one row per manager method of the data file, in its order", () => {
    expect(methodRows.map(([manager, method]) => `${manager}.${method}`)).toEqual(
      surface.managerMethods.map((m) => `${m.manager}.${m.method}`),
    );
  });

  it("calls a generated operation for every row but those the compat README lists as sent with request()", () => {
    const viaRequest = methodRows
      .filter(([, , , target]) => Array.isArray(target))
      .map(
        ([manager, method, , target]) =>
          `${manager}.${method} ${(target as readonly string[]).join(" ")}`,
      );
    expect(viaRequest).toHaveLength(11);
    const readme = readFileSync(join(packageDir, "src/compat/README.md"), "utf8");
    const listed = [...readme.matchAll(/^\| `(\w+\.\w+)` +\| `([A-Z]+ \/[^`]*)` +\|$/gm)].map(
      ([, method, request]) => `${method} ${request}`,
    );
    expect(listed.sort()).toEqual(viaRequest.sort());
  });
});
