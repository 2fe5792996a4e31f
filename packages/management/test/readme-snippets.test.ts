import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = fileURLToPath(new URL(".", import.meta.url));
const readme = readFileSync(join(here, "../README.md"), "utf8");
const snippets = readdirSync(join(here, "readme")).filter((name) => name.endsWith(".ts"));

describe("the README's examples of event streams, exports, logging and tracing", () => {
  it("are the four type-checked files", () => {
    expect(snippets.sort()).toEqual([
      "events.ts",
      "export-users.ts",
      "logger.ts",
      "opentelemetry.ts",
    ]);
  });

  // The files are what `pnpm typecheck` checks; the README must show them as they are.
  it.each(snippets)("show %s exactly as the type-checked file", (name) => {
    const code = readFileSync(join(here, "readme", name), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${code}\`\`\``);
  });
});
