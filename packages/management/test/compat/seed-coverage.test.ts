import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import surface from "../../data/classic-surface.json" with { type: "json" };
import { flatRows } from "../../src/compat/generated/methods.js";
import { ManagementClient } from "../../src/compat/index.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The flat methods the v2.9.x reference documents: the ones the first compat release follows. */
const seedFlat = surface.flatMethods.filter((row) => row.seedReference);
/** The manager methods the classic client already had in the seed's era. */
const seedManagerMethods = surface.managerMethods.filter((row) => row.since === "2.9.x");

const testSources = readdirSync(here)
  .filter((name) => name.endsWith(".test.ts"))
  .map((name) => readFileSync(join(here, name), "utf8"))
  .join("\n");

const compat = new ManagementClient({ domain: "tenant.example.com", token: "t" });
const managers = compat as unknown as Record<string, Record<string, unknown> | undefined>;
const targets = new Map(flatRows.map(([name, manager, method]) => [name, `${manager}.${method}`]));

describe("compat: the classic surface of the seed's era", () => {
  it("lists the 55 documented flat methods and the 58 methods of the 14 original managers", () => {
    expect(seedFlat).toHaveLength(55);
    expect(seedManagerMethods).toHaveLength(58);
    expect(surface.managers.filter((m) => m.since === "2.9.x")).toHaveLength(14);
  });

  it.each(seedFlat.map((row) => [row.method, row] as const))(
    "has the flat method %s, calling the classic's target, and a test of it against the emulator",
    (name, row) => {
      const method = (ManagementClient.prototype as unknown as Record<string, unknown>)[name];
      expect(typeof method).toBe("function");
      if (row.target !== null) expect(targets.get(name)).toBe(row.target);
      expect(testSources).toMatch(new RegExp(`it\\(\\s*"${name}[ :(]`));
    },
  );

  it.each(seedManagerMethods.map((row) => `${row.manager}.${row.method}`))(
    "has the manager method %s",
    (qualified) => {
      const [manager, method] = qualified.split(".") as [string, string];
      expect(typeof managers[manager]?.[method]).toBe("function");
    },
  );
});
