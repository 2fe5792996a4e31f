import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, prepareConsumer, rows } from "../consumers/matrix.mjs";

let projects;
const table = [];
beforeAll(() => {
  projects = prepareConsumer().projects;
}, 120_000);
afterAll(() => {
  console.log(
    `consumer matrix (packed tarballs, skipLibCheck off):\n${table.map((line) => `  ${line}`).join("\n")}`,
  );
});

describe("a user's program type-checks against the packed packages", () => {
  it.each(rows().map((row) => [`${row.compiler} / ${row.resolution} / ${row.lib}`, row]))(
    "%s",
    (name, row) => {
      const result = check(projects, row);
      table.push(`${name}: ${result.status === 0 ? "ok" : "FAILED"}`);
      expect(result.output).toBe("");
      expect(result.status).toBe(0);
    },
    120_000,
  );

  it("and a wrong call fails the same check (the matrix can fail)", () => {
    writeFileSync(
      join(projects.node, "consumer.ts"),
      `import { createManagementClient } from "@auth0-edge/management";
import { getUser } from "@auth0-edge/management/users";
const client = createManagementClient({ domain: "t.example.com", token: "t" });
// no id: must not type-check
export const user = getUser(client, {});
`,
    );
    const result = check(projects, { compiler: "5.9", resolution: "bundler", lib: "node-no-dom" });
    expect(result.output).toMatch(/consumer\.ts\(5,\d+\): error TS2345/);
  }, 120_000);
});
