import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = fileURLToPath(new URL(".", import.meta.url));
const snippetsDir = join(here, "../snippets");
const readme = readFileSync(join(here, "../../../README.md"), "utf8");
const snippets = readdirSync(snippetsDir).filter((name) => name.endsWith(".ts"));

describe("the README's framework snippets", () => {
  it("cover Hono, Next.js, Nitro and Deno Deploy", () => {
    expect(snippets.sort()).toEqual([
      "deno-deploy.ts",
      "hono.ts",
      "next-route.ts",
      "nitro-route.ts",
    ]);
  });

  // The files are what `pnpm typecheck` checks (tsc, deno check); the README must show them as they are.
  it.each(snippets)("show %s exactly as the type-checked file", (name) => {
    const code = readFileSync(join(snippetsDir, name), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${code}\`\`\``);
  });
});
