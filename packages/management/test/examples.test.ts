import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATED_DIR } from "../scripts/lib/generate.js";
import { packageDir } from "./support/oas.js";
import { tscProject, USER_OPTIONS } from "./support/tsc-project.js";

/** Every ```ts block under an `@example` tag of a doc comment, without the comment's `*`. */
function examples(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
    found.push(match[1]!.replace(/^\s*\* ?/gm, ""));
  }
  return found;
}

const generated = readdirSync(join(packageDir, GENERATED_DIR)).filter((f) => f.endsWith(".ts"));
const project = tscProject("auth0-edge-examples-");
afterAll(() => project.remove());

/** Type-checks each example as a module of its own, with a `client` in scope, against the sources. */
function typeCheck(sources: Record<string, string>) {
  const modules: Record<string, string> = {};
  for (const [name, code] of Object.entries(sources)) {
    modules[name] =
      `import type { ManagementClient } from "@auth0-edge/management";\ndeclare const client: ManagementClient;\n${code}\nexport {};\n`;
  }
  return project.compile(modules, {
    ...USER_OPTIONS,
    noEmit: true,
    // The examples are checked, not the package's declarations (dts.test.ts does that).
    skipLibCheck: true,
    paths: {
      "@auth0-edge/management": [join(packageDir, "src/index.ts")],
      "@auth0-edge/management/jobs": [join(packageDir, "src/entries/jobs.ts")],
      "@auth0-edge/management/request": [join(packageDir, "src/typed-request.ts")],
      "@auth0-edge/management/*": [join(packageDir, GENERATED_DIR, "*.ts")],
    },
  });
}

describe("the @example of every generated function", () => {
  it("type-checks, as a user would paste it (with a client in scope)", { timeout: 180_000 }, () => {
    const sources: Record<string, string> = {};
    for (const file of generated) {
      const found = examples(readFileSync(join(packageDir, GENERATED_DIR, file), "utf8"));
      found.forEach((code, i) => {
        sources[`${file.replace(/\.ts$/, "")}-${i}.ts`] = code;
      });
    }
    // One per operation, and the operations table's own.
    expect(Object.keys(sources).length).toBe(453);
    const result = typeCheck(sources);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("uses ids in Auth0's formats and the document's example values, not placeholders", () => {
    const users = readFileSync(join(packageDir, GENERATED_DIR, "users.ts"), "utf8");
    expect(users).toContain('getUser(client, { id: "auth0|507f1f77bcf86cd799439020" })');
    const all = generated
      .map((f) => readFileSync(join(packageDir, GENERATED_DIR, f), "utf8"))
      .join("");
    expect(all).not.toContain('"…"');
  });

  it("and the check fails on an example that does not type-check", { timeout: 120_000 }, () => {
    const result = typeCheck({
      "wrong.ts": `import { getUser } from "@auth0-edge/management/users";\nconst result = await getUser(client, { id: 123 });`,
    });
    expect(result.output).toMatch(/wrong\.ts\(4,\d+\): error TS2322/);
  });
});
