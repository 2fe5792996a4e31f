import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tscProject, USER_OPTIONS } from "./support/tsc-project.js";

/** A consumer that keeps what the calls resolve to in exported constants. */
const consumer = `import { createManagementClient } from "@auth0-edge/management";
import { getUser, listUsers } from "@auth0-edge/management/users";

const client = createManagementClient({ domain: "tenant.example.auth0.com", token: "t" });
export const user = await getUser(client, { id: "auth0|123" });
export const page = await listUsers(client, { include_totals: true });
export const users = await listUsers(client, { per_page: 10 });
export const walk = listUsers.all(client);
`;

const project = tscProject("auth0-edge-emit-");
afterAll(() => project.remove());

describe("a consumer's emitted declarations", () => {
  it("name the results' types (GetUserResult, the page type, the item type), not inline object literals", {
    timeout: 120_000,
  }, () => {
    const result = project.compile(
      { "consumer.ts": consumer },
      { ...USER_OPTIONS, declaration: true, emitDeclarationOnly: true, outDir: "out" },
    );
    expect(result.output).toBe("");
    expect(readFileSync(join(project.dir, "out/consumer.d.ts"), "utf8")).toMatchInlineSnapshot(`
      "export declare const user: import("@auth0-edge/management/users").GetUserResult;
      export declare const page: import("@auth0-edge/management/users").ListUsersPage;
      export declare const users: import("@auth0-edge/management/users").UserResponseSchema[];
      export declare const walk: AsyncGenerator<import("@auth0-edge/management/users").UserResponseSchema, void, undefined>;
      "
    `);
  });
});
