import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, expectTypeOf, it } from "vitest";
import { updateBrandingTemplateUniversalLogin } from "../src/generated/branding.js";
import { listConnections } from "../src/generated/connections.js";
import { createJobUsersImport } from "../src/generated/jobs.js";
import { operations } from "../src/generated/operations.js";
import { listRoles } from "../src/generated/roles.js";
import { changeTicketPassword } from "../src/generated/tickets.js";
import {
  createUser,
  deleteUser,
  getUser,
  listUserRoles,
  listUsers,
  updateUser,
} from "../src/generated/users.js";
import {
  type AnyOperationEntry,
  createManagementClient,
  InvalidInputError,
  ManagementApiError,
} from "../src/index.js";
import type { Input, Output } from "../src/operation-types.js";
import { documentOperationIds, packageDir } from "./support/oas.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

function clientWith(fetch: typeof globalThis.fetch) {
  return createManagementClient({ domain: DOMAIN, token: "a-token", fetch });
}

describe("the operations table", () => {
  it("has 452 entries, one per operation of the document", () => {
    const ids = Object.keys(operations);
    expect(ids).toHaveLength(452);
    expect(ids).toEqual(documentOperationIds());
  });

  it("calls through the same function its resource module exports", async () => {
    for (const [id, entry] of Object.entries(operations)) {
      const subpath = entry.group.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const file = pathToFileURL(join(packageDir, `src/generated/${subpath}.ts`)).href;
      const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      expect(module[entry.name], id).toBe(entry.call);
    }
  });

  it("describes an operation by its request descriptor, scopes, group, name, lifecycle and pagination", () => {
    const { call, ...entry } = operations.get_users_by_id;
    expect(entry).toEqual({
      operationId: "get_users_by_id",
      method: "GET",
      path: "/users/{id}",
      params: { id: "path", fields: "query", include_fields: "query" },
      group: "users",
      name: "getUser",
      scopes: ["read:users", "read:current_user", "read:user_idp_tokens"],
      lifecycle: "GA",
      pagination: null,
    });
    expect(call).toBe(getUser);
    expect(operations.patch_users_by_id.params).toEqual({
      id: "path",
      "auth0-custom-domain": "header",
      body: "json",
    });
    expect(operations["post_users-imports"].params.body).toBe("multipart");
    expect(operations.get_users.pagination).toBe("offset");
    expect(operations.get_users.call).toBe(listUsers);
    expect(operations.get_logs.pagination).toBe("offset+checkpoint");
    expect(operations.get_organization_member_effective_roles.pagination).toBe("checkpoint");
    expect(operations.get_users_by_id.pagination).toBeNull();
    expect(operations.get_experiments.lifecycle).toBe("beta");
    expect(operations["get_connection-profiles"].lifecycle).toBeNull();
  });

  it("drives any operation generically", async () => {
    const api = scriptedFetch([json({ user_id: "auth0|1" })]);
    const table: Record<string, AnyOperationEntry> = operations;
    const id: string = "get_users_by_id";
    await expect(table[id]!.call(clientWith(api.fetch), { id: "auth0|1" })).resolves.toEqual({
      user_id: "auth0|1",
    });
    expect(api.sent[0]!.url.pathname).toBe("/api/v2/users/auth0%7C1");
  });
});

describe("the calling convention fn(client, input?, options?)", () => {
  it("fills path parameters (percent-encoded) and sends the rest of the input as the query", async () => {
    const api = scriptedFetch([json({ user_id: "auth0|123" })]);
    const user = await getUser(clientWith(api.fetch), {
      id: "auth0|123",
      fields: "user_id,email",
      include_fields: true,
    });
    expect(user).toEqual({ user_id: "auth0|123" });
    const url = api.sent[0]!.url;
    expect(url.pathname).toBe("/api/v2/users/auth0%7C123");
    expect([...url.searchParams]).toEqual([
      ["fields", "user_id,email"],
      ["include_fields", "true"],
    ]);
  });

  it("repeats the key of an array query parameter (form, explode), as Auth0 expects", async () => {
    const api = scriptedFetch([json([])]);
    await listConnections(clientWith(api.fetch), { strategy: ["auth0", "samlp"], per_page: 5 });
    expect(api.sent[0]!.url.search).toBe("?strategy=auth0&strategy=samlp&per_page=5");
  });

  it("leaves out query parameters that are undefined", async () => {
    const api = scriptedFetch([json([])]);
    await listUsers(clientWith(api.fetch), { q: undefined, page: 0 });
    expect(api.sent[0]!.url.search).toBe("?page=0");
  });

  it("adds extra query parameters from options.query, the input's own parameters winning", async () => {
    const api = scriptedFetch([json([])]);
    await listUsers(clientWith(api.fetch), { page: 1 }, { query: { page: 9, undeclared: "x" } });
    expect(Object.fromEntries(api.sent[0]!.url.searchParams)).toEqual({
      page: "1",
      undeclared: "x",
    });
  });

  it("sends `body` as JSON and a header parameter as a header", async () => {
    const api = scriptedFetch([json({ user_id: "auth0|1" }, 201)]);
    await createUser(clientWith(api.fetch), {
      "auth0-custom-domain": "login.example.com",
      body: { connection: "Username-Password-Authentication", email: "ada@example.com" },
    });
    const sent = api.sent[0]!;
    expect(sent.method).toBe("POST");
    expect(sent.url.search).toBe("");
    expect(sent.headers.get("auth0-custom-domain")).toBe("login.example.com");
    expect(sent.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(sent.body!)).toEqual({
      connection: "Username-Password-Authentication",
      email: "ada@example.com",
    });
  });

  it("sends a string body as a JSON string, such as the universal login template", async () => {
    const api = scriptedFetch([new Response(null, { status: 204 })]);
    await updateBrandingTemplateUniversalLogin(clientWith(api.fetch), {
      body: "<html>{%- auth0:head -%}</html>",
    });
    expect(api.sent[0]!.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(api.sent[0]!.body!)).toBe("<html>{%- auth0:head -%}</html>");
  });

  it("needs no input when nothing in it is required", async () => {
    const api = scriptedFetch([json([{ id: "rol_1", name: "admin" }])]);
    await expect(listRoles(clientWith(api.fetch))).resolves.toEqual([
      { id: "rol_1", name: "admin" },
    ]);
    expect(api.sent[0]!.url.href).toBe(`https://${DOMAIN}/api/v2/roles`);
  });

  it("resolves to undefined for an answer without a body", async () => {
    const api = scriptedFetch([new Response(null, { status: 204 })]);
    await expect(deleteUser(clientWith(api.fetch), { id: "auth0|1" })).resolves.toBeUndefined();
    expect(api.sent[0]!.method).toBe("DELETE");
  });

  it("applies per-call options: extra headers, and an abort with its reason", async () => {
    const api = scriptedFetch([json({})]);
    await updateUser(
      clientWith(api.fetch),
      { id: "auth0|1", body: { blocked: true } },
      { headers: { "x-trace": "t-1" } },
    );
    expect(api.sent[0]!.headers.get("x-trace")).toBe("t-1");
    const reason = new Error("stop");
    await expect(
      getUser(clientWith(api.fetch), { id: "auth0|1" }, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(api.sent).toHaveLength(1);
  });

  it("turns an HTTP error into a ManagementApiError with Auth0's fields", async () => {
    const api = scriptedFetch([
      json(
        {
          statusCode: 404,
          error: "Not Found",
          message: "The user does not exist.",
          errorCode: "inexistent_user",
        },
        404,
      ),
    ]);
    const error = await getUser(clientWith(api.fetch), { id: "auth0|0" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({ statusCode: 404, errorCode: "inexistent_user" });
  });

  it("refuses an input that is not an object, and a missing path parameter, before sending", async () => {
    const api = scriptedFetch([json({})]);
    const client = clientWith(api.fetch);
    await expect(getUser(client, "auth0|1" as never)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(getUser(client, {} as never)).rejects.toBeInstanceOf(InvalidInputError);
    expect(api.sent).toHaveLength(0);
  });

  it("refuses an input key the operation does not declare, naming the keys it takes, before sending", async () => {
    const api = scriptedFetch([json({})]);
    const client = clientWith(api.fetch);
    const unknown = getUser(client, { id: "auth0|1", qq: "x" } as never);
    await expect(unknown).rejects.toBeInstanceOf(InvalidInputError);
    await expect(unknown).rejects.toThrow("`input.qq` must be one of id, fields, include_fields");
    // A body where the operation takes none, and a name every object inherits.
    await expect(getUser(client, { id: "auth0|1", body: {} } as never)).rejects.toThrow(
      "`input.body` must be one of id, fields, include_fields",
    );
    await expect(
      getUser(client, JSON.parse('{"id":"auth0|1","constructor":"x"}')),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(listRoles(client, { page: 0, perPage: 10 } as never)).rejects.toThrow(
      "`input.perPage` must be one of per_page, page, include_totals, name_filter",
    );
    expect(api.sent).toHaveLength(0);
  });

  it("sends an undeclared query parameter given in options.query", async () => {
    const api = scriptedFetch([json({})]);
    await getUser(clientWith(api.fetch), { id: "auth0|1" }, { query: { qq: "x" } });
    expect(api.sent[0]!.url.search).toBe("?qq=x");
  });

  it("sends the users import as multipart form data", async () => {
    let body: unknown;
    const client = clientWith(async (_url, init) => {
      body = init?.body;
      return json({ id: "job_1", type: "users_import", status: "pending" }, 202);
    });
    const job = await createJobUsersImport(client, {
      body: { users: "[]", connection_id: "con_0123456789abcdef" },
    });
    expect(job).toMatchObject({ id: "job_1" });
    expect(body).toBeInstanceOf(FormData);
  });
});

describe("the types of generated functions", () => {
  it("are the document's: input by API names, output from the 2xx schema", () => {
    expectTypeOf<Input<"get_users_by_id">>().toEqualTypeOf<{
      id: string;
      fields?: string;
      include_fields?: boolean;
    }>();
    expectTypeOf<Output<"delete_users_by_id">>().toEqualTypeOf<undefined>();
    expectTypeOf<Awaited<ReturnType<typeof getUser>>>().toEqualTypeOf<Output<"get_users_by_id">>();
    expectTypeOf<Output<"get_users_by_id">>().toHaveProperty("user_id");
    expectTypeOf<Input<"post_users">>().toHaveProperty("body");
    expectTypeOf<Input<"post_ticket">>().toHaveProperty("auth0-custom-domain");
    expectTypeOf(changeTicketPassword)
      .parameter(1)
      .toEqualTypeOf<Input<"post_password-change"> | undefined>();
  });

  it("make input required exactly when something in it is required", () => {
    expectTypeOf(listRoles.all).parameter(1).toEqualTypeOf<Input<"get_roles"> | undefined>();
    expectTypeOf(getUser).parameter(1).toEqualTypeOf<Input<"get_users_by_id">>();
    expectTypeOf(createUser).parameter(1).toEqualTypeOf<Input<"post_users">>();
    if (false as boolean) {
      const client = clientWith(fetch);
      // @ts-expect-error `id` is a path parameter, so `input` is required
      void getUser(client);
      // @ts-expect-error an unknown input key is a type error
      void getUser(client, { id: "a", unknown: 1 });
      // @ts-expect-error the users import takes its body (with `users`)
      void createJobUsersImport(client, {});
    }
  });

  it("type the items of .all from the list's answer", () => {
    type Role = NonNullable<Extract<Output<"get_user_roles">, readonly unknown[]>[number]>;
    expectTypeOf(listUserRoles.all).returns.toEqualTypeOf<AsyncGenerator<Role, void, undefined>>();
    expectTypeOf(listUserRoles.all).parameter(1).toEqualTypeOf<Input<"get_user_roles">>();
  });
});
