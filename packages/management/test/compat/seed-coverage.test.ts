import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ManagementClient } from "../../src/compat/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const seedFile = resolve(here, "../../../..", "../shared/seed/management-client-v2-reference.txt");
// In CI a missing reference fails the test instead of skipping it.
const skip = !existsSync(seedFile) && process.env.CI !== "true";

/** The flat methods the v2 reference documents: its `name(params…) → {…}` headings. */
function seedMethods(): string[] {
  const text = readFileSync(seedFile, "utf8");
  return [...text.matchAll(/^(\w+)\([^)]*\) → /gm)].map((m) => m[1]!);
}

const testSources = readdirSync(here)
  .filter((name) => name.endsWith(".test.ts"))
  .map((name) => readFileSync(join(here, name), "utf8"))
  .join("\n");

describe.skipIf(skip)("compat: the classic reference", () => {
  it("lists the 55 flat methods, blacklistToken … updateUserMetadata", () => {
    const names = seedMethods();
    expect(names).toHaveLength(55);
    expect([names[0], names.at(-1)]).toEqual(["blacklistToken", "updateUserMetadata"]);
  });

  it.each(skip ? [] : seedMethods())("has %s, and a test of it against the emulator", (name) => {
    const method = (ManagementClient.prototype as unknown as Record<string, unknown>)[name];
    expect(typeof method).toBe("function");
    expect(testSources).toMatch(new RegExp(`it\\(\\s*"${name}[ :(]`));
  });
});
