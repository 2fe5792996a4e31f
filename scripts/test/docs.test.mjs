import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), "auth0-edge-docs-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the API reference (pnpm docs)", () => {
  let run;
  it("builds every package and subpath with typedoc, no warning (notExported and invalidLink are errors)", () => {
    run = spawnSync(join(root, "node_modules/.bin/typedoc"), ["--out", out], {
      cwd: root,
      encoding: "utf8",
      timeout: 240_000,
    });
    const output = run.stdout + run.stderr;
    expect(output).not.toMatch(/\[warning\]|\[error\]/);
    expect(run.status, output.slice(-3000)).toBe(0);
  }, 300_000);

  it("has a page per resource group that lists its operations with their scopes", () => {
    const users = join(out, "modules/_auth0-edge_management.users.html");
    expect(existsSync(users)).toBe(true);
    const text = readFileSync(users, "utf8").replace(/<[^>]+>/g, "");
    expect(text).toContain("GET /users/{id}");
    expect(text).toMatch(/getUser\s*GET \/users\/\{id\}\s*read:users, read:current_user/);
  });

  it("documents every package: the six of npm, each with its subpaths", () => {
    for (const page of [
      "_auth0-edge_management.compat.html",
      "_auth0-edge_management.private-key-jwt.html",
      "_auth0-edge_management.jobs.html",
      "_auth0-edge_testing.msw.html",
      "_auth0-edge_token-cache-durable-object.html",
      "_auth0-edge_token-cache-kv.html",
      "_auth0-edge_token-cache-memory.html",
      "_auth0-edge_token-cache-redis.html",
    ]) {
      expect(existsSync(join(out, "modules", page)), page).toBe(true);
    }
  });
});
